import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseScoring
import CaseSessions
import CaseTestSupport
import Foundation
import Testing

/// `retry N` in practice: back to decision N to take it again, recorded as an event so the record
/// stays a fold; refused in assessment, and for a decision that does not stand.
@Suite("Learning by trying again: retry, and the path taken against the branches not taken")
struct RetryTests {
  let base = SessionControllerTests()

  @Test("retry goes back to decision N, is recorded, replays the same after a restart and is named in the debrief")
  func retryInPractice() throws {
    let store = try SQLiteRecordStore.inMemory()
    let play = base.controller(store)
    let record = try play.start(base.plan(.practice))
    #expect(throws: SessionProblem.noSuchDecision(standing: 0)) { try play.retry(1) }
    _ = try base.take(2, in: play)
    #expect(play.passage.passageID == "middle")
    #expect(throws: SessionProblem.noSuchDecision(standing: 1)) { try play.retry(2) }
    #expect(throws: SessionProblem.noSuchDecision(standing: 1)) { try play.retry(0) }
    try play.retry(1)
    #expect(play.passage.passageID == "start")
    #expect(try play.score().total == 0)
    let events = try store.events(forSession: record.id)
    #expect(events.map(\.kind) == [.choice, .retry])
    #expect(events.last?.choiceIndex == 1)

    // Taken again, better, to the end; the debrief reviews what stood and says what was retried.
    _ = try base.take(1, in: play)
    _ = try base.take(1, in: play)
    let outcome = try play.finish()
    #expect(outcome.debrief.decisions.count == 2)
    #expect(outcome.debrief.total == 3)
    #expect(outcome.debrief.retried == [1])
    let text = DebriefRenderer(width: 80, colour: false).text(outcome.debrief)
    #expect(text.contains("You went back to try decision 1 again (retry)"))
    #expect(DebriefRenderer(width: 80, colour: false).markdown(outcome.debrief).contains("## Going back"))

    // Read back from the record alone, the same play.
    let again = base.controller(store)
    let resumed = try again.resume(try #require(try store.session(id: record.id)))
    _ = resumed
    #expect(again.isFinished)
    #expect(again.passage.passageID == play.passage.passageID)
  }

  @Test("assessment refuses retry, and a record with a retry it cannot have is refused, not guessed at")
  func refused() throws {
    let store = try SQLiteRecordStore.inMemory()
    let assessment = base.controller(store)
    let strict = try assessment.start(base.plan(.assessment))
    _ = try base.take(1, in: assessment)
    #expect(throws: SessionProblem.retryIsForPractice) { try assessment.retry(1) }
    #expect(try store.events(forSession: strict.id).map(\.kind) == [.choice])

    let engine = Engine(scenario: SessionControllerTests.scenario, role: "social-worker")
    func event(_ sequence: Int, _ kind: EventKind, index: Int?) -> EventRecord {
      EventRecord(sessionID: "s", sequence: sequence, kind: kind, passageID: "start", choiceIndex: index)
    }
    var record = SessionRecord(
      id: "s", trainee: "t", scenarioID: SessionControllerTests.scenario.id, scenarioHash: "h",
      scenarioPath: SessionControllerTests.scenario.path, role: "social-worker", mode: "practice", startedAt: Date())
    #expect(throws: RecordProblem.retryDoesNotFit(sequence: 2, decision: 2, standing: 1, assessment: false)) {
      try RecordedPlay(record: record, events: [event(1, .choice, index: 1), event(2, .retry, index: 2)], engine: engine)
    }
    #expect(throws: RecordProblem.retryDoesNotFit(sequence: 2, decision: nil, standing: 1, assessment: false)) {
      try RecordedPlay(record: record, events: [event(1, .choice, index: 1), event(2, .retry, index: nil)], engine: engine)
    }
    let play = try RecordedPlay(
      record: record, events: [event(1, .choice, index: 2), event(2, .retry, index: 1), event(3, .choice, index: 1)],
      engine: engine)
    #expect(play.standingDecisions == [TakenDecision(passageID: "start", choiceIndex: 1)])
    #expect(play.retried == [1])
    record.mode = "assessment"
    #expect(throws: RecordProblem.retryDoesNotFit(sequence: 2, decision: 1, standing: 1, assessment: true)) {
      try RecordedPlay(record: record, events: [event(1, .choice, index: 1), event(2, .retry, index: 1)], engine: engine)
    }
  }

  @Test("the path shows every option offered at each decision, the one taken marked, with points, where it leads and critical marks")
  func pathTaken() throws {
    let store = try SQLiteRecordStore.inMemory()
    let play = base.controller(store)
    let record = try play.start(base.plan(.practice))
    _ = try base.take(2, in: play)
    try play.retry(1)
    _ = try base.take(1, in: play)
    _ = try base.take(2, in: play)
    _ = try play.finish()
    let path = try SessionLog.path(
      record: try #require(try store.session(id: record.id)), events: try store.events(forSession: record.id),
      scenario: SessionControllerTests.scenario)
    // The standing decisions only: the retried first attempt is not on the path.
    #expect(path.steps.map(\.passageID) == ["start", "middle"])
    #expect(path.steps.map { $0.taken?.choiceIndex } == [1, 2])
    #expect(path.steps[0].branches.map(\.points) == [2, -1])
    #expect(path.steps[1].branches.map(\.endsIn) == [.safe, .unsafe])
    #expect(path.endingPassageID == "closed" && path.outcome == .unsafe)

    let text = DebriefRenderer(width: 80, colour: false).path(path)
    #expect(text.contains("Decision 1 (at start)"))
    #expect(text.contains("  > 1. See Amy alone\n       +2, -> middle"))
    #expect(text.contains("    2. Ring the school tomorrow\n       -1, -> middle"))
    #expect(text.contains("  > 2. Close the case\n       -2, -> ends: Unsafe"))
    #expect(text.contains("Ended at closed: Unsafe."))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test("the path numbers each decision's options as the session showed them, shuffled or written")
  func pathNumberedAsShown() throws {
    // A seed under which the first passage's options are shown in another order than written.
    let store = try SQLiteRecordStore.inMemory()
    var found: (SessionController, SessionRecord)?
    for seed in UInt64(1)...64 {
      let play = base.controller(store)
      let record = try play.start(base.plan(.practice, order: .shuffled(seed: seed)))
      if play.passage.options.map(\.choiceIndex) == [2, 1] {
        found = (play, record)
        break
      }
      _ = play.suspend()
    }
    let (play, record) = try #require(found)
    let firstShown = play.passage.options.map(\.text)
    let numberTaken = try #require(play.passage.options.first { $0.choiceIndex == 1 }?.number)
    #expect(numberTaken == 2)
    _ = try base.take(1, in: play)
    let secondShown = play.passage.options.map(\.text)
    _ = try base.take(2, in: play)
    _ = try play.finish()
    let path = try SessionLog.path(
      record: try #require(try store.session(id: record.id)), events: try store.events(forSession: record.id),
      scenario: SessionControllerTests.scenario)
    #expect(path.steps[0].branches.map(\.text) == firstShown)
    #expect(path.steps[1].branches.map(\.text) == secondShown)
    #expect(path.steps[0].taken?.shownNumber == numberTaken)
    #expect(path.steps[0].taken?.choiceIndex == 1)
    let text = DebriefRenderer(width: 80, colour: false).path(path)
    #expect(text.contains("  > 2. See Amy alone\n"), "\(text)")
    #expect(text.contains("    1. Ring the school tomorrow\n"), "\(text)")
    #expect(text.contains("numbered as they were"))
  }
}
