/// Wraps prose to a terminal width at word boundaries, with a hanging indent.
public enum TextWrapper {
  /// - Parameters:
  ///   - text: one paragraph (newlines inside are kept as line breaks).
  ///   - width: the total width, indent included (at least 20 is honoured).
  ///   - indent: printed before the first line.
  ///   - hangingIndent: printed before the following lines (defaults to spaces as wide as `indent`).
  public static func wrap(
    _ text: String, width: Int, indent: String = "", hangingIndent: String? = nil
  ) -> String {
    let hanging = hangingIndent ?? String(repeating: " ", count: visibleLength(indent))
    let width = max(20, width)
    var lines: [String] = []
    for (n, paragraphLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = n == 0 ? indent : hanging
      var lineHasWord = false
      for word in paragraphLine.split(separator: " ", omittingEmptySubsequences: true) {
        if lineHasWord && visibleLength(line) + 1 + visibleLength(word) > width {
          lines.append(line)
          line = hanging
          lineHasWord = false
        }
        if lineHasWord { line += " " }
        line += word
        lineHasWord = true
        // A single word longer than the width is broken so nothing runs off screen.
        while visibleLength(line) > width, !line.contains("\u{1B}") {
          let cut = line.index(line.startIndex, offsetBy: width)
          lines.append(String(line[..<cut]))
          line = hanging + line[cut...]
        }
      }
      lines.append(line)
    }
    return lines.map(\.trimmedTrailing).joined(separator: "\n")
  }

  /// Columns `text` takes on a terminal: its characters, less ANSI escape sequences (`ESC [ ... m`
  /// styling), which take none. Styled text is measured as the trainee sees it.
  package static func visibleLength(_ text: some StringProtocol) -> Int {
    guard text.contains("\u{1B}") else { return text.count }
    var count = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        count += 1
      }
    }
    return count
  }
}
