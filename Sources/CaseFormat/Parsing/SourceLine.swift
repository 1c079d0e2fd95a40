/// One physical line of a source file, split into indentation and content, with the columns
/// needed to point diagnostics at any part of it.
struct SourceLine {
  let number: Int
  let characters: [Character]
  /// Index of the first non-blank character (tabs and spaces count one column each).
  let indent: Int

  init(number: Int, text: Substring) {
    self.number = number
    self.characters = Array(text)
    var i = 0
    while i < characters.count, characters[i] == " " || characters[i] == "\t" { i += 1 }
    self.indent = i
  }

  var text: String { String(characters) }
  var content: String { String(characters[indent...]).trimmedTrailing }
  var isBlank: Bool { indent == characters.count }
  var isComment: Bool { content.hasPrefix("//") }

  /// 1-based column of a character index.
  func column(_ index: Int) -> Int { index + 1 }
}

/// Splits text into lines on `\n`, `\r\n` or `\r`.
func splitLines(_ text: String) -> [Substring] {
  var lines: [Substring] = []
  var start = text.startIndex
  var i = text.startIndex
  while i < text.endIndex {
    let c = text[i]
    if c == "\n" || c == "\r\n" || c == "\r" {
      lines.append(text[start..<i])
      i = text.index(after: i)
      start = i
    } else {
      i = text.index(after: i)
    }
  }
  if start < text.endIndex { lines.append(text[start..<text.endIndex]) }
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
enum Identifier {
  static func isValid(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
      && !s.hasSuffix("-")
  }

  static func isIDCharacter(_ c: Character) -> Bool {
    c.isASCII && (c.isLowercase || c.isNumber || c == "-" || c.isUppercase || c == "_")
  }
}
