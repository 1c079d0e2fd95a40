import CaseRecords
import GRDB

/// The outbox ledger: what a shared store has acknowledged, per session.
///
/// With a shared store, play records every decision here first, so that a bad network never
/// loses one; forwarding then copies what the shared store lacks. The ledger says, for each
/// shared store (by its address, without any password) and session, the last event the store
/// acknowledged and whether it has the ending, so a sync sends only what is missing.
extension SQLiteRecordStore {
  /// The sessions with something `store` has not acknowledged: an event past the ledger's
  /// sequence, or an ending it does not have. Oldest first, so a sync sends in order of play.
  public func sessionsNotForwarded(to store: String) throws -> [SessionRecord] {
    let pending = try dbQueue.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT s.id FROM session s
          LEFT JOIN forwarded f ON f.session_id = s.id AND f.store = ?
          WHERE f.session_id IS NULL
             OR f.sequence < (SELECT coalesce(max(e.sequence), 0) FROM event e WHERE e.session_id = s.id)
             OR (s.finished_at IS NOT NULL AND f.has_ending = 0)
          ORDER BY s.started_at, s.rowid
          """,
        arguments: [store])
    }
    return try pending.compactMap { try session(id: $0) }
  }

  /// How far `session` has been forwarded to `store`: what the shared store acknowledged. The
  /// forwarder asks only which sessions are behind (``sessionsNotForwarded(to:)``); the tests
  /// read one session's state here.
  package func forwardingState(of session: String, to store: String) throws -> SessionTransfer.Progress {
    try dbQueue.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT sequence, has_ending FROM forwarded WHERE store = ? AND session_id = ?",
          arguments: [store, session])
      else { return SessionTransfer.Progress() }
      return SessionTransfer.Progress(sequence: try row.decode(forColumn: "sequence"), hasEnding: try row.decode(forColumn: "has_ending"))
    }
  }

  /// Records that `store` has acknowledged `session` up to `state`.
  public func recordForwarded(_ session: String, to store: String, state: SessionTransfer.Progress) throws {
    try dbQueue.write { db in
      try db.execute(
        sql: """
          INSERT INTO forwarded (store, session_id, sequence, has_ending) VALUES (?, ?, ?, ?)
          ON CONFLICT (store, session_id) DO UPDATE
            SET sequence = max(sequence, excluded.sequence), has_ending = max(has_ending, excluded.has_ending)
          """,
        arguments: [store, session, state.sequence, state.hasEnding])
    }
  }
}
