import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseScoring
import CaseSessions
import CaseTestSupport
import Foundation
import Synchronization
import Testing

@Suite("The session controller: intents in, values out, every event recorded first")
struct SessionControllerTests {
  /// Two decisions; only the first option at the start has a question of its own.
  static let scenario = Fixtures.load(
    Fixtures.header() + """
      == start
      Amy is at the door.
      * See Amy alone -> middle
        + see-child-alone 2
        ? Why see her alone?
      * Ring the school tomorrow -> middle
        - see-child-alone 1
      == middle
      Amy has spoken.
      * Visit again -> end
        + see-child-alone 1
      * Close the case -> closed
        - see-child-alone 2
      == end
      @ending safe | Seen
      Amy is safe.
      @lesson L.
      == closed
      @ending unsafe | Closed
      The case was closed.
      @lesson L.

      """, path: "controller.case").scenario

  func controller(_ store: any LocalRecordStore) -> SessionController {
    SessionController(
      scenario: Self.scenario, role: "social-worker", guidance: Fixtures.guidance, store: store,
      clock: FixedClock())
  }

  func plan(_ mode: PlayMode, order: OptionOrder = .written) -> SessionPlan {
    SessionPlan(trainee: "tester", role: "social-worker", mode: mode, order: order)
  }

  /// Chooses the shown option whose written index is `index`, answering any question with
  /// `reason`; returns what the decision did.
  func take(_ index: Int, in play: SessionController, reason: String = "The child comes first here.") throws -> DecisionTaken {
    let number = try #require(play.passage.options.first { $0.choiceIndex == index }?.number)
    var step = try play.choose(number)
    while true {
      switch step {
      case .askReason, .askMore: step = try play.giveReason(reason)
      case .taken(let taken): return taken
      }
    }
  }

  @Test("a full play: each option shown, a reason asked and nudged once, the ending debriefed from the record")
  func fullPlay() throws {
    let store = try SQLiteRecordStore.inMemory()
    let play = controller(store)
    #expect(play.refusal == nil)
    let record = try play.start(plan(.assessment))
    let start = play.show()
    #expect(start.paragraphs == ["Amy is at the door."])
    #expect(start.options.map(\.text) == ["See Amy alone", "Ring the school tomorrow"])
    #expect(start.options.map(\.number) == [1, 2])
    // Assessment asks every option the same neutral question: only one option has its own.
    #expect(start.options.allSatisfy { $0.reasonQuestion == Engine.defaultRationalePrompt })

    #expect(throws: SessionProblem.noSuchOption(count: 2)) { try play.choose(3) }
    #expect(try play.choose(1) == .askReason(question: Engine.defaultRationalePrompt))
    guard case .taken(let first) = try play.giveReason("  Seeing her alone lets her speak.  ") else {
      Issue.record("expected the decision to be taken")
      return
    }
    #expect(first.feedback == nil, "assessment keeps feedback for the debrief")
    #expect(!first.reachedEnding)
    #expect(play.passage.passageID == "middle")

    #expect(try play.choose(1) == .askReason(question: Engine.defaultRationalePrompt))
    #expect(try play.giveReason("safety") == .askMore)
    guard case .taken(let second) = try play.giveReason("") else {
      Issue.record("expected the decision to be taken")
      return
    }
    #expect(second.reachedEnding)
    #expect(play.isFinished)
    #expect(play.passage.ending?.outcome == .safe)

    let outcome = try play.finish()
    #expect(outcome.sessionID == record.id)
    #expect(outcome.notMarkedFinished == nil)
    #expect(outcome.debrief.total == 3)
    #expect(outcome.debrief.mode == .assessment)
    #expect(outcome.debrief.decisions.map(\.rationale) == ["Seeing her alone lets her speak.", "safety"])
    let events = try store.events(forSession: record.id)
    #expect(events.map(\.kind) == [.choice, .choice])
    #expect(events.map(\.choiceIndex) == [1, 1])
    let finished = try #require(try store.session(id: record.id))
    #expect(finished.outcome == "safe")
    #expect(finished.totalScore == 3)
    #expect(throws: SessionProblem.ended) { try play.choose(1) }
  }

  @Test("practice gives feedback at once and undo takes the decision back, recorded; assessment refuses undo")
  func undo() throws {
    let store = try SQLiteRecordStore.inMemory()
    let practice = controller(store)
    let record = try practice.start(plan(.practice))
    #expect(throws: SessionProblem.nothingToUndo) { try practice.undo() }
    let taken = try take(2, in: practice)
    #expect(taken.feedback?.scores.map(\.points) == [-1])
    #expect(practice.passage.passageID == "middle")
    try practice.undo()
    #expect(practice.passage.passageID == "start")
    #expect(try practice.score().total == 0)
    #expect(try practice.score().best == 3)
    #expect(try store.events(forSession: record.id).map(\.kind) == [.choice, .undo])

    let assessment = controller(store)
    let strict = try assessment.start(plan(.assessment))
    _ = try take(2, in: assessment)
    #expect(throws: SessionProblem.undoIsForPractice) { try assessment.undo() }
    #expect(throws: SessionProblem.scoreIsForPractice) { try assessment.score() }
    #expect(assessment.passage.passageID == "middle")
    #expect(try store.events(forSession: strict.id).map(\.kind) == [.choice])
  }

