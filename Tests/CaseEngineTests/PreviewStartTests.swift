import CaseEngine
import CaseFormat
import CaseTestSupport
import Testing

/// An author's preview starts at a passage with state set; the engine and the state space both
/// begin there.
@Suite("Previews from any point")
struct PreviewStartTests {
  static let scenario = Fixtures.load(
    Fixtures.header(guides: "practice-lessons")
      + "flag seen\ncounter worry = 0 in 0..3\n== start\n* Go -> middle\n  + see-child-alone 1\n  ~ set seen\n== middle\n{seen} You saw him.\n* {worry >= 2} Escalate -> done\n  + see-child-alone 1\n* Wait -> done\n  - see-child-alone 1\n== done\n@ending safe | Done\nDone.\n@lesson L.\n",
    path: "p.case"
  ).scenario

  @Test("the scenario starts where asked, with the flags and counters given; the rest keep their initial values")
  func startsThere() throws {
    let preview = try PreviewStart(passageID: "middle", flags: ["seen": true], counters: ["worry": 2]).applied(to: Self.scenario)
    let engine = Engine(scenario: preview, role: "social-worker")
    let state = engine.start()
    #expect(state.passageID == "middle")
    #expect(state.flags["seen"] == true && state.counters["worry"] == 2)
    #expect(engine.visibleParagraphs(state) == ["You saw him."])
    #expect(engine.visibleChoices(state).map(\.text) == ["Escalate", "Wait"])
    // The state space (and so the best score the debrief compares with) starts there too.
    let space = StateSpace(engine: engine)
    #expect(space.passageID(of: 0) == "middle")
    #expect(space.reachablePassageIDs == ["middle", "done"])
    // The scenario it came from is unchanged.
    #expect(Engine(scenario: Self.scenario, role: "social-worker").start().passageID == "start")
  }

  @Test(
    "a start that cannot be is refused in words, with a suggestion where one fits",
    arguments: [
      (PreviewStart(passageID: "midle"), "no passage 'midle' in 'fixture'; did you mean 'middle'?"),
      (PreviewStart(passageID: "middle", flags: ["worry": true]), "'worry' is not a flag of 'fixture'; its flags are seen"),
      (PreviewStart(passageID: "middle", counters: ["seen": 1]), "'seen' is not a counter of 'fixture'; its counters are worry"),
      (PreviewStart(passageID: "middle", counters: ["worry": 9]), "counter 'worry' is kept within 0..3; 9 is outside it"),
    ])
  func refused(start: PreviewStart, message: String) {
    #expect(performing: { try start.applied(to: Self.scenario) }, throws: { ($0 as? PreviewStart.Problem)?.description == message })
  }

  @Test("the summary says where and with what")
  func summary() {
    #expect(PreviewStart(passageID: "middle", flags: ["seen": true], counters: ["worry": 2]).summary == "'middle' with seen set, worry at 2")
    #expect(PreviewStart(passageID: "start").summary == "'start'")
  }
}
