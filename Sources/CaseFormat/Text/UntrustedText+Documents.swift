/// Untrusted text written into documents other programs read: web pages and spreadsheets.
extension UntrustedText {
  /// The text safe as HTML element content or a double- or single-quoted attribute value: the
  /// five characters HTML gives meaning (`& < > " '`) are written as character references, and
  /// unsafe characters (see ``isUnsafe(_:)``) as their visible escapes, so a name such as
  /// `<script>` is shown, never run.
  public static func html(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in escaped(text) {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// One CSV field as RFC 4180 writes it, guarded against spreadsheet formula injection.
  ///
  /// A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (or can
  /// become one) to a spreadsheet, so it is prefixed with `'` (OWASP's advice); numbers the
  /// report itself writes are passed as `number` and never prefixed. A field holding a comma, a
  /// double quote, a line break or a leading or trailing space is quoted, with quotes doubled.
  public static func csvField(_ text: String) -> String {
    var field = text
    if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      field = "'" + field
    }
    let needsQuotes = field.contains { ",\"\n\r".contains($0) } || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacing("\"", with: "\"\"") + "\""
  }
}
