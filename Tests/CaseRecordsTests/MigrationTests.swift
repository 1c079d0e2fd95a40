import CaseRecords
import Foundation
import GRDB
import Testing

@testable import CaseRecordsSQLite

/// A records file as CaseSim wrote it at schema version 2: the v1 and v2 migrations as shipped
/// (released migrations are never edited), then rows as the v2 store inserted them, by SQL.
struct VersionTwoFile {
  let path: String

  init(at path: String, rows: String) throws {
    self.path = path
    let queue = try DatabaseQueue(path: path)
    try RecordsSchema.makeMigrator().migrate(queue, upTo: "v2")
    try queue.write { db in try db.execute(sql: rows) }
    try queue.close()
  }
}

@Suite("SQLite record store: files from older CaseSims")
struct MigrationTests {
  static let rows = """
    INSERT INTO session (id, trainee, scenario_id, scenario_hash, scenario_path, role, mode, started_at,
      finished_at, ending_id, outcome, total_score, best_total, option_order, order_seed, grade, is_draft)
    VALUES
      ('aaaa0000-0000-4000-8000-000000000001', 'alex', 'home-visit-1', 'sha256:1', '/s/home-visit-1.case',
       'social-worker', 'practice', '2026-05-01T09:00:00.000Z', '2026-05-01T09:20:00.000Z', 'end', 'safe',
       5, 7, 'shuffled', -42, 'developing', 0),
      ('aaaa0000-0000-4000-8000-000000000002', 'alex', 'home-visit-1', 'sha256:1', '/s/home-visit-1.case',
       'social-worker', 'assessment', '2026-05-02T09:00:00.000Z', NULL, NULL, NULL, NULL, NULL, 'written', 0,
       NULL, 0),
      ('aaaa0000-0000-4000-8000-000000000003', 'bo', 'other', 'sha256:2', '/s/other.case',
       'school-dsl', 'practice', '2026-05-03T09:00:00.000Z', NULL, NULL, NULL, NULL, NULL, 'written', 0,
       NULL, 0);
    INSERT INTO event (session_id, sequence, kind, passage_id, choice_index, choice_text, role, rationale,
      text, decision_ms, recorded_at, score_deltas)
    VALUES
      ('aaaa0000-0000-4000-8000-000000000001', 1, 'choice', 'start', 2, 'See the child alone', 'social-worker',
       'She may not speak freely', NULL, 5300, '2026-05-01T09:01:00.000Z', '{"see-child":2}'),
      ('aaaa0000-0000-4000-8000-000000000001', 2, 'undo', 'middle', NULL, NULL, 'social-worker', NULL, NULL,
       NULL, '2026-05-01T09:02:00.000Z', '{}'),
      ('aaaa0000-0000-4000-8000-000000000001', 3, 'note', 'start', NULL, NULL, NULL, NULL, 'no role kept',
       NULL, '2026-05-01T09:03:00.000Z', '{}'),
      ('aaaa0000-0000-4000-8000-000000000003', 1, 'note', 'start', NULL, NULL, 'police-officer', NULL,
       'edited by hand', NULL, '2026-05-03T09:01:00.000Z', '{}'),
      ('aaaa0000-0000-4000-8000-000000000003', 2, 'note', 'start', NULL, NULL, 'school-dsl', NULL, 'own role',
       NULL, '2026-05-03T09:02:00.000Z', '{}');
    INSERT INTO scenario_version (hash, scenario_id, main_path, files)
    VALUES ('sha256:1', 'home-visit-1', '/s/home-visit-1.case', '{"/s/home-visit-1.case":"id: home-visit-1\\n"}');
    """

  @Test("a v2 file migrates to v3 and on to v5: every session a team of one, every event its trainee's, nothing else changed")
  func versionTwoMigrates() throws {
    let directory = try TemporaryDirectory()
    let old = try VersionTwoFile(at: directory.file("casesim.sqlite"), rows: Self.rows)
    let store = try SQLiteRecordStore(path: old.path)
    #expect(try store.pragma("user_version") == "5")
    #expect(try store.pragma("application_id") == String(RecordsSchema.applicationID))

    let finished = try #require(try store.session(id: "aaaa0000-0000-4000-8000-000000000001"))
    #expect(
      finished
        == SessionRecord(
          id: "aaaa0000-0000-4000-8000-000000000001", trainee: "alex", scenarioID: "home-visit-1",
          scenarioHash: "sha256:1", scenarioPath: "/s/home-visit-1.case", role: "social-worker",
          participants: [Participant(ordinal: 1, name: "alex", role: "social-worker")], mode: "practice",
          startedAt: TimestampText.parse("2026-05-01T09:00:00.000Z")!,
          finishedAt: TimestampText.parse("2026-05-01T09:20:00.000Z")!, endingID: "end", outcome: "safe",
          totalScore: 5, bestTotal: 7, optionOrder: "shuffled", orderSeed: UInt64(bitPattern: -42),
          grade: "developing"))
    let events = try store.events(forSession: finished.id)
    #expect(events.map(\.sequence) == [1, 2, 3])
    #expect(events.map(\.participant) == [1, 1, 1])
    // A note stored without a role is the trainee's, in the session's role.
    #expect(events.map(\.role) == ["social-worker", "social-worker", "social-worker"])
    #expect(events[0].rationale == "She may not speak freely")
    #expect(events[0].decisionMilliseconds == 5300)
    #expect(events[0].scoreDeltas == ["see-child": 2])
    #expect(events[2].text == "no role kept")

