/// One physical line of a source file, split into indentation and content, with the columns
/// needed to point diagnostics at any part of it.
public struct SourceLine: Sendable {
  public let number: Int
  /// The whole line as written.
  public let text: String
  public let characters: [Character]
  /// Index of the first non-blank character (tabs and spaces count one column each).
  public let indent: Int
  /// The line without its indentation and trailing blanks.
  public let content: String

  /// The lines of a text, numbered from 1, split exactly as the parser splits them (so tools
  /// that rewrite files, such as the formatter, see the same lines).
  public static func lines(of text: String) -> [SourceLine] {
    splitLines(text).enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
  }

  public init(number: Int, text: Substring) {
    self.number = number
    self.text = String(text)
    // Most lines are ASCII, where every byte is a character: skip grapheme breaking for them.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      self.characters = text.utf8.map { Character(Unicode.Scalar($0)) }
    } else {
      self.characters = Array(text)
    }
    var i = 0
    while i < characters.count, characters[i] == " " || characters[i] == "\t" { i += 1 }
    self.indent = i
    // Sliced from the text, not rebuilt from characters: the leading blanks are one byte each.
    let body = text.utf8.index(text.utf8.startIndex, offsetBy: i)
    self.content = String(text[body...]).trimmedTrailing
  }

  public var isBlank: Bool { indent == characters.count }
  public var isComment: Bool { content.hasPrefix("//") }
}

/// Splits text into lines on `\n`, `\r\n` or `\r`, working on UTF-8 bytes for speed (line
/// breaks are ASCII, so a byte split never cuts a character).
func splitLines(_ text: String) -> [Substring] {
  var lines: [Substring] = []
  let utf8 = text.utf8
  var start = utf8.startIndex
  var i = utf8.startIndex
  while i < utf8.endIndex {
    let byte = utf8[i]
    if byte == 0x0A || byte == 0x0D {
      lines.append(text[start..<i])
      var next = utf8.index(after: i)
      if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
      i = next
      start = i
    } else {
      i = utf8.index(after: i)
    }
  }
  if start < utf8.endIndex { lines.append(text[start..<utf8.endIndex]) }
  return lines
}

extension String {
  var trimmedTrailing: String {
    var s = Substring(self)
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return String(s)
  }

  var trimmed: String {
    var s = Substring(self)
    while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return String(s)
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
    c.isASCII && (c.isLowercase || c.isNumber || c == "-" || c.isUppercase || c == "_")
  }
}
