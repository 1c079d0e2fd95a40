import CaseFormat
import Foundation

/// Shows text taller than the screen without letting it scroll away unread.
///
/// Two kinds of text need it. Reference text (the full debrief, the case file, the guidance
/// catalog, a long history) goes through the trainee's own pager when `$PAGER` is set, or else a
/// page at a time with a "more" prompt where `q` stops and returns to the game. A passage is
/// different: its options come last and must end up on screen above the prompt, so a long passage
/// is shown a screenful at a time, each held until Enter, and never cut short.
///
/// Only a person at a terminal is paged: piped input and output get every line at once, exactly
/// as before, so scripts and transcripts do not change.
struct Pager {
  let console: any Console

  /// The rows `text` takes at `width` columns: each line wraps, and ANSI styling takes no room.
  static func rows(_ text: String, width: Int) -> Int {
    var rows = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + self.rows(of: $1, width: width) }
    // A final newline ends the last line; it does not start another.
    if text.hasSuffix("\n") { rows -= 1 }
    return rows
  }

  /// The rows one line takes: at least one, more where the terminal wraps it.
  static func rows(of line: Substring, width: Int) -> Int {
    let width = max(1, width)
    return max(1, (TextWrapper.visibleLength(line) + width - 1) / width)
  }

  /// Rows one page may fill: the screen less the row the "more" prompt needs.
  private var pageRows: Int { max(4, console.height - 1) }

  /// True when `text` would scroll off the top of the screen before it could be read.
  func isTooTall(_ text: String) -> Bool {
    console.isInteractive && Self.rows(text, width: console.width) > pageRows
  }

  /// Reference text: written whole when it fits (or nobody is at a terminal); otherwise through
  /// `$PAGER`, or the built-in pager when there is none or it could not be run.
  func page(_ text: String) {
    guard isTooTall(text) else {
      console.write(text)
      return
    }
    if console.runExternalPager(text) { return }
    showPages(text, stoppable: true)
  }

  /// A passage: written whole when it fits; otherwise a screenful at a time, each held until
  /// Enter, and always to the end, so the options are on screen when the prompt comes.
  func readOn(_ text: String) {
    guard isTooTall(text) else {
      console.write(text)
      return
    }
    showPages(text, stoppable: false)
  }

  /// The built-in pager: whole lines, a screenful at a time. Lines longer than the screen is wide
  /// were already wrapped by whoever made the text; a page counts the rows each line takes.
  private func showPages(_ text: String, stoppable: Bool) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let endsWithNewline = text.hasSuffix("\n")
    if endsWithNewline { lines.removeLast() }
    let width = console.width
    let total = lines.count
    var index = 0
    while index < total {
      var rows = 0
      var page: [Substring] = []
      while index < total {
        let lineRows = Self.rows(of: lines[index], width: width)
        if !page.isEmpty && rows + lineRows > pageRows { break }
        page.append(lines[index])
        rows += lineRows
        index += 1
      }
      let isLast = index >= total
      console.write(page.joined(separator: "\n") + (isLast && !endsWithNewline ? "" : "\n"))
      if isLast { return }
      let percent = index * 100 / total
      let prompt =
        stoppable
        ? "-- more (\(percent)%): Enter to read on, q to stop -- "
        : "-- more (\(percent)%): press Enter to read on -- "
      switch console.readLine(prompt: prompt, remember: false) {
      case .endOfInput:
        // Input has ended: nobody is left to page for; what remains is written at once.
        console.write(lines[index...].joined(separator: "\n") + (endsWithNewline ? "\n" : ""))
        return
      case .line(let answer):
        if stoppable, ["q", "quit"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) { return }
      }
    }
  }
}
