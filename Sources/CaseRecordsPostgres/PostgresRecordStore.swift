public import CaseRecords
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The record store on an agency's PostgreSQL server, through PostgresNIO.
///
/// It keeps the same records, constraints and rules as the SQLite store (the conformance suite
/// runs the same tests against both): one transaction per event, sequence numbers taken under
/// the session row's lock so that concurrent writers never collide, an event id already held
/// answered with the stored event. One store holds one connection and runs one request at a
/// time: an actor alone would let requests interleave at every network wait, so each waits its
/// turn (first come, first served) before it begins its transaction. Several processes or
/// stores may share a database. Connecting and logging in have a deadline, and so has each
/// request (``PostgresAddress/requestTimeout``): a server that stops answering, or a network that
/// silently drops everything, costs a command that long at most (see the note on deadlines in
/// Documentation/agency-records.md).
///
/// Play never writes here directly: it records to the local outbox first and forwards (see
/// `RecordForwarder`), so a bad network never costs a decision.
public actor PostgresRecordStore: RecordStore {
  /// Where the store is, without its password.
  public nonisolated let address: PostgresAddress
  private let connection: PostgresConnection
  private let logger: Logger
  /// How long one request may wait for the server (``PostgresAddress/requestTimeout``).
  private var requestTimeout: Duration
  /// Whether a request holds the connection, and who waits for it, in order.
  private var busy = false
  private var waiting: [CheckedContinuation<Void, Never>] = []

  private init(address: PostgresAddress, connection: PostgresConnection, logger: Logger) {
    self.address = address
    self.connection = connection
    self.logger = logger
    self.requestTimeout = address.requestTimeout
  }

  /// Changes the request deadline of a store already connected: for a test that needs its
  /// setting-up done under a patient deadline and one request under a short one, whatever the
  /// load on the machine.
  package func changeRequestTimeout(to timeout: Duration) {
    requestTimeout = timeout
  }

  /// Connects, creating the schema or bringing it up to date. Throws
  /// ``PostgresStoreError/unreachable(address:reason:)`` when the server cannot be reached or
  /// refuses the login (within `timeout`), and ``PostgresStoreError/incompatible(address:reason:)``
  /// for a database of a newer CaseSim.
  public static func connect(
    to address: PostgresAddress, timeout: Duration = .seconds(60)
  ) async throws -> PostgresRecordStore {
    let logger = Logger(label: "casesim.records.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    var configuration: PostgresConnection.Configuration
    if let socket = address.socketPath {
      configuration = PostgresConnection.Configuration(
        unixSocketPath: socket, username: address.username, password: address.password,
        database: address.database)
    } else {
      let tls: PostgresConnection.Configuration.TLS
      do {
        switch address.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.encryptionOnly))
        case .require: tls = .require(try NIOSSLContext(configuration: Self.encryptionOnly))
        case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
      } catch {
        throw PostgresStoreError.unreachable(address: address.description, reason: "TLS cannot be set up: \(error)")
      }
      configuration = PostgresConnection.Configuration(
        host: address.host, port: address.port, username: address.username, password: address.password,
        database: address.database, tls: tls)
    }
    configuration.options.connectTimeout = .init(timeout)
    let settings = configuration
    let connection: PostgresConnection
    do {
      // The connect timeout covers the TCP connection only; the login is raced against the
      // same deadline, so a server that accepts and never answers cannot hold the caller.
      connection = try await withThrowingTaskGroup(of: PostgresConnection?.self) { group in
        group.addTask { try await PostgresConnection.connect(configuration: settings, id: 1, logger: logger) }
        group.addTask {
          try await Task.sleep(for: timeout)
          return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let connection = first else {
          throw TimedOut(after: timeout)
        }
        return connection
      }
    } catch {
      throw PostgresStoreError.unreachable(address: address.description, reason: Self.reason(error))
    }
    let store = PostgresRecordStore(address: address, connection: connection, logger: logger)
    do {
      try await store.migrate()
    } catch {
      try? await connection.close()
      throw error
    }
    return store
  }

  /// Closes the connection. The store cannot be used afterwards.
  public func close() async {
    try? await connection.close()
  }

  /// A store let go without ``close()`` closes its connection; the closing keeps the connection
  /// alive until it is done (PostgresNIO requires a connection to be closed before it goes).
  deinit {
    let connection = self.connection
    connection.close().whenComplete { _ in _ = connection }
  }

  // MARK: - Schema

  /// Applies every migration not yet recorded, each in its own transaction under the advisory
  /// lock, or refuses a database a newer CaseSim has written to.
  private func migrate() async throws {
    // Looked at first, without a lock or any DDL, so that a role allowed only to read and write
    // the records (not to create tables) can use a database that is up to date.
    let current = try await transaction { connection, logger -> Bool in
      let rows = try await connection.query(
        "SELECT to_regclass('casesim_migration') IS NOT NULL", logger: logger
      ).collect()
      guard try rows.first?.decode(Bool.self) == true else { return false }
      var applied: Set<Int> = []
      for try await version in try await connection.query(
        "SELECT version FROM casesim_migration", logger: logger
      ).decode(Int.self) {
        applied.insert(version)
      }
      return applied == Set(PostgresSchema.migrations.map(\.version))
    }
    guard !current else { return }
    try await transaction { connection, logger in
      try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
      try await connection.query(PostgresQuery(unsafeSQL: PostgresSchema.ledger), logger: logger)
      var applied: Set<Int> = []
      for try await version in try await connection.query(
        "SELECT version FROM casesim_migration", logger: logger
      ).decode(Int.self) {
        applied.insert(version)
      }
      if let newest = applied.max(), newest > PostgresSchema.version {
        throw PostgresStoreError.incompatible(
          address: self.address.description,
          reason: "it was written by a newer CaseSim (schema version \(newest), this one knows up to \(PostgresSchema.version)); upgrade casesim to use it")
      }
      for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
        for statement in migration.sql {
          try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        try await connection.query(
          "INSERT INTO casesim_migration (version) VALUES (\(migration.version))", logger: logger)
      }
    }
  }

  // MARK: - RecordStore

  public func createSession(_ session: SessionRecord) async throws {
    if let problem = Participant.problem(with: session.participants) {
      throw RecordStoreError.invalidParticipants(session: session.id, reason: problem)
    }
    let refusal = RecordStoreError.notWritten(
      path: address.description, reason: "a session with the id \(session.id) already exists")
    do {
      try await insertSession(session, refusal: refusal)
    } catch is UniqueViolation {
      throw refusal
    }
  }

  private func insertSession(_ session: SessionRecord, refusal: RecordStoreError) async throws {
    try await transaction { connection, logger in
      let exists = try await connection.query(
        "SELECT 1 FROM session WHERE id = \(session.id)", logger: logger
      ).collect()
      guard exists.isEmpty else { throw refusal }
      try await connection.query(
        """
        INSERT INTO session (id, trainee, scenario_id, scenario_hash, scenario_path, role, mode,
          started_at, finished_at, ending_id, outcome, total_score, best_total, option_order,
          order_seed, grade, is_draft, group_name)
        VALUES (\(session.id), \(session.trainee), \(session.scenarioID), \(session.scenarioHash),
          \(session.scenarioPath), \(session.role), \(session.mode),
          to_timestamp(0) + \(Self.milliseconds(session.startedAt)) * interval '1 millisecond',
          to_timestamp(0) + \(session.finishedAt.map(Self.milliseconds)) * interval '1 millisecond',
          \(session.endingID), \(session.outcome), \(session.totalScore), \(session.bestTotal),
          \(session.optionOrder), \(Int64(bitPattern: session.orderSeed)), \(session.grade),
          \(session.isDraft), \(session.group))
        """, logger: logger)
      for participant in session.participants {
        try await connection.query(
          """
          INSERT INTO participant (session_id, ordinal, name, role)
          VALUES (\(session.id), \(participant.ordinal), \(participant.name), \(participant.role))
          """, logger: logger)
      }
    }
  }

  @discardableResult
  public func append(_ event: EventRecord) async throws -> EventRecord {
    do {
      return try await appendOnce(event)
    } catch is UniqueViolation {
      // Another writer kept the same event id between this one's check and its insert (two
      // forwarders racing): the check now finds it and answers with it.
      do {
        return try await appendOnce(event)
      } catch is UniqueViolation {
        throw RecordStoreError.notWritten(
          path: address.description, reason: "event \(event.id) clashes with a row another writer is keeping; try again")
      }
    }
  }

  private func appendOnce(_ event: EventRecord) async throws -> EventRecord {
    try await transaction { connection, logger in
      if let stored = try await self.storedEvent(id: event.id, connection, logger) {
        guard stored.sessionID == event.sessionID else {
          throw RecordStoreError.eventIDTaken(id: event.id, session: stored.sessionID)
        }
        return stored
      }
      // The next number under the session row's lock: a concurrent append to the same session
      // waits here until this transaction ends, then takes the number after.
      let numbered = try await connection.query(
        """
        UPDATE session SET last_sequence = last_sequence + 1
        WHERE id = \(event.sessionID) AND finished_at IS NULL
        RETURNING last_sequence
        """, logger: logger
      ).collect()
      guard let sequence = try numbered.first?.decode(Int.self) else {
        let found = try await connection.query(
          "SELECT 1 FROM session WHERE id = \(event.sessionID)", logger: logger
        ).collect()
        throw found.isEmpty
          ? RecordStoreError.sessionNotFound(event.sessionID) : RecordStoreError.sessionFinished(event.sessionID)
      }
      let participants = try await self.participants(ofSession: event.sessionID, connection, logger)
      let maker = try Participant.maker(of: event, among: participants)
      let deltas = try Self.encodeScoreDeltas(event.scoreDeltas)
      try await connection.query(
        """
        INSERT INTO event (event_id, session_id, sequence, kind, participant, role, passage_id,
          choice_index, choice_text, rationale, text, decision_ms, recorded_at, score_deltas)
        VALUES (\(event.id), \(event.sessionID), \(sequence), \(event.kind.rawValue), \(maker.ordinal),
          \(maker.role), \(event.passageID), \(event.choiceIndex), \(event.choiceText), \(event.rationale),
          \(event.text), \(event.decisionMilliseconds),
          to_timestamp(0) + \(Self.milliseconds(event.recordedAt)) * interval '1 millisecond', \(deltas))
        """, logger: logger)
      var stored = event
      stored.sequence = sequence
      stored.participant = maker.ordinal
      stored.role = maker.role
      return stored
    }
  }

  public func events(forSession id: String) async throws -> [EventRecord] {
    try await transaction { connection, logger in
      let found = try await connection.query("SELECT 1 FROM session WHERE id = \(id)", logger: logger).collect()
      guard !found.isEmpty else { throw RecordStoreError.sessionNotFound(id) }
      return try await self.fetchEvents(
        PostgresQuery(
          unsafeSQL: "SELECT \(Self.eventColumns()) FROM event WHERE session_id = $1 ORDER BY sequence",
          binds: Self.binds(id)))
    }
  }

  public func events(of selection: SessionSelection) async throws -> [EventRecord] {
    var conditions: [String] = []
    var binds = PostgresBindings()
    if !selection.includeDrafts { conditions.append("s.is_draft = false") }
    if let trainee = selection.trainee {
      binds.append(trainee)
      conditions.append("s.trainee = $\(binds.count)")
    }
    if let scenarioID = selection.scenarioID {
      binds.append(scenarioID)
      conditions.append("s.scenario_id = $\(binds.count)")
    }
    if let since = selection.startedSince {
      binds.append(Self.milliseconds(since))
      conditions.append("s.started_at >= to_timestamp(0) + $\(binds.count) * interval '1 millisecond'")
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let query = PostgresQuery(
      unsafeSQL: "SELECT \(Self.eventColumns(of: "e.")) FROM event e JOIN session s ON s.id = e.session_id "
        + "\(filter) ORDER BY e.session_id COLLATE \"C\", e.sequence",
      binds: binds)
    return try await transaction { _, _ in try await self.fetchEvents(query) }
  }

  public func session(id: String) async throws -> SessionRecord? {
    try await fetchSessions(where: "id = $1", binds: Self.binds(id)).first
  }

  public func resolveSession(_ idOrPrefix: String) async throws -> SessionRecord {
    if let exact = try await session(id: idOrPrefix) { return exact }
    try RecordStoreError.requirePrefixLength(idOrPrefix)
    var binds = PostgresBindings()
    binds.append(idOrPrefix.count)
    binds.append(idOrPrefix)
    let matches = try await fetchSessions(where: "lower(substr(id, 1, $1::integer)) = lower($2)", binds: binds)
    return try RecordStoreError.onlyMatch(matches, of: idOrPrefix)
  }

  public func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String,
    at: Date
  ) async throws {
    try await transaction { connection, logger in
      let updated = try await connection.query(
        """
        UPDATE session SET finished_at = to_timestamp(0) + \(Self.milliseconds(at)) * interval '1 millisecond',
          ending_id = \(endingID), outcome = \(outcome), total_score = \(totalScore),
          best_total = \(bestTotal), grade = \(grade)
        WHERE id = \(id) AND finished_at IS NULL
        RETURNING 1
        """, logger: logger
      ).collect()
      guard updated.isEmpty else { return }
      let found = try await connection.query("SELECT 1 FROM session WHERE id = \(id)", logger: logger).collect()
      throw found.isEmpty ? RecordStoreError.sessionNotFound(id) : RecordStoreError.sessionFinished(id)
    }
  }

  public func sessions(trainee: String?, includeDrafts: Bool) async throws -> [SessionRecord] {
    let drafts = includeDrafts ? "true" : "is_draft = false"
    if let trainee {
      return try await fetchSessions(where: "trainee = $1 AND \(drafts)", binds: Self.binds(trainee), newestFirst: true)
    }
    return try await fetchSessions(where: drafts, binds: PostgresBindings(), newestFirst: true)
  }

  public func saveScenarioVersion(_ version: ScenarioVersion) async throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let files = String(decoding: try encoder.encode(version.files), as: UTF8.self)
    try await transaction { connection, logger in
      try await connection.query(
        """
        INSERT INTO scenario_version (hash, scenario_id, main_path, files)
        VALUES (\(version.hash), \(version.scenarioID), \(version.mainPath), \(files))
        ON CONFLICT (hash) DO NOTHING
        """, logger: logger)
    }
  }

  public func scenarioVersion(hash: String) async throws -> ScenarioVersion? {
    let rows = try await transaction { connection, logger in
      try await connection.query(
        "SELECT hash, scenario_id, main_path, files FROM scenario_version WHERE hash = \(hash)", logger: logger
      ).collect()
    }
    guard let row = rows.first else { return nil }
    let (storedHash, scenarioID, mainPath, text) = try row.decode((String, String, String, String).self)
    guard let files = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
      throw RecordStoreError.unreadable(
        path: address.description, reason: "the records are damaged: the kept text of scenario version \(hash) is malformed")
    }
    return ScenarioVersion(hash: storedHash, scenarioID: scenarioID, mainPath: mainPath, files: files)
  }

  public func latestUnfinishedSession(trainee: String) async throws -> SessionRecord? {
    try await fetchSessions(
      where: "trainee = $1 AND finished_at IS NULL", binds: Self.binds(trainee), newestFirst: true, limit: 1
    ).first
  }

  /// After sessions are deleted: the kept scenario texts no remaining session was played on.
  static let deleteUnusedScenarioTexts =
    "DELETE FROM scenario_version WHERE hash NOT IN (SELECT scenario_hash FROM session)"

  @discardableResult
  public func deleteSession(id: String) async throws -> Bool {
    try await transaction { connection, logger in
      let deleted = try await connection.query("DELETE FROM session WHERE id = \(id) RETURNING 1", logger: logger)
        .collect().count
      try await connection.query(
        PostgresQuery(unsafeSQL: Self.deleteUnusedScenarioTexts), logger: logger)
      return deleted > 0
    }
  }

  @discardableResult
  public func purgeSessions(startedBefore date: Date) async throws -> Int {
    try await transaction { connection, logger in
      let deleted = try await connection.query(
        """
        DELETE FROM session
        WHERE started_at < to_timestamp(0) + \(Self.milliseconds(date)) * interval '1 millisecond'
        RETURNING 1
        """, logger: logger
      ).collect().count
      try await connection.query(
        PostgresQuery(unsafeSQL: Self.deleteUnusedScenarioTexts), logger: logger)
      return deleted
    }
  }

  // MARK: - Helpers

  /// BEGIN, `body`, COMMIT; ROLLBACK if anything fails, so that a refused request leaves
  /// nothing behind. The store's own refusals pass through as they are; a failure of the
  /// network or the server becomes ``RecordStoreError/unreachable(store:reason:)`` with the
  /// server's words (PostgresNIO's own description hides them).
  private func transaction<T: Sendable>(
    _ body: (PostgresConnection, Logger) async throws -> T
  ) async throws -> T {
    await takeTurn()
    defer { endTurn() }
    // A query written to a connection that has closed may never be answered (PostgresNIO drops
    // it), so a closed connection is reported at once and never asked again.
    guard !connection.isClosed else {
      throw RecordStoreError.unreachable(store: address.description, reason: "the connection to the server was closed")
    }
    // The deadline is the whole transaction's, from the moment it has the connection. Closing the
    // connection is what ends a wait for an answer that will not come: every request on it then
    // fails at once, and the store is not asked again.
    let deadline = requestTimeout
    let watchdog = Task.detached { [connection] () -> Bool in
      do { try await Task.sleep(for: deadline) } catch { return false }
      try? await connection.close()
      return true
    }
    do {
      let result = try await transactionOnConnection(body)
      watchdog.cancel()
      return result
    } catch {
      watchdog.cancel()
      if await watchdog.value {
        throw RecordStoreError.unreachable(
          store: address.description,
          reason: "the server did not finish the request within \(deadline.components.seconds) seconds (CASESIM_STORE_TIMEOUT), so the connection was given up")
      }
      throw error
    }
  }

  /// ``transaction(_:)``'s work, once the connection is this request's.
  private func transactionOnConnection<T: Sendable>(
    _ body: (PostgresConnection, Logger) async throws -> T
  ) async throws -> T {
    do {
      try await connection.query("BEGIN", logger: logger)
      do {
        let result = try await body(connection, logger)
        try await connection.query("COMMIT", logger: logger)
        return result
      } catch {
        if !connection.isClosed { try? await connection.query("ROLLBACK", logger: logger) }
        throw error
      }
    } catch let error as RecordStoreError {
      throw error
    } catch let error as PostgresStoreError {
      throw error
    } catch let error as PSQLError where Self.isUniqueViolation(error) {
      throw UniqueViolation()
    } catch let error as PSQLError where Self.isRefusal(error) {
      // The server refused the data itself (a constraint, a value out of range, an object it
      // lacks): trying again later would not help.
      throw RecordStoreError.notWritten(path: address.description, reason: Self.reason(error))
    } catch {
      throw RecordStoreError.unreachable(store: address.description, reason: Self.reason(error))
    }
  }

  /// Waits until no other request holds the connection (first come, first served).
  private func takeTurn() async {
    guard busy else {
      busy = true
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  /// Hands the connection to the next request waiting, if any.
  private func endTurn() {
    if waiting.isEmpty {
      busy = false
    } else {
      waiting.removeFirst().resume()
    }
  }

  /// TLS as libpq's `prefer` and `require` mean it: the connection is encrypted, and the
  /// server's certificate is not checked (`sslmode=verify-full` checks it).
  private static var encryptionOnly: TLSConfiguration {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.certificateVerification = .none
    return configuration
  }

  /// A deadline passed.
  struct TimedOut: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "no answer within \(after)" }
  }

  /// SQLSTATE classes 22 (data exception), 23 (integrity constraint) and 42 (syntax or access
  /// rule): the server refused the request as such.
  private static func isRefusal(_ error: PSQLError) -> Bool {
    guard let state = error.serverInfo?[.sqlState] else { return false }
    return ["22", "23", "42"].contains(String(state.prefix(2)))
  }

  /// A row that must be unique already existed (two writers raced to keep the same event id or
  /// session): an append runs again and finds the event; a new session is refused.
  private struct UniqueViolation: Error {}

  /// The event columns, each prefixed with `table` (such as "e."), times as milliseconds.
  /// The event columns every event query selects, in the order ``event(from:texts:)`` reads them.
  static func eventColumns(of table: String = "") -> String {
    let plain = [
      "event_id", "session_id", "sequence", "kind", "participant", "role", "passage_id", "choice_index",
      "choice_text", "rationale", "text", "decision_ms", "score_deltas",
    ]
    return (plain.map { table + $0 } + ["(extract(epoch from \(table)recorded_at) * 1000)::bigint AS recorded_ms"])
      .joined(separator: ", ")
  }

  static let sessionColumns = """
    id, trainee, scenario_id, scenario_hash, scenario_path, role, mode, \
    (extract(epoch from started_at) * 1000)::bigint AS started_ms, \
    (extract(epoch from finished_at) * 1000)::bigint AS finished_ms, ending_id, outcome, \
    total_score, best_total, option_order, order_seed, grade, is_draft, group_name
    """

  private func storedEvent(id: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> EventRecord? {
    let rows = try await connection.query(
      PostgresQuery(unsafeSQL: "SELECT \(Self.eventColumns()) FROM event WHERE event_id = $1", binds: Self.binds(id)),
      logger: logger
    ).collect()
    return try rows.first.map(event(from:))
  }

  private func participants(
    ofSession id: String, _ connection: PostgresConnection, _ logger: Logger
  ) async throws -> [Participant] {
    var participants: [Participant] = []
    for try await (ordinal, name, role) in try await connection.query(
      "SELECT ordinal, name, role FROM participant WHERE session_id = \(id) ORDER BY ordinal", logger: logger
    ).decode((Int, String, String).self) {
      participants.append(Participant(ordinal: ordinal, name: name, role: role))
    }
    return participants
  }

  private func fetchEvents(_ query: PostgresQuery) async throws -> [EventRecord] {
    var events: [EventRecord] = []
    // Repeated texts kept once, and each distinct score-delta text decoded once: a cohort's
    // events repeat the few texts of the library's choices.
    var texts = RepeatedTexts()
    for try await row in try await connection.query(query, logger: logger) {
      events.append(try event(from: row, texts: &texts))
    }
    return events
  }

  private func event(from row: PostgresRow) throws -> EventRecord {
    var texts = RepeatedTexts()
    return try event(from: row, texts: &texts)
  }

  /// An event from a row of ``eventColumns(of:)``, read cell by cell in that order: looking each
  /// column up by name cost a table per row, more than decoding the row.
  private nonisolated func event(from row: PostgresRow, texts: inout RepeatedTexts) throws -> EventRecord {
    var cells = row.makeIterator()
    func next() throws -> PostgresCell {
      guard let cell = cells.next() else { throw damaged("an event row has fewer columns than the query asks for") }
      return cell
    }
    let id = try next().decode(String.self)
    let sessionID = texts.shared(try next().decode(String.self))
    let sequence = try next().decode(Int.self)
    let kindText = try next().decode(String.self)
    guard let kind = EventKind(rawValue: kindText) else {
      throw damaged("event \(sequence) of session \(sessionID) has an unknown kind '\(kindText)'")
    }
    let participant = try next().decode(Int.self)
    let role = texts.shared(try next().decode(String.self))
    let passageID = texts.sharedIfPresent(try next().decode(String?.self))
    let choiceIndex = try next().decode(Int?.self)
    let choiceText = texts.sharedIfPresent(try next().decode(String?.self))
    let rationale = try next().decode(String?.self)
    let text = try next().decode(String?.self)
    let decisionMilliseconds = try next().decode(Int?.self)
    let deltasText = try next().decode(String.self)
    guard
      let deltas = texts.scoreDeltas(deltasText, decode: { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) })
    else {
      throw damaged("event \(sequence) of session \(sessionID) has malformed score deltas")
    }
    let recordedMilliseconds = try next().decode(Int64.self)
    return EventRecord(
      id: id, sessionID: sessionID, sequence: sequence, kind: kind, passageID: passageID, choiceIndex: choiceIndex,
      choiceText: choiceText, participant: participant, role: role, rationale: rationale, text: text,
      decisionMilliseconds: decisionMilliseconds,
      recordedAt: RecordTimestamp.date(millisecondsSince1970: recordedMilliseconds), scoreDeltas: deltas)
  }

  /// Sessions matching an SQL condition (with `binds`), with their participants read in the
  /// same transaction; newest first breaks start-time ties by creation order, as SQLite does.
  private func fetchSessions(
    where condition: String, binds: PostgresBindings, newestFirst: Bool = false, limit: Int? = nil
  ) async throws -> [SessionRecord] {
    var sql = "SELECT \(Self.sessionColumns) FROM session WHERE \(condition)"
    if newestFirst { sql += " ORDER BY started_at DESC, created_order DESC" }
    if let limit { sql += " LIMIT \(limit)" }
    return try await transaction { connection, logger in
      var rows: [PostgresRow] = []
      for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
        rows.append(row)
      }
      var participants: [String: [Participant]] = [:]
      if !rows.isEmpty {
        let query = PostgresQuery(
          unsafeSQL: "SELECT session_id, ordinal, name, role FROM participant "
            + "WHERE session_id IN (SELECT id FROM session WHERE \(condition)) ORDER BY session_id, ordinal",
          binds: binds)
        for try await (sessionID, ordinal, name, role) in try await connection.query(query, logger: logger)
          .decode((String, Int, String, String).self)
        {
          participants[sessionID, default: []].append(Participant(ordinal: ordinal, name: name, role: role))
        }
      }
      return try rows.map { row in try self.session(from: row, participants: participants) }
    }
  }

  private nonisolated func session(from row: PostgresRow, participants: [String: [Participant]]) throws -> SessionRecord {
    let cells = row.makeRandomAccess()
    let id = try cells["id"].decode(String.self)
    guard let team = participants[id], !team.isEmpty else { throw damaged("session \(id) has no participants") }
    return SessionRecord(
      id: id,
      trainee: try cells["trainee"].decode(String.self),
      scenarioID: try cells["scenario_id"].decode(String.self),
      scenarioHash: try cells["scenario_hash"].decode(String.self),
      scenarioPath: try cells["scenario_path"].decode(String.self),
      role: try cells["role"].decode(String.self),
      participants: team,
      mode: try cells["mode"].decode(String.self),
      startedAt: RecordTimestamp.date(millisecondsSince1970: try cells["started_ms"].decode(Int64.self)),
      finishedAt: try cells["finished_ms"].decode(Int64?.self).map(RecordTimestamp.date(millisecondsSince1970:)),
      endingID: try cells["ending_id"].decode(String?.self),
      outcome: try cells["outcome"].decode(String?.self),
      totalScore: try cells["total_score"].decode(Int?.self),
      bestTotal: try cells["best_total"].decode(Int?.self),
      optionOrder: try cells["option_order"].decode(String.self),
      orderSeed: UInt64(bitPattern: try cells["order_seed"].decode(Int64.self)),
      grade: try cells["grade"].decode(String?.self),
      isDraft: try cells["is_draft"].decode(Bool.self),
      group: try cells["group_name"].decode(String?.self))
  }

  private nonisolated func damaged(_ what: String) -> RecordStoreError {
    .unreadable(path: address.description, reason: "the records are damaged: \(what)")
  }

  private static func binds(_ value: String) -> PostgresBindings {
    var binds = PostgresBindings()
    binds.append(value)
    return binds
  }

  private static func milliseconds(_ date: Date) -> Int64 { RecordTimestamp.milliseconds(since1970: date) }

  /// Score deltas as JSON with sorted keys, as the SQLite store keeps them.
  private static func encodeScoreDeltas(_ deltas: [String: Int]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(deltas), as: UTF8.self)
  }

  private static func isUniqueViolation(_ error: PSQLError) -> Bool {
    error.serverInfo?[.sqlState] == "23505"
  }

  /// What went wrong reaching the server, in a sentence (PSQLError's own description is
  /// deliberately vague, to keep queries out of logs).
  public static func reason(_ error: any Error) -> String {
    if let error = error as? PSQLError {
      if let message = error.serverInfo?[.message] { return message }
      if let underlying = error.underlying { return "\(underlying)" }
      return "\(error.code)"
    }
    // PostgresNIO hides its errors' details behind one generic sentence; the debug text has them
    // (never a password: the address is not part of an error).
    let text = "\(error)"
    return text.contains("Generic description to prevent") ? String(reflecting: error) : text
  }
}
