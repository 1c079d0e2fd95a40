import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("The engine: conditions, effects, roles, replay")
struct EngineTests {
  static let text = Fixtures.header(roles: "social-worker, police") + """
    flag visited
    counter trust = 1

    == start
    @fact Mon | First fact.
    Opening.
    {trust >= 2} Trusting line.
    {visited} Visited line.
    * Visit -> start-again
      + see-child-alone 2
      ~ set visited
      ~ trust += 2
    * {visited} Decide -> end-good
      + see-child-alone 1
    * Police only -> police-room
      @role police
      - see-child-alone 1
    * Wait -> end-bad
      - see-child-alone 3
      ! critical: Nobody saw the child.

    == start-again
    @fact Tue | Second fact.
    * Back -> start
      + see-child-alone 1

    == police-room
    @role police
    @fact Wed | Only police know this.
    Police-only prose.
    * Leave -> end-bad
      - see-child-alone 1

    == end-good
    @ending safe
    Good.

    == end-bad
    @ending unsafe
    Bad.
    """

  static let scenario: Scenario = {
    let loaded = Fixtures.load(text)
    precondition(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    return loaded.scenario
  }()

  let social = Engine(scenario: EngineTests.scenario, role: "social-worker")
  let police = Engine(scenario: EngineTests.scenario, role: "police")

  @Test("the start state has declared initial values and the start passage's facts")
  func startState() {
    let state = social.start()
    #expect(state.passageID == "start")
    #expect(state.flags == ["visited": false])
    #expect(state.counters == ["trust": 1])
    #expect(state.caseFile.map(\.fact.text) == ["First fact."])
    #expect(state.path == ["start"])
  }

  @Test("conditions decide visible prose and choices; roles filter choices")
  func visibility() {
    let state = social.start()
    #expect(social.visibleParagraphs(state) == ["Opening."])
    #expect(social.visibleChoices(state).map(\.index) == [1, 4])
    #expect(police.visibleChoices(state).map(\.index) == [1, 3, 4])
  }

  @Test("effects change state, and the changed state opens new prose and choices")
  func effects() throws {
    var state = try social.choose(1, in: social.start())
    #expect(state.passageID == "start-again")
    #expect(state.flags["visited"] == true)
    #expect(state.counters["trust"] == 3)
    state = try social.choose(1, in: state)
    #expect(social.visibleParagraphs(state) == ["Opening. Trusting line. Visited line."])
    #expect(social.visibleChoices(state).map(\.index) == [1, 2, 4])
    #expect(state.caseFile.map(\.fact.when) == ["Mon", "Tue"], "facts are revealed once, in order")
  }

  @Test("hidden or unknown choices cannot be taken")
  func refusesHiddenChoices() {
    #expect(throws: PlayError.choiceNotAvailable(passageID: "start", choiceIndex: 2)) {
      try social.choose(2, in: social.start())
    }
    #expect(throws: PlayError.choiceNotAvailable(passageID: "start", choiceIndex: 3)) {
      try social.choose(3, in: social.start())
    }
    #expect(throws: PlayError.choiceNotAvailable(passageID: "start", choiceIndex: 9)) {
      try social.choose(9, in: social.start())
    }
  }

  @Test("a passage for another role shows no prose or facts to this role")
  func rolePassages() throws {
    let state = try police.choose(3, in: police.start())
    #expect(police.visibleParagraphs(state) == ["Police-only prose."])
    #expect(state.caseFile.contains { $0.fact.text == "Only police know this." })
    let asSocialWorker = Engine(scenario: EngineTests.scenario, role: "social-worker")
    #expect(asSocialWorker.visibleParagraphs(state) == [])
  }

  @Test("an ending finishes play; nothing can be chosen after it")
  func ending() throws {
    let state = try social.choose(4, in: social.start())
    #expect(social.isFinished(state))
    #expect(throws: PlayError.scenarioFinished) { try social.choose(1, in: state) }
  }

  @Test("replaying the recorded decisions gives exactly the state of the original play")
  func replayEqualsOriginal() throws {
    var state = social.start()
    var events: [PlayEvent] = []
    for index in [1, 1, 2] {
      let decision = TakenDecision(passageID: state.passageID, choiceIndex: index)
      state = try social.choose(index, in: state)
      events.append(.choose(decision))
    }
    #expect(try social.replay(events) == state)
    #expect(state.passageID == "end-good")
    #expect(state.decisions.count == 3)
  }

  @Test("counters stay within their declared range")
  func counterRange() throws {
    let text = Fixtures.header() + "counter worry = 1 in 0..3\n== start\n* More -> start\n  + see-child-alone 1\n  ~ worry += 5\n* Less -> start\n  + see-child-alone 1\n  ~ worry -= 9\n* Stop -> end\n  + see-child-alone 1\n== end\n@ending safe\nDone.\n"
    let loaded = Fixtures.load(text)
    #expect(loaded.diagnostics == [])
    #expect(loaded.scenario.declarations["worry"]?.range == 0...3)
    let engine = Engine(scenario: loaded.scenario, role: "social-worker")
    let up = try engine.choose(1, in: engine.start())
    #expect(up.counters["worry"] == 3)
    let down = try engine.choose(2, in: up)
    #expect(down.counters["worry"] == 0)
    let bad = Fixtures.load(Fixtures.header() + "counter worry = 9 in 0..3\n== start\n@ending safe\nx\n")
    #expect(bad.diagnostics.contains { $0.code == .badCondition && $0.message.contains("outside its range") })
  }

  @Test("undo takes the last decision back; replay honours it")
  func undo() throws {
    let events: [PlayEvent] = [
      .choose(TakenDecision(passageID: "start", choiceIndex: 1)), .undo,
      .choose(TakenDecision(passageID: "start", choiceIndex: 4)),
    ]
    let state = try social.replay(events)
    #expect(state.passageID == "end-bad")
    #expect(state.flags["visited"] == false)
    #expect(try Engine.standingDecisions(events) == [TakenDecision(passageID: "start", choiceIndex: 4)])
    #expect(throws: PlayError.nothingToUndo) { try social.replay([.undo]) }
  }

  @Test("a record that no longer fits the scenario is refused, not half-applied")
  func mismatchedRecord() {
    let events: [PlayEvent] = [.choose(TakenDecision(passageID: "elsewhere", choiceIndex: 1))]
    #expect(throws: PlayError.notAtPassage(expected: "elsewhere", actual: "start")) {
      try social.replay(events)
    }
  }

  @Test("a loop that scores is found: its choices can be taken twice, and their points count once")
  func scoredLoop() throws {
    let space = StateSpace(engine: social)
    #expect(!space.isTruncated)
    // trust starts at 1 and each loop adds 2 up to the default bound of 100: a finite space.
    #expect(space.stateCount < 400)
    // The visit-and-back loop scores (+2 and +1), so a trainee could farm it: both choices are
    // reported, which is the checker's scored-loop error and play's refusal.
    let repeatable = Set(space.repeatableScoredChoices().map(\.text))
    #expect(repeatable == ["Visit", "Back"])
  }

  @Test("the optimum is exact on loops that score nothing: a loop is never gone round for points")
  func optimumWithLoops() throws {
    // a -> b -> a loops (unscored); b -> win (+5); a -> lose (-1). The old depth-first search could
    // settle b before a was done; over components the answer is exact.
    let text = Fixtures.header() + "== a\n* Ask again -> b\n* Give up -> lose\n  - see-child-alone 1\n== b\n* Back -> a\n* Act -> win\n  + see-child-alone 5\n== win\n@ending safe | Won\nW.\n== lose\n@ending unsafe | Lost\nL.\n"
    let scenario = Fixtures.load(text, path: "loop.case").scenario
    let space = StateSpace(engine: Engine(scenario: scenario, role: "social-worker"))
    #expect(space.repeatableScoredChoices().isEmpty)
    let best = try #require(space.optimum(maximise: true) { $0.totalPoints })
    let worst = try #require(space.optimum(maximise: false) { $0.totalPoints })
    #expect(best.total == 5)
    #expect(worst.total == -1)
    #expect(space.choices(along: best.steps).map(\.text) == ["Ask again", "Act"])
    #expect(space.choices(along: worst.steps).map(\.text) == ["Give up"])
    // From b the best is still 5 (back to a costs nothing), and from a too.
    let values = PathOptimum.values(
      nodeCount: space.stateCount, start: 0, edgeStart: space.edgeStart, edgeTarget: space.edgeTarget,
      edgeLabel: space.edgeChoice, labelValue: space.compiled.choices.map(\.points), isTerminal: space.isEnding,
      maximise: true)
    #expect(values.compactMap { $0 }.sorted() == [0, 0, 5, 5])
  }
}
