@preconcurrency import CReadline
import Foundation
import Synchronization

/// GNU readline, for a person at a terminal: line editing, history kept across runs, Tab
/// completion from a word list, and Ctrl-C that drops the current line instead of killing the
/// program. This is the only file that touches readline's C globals.
public final class LineEditor {
  private let historyPath: String?

  /// - Parameter historyPath: where history is read at start and appended after each line
  ///   (so a killed program loses none of it); nil keeps history in memory only.
  public init(applicationName: String, historyPath: String?) {
    self.historyPath = historyPath
    ensureUTF8CType()
    rl_readline_name = UnsafePointer(strdup(applicationName))
    rl_attempted_completion_function = attemptedCompletion
    using_history()
    stifle_history(1000)
    if let historyPath {
      let directory = (historyPath as NSString).deletingLastPathComponent
      try? FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      _ = read_history(historyPath)
    }
    installInterruptHandler()
  }

  /// True when readline should be used: both stdin and stdout are terminals and TERM is usable.
  public static var isTerminal: Bool {
    guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return false }
    return ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// Reads one line; nil at Ctrl-D on an empty line. The line is not added to the history:
  /// call `remember(_:)` for lines worth recalling (commands, not private text).
  public func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    return String(cString: raw)
  }

  /// Adds a line to the history, in memory and appended to the history file at once (so a
  /// killed program loses none of it).
  public func remember(_ line: String) {
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(line)
      if let historyPath {
        if FileManager.default.fileExists(atPath: historyPath) {
          _ = append_history(1, historyPath)
        } else {
          _ = write_history(historyPath)
          chmod(historyPath, 0o600)
        }
        _ = history_truncate_file(historyPath, 1000)
      }
    }
  }

  /// Replaces what Tab offers. The completer receives the words before the one being completed
  /// and that word's beginning, and returns the candidates, so completion can depend on context
  /// (commands first, then scenario ids after `play`, guidance ids after `guidance`...).
  public func setCompleter(_ completer: @escaping @Sendable ([String], String) -> [String]) {
    activeCompleter.withLock { $0 = completer }
  }

  /// Columns of the terminal: the window size, then $COLUMNS, then 80.
  public static func terminalColumns() -> Int { windowDimension(\.ws_col, variable: "COLUMNS", fallback: 80) }

  /// Rows of the terminal: the window size, then $LINES, then 24.
  public static func terminalRows() -> Int { windowDimension(\.ws_row, variable: "LINES", fallback: 24) }

  /// One dimension of standard output's window, asked afresh (the window may have been resized),
  /// else the environment variable a shell sets, else the classic terminal's size.
  private static func windowDimension(_ part: KeyPath<winsize, UInt16>, variable: String, fallback: Int) -> Int {
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size[keyPath: part] > 0 {
      return Int(size[keyPath: part])
    }
    if let value = ProcessInfo.processInfo.environment[variable], let n = Int(value), n > 0 {
      return n
    }
    return fallback
  }
}

// MARK: Completion

/// What Tab offers; replaced when the context changes.
private let activeCompleter = Mutex<(@Sendable ([String], String) -> [String])?>(nil)
/// The words before the one being completed, captured for the generator.
private let precedingWords = Mutex<[String]>([])
/// readline calls the generator with state 0, 1, 2... for one completion.
private let generatorState = Mutex<(matches: [String], next: Int)>(([], 0))

private func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
  if state == 0 {
    let prefix = text.map { String(cString: $0) } ?? ""
    let completer = activeCompleter.withLock { $0 }
    let before = precedingWords.withLock { $0 }
    let matches = completer?(before, prefix).filter { $0.hasPrefix(prefix) } ?? []
    generatorState.withLock { $0 = (matches, 0) }
  }
  return generatorState.withLock { s in
    guard s.next < s.matches.count else { return nil }
    defer { s.next += 1 }
    return strdup(s.matches[s.next])
  }
}

private func attemptedCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
  -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
  rl_attempted_completion_over = 1  // never fall back to file names
  var before: [String] = []
  if let buffer = rl_line_buffer, start > 0 {
    let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(start))
    before = String(decoding: bytes, as: UTF8.self).split(separator: " ").map(String.init)
  }
  precedingWords.withLock { $0 = before }
  return rl_completion_matches(text, completionGenerator)
}

// MARK: Ctrl-C

/// Ctrl-C while typing drops the line and gives a fresh prompt, as in bash. readline's own handler
/// runs first and re-raises to this one at a safe point; only C calls happen here.
private let onInterrupt: @convention(c) (Int32) -> Void = { _ in
  if casesim_rl_is_reading() != 0 {
    rl_free_line_state()
    using_history()
    rl_replace_line("", 1)
    _ = write(STDOUT_FILENO, "\n", 1)
    rl_on_new_line()
    rl_redisplay()
  }
}

private func installInterruptHandler() {
  // A parent may have started us with SIGINT blocked (some process launchers pass their mask
  // on); unblock it so Ctrl-C reaches readline.
  var set = sigset_t()
  sigemptyset(&set)
  sigaddset(&set, SIGINT)
  pthread_sigmask(SIG_UNBLOCK, &set, nil)
  var action = sigaction()
  action.__sigaction_handler.sa_handler = onInterrupt
  sigemptyset(&action.sa_mask)
  action.sa_flags = 0
  sigaction(SIGINT, &action, nil)
}

/// readline edits bytes, not characters, under the C locale; use UTF-8 when the environment
/// names no UTF-8 locale (CI, containers, `env -i`). Only LC_CTYPE: numbers stay in C format.
private func ensureUTF8CType() {
  if setlocale(LC_CTYPE, "") != nil, String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8" { return }
  if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "C.utf8") }
}
