/// Wraps prose to a terminal width at word boundaries, with a hanging indent.
///
/// It breaks lines only between words, and never inside one: an id, a path, a URL or a time is
/// a word, and a date with its time ("2026-12-07 06:52") counts as one. A word wider than the
/// screen is left whole on a line of its own for the terminal to run on, so that it can still be
/// read, copied and pasted as it is, rather than cut into pieces that look like two.
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
      for word in unbreakableWords(paragraphLine) {
        if lineHasWord && visibleLength(line) + 1 + visibleLength(word) > width {
          lines.append(line)
          line = hanging
          lineHasWord = false
        }
        if lineHasWord { line += " " }
        line += word
        lineHasWord = true
      }
      lines.append(line)
    }
    return lines.map(\.trimmedTrailing).joined(separator: "\n")
  }

  /// The words of one line, split at spaces, except that a date and the clock time after it
  /// (`2026-12-07 06:52`, and a `UTC` after that) stay together as one.
  static func unbreakableWords(_ line: Substring) -> [String] {
    var words: [String] = []
    for word in line.split(separator: " ", omittingEmptySubsequences: true) {
      if let last = words.last, isClockTime(word) && endsWithDate(last) || isZone(word) && endsWithClockTime(last) {
        words[words.count - 1] = last + " " + word
      } else {
        words.append(String(word))
      }
    }
    return words
  }

  /// `06:52` or `06:52:10`, perhaps ending a sentence (`06:52.`).
  private static func isClockTime(_ word: some StringProtocol) -> Bool {
    let core = word.prefix { $0.isNumber || $0 == ":" }
    guard word.dropFirst(core.count).allSatisfy(\.isPunctuation) else { return false }
    let parts = core.split(separator: ":", omittingEmptySubsequences: false)
    return (2...3).contains(parts.count) && parts.allSatisfy { $0.count == 2 }
  }

  /// `UTC`, perhaps ending a sentence.
  private static func isZone(_ word: some StringProtocol) -> Bool {
    word.hasPrefix("UTC") && word.dropFirst(3).allSatisfy(\.isPunctuation)
  }

  /// Ends in a clock time with nothing after it (so a zone may follow).
  private static func endsWithClockTime(_ word: String) -> Bool {
    guard let last = word.split(separator: " ").last else { return false }
    return isClockTime(last) && last.last?.isNumber == true
  }

  /// Ends in `yyyy-MM-dd`, as a date shown by CaseSim does.
  private static func endsWithDate(_ word: String) -> Bool {
    let tail = Array(word.suffix(10))
    guard tail.count == 10 else { return false }
    return tail.enumerated().allSatisfy { index, character in
      index == 4 || index == 7 ? character == "-" : character.isNumber
    }
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
