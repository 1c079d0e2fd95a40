import CaseAuthoring
import CaseFormat
import Foundation

/// A change to a story variable found in a passage, such as Harlowe's `(set: $metAmy to true)`.
///
/// Only the simplest kind can be carried faithfully into a `.case` file: a true/false value given
/// to a variable unconditionally, each time a passage is shown (or a link is followed). Those
/// become a declared flag and `~ set` / `~ clear` effects on the choices into the passage; every
/// other change makes the variable "unfaithful" and none of its changes are converted.
struct TweeAssignment: Sendable, Equatable {
  /// The variable's name without its sigil (`metAmy` for `$metAmy`).
  var variable: String
  var value: Bool
  var location: SourceLocation
  /// The code as written, for messages.
  var code: String

  /// Reads `$a to true, $b to false` (Harlowe, SugarCube; SugarCube also allows `=`). Returns nil
  /// unless every part is such a simple assignment.
  static func parseList(_ arguments: String, location: SourceLocation, code: String) -> [TweeAssignment]? {
    let parts = splitTopLevel(arguments, on: ",")
    guard !parts.isEmpty else { return nil }
    var result: [TweeAssignment] = []
    for part in parts {
      let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
      guard words.count == 3, words[1] == "to" || words[1] == "=",
        words[0].hasPrefix("$"), isVariableName(words[0].dropFirst()),
        words[2] == "true" || words[2] == "false"
      else { return nil }
      result.append(
        TweeAssignment(variable: String(words[0].dropFirst()), value: words[2] == "true", location: location, code: code))
    }
    return result
  }

  /// Reads a Chapbook vars-section line, `name: true`. Returns nil for anything else (a condition
  /// in parentheses, an expression, a number).
  static func parseChapbookVariable(_ line: String, location: SourceLocation) -> TweeAssignment? {
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let name = line[..<colon].trimmingCharacters(in: .whitespaces)
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard isVariableName(Substring(name)), value == "true" || value == "false" else { return nil }
    return TweeAssignment(
      variable: name, value: value == "true", location: location, code: line.trimmingCharacters(in: .whitespaces))
  }

  /// Every `$name` mentioned in some code: the variables a change we cannot carry may touch.
  static func variablesMentioned(in code: String) -> [String] {
    var names: [String] = []
    let characters = Array(code)
    var i = 0
    while i < characters.count {
      guard characters[i] == "$" else {
        i += 1
        continue
      }
      var j = i + 1
      while j < characters.count, characters[j].isASCII,
        characters[j].isLetter || characters[j].isNumber || characters[j] == "_"
      {
        j += 1
      }
      if j > i + 1 { names.append(String(characters[(i + 1)..<j])) }
      i = j
    }
    return names
  }

  static func isVariableName(_ name: Substring) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }

  /// Splits on `separator` outside quotes and brackets.
  static func splitTopLevel(_ text: String, on separator: Character) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for character in text {
      if let open = quote {
        current.append(character)
        if character == open { quote = nil }
        continue
      }
      switch character {
      case "\"", "'":
        quote = character
        current.append(character)
      case "(", "[", "{":
        depth += 1
        current.append(character)
      case ")", "]", "}":
        depth -= 1
        current.append(character)
      case separator where depth == 0:
        parts.append(current)
        current = ""
      default:
        current.append(character)
      }
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
  }
}
