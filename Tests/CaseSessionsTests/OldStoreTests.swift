import CaseEngine
import CaseFormat
import CaseRecords
import CaseScoring
import CaseSessions
import CaseTestSupport
import Foundation
import GRDB
import Testing

@testable import CaseRecordsSQLite

/// Sessions recorded by a CaseSim at schema version 2 (before participants), carried to a store
/// file by the same rows that version wrote, then opened by today's store: they must resume and
/// debrief exactly as they did.
@Suite("Records from before participants resume and debrief unchanged")
struct OldStoreTests {
  let scenario = SessionControllerTests.scenario

  func controller(_ store: any LocalRecordStore) -> SessionController {
    SessionController(
      scenario: scenario, role: "social-worker", guidance: Fixtures.guidance, store: store, clock: FixedClock())
  }

  /// Writes `sessions` and their events into a new file at schema version 2: the v1 and v2
  /// migrations as shipped, then the rows as the v2 store inserted them (no participants; notes
  /// written with no role, as a hand-edited or older record may have).
  func writeVersionTwoFile(
    at path: String, sessions: [SessionRecord], events: [String: [EventRecord]]
  ) throws {
    let queue = try DatabaseQueue(path: path)
    try RecordsSchema.makeMigrator().migrate(queue, upTo: "v2")
    try queue.write { db in
      for s in sessions {
        try db.execute(
          sql: """
            INSERT INTO session (id, trainee, scenario_id, scenario_hash, scenario_path, role, mode,
              started_at, finished_at, ending_id, outcome, total_score, best_total, option_order, order_seed,
              grade, is_draft)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            s.id, s.trainee, s.scenarioID, s.scenarioHash, s.scenarioPath, s.role, s.mode,
            TimestampText.format(s.startedAt), s.finishedAt.map(TimestampText.format), s.endingID, s.outcome,
            s.totalScore, s.bestTotal, s.optionOrder, Int64(bitPattern: s.orderSeed), s.grade, s.isDraft,
          ])
        for e in events[s.id] ?? [] {
          try db.execute(
            sql: """
              INSERT INTO event (session_id, sequence, kind, passage_id, choice_index, choice_text, role,
                rationale, text, decision_ms, recorded_at, score_deltas)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              e.sessionID, e.sequence, e.kind.rawValue, e.passageID, e.choiceIndex, e.choiceText,
              e.kind == .note ? nil : e.role, e.rationale, e.text, e.decisionMilliseconds,
              TimestampText.format(e.recordedAt), try RecordRows.encodeScoreDeltas(e.scoreDeltas),
            ])
        }
      }
    }
    try queue.close()
  }

  @Test("a v2 file's finished and unfinished sessions: same records, same debrief, resumed where they stood")
  func versionTwoSessions() throws {
    // The sessions as they were played: one finished in practice (a decision taken back, a
    // note), one in assessment left after its first decision.
    let original = try SQLiteRecordStore.inMemory()
    let finishedPlay = controller(original)
    let finished = try finishedPlay.start(
      SessionPlan(trainee: "alex", role: "social-worker", mode: .practice, order: .shuffled(seed: 7)))
    _ = try SessionControllerTests().take(2, in: finishedPlay)
    try finishedPlay.undo()
    try finishedPlay.note("Ring the school back")
    _ = try SessionControllerTests().take(1, in: finishedPlay, reason: "She may not speak freely at home.")
    _ = try SessionControllerTests().take(1, in: finishedPlay)
    let played = try finishedPlay.finish().debrief
    let unfinishedPlay = controller(original)
    let unfinished = try unfinishedPlay.start(
      SessionPlan(trainee: "alex", role: "social-worker", mode: .assessment, order: .shuffled(seed: 3)))
    _ = try SessionControllerTests().take(1, in: unfinishedPlay)
    let standing = unfinishedPlay.show()

    let records = try original.sessions(trainee: nil, includeDrafts: true)
    var events: [String: [EventRecord]] = [:]
    for record in records { events[record.id] = try original.events(forSession: record.id) }
    #expect(events[finished.id]?.map(\.kind) == [.choice, .undo, .note, .choice, .choice])

    let directory = NSTemporaryDirectory() + "casesim-old-store-" + UUID().uuidString.lowercased()
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/casesim.sqlite"
    try writeVersionTwoFile(at: path, sessions: records, events: events)

    // Opened by today's store: migrated, and read back as the sessions were recorded, each a
    // team of one whose every event is the trainee's (a note without a role takes theirs).
    let store = try SQLiteRecordStore(path: path)
    #expect(try store.pragma("user_version") == "5")
    // (Both started at the clock's one time, so only their order of insertion tells them apart.)
    #expect(try store.sessions(trainee: nil, includeDrafts: true).sorted { $0.id < $1.id } == records.sorted { $0.id < $1.id })
    for record in records {
      #expect(record.participants == [Participant(ordinal: 1, name: "alex", role: "social-worker")])
      // Every event as written, with an id of its own given when the file was migrated.
      let read = try store.events(forSession: record.id)
      #expect(Set(read.map(\.id)).count == read.count)
      #expect(read.map { event in var old = event; old.id = ""; return old } == events[record.id]?.map { event in var old = event; old.id = ""; return old })
    }

    // The debrief is rebuilt from the migrated record exactly as it was at the ending.
    let migratedFinished = try #require(try store.session(id: finished.id))
    let debrief = try SessionLog.debrief(
      record: migratedFinished, events: store.events(forSession: finished.id), scenario: scenario,
      guidance: Fixtures.guidance)
    #expect(debrief == played)
    #expect(debrief.undoCount == 1)
    #expect(debrief.notes == ["Ring the school back"])

    // The unfinished session resumes where it stood, and carries on as its trainee.
    let resumed = controller(store)
    let migratedUnfinished = try #require(try store.latestUnfinishedSession(trainee: "alex"))
    #expect(migratedUnfinished.id == unfinished.id)
    #expect(try resumed.resume(migratedUnfinished).decisions == ["See Amy alone"])
    #expect(resumed.show() == standing)
    _ = try SessionControllerTests().take(1, in: resumed)
    let outcome = try resumed.finish()
    #expect(outcome.notMarkedFinished == nil)
    let after = try store.events(forSession: unfinished.id)
    #expect(after.map(\.participant) == [1, 1])
    #expect(after.map(\.role) == ["social-worker", "social-worker"])
    #expect(outcome.debrief.trainee == "alex")
  }
}
