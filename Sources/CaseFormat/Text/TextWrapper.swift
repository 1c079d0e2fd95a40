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
    let hanging = hangingIndent ?? String(repeating: " ", count: indent.count)
    let width = max(20, width)
    var lines: [String] = []
    for (n, paragraphLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = n == 0 ? indent : hanging
      var lineHasWord = false
      for word in paragraphLine.split(separator: " ", omittingEmptySubsequences: true) {
        if lineHasWord && line.count + 1 + word.count > width {
          lines.append(line)
          line = hanging
          lineHasWord = false
        }
        if lineHasWord { line += " " }
        line += word
        lineHasWord = true
        // A single word longer than the width is broken so nothing runs off screen.
        while line.count > width {
          let cut = line.index(line.startIndex, offsetBy: width)
          lines.append(String(line[..<cut]))
          line = hanging + line[cut...]
        }
      }
      lines.append(line)
    }
    return lines.map(\.trimmedTrailing).joined(separator: "\n")
  }
}
