import CaseFormat
import CaseRecords
import CaseShell
import Foundation
import Testing

/// Messages wider than the screen are wrapped between words at a terminal, so the terminal never
/// cuts a word, an id or a time in two; piped output is written as it is.
@Suite("Messages fit the screen")
struct MessageFittingTests {
  static let retryWhich =
    "Say which decision to go back to: retry N (the progress line above the options gives each decision's number)."

  @Test("at a terminal a long message is wrapped between words under its indent; what fits, and a pipe, are untouched")
  func fitted() {
    let screen = ScriptedConsole([])
    screen.isInteractive = true
    let lines = screen.fitted("  " + Self.retryWhich).split(separator: "\n")
    #expect(lines.count == 2 && lines.allSatisfy { $0.count <= 80 && $0.hasPrefix("  ") })
    #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == Self.retryWhich)
    let table = "Session   Started     Scenario"
    #expect(screen.fitted(table) == table)
    let pipe = ScriptedConsole([])
    #expect(pipe.fitted(Self.retryWhich) == Self.retryWhich)
  }

  @Test("play's messages at an 80-column terminal: 'retry' and 'retry 1' are wrapped, no line wider than the screen")
  func playMessages() {
    let console = ScriptedConsole(["", "retry", "1", "", "retry 1", "quit"])
    console.isInteractive = true
    let session = PlaySession(
      scenario: PlaySessionTests.duty, guidance: PlaySessionTests.guidance, store: InMemoryRecordStore(),
      console: console, clock: SteppingClock(), trainee: "tester", role: PlaySessionTests.duty.header.roles[0],
      mode: .practice, debriefDirectory: nil, writtenOrder: true)
    _ = session.runNew()
    let lines = console.transcript.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
    let words = Set(lines.flatMap { $0.split(separator: " ") })
    let back = "Back to decision 1, to take it again (the retry is recorded; your debrief reviews the decisions that stand)."
    for word in (Self.retryWhich + " " + back).split(separator: " ") {
      #expect(words.contains(word), "'\(word)' is cut or missing")
    }
  }
}
