import CaseRecords
import CaseFormat
import CaseScoring
import CaseShell
import Foundation
import Testing

/// At a terminal, text taller than the screen never scrolls away unread: reference text (the full
/// debrief, the case file, guidance) is paged, by `$PAGER` when set or a page at a time with `q`
/// to stop; a long passage is shown a screenful at a time and always to its options. Piped play is
/// never paged.
@Suite("Paging at a terminal")
struct PagerTests {
  static let morePrefix = "-- more ("

  /// Plays duty-desk-friday's worst path in assessment on a screen `height` rows tall; `after`
  /// answers every prompt after the last decision (the hold after the ending, the calm pause, the
  /// full debrief's question, and any "more" prompts).
  func play(height: Int, interactive: Bool = true, after: [String], pager: ((String) -> Bool)? = nil) throws
    -> ScriptedConsole
  {
    let console = ScriptedConsole([""] + PlaySessionTests.worstPath + after)
    console.isInteractive = interactive
    console.height = height
    console.externalPager = pager
    let session = PlaySession(
      scenario: PlaySessionTests.duty, guidance: PlaySessionTests.guidance, store: InMemoryRecordStore(),
      console: console, clock: SteppingClock(), trainee: "tester", role: PlaySessionTests.duty.header.roles[0],
      mode: .assessment, debriefDirectory: nil, writtenOrder: true)
    let result = session.runNew()
    guard case .finished = result else {
      Issue.record("the worst path should finish: \(result)\n\(console.transcript.suffix(1500))")
      return console
    }
    return console
  }

  /// The transcript with the pager's prompts (and the answers typed at them) taken out.
  static func withoutMorePrompts(_ transcript: String) -> String {
    transcript.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix(morePrefix) }.joined(separator: "\n")
  }

  @Test("the full debrief comes a page at a time, each page fits the screen, and q stops it")
  func debriefPagedAndStopped() throws {
    // Plenty of Enters: each goes on a page; the whole debrief is then shown.
    let whole = try play(height: 24, after: Array(repeating: "", count: 60))
    let mores = whole.prompts.filter { $0.hasPrefix(Self.morePrefix) && $0.contains("q to stop") }
    #expect(mores.count >= 3, "a debrief of 250+ lines takes several pages of 23")
    // Between two "more" prompts, at most 23 rows: the page and the prompt fill 24.
    let afterSummary = try #require(whole.transcript.range(of: "Press Enter for the full debrief"))
    let pages = whole.transcript[afterSummary.upperBound...].components(separatedBy: "\n" + Self.morePrefix)
    for page in pages.dropFirst().dropLast() {
      let rows = page.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()  // the prompt's own line
      #expect(rows.count <= 23, "a page of \(rows.count) rows:\n\(page)")
    }
    // Paged, nothing is lost: the same debrief as one written whole.
    let unpaged = try play(height: Int.max, after: ["", "", ""])
    #expect(Self.withoutMorePrompts(whole.transcript).hasSuffix(unpaged.transcript.suffix(4000)))

    // q at the first "more" prompt: back to the game, the rest unshown.
    let stopped = try play(height: 24, after: ["", "", "", "q"])
    #expect(stopped.prompts.filter { $0.contains("q to stop") }.count == 1)
    let lastLine = unpaged.transcript.split(separator: "\n").last { !$0.isEmpty }.map(String.init) ?? ""
    #expect(!lastLine.isEmpty && !stopped.transcript.hasSuffix(lastLine + "\n"))
  }

  @Test("$PAGER, when set, shows the full debrief instead of the built-in pager")
  func externalPager() throws {
    var shown = ""
    let console = try play(height: 24, after: ["", "", ""]) { text in
      shown = text
      return true
    }
    #expect(shown.contains("DEBRIEF: Duty desk, Friday 16:40"))
    #expect(!console.prompts.contains { $0.contains("q to stop") })
    #expect(!console.transcript.contains("DEBRIEF: Duty desk, Friday 16:40"))

    // A pager that cannot be run: the built-in one takes over.
    let fallback = try play(height: 24, after: Array(repeating: "", count: 60)) { _ in false }
    #expect(fallback.prompts.contains { $0.contains("q to stop") })
    #expect(fallback.transcript.contains("DEBRIEF: Duty desk, Friday 16:40"))
  }

  @Test("a passage taller than the screen is held a screenful at a time and always reaches its options")
  func longPassage() throws {
    // 12 rows: the opening passage with its facts and options is taller than that.
    let console = try play(height: 12, after: Array(repeating: "", count: 80))
    let readOn = console.prompts.filter { $0.contains("press Enter to read on") }
    #expect(!readOn.isEmpty)
    // A passage's hold has no q: its options always come before the prompt.
    let cut = ScriptedConsole(["", "quit"])
    cut.isInteractive = true
    cut.height = 12
    let session = PlaySession(
      scenario: PlaySessionTests.duty, guidance: PlaySessionTests.guidance, store: InMemoryRecordStore(),
      console: cut, clock: SteppingClock(), trainee: "tester", role: PlaySessionTests.duty.header.roles[0],
      mode: .practice, debriefDirectory: nil, writtenOrder: true)
    _ = session.runNew()
    let firstPrompt = try #require(cut.transcript.range(of: "\n> "))
    let beforePrompt = cut.transcript[..<firstPrompt.lowerBound]
    #expect(beforePrompt.contains("  1. "), "the options are shown before the first prompt")
    #expect(cut.prompts.contains { $0.contains("press Enter to read on") })
  }

  @Test("piped play is never paged, however small the screen claims to be")
  func pipedIsNotPaged() throws {
    let console = try play(height: 5, interactive: false, after: [])
    #expect(!console.prompts.contains { $0.hasPrefix(Self.morePrefix) })
    #expect(console.transcript.contains("DEBRIEF: Duty desk, Friday 16:40"))
  }
}
