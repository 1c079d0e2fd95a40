import CaseRecords
import Foundation
import GRDB

/// The record store on a local SQLite file, through GRDB.
///
/// Durability is the point of this type: `append` returns only after its own IMMEDIATE
/// transaction has committed in WAL mode with `synchronous = FULL`, so the event survives
/// kill -9 and, on hardware that honours flushes, power loss. Several CaseSim processes may
/// share one file (several trainees on one machine): each holds one connection, waits up to
/// ``busyTimeout`` for the write lock, and starts every write with BEGIN IMMEDIATE so that the
/// wait happens where retrying is safe.
///
/// Keep the file on a local disk: SQLite's locking is unreliable on network shares.
///
/// It is `Sendable` because its only state is immutable: GRDB's `DatabaseQueue` serialises
/// all access to the connection.
public final class SQLiteRecordStore: LocalRecordStore {
  /// How long a write waits for another connection's write lock before failing.
  static let busyTimeout: TimeInterval = 5

  /// The database file, or ":memory:" for an in-memory store.
  public let path: String

  /// Set when other users can read or write the records (a mode its owner chose, which is never
  /// changed): a sentence for the shell to show as a warning.
  public let modeWarning: String?

  /// The one connection. Internal so that tests can inspect its PRAGMAs.
  let dbQueue: DatabaseQueue

  /// Opens the records file at `path`, creating it and its directories if needed.
  ///
  /// Missing directories are created 0700 and the file 0600 before SQLite opens it, so the
  /// `-wal` and `-shm` sidecars inherit 0600; an existing file and sidecars are set to 0600.
  /// Throws ``RecordStoreError/unreadable(path:reason:)`` if the file cannot be created or
  /// opened, is not a CaseSim database, or was written by a newer CaseSim.
  public init(path: String) throws {
    try StoreFile.prepare(path: path)
    var configuration = Self.configuration()
    let readOnly = StoreFile.isReadOnly(path)
    if readOnly {
      // The owner made the records read-only: read them (history, debrief) and refuse writes,
      // without changing the file or its journal mode.
      configuration.readonly = true
    } else {
      configuration.journalMode = .wal
    }
    let queue = try Self.openingErrors(path) {
      try Self.retryingWhileBusy {
        try Self.openFile(path, configuration: configuration, readOnly: readOnly)
      }
    }
    self.path = path
    self.dbQueue = queue
    self.modeWarning = StoreFile.looseModes(path).first.map { loose in
      "the records file \(loose.file) can be read by other users (mode \(String(loose.mode, radix: 8))); records are personal data, so consider 'chmod 600' on it and its -wal and -shm files"
    }
  }

  private init(path: String, queue: DatabaseQueue) {
    self.path = path
    self.dbQueue = queue
    self.modeWarning = nil
  }

  /// A private, empty store that lives as long as the returned value, for tests and dry runs.
  public static func inMemory() throws -> SQLiteRecordStore {
    let path = ":memory:"
    let queue = try openingErrors(path) {
      let queue = try DatabaseQueue(configuration: configuration())
      try RecordsSchema.prepare(queue, path: path)
      return queue
    }
    return SQLiteRecordStore(path: path, queue: queue)
  }

  // MARK: - Opening

  /// Opens the connection, makes it durable and brings the schema up to date.
  private static func openFile(
    _ path: String, configuration: Configuration, readOnly: Bool
  ) throws -> DatabaseQueue {
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    if readOnly {
      try RecordsSchema.checkReadable(queue, path: path)
      return queue
    }
    // GRDB's WAL setup lowers synchronous to NORMAL, which only survives a process crash.
    // FULL also fsyncs the WAL at every commit, so a decision survives power loss.
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    try RecordsSchema.prepare(queue, path: path)
    return queue
  }

  /// Runs `body` again while it fails with SQLITE_BUSY, for up to ``busyTimeout``.
  ///
  /// The busy timeout does not cover everything an open does: switching a new file to WAL
  /// fails with SQLITE_BUSY at once while another connection is doing the same, and so does
  /// opening during another connection's crash recovery. Several trainees starting CaseSim
  /// together must all get in, so the whole open is retried with a short, growing pause.
  private static func retryingWhileBusy<T>(_ body: () throws -> T) throws -> T {
    let deadline = ContinuousClock.now + .seconds(busyTimeout)
    var pause = 0.005
    while true {
      do {
        return try body()
      } catch let error as DatabaseError
        where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline
      {
        Thread.sleep(forTimeInterval: pause)
        pause = min(pause * 2, 0.1)
      }
    }
  }

