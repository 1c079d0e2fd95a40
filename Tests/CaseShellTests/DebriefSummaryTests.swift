import CaseFormat
import CaseRecords
import CaseScoring
import CaseShell
import CaseTestSupport
import Foundation
import Testing

/// At a terminal the debrief opens with one screen (ending, grade, critical decisions, the three
/// weakest principles, what the review found); the long debrief follows on request. Piped play
/// gets the whole debrief at once, as before.
@Suite("The debrief in brief at a terminal")
struct DebriefSummaryTests {
  /// Plays duty-desk-friday's worst path in assessment; `after` answers the prompts after the end.
  func play(interactive: Bool, after: [String]) throws -> ScriptedConsole {
    let console = ScriptedConsole([""] + PlaySessionTests.worstPath + after)
    console.isInteractive = interactive
    let session = PlaySession(
      scenario: PlaySessionTests.duty, guidance: PlaySessionTests.guidance, store: InMemoryRecordStore(),
      console: console, clock: SteppingClock(), trainee: "tester", role: PlaySessionTests.duty.header.roles[0],
      mode: .assessment, debriefDirectory: nil, writtenOrder: true)
    guard case .finished = session.runNew() else {
      Issue.record("the worst path should finish\n\(console.transcript.suffix(1500))")
      return console
    }
    return console
  }

  static let full = "DEBRIEF: Duty desk, Friday 16:40"
  static let brief = "DEBRIEF IN BRIEF: Duty desk, Friday 16:40"

  @Test("a summary that fits a screen, then the full debrief on Enter")
  func summaryThenFull() throws {
    let console = try play(interactive: true, after: ["", "", ""])
    let transcript = console.transcript
    let brief = try #require(transcript.range(of: Self.brief))
    let prompt = try #require(transcript.range(of: "Press Enter for the full debrief, or type 'done' to skip it: "))
    let full = try #require(transcript.range(of: Self.full))
    #expect(brief.upperBound < prompt.lowerBound && prompt.upperBound < full.lowerBound)
    let summary = transcript[brief.lowerBound..<prompt.lowerBound]
    var lines = summary.split(separator: "\n", omittingEmptySubsequences: false)
    while lines.last?.isEmpty == true { lines.removeLast() }
    #expect(lines.count <= 21, "one screen at 80x24, with the prompt: \(lines.count) lines\n\(summary)")
    #expect(lines.allSatisfy { $0.count <= 80 })
    #expect(summary.contains("Grade: Unsafe practice."))
    #expect(summary.contains("Critical decisions:") && summary.contains("  ! Decision "))
    #expect(summary.contains("Where you fell furthest short of the best playthrough:"))
    #expect(summary.contains("What the review found:"))
  }

  @Test("'done' skips the long debrief; piped play gets the whole debrief with no summary and no question")
  func skipAndPiped() throws {
    let skipped = try play(interactive: true, after: ["", "", "done"])
    #expect(skipped.transcript.contains(Self.brief))
    #expect(!skipped.transcript.contains(Self.full))
    let piped = try play(interactive: false, after: [])
    #expect(piped.transcript.contains(Self.full))
    #expect(!piped.transcript.contains(Self.brief))
    #expect(!piped.prompts.contains { $0.hasPrefix("Press Enter for the full debrief") })
  }

  @Test("the weakest principles are those furthest below the best playthrough, at most three, largest gap first")
  func weakest() {
    func principle(_ id: String, _ earned: Int, _ best: Int) -> PrincipleResult {
      PrincipleResult(id: id, title: id, citation: "", earned: earned, bestPath: best)
    }
    let results = [principle("a", 2, 2), principle("b", -1, 3), principle("c", 0, 1), principle("d", 0, 4), principle("e", 1, 2)]
    #expect(DebriefRenderer.weakest(results).map(\.id) == ["b", "d", "c"])
  }
}
