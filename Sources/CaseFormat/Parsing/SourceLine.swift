import Foundation

/// One physical line of a source file, split into indentation and content, with the columns
/// needed to point diagnostics at any part of it.
///
/// Columns count `Character`s, as editors do. Almost every line of a scenario is ASCII, where a
/// character is a byte, so such a line is read as a slice of the file's UTF-8 bytes: no per-line
/// copy, no grapheme breaking, and substrings made straight from bytes. Only a line holding
/// other characters pays for an array of `Character`s, so its columns stay exact. (Building that
/// array for every line was most of the time of loading the library.)
public struct SourceLine: Sendable {
  public let number: Int
  /// The line's UTF-8 bytes, a slice of the whole file's (shared, not copied).
  let utf8: ArraySlice<UInt8>
  /// The characters of a line that is not all ASCII; nil for an ASCII line.
  private let wide: [Character]?
  /// Index of the first non-blank character (tabs and spaces count one column each).
  public let indent: Int
  /// The line without its indentation and trailing blanks.
  public let content: String

  /// The lines of a text, numbered from 1, split exactly as the parser splits them (so tools
  /// that rewrite files, such as the formatter, see the same lines).
  public static func lines(of text: String) -> [SourceLine] {
    let bytes = Array(text.utf8)
    return LineRanges(bytes).enumerated().map { SourceLine(number: $0.offset + 1, utf8: bytes[$0.element]) }
  }

  public init(number: Int, text: Substring) {
    self.init(number: number, utf8: ArraySlice(text.utf8))
  }

  /// A line from its bytes, which must be valid UTF-8 with no line break.
  init(number: Int, utf8: ArraySlice<UInt8>) {
    self.number = number
    self.utf8 = utf8
    var blanks = 0
    var isASCII = true
    for byte in utf8 {
      if byte >= 0x80 {
        isASCII = false
        break
      }
    }
    if isASCII {
      wide = nil
      let start = utf8.startIndex
      var i = start
      while i < utf8.endIndex, utf8[i] == 0x20 || utf8[i] == 0x09 { i += 1 }
      blanks = i - start
      var end = utf8.endIndex
      while end > i, utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09 { end -= 1 }
      content = String(decoding: utf8[i..<end], as: UTF8.self)
    } else {
      let text = String(decoding: utf8, as: UTF8.self)
      let characters = Array(text)
      wide = characters
      while blanks < characters.count, characters[blanks] == " " || characters[blanks] == "\t" {
        blanks += 1
      }
      // Sliced from the text, not rebuilt from characters: the leading blanks are one byte each.
      let body = text.utf8.index(text.utf8.startIndex, offsetBy: blanks)
      content = String(text[body...]).trimmedTrailing
    }
    indent = blanks
  }

  /// A line kept only as its bytes, for one too long to read: the syntax tree still holds it (and
  /// so gives back the file exactly) without the cost of splitting it into characters.
  init(unread number: Int, utf8: ArraySlice<UInt8>) {
    self.number = number
    self.utf8 = utf8
    wide = nil
    indent = 0
    content = ""
  }

  /// The whole line as written.
  public var text: String { String(decoding: utf8, as: UTF8.self) }

  /// The line's characters, one per column.
  public var characters: [Character] { wide ?? utf8.map { Character(Unicode.Scalar($0)) } }

  /// How many columns the line has.
  public var count: Int { wide?.count ?? utf8.count }

  /// The character in column `index + 1`.
  public subscript(index: Int) -> Character {
    if let wide { return wide[index] }
    return Character(Unicode.Scalar(utf8[utf8.startIndex + index]))
  }

  /// True when column `index + 1` holds the ASCII character `ascii` (a quick test for the
  /// punctuation the parser looks for).
  func has(_ ascii: Unicode.Scalar, at index: Int) -> Bool {
    guard index >= 0, index < count else { return false }
    if let wide { return wide[index] == Character(ascii) }
    return utf8[utf8.startIndex + index] == UInt8(ascii.value)
  }

  /// True when column `index + 1` is a space or a tab.
  func isBlank(at index: Int) -> Bool { has(" ", at: index) || has("\t", at: index) }

  /// The text of the columns in `range`.
  public func text(_ range: Range<Int>) -> String {
    if let wide { return String(wide[range]) }
    let start = utf8.startIndex
    return String(decoding: utf8[(start + range.lowerBound)..<(start + range.upperBound)], as: UTF8.self)
  }

  /// The text from column `start + 1` to the end of the line.
  public func text(from start: Int) -> String { text(start..<count) }

