/// ANSI styling, applied only to text that is already escaped and only when colour is allowed.
struct TerminalStyle {
  var enabled: Bool

  func bold(_ s: String) -> String { sgr("1", s) }
  func dim(_ s: String) -> String { sgr("2", s) }
  func red(_ s: String) -> String { sgr("1;31", s) }
  func green(_ s: String) -> String { sgr("32", s) }
  func yellow(_ s: String) -> String { sgr("33", s) }
  func cyan(_ s: String) -> String { sgr("36", s) }

  private func sgr(_ code: String, _ s: String) -> String {
    enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }
}
