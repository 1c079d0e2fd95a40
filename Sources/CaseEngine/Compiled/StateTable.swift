/// The numbers of packed states, found by their words: open addressing over a power-of-two array,
/// kept at most half full. Each slot holds a state's number with its hash, or with the state
/// itself when a state is one word (the usual case), so a probe reads one cache line and a
/// state's words are read only to confirm a match of hashes. About 32 bytes a state.
struct StateTable: Sendable {
  let wordCount: Int
  /// Pairs: the key (the state's one word, or its hash) and the state's number plus one (0: empty).
  private var entries: [UInt64]
  private(set) var count = 0

  init(wordCount: Int) {
    self.wordCount = wordCount
    entries = [UInt64](repeating: 0, count: 2 * 1024)
  }

  @inline(__always)
  private static func mix(_ value: UInt64) -> UInt64 {
    var hash = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 31)
  }

  /// What a slot keeps of a state: the word itself for one-word states, else a hash.
  @inline(__always)
  private func key(_ words: UnsafeBufferPointer<UInt64>) -> UInt64 {
    if wordCount == 1 { return words[0] }
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    for word in words { hash = Self.mix(hash ^ word) }
    return hash
  }

  /// The number of the state with these words, or -1.
  func find(_ state: [UInt64], in storage: [UInt64]) -> Int {
    state.withUnsafeBufferPointer { words in
      let key = key(words)
      return entries.withUnsafeBufferPointer { entries in
        storage.withUnsafeBufferPointer { stored in
          let mask = entries.count / 2 - 1
          var slot = Int(truncatingIfNeeded: Self.mix(key)) & mask
          while true {
            let number = entries[2 * slot + 1]
            if number == 0 { return -1 }
            if entries[2 * slot] == key {
              let found = Int(number) - 1
              if wordCount == 1 { return found }
              var equal = true
              for word in 0..<wordCount where stored[found * wordCount + word] != words[word] {
                equal = false
                break
              }
              if equal { return found }
            }
            slot = (slot + 1) & mask
          }
        }
      }
    }
  }

  /// Appends a state that is not yet in the table to `storage` and returns its number.
  mutating func insert(_ state: [UInt64], into storage: inout [UInt64]) -> Int {
    let number = count
    storage.append(contentsOf: state)
    count += 1
    if count * 2 > entries.count / 2 { grow() }
    place(number, key: state.withUnsafeBufferPointer { key($0) })
    return number
  }

  private mutating func place(_ number: Int, key: UInt64) {
    let mask = entries.count / 2 - 1
    var slot = Int(truncatingIfNeeded: Self.mix(key)) & mask
    while entries[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
    entries[2 * slot] = key
    entries[2 * slot + 1] = UInt64(number + 1)
  }

  private mutating func grow() {
    let old = entries
    entries = [UInt64](repeating: 0, count: old.count * 2)
    for slot in 0..<(old.count / 2) where old[2 * slot + 1] != 0 {
      place(Int(old[2 * slot + 1]) - 1, key: old[2 * slot])
    }
  }
}
