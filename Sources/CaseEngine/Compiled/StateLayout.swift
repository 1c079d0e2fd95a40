/// How a play state's future-deciding part (passage, flags, counters) is packed into a few 64-bit
/// words, so that millions of states fit in memory and comparing or hashing one costs a few
/// machine instructions instead of walking string-keyed dictionaries.
///
/// Every value is a field of a fixed width within one word: the passage number, one bit per flag,
/// and for a counter the offset from its lower bound in as many bits as its range needs (a counter
/// kept within 0...4 takes 3 bits). A field never straddles two words.
package struct StateLayout: Sendable, Equatable {
  /// One packed value: its word, its position in the word and its width, and (for counters) the
  /// lowest value it can hold, which is stored as 0.
  package struct Field: Sendable, Equatable {
    package var word: Int
    package var shift: UInt64
    /// The field's bits, already shifted into place.
    package var mask: UInt64
    package var lower: Int
    package var upper: Int

    /// The value held in `words`.
    @inline(__always)
    package func read(_ words: UnsafePointer<UInt64>) -> Int {
      lower &+ Int(truncatingIfNeeded: (words[word] & mask) >> shift)
    }

    /// Stores `value`, which the caller has kept within `lower...upper`.
    @inline(__always)
    package func write(_ value: Int, _ words: UnsafeMutablePointer<UInt64>) {
      let stored = (UInt64(truncatingIfNeeded: value &- lower) << shift) & mask
      words[word] = (words[word] & ~mask) | stored
    }
  }

  /// The passage number.
  package let passage: Field
  /// One field per flag, numbered as in ``CompiledScenario/flagNames``.
  package let flags: [Field]
  /// One field per counter, numbered as in ``CompiledScenario/counterNames``.
  package let counters: [Field]
  /// How many words a packed state takes.
  package let wordCount: Int

  /// - Parameters:
  ///   - passageCount: passages are numbered `0..<passageCount`.
  ///   - flagCount: how many flags.
  ///   - counterRanges: the range each counter is kept within.
  package init(passageCount: Int, flagCount: Int, counterRanges: [ClosedRange<Int>]) {
    var word = 0
    var used: UInt64 = 0
    func place(lower: Int, upper: Int) -> Field {
      let span = UInt64(truncatingIfNeeded: upper &- lower)
      let width = UInt64(64 - span.leadingZeroBitCount)
      if used + width > 64 {
        word += 1
        used = 0
      }
      let mask = width == 64 ? UInt64.max : ((UInt64(1) << width) - 1) << used
      let field = Field(word: word, shift: used, mask: mask, lower: lower, upper: upper)
      used += width
      return field
    }
    passage = place(lower: 0, upper: max(0, passageCount - 1))
    flags = (0..<flagCount).map { _ in place(lower: 0, upper: 1) }
    counters = counterRanges.map { place(lower: $0.lowerBound, upper: $0.upperBound) }
    wordCount = word + 1
  }
}