  @Test("resuming after any events replays the same state, case file, notes and option order")
  func resume() throws {
    let store = try SQLiteRecordStore.inMemory()
    for seed: UInt64 in [1, 2, 3, 4] {
      let first = controller(store)
      let record = try first.start(plan(.practice, order: .shuffled(seed: seed)))
      _ = try take(1, in: first)
      try first.note("Ring the DSL back")
      let midway = first.show()
      // The process is killed here: a new controller has only the record.
      let again = controller(store)
      let resumption = try again.resume(record)
      #expect(resumption.decisions == ["See Amy alone"])
      #expect(resumption.scenarioChanged == false)
      #expect(again.mode == .practice)
      #expect(again.show() == midway, "same passage, facts and options in the same order")
      #expect(again.caseFile == first.caseFile)
      #expect(again.caseFile.notes == ["Ring the DSL back"])
      #expect(try again.score() == first.score())
      _ = try take(2, in: again)
      #expect(again.isFinished)
      #expect(try again.finish().debrief.total == 0)
    }
    // Mid-way, the option order of the passage shown is the order that was shown.
    let first = controller(store)
    let record = try first.start(plan(.assessment, order: .shuffled(seed: 99)))
    let shown = first.show()
    let again = controller(store)
    #expect(try again.resume(record).decisions.isEmpty)
    #expect(again.show() == shown)
  }

  @Test("a record whose mode is unknown is refused, never played as practice (where undo is allowed)")
  func unknownMode() throws {
    let store = try SQLiteRecordStore.inMemory()
    let record = SessionRecord(
      id: "damaged-0000", trainee: "tester", scenarioID: Self.scenario.id,
      scenarioHash: Self.scenario.contentHash, scenarioPath: Self.scenario.path, role: "social-worker",
      mode: "asessment", startedAt: Date(timeIntervalSince1970: 1_800_000_000))
    try store.createSession(record)
    try store.append(EventRecord(sessionID: record.id, kind: .choice, passageID: "start", choiceIndex: 1, role: "social-worker"))
    let play = controller(store)
    #expect(throws: SessionProblem.recordDoesNotFit(.unknownMode("asessment"), scenarioChanged: false)) {
      try play.resume(record)
    }
    #expect(throws: SessionProblem.notStarted) { try play.undo() }
    #expect(throws: RecordProblem.unknownMode("asessment")) {
      try SessionLog.debrief(
        record: record, events: store.events(forSession: record.id), scenario: Self.scenario,
        guidance: Fixtures.guidance)
    }
    #expect(RecordProblem.unknownMode("asessment").description.contains("'asessment' is neither practice nor assessment"))
  }

  @Test("impossible records are refused clearly: a choice not offered, an undo with nothing before it, a decision without its choice")
  func impossibleRecords() throws {
    let engine = Engine(scenario: Self.scenario, role: "social-worker")
    let record = SessionRecord(
      id: "s", trainee: "t", scenarioID: Self.scenario.id, scenarioHash: Self.scenario.contentHash,
      scenarioPath: Self.scenario.path, role: "social-worker", mode: "practice", startedAt: Date())
    func event(_ sequence: Int, _ kind: EventKind, index: Int? = nil) -> EventRecord {
      EventRecord(sessionID: "s", sequence: sequence, kind: kind, passageID: "start", choiceIndex: index)
    }
    #expect(throws: RecordProblem.decisionDoesNotFit(sequence: 1, .choiceNotAvailable(passageID: "start", choiceIndex: 9))) {
      try RecordedPlay(record: record, events: [event(1, .choice, index: 9)], engine: engine)
    }
    #expect(throws: RecordProblem.nothingToUndo(sequence: 2)) {
      try RecordedPlay(record: record, events: [event(1, .note), event(2, .undo)], engine: engine)
    }
    #expect(throws: RecordProblem.incompleteChoice(sequence: 1)) {
      try RecordedPlay(record: record, events: [event(1, .choice)], engine: engine)
    }
    var unordered = record
    unordered.optionOrder = "alphabetical"
    #expect(throws: RecordProblem.unknownOptionOrder("alphabetical")) {
      try RecordedPlay(record: unordered, events: [], engine: engine)
    }
    // Undo is folded once: the standing decisions, the undo count and the state agree.
    let play = try RecordedPlay(
      record: record, events: [event(1, .choice, index: 1), event(2, .undo), event(3, .choice, index: 2)],
      engine: engine)
    #expect(play.standingDecisions == [TakenDecision(passageID: "start", choiceIndex: 2)])
    #expect(play.undoCount == 1)
    #expect(play.state == (try engine.replay([.choose(.init(passageID: "start", choiceIndex: 1)), .undo, .choose(.init(passageID: "start", choiceIndex: 2))])))
  }

  @Test("every event is committed before its effect: when the store fails, a failure is returned and play has not moved")
  func commitBeforeEffect() throws {
    let store = try FailingStore()
    let play = controller(store)
    let record = try play.start(plan(.practice))
    store.failing.withLock { $0 = true }
    #expect(throws: SessionProblem.notRecorded("disk full")) { try play.choose(2) }
    #expect(play.passage.passageID == "start")
    #expect(throws: SessionProblem.notRecorded("disk full")) { try play.note("a note") }
    #expect(play.caseFile.notes.isEmpty)
    store.failing.withLock { $0 = false }
    _ = try take(2, in: play)
    store.failing.withLock { $0 = true }
    #expect(throws: SessionProblem.notRecorded("disk full")) { try play.undo() }
    #expect(play.passage.passageID == "middle")
    #expect(throws: SessionProblem.notRecorded("disk full")) { try play.choose(1) }
    #expect(play.passage.passageID == "middle")
    store.failing.withLock { $0 = false }
    #expect(try store.events(forSession: record.id).map(\.kind) == [.choice])
    // What the record holds is exactly what play shows.
    let again = controller(store)
    _ = try again.resume(record)
    #expect(again.passage == play.passage)
  }
}

