import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

/// The store runs its own BEGIN IMMEDIATE / COMMIT / ROLLBACK on statements it prepares once per
/// connection; these tests hold it to what GRDB's transaction helper guaranteed before.
@Suite("SQLite record store: the append transaction")
struct AppendTransactionTests {
  @Test("a refused append releases the write lock, so another connection can append at once")
  func refusedAppendReleasesTheLock() throws {
    let directory = try TemporaryDirectory()
    let (first, second) = try twoConnections(in: directory)
    let finished = makeSession()
    let open = makeSession(trainee: "sam")
    try first.createSession(finished)
    try first.createSession(open)
    try finish(finished, in: first)
    let missing = newSessionID()

    #expect(throws: RecordStoreError.sessionFinished(finished.id)) {
      try first.append(makeChoice(session: finished.id, index: 1))
    }
    #expect(throws: RecordStoreError.sessionNotFound(missing)) {
      try first.append(makeChoice(session: missing, index: 1))
    }
    // A refusal must end its transaction: one left open would keep the write lock from this one.
    #expect(try second.append(makeChoice(session: open.id, index: 1)).sequence == 1)
    #expect(try first.append(makeChoice(session: open.id, index: 2)).sequence == 2)
  }

  @Test("an append that fails inside its transaction leaves nothing, and the next one takes its place")
  func failedAppendIsRolledBack() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let store = try SQLiteRecordStore(path: path)
    let session = makeSession()
    try store.createSession(session)
    try store.append(makeChoice(session: session.id, index: 1))
    // Fails the INSERT itself, after the session check and the sequence lookup have run.
    try store.executeUnchecked(
      """
      CREATE TRIGGER refuse_second BEFORE INSERT ON event WHEN NEW.sequence = 2
      BEGIN SELECT RAISE(ABORT, 'refused by test'); END
      """)
    #expect(throws: (any Error).self) {
      try store.append(makeChoice(session: session.id, index: 2))
    }
    try store.executeUnchecked("DROP TRIGGER refuse_second")

    #expect(try store.append(makeChoice(session: session.id, index: 3)).sequence == 2)
    let reader = try SQLiteRecordStore(path: path)
    let events = try reader.events(forSession: session.id)
    #expect(events.map(\.sequence) == [1, 2])
    #expect(events.map(\.choiceIndex) == [1, 3])
  }

  @Test("connections taking turns on one session get consecutive sequence numbers")
  func alternatingConnectionsStayGapless() throws {
    let directory = try TemporaryDirectory()
    let (first, second) = try twoConnections(in: directory)
    let session = makeSession()
    try first.createSession(session)
    // Each connection reuses its prepared statements; each must still see the other's rows.
    var sequences: [Int] = []
    for index in 1...6 {
      let store = index % 2 == 1 ? first : second
      sequences.append(try store.append(makeChoice(session: session.id, index: index)).sequence)
    }
    #expect(sequences == Array(1...6))
    #expect(try first.events(forSession: session.id).map(\.choiceIndex) == Array(1...6))
  }

  @Test("a session created by another connection can be appended to at once")
  func sessionFromAnotherConnection() throws {
    let directory = try TemporaryDirectory()
    let (writer, other) = try twoConnections(in: directory)
    let early = makeSession()
    try writer.createSession(early)
    try writer.append(makeChoice(session: early.id, index: 1))
    let late = makeSession(trainee: "sam")
    try other.createSession(late)
    #expect(try writer.append(makeChoice(session: late.id, index: 1)).sequence == 1)
    try finish(late, in: other)
    // The finish by the other connection is seen by the writer's reused session check.
    #expect(throws: RecordStoreError.sessionFinished(late.id)) {
      try writer.append(makeChoice(session: late.id, index: 2))
    }
  }

  /// Two stores on one new file, as two trainees' CaseSim processes on one machine have.
  private func twoConnections(
    in directory: TemporaryDirectory
  ) throws -> (SQLiteRecordStore, SQLiteRecordStore) {
    let path = directory.file("casesim.sqlite")
    return (try SQLiteRecordStore(path: path), try SQLiteRecordStore(path: path))
  }

  /// Gives `session` an ending; what the ending is does not matter here.
  private func finish(_ session: SessionRecord, in store: SQLiteRecordStore) throws {
    try store.finishSession(
      id: session.id, endingID: "e", outcome: "safe", totalScore: 1, bestTotal: 1, grade: "developing",
      at: Date())
  }
}
