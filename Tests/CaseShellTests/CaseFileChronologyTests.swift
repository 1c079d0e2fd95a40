import CaseRecords
import CaseFormat
import CaseShell
import CaseTestSupport
import Foundation
import Testing

/// `case` shows the case file as a chronology: facts in the order they happened, whatever the
/// order they were revealed in, then the undated ones; after the first look, what is new is marked.
@Suite("The case file as a chronology")
struct CaseFileChronologyTests {
  static let scenario = Fixtures.load(
    Fixtures.header() + """
      == start
      @fact Fri 17:05 | The school rings.
      @fact Last week | Amy tells the pastoral lead about an older boyfriend.
      @fact Amy's attendance is 74%.
      The call comes in.
      * Look into it -> checks
        + see-child-alone 1
      == checks
      @fact 4 weeks ago, Sat 02:50 | Police find Amy in a car with two men.
      @fact Strategy discussion [Mon 09:00] | Agreed for Monday morning.
      Checks come back.
      * Go on -> end
        + see-child-alone 1
      == end
      @ending safe | Done
      Done.
      @lesson L.

      """, path: "chronology.case").scenario

  @Test("facts revealed out of order are listed in time order, brackets unseen, undated last; [new] marks only what came since the last look")
  func chronologyWithNewMarks() throws {
    let console = ScriptedConsole(["", "case", "1", "case", "quit"])
    let play = PlaySession(
      scenario: Self.scenario, guidance: Fixtures.guidance, store: InMemoryRecordStore(), console: console,
      clock: SteppingClock(), trainee: "t", role: "social-worker", mode: .practice, debriefDirectory: nil,
      writtenOrder: true)
    _ = play.runNew()
    let looks = console.transcript.components(separatedBy: "\nCase file")
    #expect(looks.count == 3, "two looks at the case file")
    let first = looks[1].components(separatedBy: "\n> ")[0]
    let second = looks[2].components(separatedBy: "\n> ")[0]
    // First look: in time order, no marks.
    #expect(first.hasPrefix(" (in time order)\n"))
    #expect(!first.contains("[new]"))
    let lastWeek = try #require(first.range(of: "Last week: Amy tells"))
    let friday = try #require(first.range(of: "Fri 17:05: The school rings."))
    #expect(lastWeek.lowerBound < friday.lowerBound, "revealed second, happened first")
    // Second look: the older facts revealed since are placed before, marked; the bracket unseen.
    #expect(second.hasPrefix(" (in time order; [new] since you last looked)\n"))
    let lines = second.split(separator: "\n").map(String.init)
    #expect(
      lines.filter { $0.hasPrefix("  * ") } == [
        "  * [new] 4 weeks ago, Sat 02:50: Police find Amy in a car with two men.",
        "  * Last week: Amy tells the pastoral lead about an older boyfriend.",
        "  * [new] Strategy discussion: Agreed for Monday morning.",
        "  * Fri 17:05: The school rings.",
        "  * Amy's attendance is 74%.",
      ])
    #expect(second.contains("Not dated\n  * Amy's attendance is 74%."))
    #expect(!console.transcript.contains("[Mon 09:00]"), "the order hint is never shown")
  }
}
