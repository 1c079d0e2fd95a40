/// Scenario and guidance text is untrusted: it comes from other trainers and agencies.
///
/// Printed raw, control characters could rewrite the screen, set the clipboard or make the
/// terminal type into the shell. Every piece of file-derived text goes through `escaped(_:)`
/// before it reaches a terminal; the characters are replaced by visible escapes (`^[`, `\u{202E}`)
/// rather than silently dropped, so authors see the problem and `casesim check` can point at it.
public enum UntrustedText {
  /// True for characters that must never reach a terminal as they are: C0 controls except tab and
  /// newline, DEL, C1 controls, and the bidirectional overrides used in "Trojan Source" attacks.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: false
    case 0x00...0x1F, 0x7F, 0x80...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
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