    // The unfinished session is still the one to resume, and can be appended to.
    let unfinished = try #require(try store.latestUnfinishedSession(trainee: "alex"))
    #expect(unfinished.id == "aaaa0000-0000-4000-8000-000000000002")
    #expect(unfinished.participants == Participant.solo(trainee: "alex", role: "social-worker"))
    #expect(try store.append(EventRecord(sessionID: unfinished.id, kind: .note, text: "after")).participant == 1)

    // An event kept in another role than its session's (a hand-edited file) is neither lost nor
    // changed: the trainee gains a participant in that role.
    let edited = try #require(try store.session(id: "aaaa0000-0000-4000-8000-000000000003"))
    #expect(
      edited.participants == [
        Participant(ordinal: 1, name: "bo", role: "school-dsl"), Participant(ordinal: 2, name: "bo", role: "police-officer"),
      ])
    let editedEvents = try store.events(forSession: edited.id)
    #expect(editedEvents.map(\.participant) == [2, 1])
    #expect(editedEvents.map(\.role) == ["police-officer", "school-dsl"])

    #expect(try store.scenarioVersion(hash: "sha256:1")?.files == ["/s/home-visit-1.case": "id: home-visit-1\n"])
  }

  @Test("a migrated file opens again without migrating, and read-only once current")
  func migratedFileReopens() throws {
    let directory = try TemporaryDirectory()
    let old = try VersionTwoFile(at: directory.file("casesim.sqlite"), rows: Self.rows)
    let first = try SQLiteRecordStore(path: old.path).sessions(trainee: nil, includeDrafts: true)
    let again = try SQLiteRecordStore(path: old.path).sessions(trainee: nil, includeDrafts: true)
    #expect(first == again)
    #expect(first.count == 3)
    // Once current, a file its owner made read-only is read as it is.
    chmod(old.path, 0o400)
    defer { chmod(old.path, 0o600) }
    let readOnly = try SQLiteRecordStore(path: old.path)
    #expect(try readOnly.sessions(trainee: nil, includeDrafts: true) == first)
    #expect(try readOnly.events(forSession: "aaaa0000-0000-4000-8000-000000000003").map(\.participant) == [2, 1])
  }

  @Test("a read-only v2 file is refused with the reason, not migrated")
  func readOnlyVersionTwo() throws {
    let directory = try TemporaryDirectory()
    let old = try VersionTwoFile(at: directory.file("casesim.sqlite"), rows: Self.rows)
    chmod(old.path, 0o400)
    defer { chmod(old.path, 0o600) }
    let error = try #require(throws: RecordStoreError.self) { try SQLiteRecordStore(path: old.path) }
    #expect(error.description.contains("written by an older CaseSim"))
  }
}

/// Schema v4 adds the `retry` event; a v3 file keeps every row as it was.
@Suite("SQLite record store: the v4 migration (retry events)")
struct RetryMigrationTests {
  @Test("a v3 file migrates to v4 with every event unchanged, then takes retry events; a retry without its decision is refused")
  func versionThreeMigrates() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let queue = try DatabaseQueue(path: path)
    try RecordsSchema.makeMigrator().migrate(queue, upTo: "v2")
    try queue.write { db in try db.execute(sql: MigrationTests.rows) }
    try RecordsSchema.makeMigrator().migrate(queue, upTo: "v3")
    let before = try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY id").map { $0.description }
    }
    try queue.close()

    let store = try SQLiteRecordStore(path: path)
    #expect(try store.pragma("user_version") == "5")
    // v5 adds each event's own id; every other column is as it was.
    let after = try DatabaseQueue(path: path).read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, session_id, sequence, kind, participant, role, passage_id, choice_index, choice_text,
                 rationale, text, decision_ms, recorded_at, score_deltas
          FROM event ORDER BY id
          """
      ).map { $0.description }
    }
    #expect(after == before)
    #expect(before.count == 5)

    let session = "aaaa0000-0000-4000-8000-000000000002"
    try store.append(
      EventRecord(sessionID: session, kind: .choice, passageID: "start", choiceIndex: 1, participant: 1, role: "social-worker"))
    try store.append(
      EventRecord(sessionID: session, kind: .retry, passageID: "middle", choiceIndex: 1, participant: 1, role: "social-worker"))
    let events = try store.events(forSession: session)
    #expect(events.map(\.kind) == [.choice, .retry])
    #expect(events.last?.choiceIndex == 1)
    #expect(throws: (any Error).self) {
      try store.executeUnchecked(
        """
        INSERT INTO event (session_id, sequence, kind, participant, role, recorded_at)
        VALUES ('\(session)', 9, 'retry', 1, 'social-worker', '2026-05-02T09:10:00.000Z')
        """)
    }
  }
}

/// Schema v5 gives every event its own id and sessions a training group.
@Suite("SQLite record store: the v5 migration (event ids, groups)")
struct EventIDMigrationTests {
  @Test("a v4 file migrates to v5: every event gets a distinct UUID that stays the same on every later read, sessions have no group")
  func versionFourMigrates() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let queue = try DatabaseQueue(path: path)
    try RecordsSchema.makeMigrator().migrate(queue, upTo: "v2")
    try queue.write { db in try db.execute(sql: MigrationTests.rows) }
    try RecordsSchema.makeMigrator().migrate(queue, upTo: "v4")
    try queue.close()

    let first = try SQLiteRecordStore(path: path)
    let sessions = try first.sessions(trainee: nil, includeDrafts: true)
    let ids = try sessions.flatMap { try first.events(forSession: $0.id) }.map(\.id)
    #expect(ids.count == 5)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
    #expect(sessions.allSatisfy { $0.group == nil })

    let again = try SQLiteRecordStore(path: path)
    #expect(try sessions.flatMap { try again.events(forSession: $0.id) }.map(\.id) == ids)
  }
}
