import CaseAuthoring
import CaseFormat

/// Positions as the protocol counts them (0-based lines, UTF-16 code units) and as CaseSim does
/// (1-based lines and columns, one column a character), on the same lines the parser splits.
struct TextPositions {
  let lines: [String]

  init(_ text: String) {
    lines = SourceLine.lines(of: text).map(\.text)
  }

  /// The protocol position of a 1-based line and character column.
  func position(line: Int, column: Int) -> JSONValue {
    let index = max(0, line - 1)
    guard index < lines.count else { return .object(["line": .int(index), "character": .int(0)]) }
    let characters = Array(lines[index])
    let prefix = String(characters.prefix(max(0, column - 1)))
    return .object(["line": .int(index), "character": .int(prefix.utf16.count)])
  }

  /// The range of `length` characters from a location.
  func range(_ location: SourceLocation, length: Int) -> JSONValue {
    .object([
      "start": position(line: location.line, column: location.column),
      "end": position(line: location.line, column: location.column + max(0, length)),
    ])
  }

  /// The 0-based character index (not UTF-16) of a protocol position, and its line's text.
  func characterIndex(_ position: JSONValue?) -> (line: Int, index: Int, text: String)? {
    guard let line = position?["line"]?.intValue, let unit = position?["character"]?.intValue,
      line >= 0, line < lines.count
    else { return nil }
    let text = lines[line]
    var units = 0
    var index = 0
    for character in text {
      if units >= unit { break }
      units += character.utf16.count
      index += 1
    }
    return (line, index, text)
  }

  /// True for a character that can be part of an id or a name (what completion completes).
  static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "_" }
}