/// A clock that stands still: timings are zero and every record has the same time.
struct FixedClock: SessionClock {
  func now() -> Date { Date(timeIntervalSince1970: 1_800_000_000) }
  func monotonicMilliseconds() -> Int { 0 }
}

/// An in-memory store that refuses every append while `failing` is set, as a full disk would.
final class FailingStore: DelegatingLocalRecordStore {
  let inner: SQLiteRecordStore
  let failing = Mutex(false)
  var underlying: any LocalRecordStore { inner }

  init() throws { inner = try SQLiteRecordStore.inMemory() }

  struct DiskFull: Error, CustomStringConvertible {
    var description: String { "disk full" }
  }

  func append(_ event: EventRecord) throws -> EventRecord {
    if failing.withLock({ $0 }) { throw DiskFull() }
    return try inner.append(event)
  }
}

/// Progress and feedback to read again: what the presenter shows between passages.
@Suite("Session progress and feedback recalled")
struct SessionProgressTests {
  static let text = Fixtures.header() + """
    flag ready
    == start
    * Go straight to the end -> end
      + see-child-alone 1
      > Straight there.
    * Take the long way -> middle
      - see-child-alone 1
    == middle
    * {ready} Finish -> end
      + see-child-alone 1
    * Get ready -> middle
      ~ set ready
    == end
    @ending safe | Done
    @lesson L.
    Done.

    """

  static func controller(_ mode: PlayMode) throws -> SessionController {
    let loaded = Fixtures.load(text, path: "p.case")
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
    let controller = SessionController(
      scenario: loaded.scenario, role: "social-worker", guidance: Fixtures.guidance, store: try SQLiteRecordStore.inMemory())
    _ = try controller.start(SessionPlan(trainee: "t", role: "social-worker", mode: mode, order: .written))
    return controller
  }

  @Test("the fewest decisions to an ending, from each state: conditions and loops counted exactly")
  func fewest() throws {
    let controller = try Self.controller(.practice)
    #expect(controller.progress == SessionProgress(decision: 1, atLeast: 1))
    _ = try controller.choose(2)
    // In 'middle' without 'ready': 'Get ready' first, then 'Finish'.
    #expect(controller.progress == SessionProgress(decision: 2, atLeast: 3))
    _ = try controller.choose(1)
    #expect(controller.progress == SessionProgress(decision: 3, atLeast: 3))
    _ = try controller.choose(1)
    #expect(controller.progress == nil, "no progress at an ending")
  }

  @Test("the search gives up past its limit rather than run long")
  func bounded() throws {
    let controller = try Self.controller(.practice)
    let engine = controller.engine
    #expect(SessionProgress.fewestDecisionsToEnding(engine, from: engine.start(), limit: 0) == 1, "an ending one step away is found at once")
    let middle = try engine.choose(2, in: engine.start())
    #expect(SessionProgress.fewestDecisionsToEnding(engine, from: middle, limit: 0) == nil)
  }

  @Test("the last feedback can be read again in practice; in assessment it waits for the debrief")
  func lastFeedback() throws {
    let practice = try Self.controller(.practice)
    #expect(practice.lastFeedback == nil)
    _ = try practice.choose(1)
    #expect(practice.lastFeedback?.lines == ["Straight there."])
    #expect(practice.lastFeedback?.scores.map(\.guidanceID) == ["see-child-alone"])
    let assessment = try Self.controller(.assessment)
    var step = try assessment.choose(1)
    while true {
      switch step {
      case .askReason, .askMore: step = try assessment.giveReason("Because the child needs to be seen today.")
      case .taken: break
      }
      if case .taken = step { break }
    }
    #expect(assessment.lastFeedback == nil)
  }
}
