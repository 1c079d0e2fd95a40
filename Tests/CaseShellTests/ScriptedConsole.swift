import CaseSessions
import CaseShell
import Foundation
import Synchronization

/// A console that answers prompts from a script and keeps everything written, so tests can
/// drive the play loop exactly as a trainee would and read the transcript.
final class ScriptedConsole: Console {
  /// Answers to the `> ` and library prompts, in order.
  var commands: [String]
  /// The rationale typed at every `because> ` prompt.
  var rationale: String
  /// Ends input (Ctrl-D) once `commands` runs out.
  private(set) var transcript = ""
  private(set) var prompts: [String] = []
  let width = 80
  let colour = false
  var isInteractive = false
  /// Rows of the pretend screen; the default has room for anything, so nothing is paged.
  var height = Int.max
  /// Stands in for `$PAGER`: given the text, returns whether it was shown. Nil: no pager set.
  var externalPager: ((String) -> Bool)?

  init(_ commands: [String], rationale: String = "Because the child comes first.") {
    self.commands = commands
    self.rationale = rationale
  }

  func readLine(prompt: String, remember: Bool) -> ConsoleInput {
    prompts.append(prompt)
    transcript += prompt
    // A long passage held a screenful at a time: read on, as a trainee would, without using up
    // the script (tests of that hold look at `prompts`).
    if prompt.contains("press Enter to read on") {
      transcript += "\n"
      return .line("")
    }
    if prompt == "because> " {
      transcript += rationale + "\n"
      return .line(rationale)
    }
    guard !commands.isEmpty else {
      transcript += "<EOF>\n"
      return .endOfInput
    }
    let line = commands.removeFirst()
    transcript += line + "\n"
    return .line(line)
  }

  func write(_ text: String) { transcript += text }
  func setCompletions(_ table: CompletionTable) {}
  func runExternalPager(_ text: String) -> Bool { externalPager?(text) ?? false }
}

/// A clock that advances a fixed step at every reading, so timings are deterministic.
final class SteppingClock: SessionClock {
  private let milliseconds = Mutex(0)

  func now() -> Date { Date(timeIntervalSince1970: 1_800_000_000 + Double(tick()) / 1000) }
  func monotonicMilliseconds() -> Int { tick() }

  private func tick() -> Int {
    milliseconds.withLock { value in
      value += 1500
      return value
    }
  }
}