  /// Settings shared by file and in-memory stores.
  private static func configuration() -> Configuration {
    var configuration = Configuration()
    configuration.label = "CaseSim records"
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(busyTimeout)
    return configuration
  }

  /// Runs `body`, turning any error that is not already a `RecordStoreError` into
  /// `unreadable`, since all of them mean the file cannot be used.
  private static func openingErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as RecordStoreError {
      throw error
    } catch let error as DatabaseError {
      let reason =
        switch error.resultCode {
        case .SQLITE_NOTADB: "it is not an SQLite database"
        case .SQLITE_CANTOPEN: "sqlite cannot open it (check the path and its permissions)"
        case .SQLITE_READONLY, .SQLITE_PERM: "it is read-only (check its permissions)"
        case .SQLITE_BUSY: "another process holds it locked; try again in a moment"
        case .SQLITE_FULL: "the disk is full"
        case .SQLITE_IOERR where diskIsFull(near: path): "the disk is full"
        case .SQLITE_IOERR where fileSizeIsLimited: "the file-size limit (ulimit -f) stops it growing"
        default: (error.message ?? "sqlite error \(error.resultCode.rawValue)").lowercased()
        }
      throw RecordStoreError.unreadable(path: path, reason: reason)
    } catch {
      throw RecordStoreError.unreadable(path: path, reason: String(describing: error))
    }
  }

  // MARK: - RecordStore

  public func createSession(_ session: SessionRecord) throws {
    if let problem = Participant.problem(with: session.participants) {
      throw RecordStoreError.invalidParticipants(session: session.id, reason: problem)
    }
    // The session and its participants in one transaction: never a session nobody plays.
    try writeImmediately { db in
      try RecordRows.insertSession(session, into: db)
    }
  }

  @discardableResult
  public func append(_ event: EventRecord) throws -> EventRecord {
    // Encoded before the write lock is taken, so other connections wait only for the database.
    let values = try RecordRows.EventValues(event)
    return try writeImmediately { db in
      // An id already kept: the same event forwarded again, answered as stored (checked before
      // the session's state, since a forwarded retry may arrive after its session finished).
      if let stored = try storedEvent(id: event.id, db) {
        guard stored.sessionID == event.sessionID else {
          throw RecordStoreError.eventIDTaken(id: event.id, session: stored.sessionID)
        }
        return stored
      }
      try requireUnfinished(event.sessionID, db)
      // Who made it, checked before anything is written (the schema's foreign key would refuse
      // it too, but in SQLite's words).
      let maker = try Participant.maker(
        of: event, among: RecordRows.participants(ofSession: event.sessionID, in: db))
      // Inside the IMMEDIATE transaction no other connection can append in between, so
      // max + 1 is the next free position.
      let sequence =
        try Int.fetchOne(
          db.cachedStatement(
            sql: "SELECT coalesce(max(sequence), 0) + 1 FROM event WHERE session_id = ?"),
          arguments: [event.sessionID]) ?? 1
      try RecordRows.insertEvent(values, sequence: sequence, participant: maker.ordinal, role: maker.role, into: db)
      var stored = event
      stored.sequence = sequence
      stored.participant = maker.ordinal
      stored.role = maker.role
      return stored
    }
  }

  public func events(forSession id: String) throws -> [EventRecord] {
    try dbQueue.read { db in
      guard try sessionExists(id, db) else { throw RecordStoreError.sessionNotFound(id) }
      return try fetchEvents(
        db, sql: "SELECT \(RecordRows.eventColumns) FROM event WHERE session_id = ? ORDER BY sequence", arguments: [id])
    }
  }

  /// The events a query selects (``RecordRows/eventColumns`` in order), decoded row by row from a
  /// cursor (no copy of a million rows held at once), repeated texts kept once and each distinct
  /// score-delta text decoded once: every read of several events goes through here.
  private func fetchEvents(_ db: Database, sql: String, arguments: StatementArguments) throws -> [EventRecord] {
    let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
    var events: [EventRecord] = []
    var texts = RepeatedTexts()
    while let row = try rows.next() {
      events.append(try RecordRows.event(from: row, path: path, texts: &texts))
    }
    return events
  }

  public func events(of selection: SessionSelection) throws -> [EventRecord] {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if !selection.includeDrafts { conditions.append("s.is_draft = 0") }
    if let trainee = selection.trainee {
      conditions.append("s.trainee = ?")
      arguments += [trainee]
    }
    if let scenarioID = selection.scenarioID {
      conditions.append("s.scenario_id = ?")
      arguments += [scenarioID]
    }
    if let since = selection.startedSince {
      conditions.append("s.started_at >= ?")
      arguments += [TimestampText.format(since)]
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let columns = RecordRows.eventColumns(of: "e")
    return try dbQueue.read { db in
      try fetchEvents(
        db,
        sql: "SELECT \(columns) FROM event e JOIN session s ON s.id = e.session_id \(filter) "
          + "ORDER BY e.session_id, e.sequence",
        arguments: arguments)
    }
  }

  /// After sessions are deleted: the kept scenario texts no remaining session was played on.
  static let deleteUnusedScenarioTexts =
    "DELETE FROM scenario_version WHERE hash NOT IN (SELECT scenario_hash FROM session)"

  @discardableResult
  public func deleteSession(id: String) throws -> Bool {
    try writeImmediately { db in
      try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
      let deleted = db.changesCount > 0
      try db.execute(
        sql: Self.deleteUnusedScenarioTexts)
      return deleted
    }
  }

  @discardableResult
  public func purgeSessions(startedBefore date: Date) throws -> Int {
    try writeImmediately { db in
      // Events and participants go with their sessions (ON DELETE CASCADE).
      try db.execute(sql: "DELETE FROM session WHERE started_at < ?", arguments: [TimestampText.format(date)])
      let deleted = db.changesCount
      try db.execute(
        sql: Self.deleteUnusedScenarioTexts)
      return deleted
    }
  }

  public func session(id: String) throws -> SessionRecord? {
    try fetchSessions(where: "id = ?", arguments: [id]).first
  }

  public func resolveSession(_ idOrPrefix: String) throws -> SessionRecord {
    if let exact = try session(id: idOrPrefix) {
      return exact
    }
    try RecordStoreError.requirePrefixLength(idOrPrefix)
    // Ids are minted lowercase, but a prefix typed from a printout may not be: compare
    // ignoring ASCII case (SQLite's lower() folds ASCII only, which is all a UUID holds).
    let matches = try fetchSessions(
      where: "lower(substr(id, 1, ?)) = lower(?)",
      arguments: [idOrPrefix.count, idOrPrefix])
    return try RecordStoreError.onlyMatch(matches, of: idOrPrefix)
  }

  public func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String,
    at: Date
  ) throws {
    try writeImmediately { db in
      try requireUnfinished(id, db)
      try db.execute(
        sql: """
          UPDATE session
          SET finished_at = ?, ending_id = ?, outcome = ?, total_score = ?, best_total = ?, grade = ?
          WHERE id = ?
          """,
        arguments: [TimestampText.format(at), endingID, outcome, totalScore, bestTotal, grade, id])
    }
  }

  public func sessions(trainee: String?, includeDrafts: Bool) throws -> [SessionRecord] {
    let drafts = includeDrafts ? "1" : "is_draft = 0"
    if let trainee {
      return try fetchSessions(where: "trainee = ? AND \(drafts)", arguments: [trainee], newestFirst: true)
    }
    return try fetchSessions(where: drafts, arguments: [], newestFirst: true)
  }

  public func saveScenarioVersion(_ version: ScenarioVersion) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let files = String(decoding: try encoder.encode(version.files), as: UTF8.self)
    try writeImmediately { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO scenario_version (hash, scenario_id, main_path, files) VALUES (?, ?, ?, ?)",
        arguments: [version.hash, version.scenarioID, version.mainPath, files])
    }
  }

  public func scenarioVersion(hash: String) throws -> ScenarioVersion? {
    try dbQueue.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT hash, scenario_id, main_path, files FROM scenario_version WHERE hash = ?",
          arguments: [hash])
      else { return nil }
      let text = try row.decode(String.self, forColumn: "files")
      guard let files = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
        throw RecordStoreError.unreadable(path: path, reason: "the records are damaged: the kept text of scenario version \(hash) is malformed")
      }
      return ScenarioVersion(
        hash: try row.decode(forColumn: "hash"), scenarioID: try row.decode(forColumn: "scenario_id"),
        mainPath: try row.decode(forColumn: "main_path"), files: files)
    }
  }

  public func latestUnfinishedSession(trainee: String) throws -> SessionRecord? {
    try fetchSessions(
      where: "trainee = ? AND finished_at IS NULL", arguments: [trainee], newestFirst: true,
      limit: 1
    ).first
  }

  // MARK: - Helpers

  /// Runs `body` in its own BEGIN IMMEDIATE transaction and returns once it has committed.
  ///
  /// IMMEDIATE takes the write lock up front, so the busy timeout applies at BEGIN; a deferred
  /// transaction that read first could fail with SQLITE_BUSY_SNAPSHOT, which no wait fixes.
  private func writeImmediately<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writeInTransaction(body)
    } catch let error as DatabaseError {
      // Say what the trainee can act on, not SQLite's words ("disk i/o error").
      switch error.resultCode {
      case .SQLITE_READONLY, .SQLITE_PERM:
        throw RecordStoreError.notWritten(path: path, reason: "it is read-only (its owner set it so)")
      case .SQLITE_FULL:
        throw RecordStoreError.notWritten(path: path, reason: "the disk is full")
      case .SQLITE_IOERR where Self.diskIsFull(near: path):
        throw RecordStoreError.notWritten(path: path, reason: "the disk is full")
      case .SQLITE_IOERR where Self.fileSizeIsLimited:
        throw RecordStoreError.notWritten(path: path, reason: "the file-size limit (ulimit -f) stops it growing")
      case .SQLITE_IOERR:
        throw RecordStoreError.notWritten(path: path, reason: "the disk reported an input/output error")
      default:
        throw error
      }
    }
  }

  /// True when the process may not write files past some size (`ulimit -f`).
  static var fileSizeIsLimited: Bool {
    var limit = rlimit()
    return getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
  }

  /// True when the filesystem holding `path` has no room left.
  static func diskIsFull(near path: String) -> Bool {
    var info = statvfs()
    let directory = (path as NSString).deletingLastPathComponent
    guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return false }
    return info.f_bavail == 0
  }

  /// BEGIN IMMEDIATE, `body`, COMMIT; a ROLLBACK if anything fails.
  ///
  /// The transaction statements are prepared once per connection and reused (GRDB's
  /// `inTransaction` prepares them anew for every transaction), because every decision a trainee
  /// takes waits for one of these transactions. `body` must let its errors through, as all the
  /// store's do: after some errors SQLite has already rolled back, and a statement run after
  /// that would commit on its own, outside any transaction.
  private func writeInTransaction<T>(_ body: (Database) throws -> T) throws -> T {
    try dbQueue.writeWithoutTransaction { db in
      try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
      do {
        let result = try body(db)
        try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        return result
      } catch {
        // SQLite may already have rolled back (after SQLITE_FULL or SQLITE_IOERR, for example);
        // the error that ended the transaction is the one worth reporting.
        if db.isInsideTransaction { try? db.rollback() }
        throw error
      }
    }
  }

  /// Throws unless the session exists and has no ending yet.
  private func requireUnfinished(_ id: String, _ db: Database) throws {
    // A cached statement: every append runs it.
    guard
      let isFinished = try Bool.fetchOne(
        db.cachedStatement(sql: "SELECT finished_at IS NOT NULL FROM session WHERE id = ?"),
        arguments: [id])
    else { throw RecordStoreError.sessionNotFound(id) }
    if isFinished {
      throw RecordStoreError.sessionFinished(id)
    }
  }

  /// The event kept under this id, or nil.
  private func storedEvent(id: String, _ db: Database) throws -> EventRecord? {
    try Row.fetchOne(
      db.cachedStatement(sql: "SELECT \(RecordRows.eventColumns) FROM event WHERE event_id = ?"),
      arguments: [id]
    ).map { try RecordRows.event(from: $0, path: path) }
  }

  private func sessionExists(_ id: String, _ db: Database) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?)", arguments: [id])
      ?? false
  }

  /// Sessions matching an SQL condition; newest first breaks start-time ties by insertion
  /// order, so the listing is stable.
  private func fetchSessions(
    where condition: String, arguments: StatementArguments, newestFirst: Bool = false,
    limit: Int? = nil
  ) throws -> [SessionRecord] {
    var sql = "SELECT \(RecordRows.sessionColumns) FROM session WHERE \(condition)"
    if newestFirst { sql += " ORDER BY started_at DESC, rowid DESC" }
    if let limit { sql += " LIMIT \(limit)" }
    return try dbQueue.read { db in
      let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
      // The participants of the matching sessions in one query rather than one per session
      // (by the same condition, not a list of ids, which SQLite bounds), read in the same
      // transaction so they belong to the same sessions.
      var participants: [String: [Participant]] = [:]
      if !rows.isEmpty {
        let participantRows = try Row.fetchAll(
          db,
          sql: "SELECT \(RecordRows.participantColumns) FROM participant "
            + "WHERE session_id IN (SELECT id FROM session WHERE \(condition)) "
            + "ORDER BY session_id, ordinal",
          arguments: arguments)
        for row in participantRows {
          participants[try row.decode(String.self, forColumn: "session_id"), default: []]
            .append(try RecordRows.participant(from: row))
        }
      }
      return try rows.map { row in
        let id = try row.decode(String.self, forColumn: "id")
        return try RecordRows.session(from: row, participants: participants[id] ?? [], path: path)
      }
    }
  }
}