  /// The 1-based column of the first character that must not reach a terminal as it is, if any
  /// (see ``UntrustedText/isUnsafe(_:)``).
  var firstUnsafeColumn: Int? {
    guard wide == nil else { return UntrustedText.firstUnsafeColumn(in: text) }
    for (offset, byte) in utf8.enumerated() where (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F {
      return offset + 1
    }
    return nil
  }

  /// The first column at or after `start` that is not a space (nor a tab, unless `tabs` is
  /// false), or the line's end: where the next part of a line begins.
  func columnAfterBlanks(from start: Int, tabs: Bool = true) -> Int {
    var column = start
    while column < count, has(" ", at: column) || (tabs && has("\t", at: column)) { column += 1 }
    return column
  }

  /// The column where `text` first appears at or after column `start`, so a diagnostic about
  /// part of a line points at that part; nil when it does not appear.
  func column(of text: String, from start: Int) -> Int? {
    let characters = characters
    let needle = Array(text)
    guard !needle.isEmpty else { return nil }
    var column = start
    while column + needle.count <= characters.count {
      if Array(characters[column..<(column + needle.count)]) == needle { return column }
      column += 1
    }
    return nil
  }

  public var isBlank: Bool { indent == count }
  public var isComment: Bool { content.hasPrefix("//") }
}

/// The lines of UTF-8 bytes as ranges, split on `\n`, `\r\n` or `\r` (line breaks are ASCII, so
/// a byte split never cuts a character). One pass and no copies: every reader of source text
/// splits this way, so they all agree on line numbers.
struct LineRanges: Sequence, IteratorProtocol {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func next() -> Range<Int>? {
    let end = bytes.count
    guard position < end else { return nil }
    let start = position
    return bytes.withUnsafeBufferPointer { buffer in
      var i = start
      while i < end {
        let byte = buffer[i]
        if byte == 0x0A || byte == 0x0D {
          position = i + 1
          if byte == 0x0D, position < end, buffer[position] == 0x0A { position += 1 }
          return start..<i
        }
        i += 1
      }
      position = end
      return start..<end
    }
  }
}

extension String {
  /// True when every byte is ASCII, where a character is one byte and byte-wise work gives the
  /// same answer as character-wise work, only much faster.
  var isASCII: Bool {
    utf8.withContiguousStorageIfAvailable { bytes in
      var combined: UInt8 = 0
      for byte in bytes { combined |= byte }
      return combined < 0x80
    } ?? utf8.allSatisfy { $0 < 0x80 }
  }

  var trimmedTrailing: String { trimmingBlanks(leading: false) }

  var trimmed: String { trimmingBlanks(leading: true) }

  /// Without the spaces and tabs at its end (and at its start, if `leading`); ASCII text is
  /// trimmed byte by byte.
  private func trimmingBlanks(leading: Bool) -> String {
    guard isASCII else {
      var s = Substring(self)
      if leading { while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() } }
      while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
      return String(s)
    }
    let bytes = utf8
    var start = bytes.startIndex
    if leading {
      while start < bytes.endIndex, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
    }
    var end = bytes.endIndex
    while end > start {
      let before = bytes.index(before: end)
      guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
      end = before
    }
    return start == bytes.startIndex && end == bytes.endIndex ? self : String(self[start..<end])
  }
}

extension String {
  /// Where `needle` last occurs, as `range(of:options: .backwards)` finds it; an ASCII string is
  /// searched byte by byte, without Foundation's character comparison.
  func lastRange(of needle: String) -> Range<String.Index>? {
    guard isASCII, needle.isASCII else { return range(of: needle, options: .backwards) }
    let haystack = Array(utf8)
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, pattern.count <= haystack.count else { return nil }
    var start = haystack.count - pattern.count
    while start >= 0 {
      if haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: pattern.count)
      }
      start -= 1
    }
    return nil
  }
}

extension Character {
  /// `isLetter`, answered without the Unicode tables for ASCII.
  package var isLetterQuickly: Bool {
    if let ascii = asciiValue { return (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x41 && ascii <= 0x5A) }
    return isLetter
  }

  /// `isNumber`, answered without the Unicode tables for ASCII.
  package var isNumberQuickly: Bool {
    if let ascii = asciiValue { return ascii >= 0x30 && ascii <= 0x39 }
    return isNumber
  }
}

/// Kebab-case identifiers: a lowercase letter, then lowercase letters, digits and hyphens.
public enum Identifier {
  public static func isValid(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
      && !s.hasSuffix("-")
  }

  static func isIDCharacter(_ c: Character) -> Bool {
    guard let ascii = c.asciiValue else { return false }
    switch ascii {
    case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D, 0x5F: return true
    default: return false
    }
  }
}
