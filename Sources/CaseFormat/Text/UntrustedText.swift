/// Scenario and guidance text is untrusted: it comes from other trainers and agencies.
///
/// Printed raw, control characters could rewrite the screen, set the clipboard or make the
/// terminal type into the shell. Every piece of file-derived text goes through `escaped(_:)`
/// before it reaches a terminal; the characters are replaced by visible escapes (`^[`, `\u{202E}`)
/// rather than silently dropped, so authors see the problem and `casesim check` can point at it.
public enum UntrustedText {
  /// True for characters that must never reach a terminal as they are: C0 controls except tab and
  /// newline, DEL, C1 controls, the bidirectional overrides used in "Trojan Source" attacks, and
  /// the invisible zero-width characters (U+200B, U+200D, U+2060, U+FEFF) that make
  /// `st\u{200B}art` look exactly like `start` in a message.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: false
    case 0x00...0x1F, 0x7F, 0x80...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    case 0x200B, 0x200D, 0x2060, 0xFEFF: true
    default: false
    }
  }

  /// JSON text with every unsafe character written as a `\uXXXX` escape. The result means the
  /// same to a JSON reader, but a terminal or log viewer that shows it raw sees only ASCII where
  /// a control character was. (JSONEncoder escapes C0 controls, not DEL, C1 or bidi controls.)
  public static func jsonEscaped(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: isUnsafe) else { return json }
    var out = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      guard isUnsafe(scalar), scalar.value > 0x1F else {
        out.append(scalar)
        continue
      }
      let hex = String(scalar.value, radix: 16, uppercase: true)
      out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
    }
    return String(out)
  }

  /// The text with every unsafe character replaced by a visible, inert escape.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard isUnsafe(scalar) else {
        out.append(scalar)
        continue
      }
      let visible: String
      switch scalar.value {
      case 0x00...0x1F: visible = "^" + String(Unicode.Scalar(UInt8(scalar.value) + 0x40))
      case 0x7F: visible = "^?"
      default:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        visible = "\\u{" + hex + "}"
      }
      out.append(contentsOf: visible.unicodeScalars)
    }
    return String(out)
  }

  /// The 1-based character column of the first unsafe character, if any.
  public static func firstUnsafeColumn(in line: String) -> Int? {
    guard line.unicodeScalars.contains(where: isUnsafe) else { return nil }
    for (offset, character) in line.enumerated()
    where character.unicodeScalars.contains(where: isUnsafe) {
      return offset + 1
    }
    return nil
  }
}
