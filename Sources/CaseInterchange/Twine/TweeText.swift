import CaseAuthoring
import CaseFormat
import Foundation

/// Small text helpers shared by the importer: cleaning untrusted text for a `.case` file and
/// quoting it in messages.
enum TweeText {
  /// The longest excerpt of code or a name quoted in a message.
  static let maximumExcerpt = 60

  /// `text` on one line, control characters removed, cut to a readable length.
  static func excerpt(_ text: String, limit: Int = maximumExcerpt) -> String {
    let flat = collapsedSpaces(removingControlCharacters(text.replacingOccurrences(of: "\n", with: " ")).text)
    guard flat.count > limit else { return flat }
    return String(flat.prefix(limit - 1)) + "…"
  }

  /// The text without terminal control characters (tabs become spaces), and whether any were
  /// removed. A `.case` file would only show them escaped; they carry nothing a trainee needs.
  static func removingControlCharacters(_ text: String) -> (text: String, removed: Bool) {
    guard text.unicodeScalars.contains(where: { UntrustedText.isUnsafe($0) || $0 == "\t" }) else {
      return (text, false)
    }
    var removed = false
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\t" {
        out.append(" ")
      } else if UntrustedText.isUnsafe(scalar) {
        removed = true
      } else {
        out.append(scalar)
      }
    }
    return (String(out), removed)
  }

  /// Runs of spaces made one space, and the ends trimmed.
  static func collapsedSpaces(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    for character in text {
      if character == " " || character == "\t" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(character)
      }
    }
    return out
  }

  private static let entities: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—",
    "ndash": "–", "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    "pound": "£", "euro": "€", "copy": "©", "shy": "",
  ]

  /// HTML character references (`&amp;`, `&#8217;`) replaced by the characters they stand for.
  static func decodingEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var i = text.startIndex
    while i < text.endIndex {
      guard text[i] == "&", let semicolon = text[i...].prefix(12).firstIndex(of: ";") else {
        out.append(text[i])
        i = text.index(after: i)
        continue
      }
      let name = text[text.index(after: i)..<semicolon]
      var replacement: String?
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
      } else if name.hasPrefix("#") {
        replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
      } else {
        replacement = entities[String(name)]
      }
      if let replacement {
        out += replacement
        i = text.index(after: semicolon)
      } else {
        out.append(text[i])
        i = text.index(after: i)
      }
    }
    return out
  }

  /// Story variables a piece of JavaScript or macro code may change: `$name`, and
  /// `variables.name` / `State.variables.name` / `variables().name`.
  static func scriptVariables(_ code: String) -> [String] {
    var names = TweeAssignment.variablesMentioned(in: code)
    var rest = code[...]
    while let found = rest.range(of: "variables") {
      var after = rest[found.upperBound...]
      if after.hasPrefix("()") { after = after.dropFirst(2) }
      if after.hasPrefix(".") {
        let name = after.dropFirst().prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        if !name.isEmpty { names.append(String(name)) }
      }
      rest = rest[found.upperBound...]
    }
    return names
  }
}
