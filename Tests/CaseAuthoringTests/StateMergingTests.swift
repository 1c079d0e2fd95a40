import BigInt
import CaseAuthoring
import CaseInterchange
import CaseEngine
import CaseFormat
import CaseTestSupport
import Testing

/// States that differ only in values no later condition reads are one state, and nothing the
/// analysis reports changes: checked against the independent reference, which keeps every value.
@Suite("State merging: dead values dropped, every count and score exact")
struct StateMergingTests {
  /// A note flag set on one branch and never read again, and a counter overwritten before it is
  /// read: without merging, every passage after them is held twice or more.
  static let text = Fixtures.header(id: "merging", guides: "practice-lessons") + """
    flag noted
    flag told
    counter worry = 0 in 0..3
    == start
    * See the child alone and note it -> visit
      + see-child-alone 2
      ~ set noted
      ~ worry += 1
    * Telephone the parent -> visit
      - see-child-alone 1
      ~ worry += 2
    == visit
    * Tell the school -> weigh
      ~ set told
    * Keep it to yourself -> weigh
    == weigh
    * Start again from what you know -> review
      ~ worry = 1
    * Review the chronology -> review
      ~ worry = 2
    == review
    * {told} Share with the school -> done
      + see-child-alone 1
    * {worry >= 2} Escalate -> done
    * Close the case -> closed
      ! critical: leaves the child unseen
      - see-child-alone 2
    == done
    @ending safe | Done
    Done.
    @lesson L.
    == closed
    @ending unsafe | Closed
    Closed.
    @lesson L.
    """

  @Test("dead values are dropped: fewer states than the reference, the same paths, endings and score range")
  func mergedAndExact() throws {
    let loaded = Fixtures.load(Self.text, path: "merging.case")
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
    let analysis = ScenarioAnalysis(scenario: loaded.scenario, role: "social-worker")
    let reference = try ReferencePlay(json: ScenarioExporter.json(loaded.scenario), role: "social-worker")
    // The reference keeps noted and worry everywhere: 1 + 2 + 4 + 8 + 4 (ends) states.
    #expect(reference.stateCount > analysis.counts.reachableStates)
    // Merged: noted is dead from the start, worry is dead until weigh assigns it.
    #expect(analysis.counts.reachableStates == 1 + 1 + 2 + 4 + 2)
    #expect(analysis.pathCount == reference.pathCount())
    #expect(analysis.best?.total == reference.extreme(maximise: true))
    #expect(analysis.worst?.total == reference.extreme(maximise: false))
    #expect(Set(analysis.endings.filter(\.reachable).map(\.passageID)) == reference.reachableEndings)
  }

  @Test("sixteen flags each set by a looping choice: every state explored, no error, no truncation")
  func loopingFlagsExplored() {
    let loaded = Fixtures.load(Fixtures.loopingFlags(16), path: "flags.case")
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance)
    #expect(diagnostics.filter { $0.severity == .error } == [])
    #expect(!diagnostics.contains { $0.code == .analysisTruncated })
    let space = StateSpace(engine: Engine(scenario: loaded.scenario, role: "social-worker"))
    // 2^16 flag combinations at the start, and as many at the ending (its prose reads them all).
    #expect(space.stateCount == 2 * 65_536)
  }

  @Test("stopped by the number of transitions: the warning says which bound, and no error is guessed")
  func transitionBound() throws {
    let loaded = Fixtures.load(Fixtures.loopingFlags(12), path: "flags.case")
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance, transitionLimit: 2_000)
    #expect(diagnostics.filter { $0.severity == .error } == [])
    let truncated = try #require(diagnostics.first { $0.code == .analysisTruncated })
    #expect(truncated.message.contains("more than 2000 transitions between states"))
  }
}

/// The same against a game big enough to matter (the reference takes a while).
@Suite("State merging on a large game", .tags(.slow))
struct StateMergingSlowTests {
  @Test("a generated game whose flags matter to the end is analysed exactly, as the reference counts it")
  func lastingFlagsExact() throws {
    let text = try ScenarioGenerator(passages: 240, flags: 9, seed: 3, flagStyle: .lasting).generate()
    let loaded = Fixtures.load(text, path: "lasting.case")
    #expect(!loaded.diagnostics.hasErrors)
    let analysis = ScenarioAnalysis(scenario: loaded.scenario, role: "social-worker")
    let reference = try ReferencePlay(json: ScenarioExporter.json(loaded.scenario), role: "social-worker")
    #expect(!analysis.isTruncated)
    // Every flag is live until the last layer, where each passage reads only its own flags.
    #expect(analysis.counts.reachableStates < reference.stateCount)
    #expect(analysis.counts.reachableStates > 5_000)
    #expect(analysis.pathCount == reference.pathCount())
    #expect(analysis.best?.total == reference.extreme(maximise: true))
    #expect(analysis.worst?.total == reference.extreme(maximise: false))
  }
}
