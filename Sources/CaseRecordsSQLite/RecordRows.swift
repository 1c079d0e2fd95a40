import CaseRecords
import Foundation
import GRDB

/// Converts records to and from rows of the `session`, `participant` and `event` tables.
///
/// The mapping is written out by hand rather than through GRDB's Codable records: column names
/// stay snake_case and stable whatever the Swift names become, dates use ``TimestampText``, and
/// a damaged value becomes an error instead of a crash (throwing `decode`, never the trapping
/// subscripts). The benchmark's cohort generator writes its rows through it too (`package`), so a
/// generated records file is the store's own form by construction.
package enum RecordRows {
  static let sessionColumns = """
    id, trainee, scenario_id, scenario_hash, scenario_path, role, mode, started_at, \
    finished_at, ending_id, outcome, total_score, best_total, option_order, order_seed, grade, \
    is_draft, group_name
    """

  /// The participant and role come last: they are settled inside the write transaction, from
  /// the session's participants, like the sequence.
  static let eventColumns = """
    event_id, session_id, sequence, kind, passage_id, choice_index, choice_text, rationale, text, \
    decision_ms, recorded_at, score_deltas, participant, role
    """

  /// ``eventColumns``, each qualified by a table alias, for queries that join the event table.
  static func eventColumns(of table: String) -> String {
    eventColumns.split(separator: ",").map { "\(table)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .joined(separator: ", ")
  }

  static let participantColumns = "session_id, ordinal, name, role"

  /// Inserts a session and its participants, through statements prepared once per connection.
  package static func insertSession(_ session: SessionRecord, into db: Database) throws {
    try db.cachedStatement(
      sql: "INSERT INTO session (\(sessionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ).execute(
      arguments: [
        session.id, session.trainee, session.scenarioID, session.scenarioHash,
        session.scenarioPath, session.role, session.mode, TimestampText.format(session.startedAt),
        session.finishedAt.map(TimestampText.format), session.endingID, session.outcome,
        session.totalScore, session.bestTotal, session.optionOrder,
        Int64(bitPattern: session.orderSeed), session.grade, session.isDraft, session.group,
      ])
    for participant in session.participants {
      try db.cachedStatement(sql: "INSERT INTO participant (\(participantColumns)) VALUES (?, ?, ?, ?)")
        .execute(arguments: [session.id, participant.ordinal, participant.name, participant.role])
    }
  }

  /// The participants of one session, in ordinal order, through a statement prepared once per
  /// connection: every append reads them to check who made the event.
  static func participants(ofSession id: String, in db: Database) throws -> [Participant] {
    try Row.fetchAll(
      db.cachedStatement(
        sql: "SELECT \(participantColumns) FROM participant WHERE session_id = ? ORDER BY ordinal"),
      arguments: [id]
    ).map(participant(from:))
  }

  static func participant(from row: Row) throws -> Participant {
    Participant(
      ordinal: try row.decode(forColumn: "ordinal"), name: try row.decode(forColumn: "name"),
      role: try row.decode(forColumn: "role"))
  }

  /// An event's column values but its sequence, which is only known inside the write
  /// transaction: encoding them first leaves the database's own work under the write lock.
  struct EventValues {
    fileprivate let eventID: String
    fileprivate let sessionID: String
    /// The columns after `session_id` and `sequence` and before `participant` and `role`, in
    /// ``eventColumns`` order.
    fileprivate let middleColumns: StatementArguments

    init(_ event: EventRecord) throws {
      eventID = event.id
      sessionID = event.sessionID
      middleColumns = [
        event.kind.rawValue, event.passageID, event.choiceIndex, event.choiceText,
        event.rationale, event.text, event.decisionMilliseconds,
        TimestampText.format(event.recordedAt), try encodeScoreDeltas(event.scoreDeltas),
      ]
    }
  }

  private static let insertEventSQL =
    "INSERT INTO event (\(eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

  /// Inserts an event exactly as recorded, its sequence, participant and role included: for
  /// writing many whose order and makers were settled when they were made (the benchmark's
  /// generated cohorts), not for an append, which settles them under the write lock.
  package static func insertRecorded(_ event: EventRecord, into db: Database) throws {
    try insertEvent(
      EventValues(event), sequence: event.sequence, participant: event.participant, role: event.role, into: db)
  }

  /// Inserts an event at `sequence`, made by the participant numbered `participant` (in `role`),
  /// through a statement prepared once per connection: an append is the write that every decision
  /// waits for.
  static func insertEvent(
    _ values: EventValues, sequence: Int, participant: Int?, role: String?, into db: Database
  ) throws {
    try db.cachedStatement(sql: insertEventSQL).execute(
      arguments: [values.eventID, values.sessionID, sequence] + values.middleColumns + [participant, role])
  }

  /// A session from its row and its participants' rows (in ordinal order). A session with no
  /// participant is damaged: every store keeps at least one, and v3 gave every older session its
  /// trainee.
  static func session(from row: Row, participants: [Participant], path: String) throws -> SessionRecord {
    let id = try row.decode(String.self, forColumn: "id")
    guard !participants.isEmpty else { throw damaged(path, "session \(id) has no participants") }
    return SessionRecord(
      id: id,
      trainee: try row.decode(forColumn: "trainee"),
      scenarioID: try row.decode(forColumn: "scenario_id"),
      scenarioHash: try row.decode(forColumn: "scenario_hash"),
      scenarioPath: try row.decode(forColumn: "scenario_path"),
      role: try row.decode(forColumn: "role"),
      participants: participants,
      mode: try row.decode(forColumn: "mode"),
      startedAt: try date(row, "started_at", path: path, owner: "session \(id)"),
      finishedAt: try optionalDate(row, "finished_at", path: path, owner: "session \(id)"),
      endingID: try row.decode(forColumn: "ending_id"),
      outcome: try row.decode(forColumn: "outcome"),
      totalScore: try row.decode(forColumn: "total_score"),
      bestTotal: try row.decode(forColumn: "best_total"),
      optionOrder: try row.decode(forColumn: "option_order"),
      orderSeed: UInt64(bitPattern: try row.decode(Int64.self, forColumn: "order_seed")),
      grade: try row.decode(forColumn: "grade"),
      isDraft: try row.decode(forColumn: "is_draft"),
      group: try row.decode(forColumn: "group_name"))
  }

  static func event(from row: Row, path: String) throws -> EventRecord {
    var texts = RepeatedTexts()
    return try event(from: row, path: path, texts: &texts)
  }

  /// Where each of ``eventColumns`` is in a row that selects them in that order (every event
  /// query does): reading by position spares a name lookup per column of a million rows.
  private enum EventColumn {
    static let names = eventColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    static func at(_ name: String) -> Int { names.firstIndex(of: name)! }
    static let eventID = at("event_id"), sessionID = at("session_id"), sequence = at("sequence"), kind = at("kind")
    static let passageID = at("passage_id"), choiceIndex = at("choice_index"), choiceText = at("choice_text")
    static let rationale = at("rationale"), text = at("text"), decisionMilliseconds = at("decision_ms")
    static let recordedAt = at("recorded_at"), scoreDeltas = at("score_deltas"), participant = at("participant")
    static let role = at("role")
  }

  /// An event from its row (``eventColumns`` in order), keeping repeated texts once in `texts`:
  /// a bulk read passes the same one for every row.
  static func event(from row: Row, path: String, texts: inout RepeatedTexts) throws -> EventRecord {
    let sessionID = texts.shared(try row.decode(String.self, atIndex: EventColumn.sessionID))
    let sequence = try row.decode(Int.self, atIndex: EventColumn.sequence)
    // Named only when something is wrong: made for every row, it cost more than the row's reading.
    func owner() -> String { "event \(sequence) of session \(sessionID)" }
    let kindText = try row.decode(String.self, atIndex: EventColumn.kind)
    guard let kind = EventKind(rawValue: kindText) else {
      throw damaged(path, "\(owner()) has an unknown kind '\(kindText)'")
    }
    let deltasText = try row.decode(String.self, atIndex: EventColumn.scoreDeltas)
    guard let scoreDeltas = texts.scoreDeltas(deltasText, decode: decodeScoreDeltas) else {
      throw damaged(path, "\(owner()) has malformed score deltas")
    }
    guard let recorded = try row.decode(String?.self, atIndex: EventColumn.recordedAt) else {
      throw damaged(path, "\(owner()) has no recorded_at")
    }
    guard let recordedAt = TimestampText.parse(recorded) else {
      throw damaged(path, "\(owner()) has a malformed recorded_at '\(recorded)'")
    }
    return EventRecord(
      id: try row.decode(atIndex: EventColumn.eventID),
      sessionID: sessionID,
      sequence: sequence,
      kind: kind,
      passageID: texts.sharedIfPresent(try row.decode(String?.self, atIndex: EventColumn.passageID)),
      choiceIndex: try row.decode(atIndex: EventColumn.choiceIndex),
      choiceText: texts.sharedIfPresent(try row.decode(String?.self, atIndex: EventColumn.choiceText)),
      participant: try row.decode(Int.self, atIndex: EventColumn.participant),
      role: texts.shared(try row.decode(String.self, atIndex: EventColumn.role)),
      rationale: try row.decode(atIndex: EventColumn.rationale),
      text: try row.decode(atIndex: EventColumn.text),
      decisionMilliseconds: try row.decode(atIndex: EventColumn.decisionMilliseconds),
      recordedAt: recordedAt,
      scoreDeltas: scoreDeltas)
  }

  /// Score deltas as JSON with sorted keys, so equal maps are stored as equal text.
  static func encodeScoreDeltas(_ deltas: [String: Int]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(deltas), as: UTF8.self)
  }

  static func decodeScoreDeltas(_ text: String) -> [String: Int]? {
    try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))
  }

  private static func date(_ row: Row, _ column: String, path: String, owner: String) throws -> Date
  {
    guard let date = try optionalDate(row, column, path: path, owner: owner) else {
      throw damaged(path, "\(owner) has no \(column)")
    }
    return date
  }

  private static func optionalDate(
    _ row: Row, _ column: String, path: String, owner: String
  ) throws -> Date? {
    guard let text = try row.decode(String?.self, forColumn: column) else { return nil }
    guard let date = TimestampText.parse(text) else {
      throw damaged(path, "\(owner) has a malformed \(column) '\(text)'")
    }
    return date
  }

  private static func damaged(_ path: String, _ what: String) -> RecordStoreError {
    .unreadable(path: path, reason: "the records are damaged: \(what)")
  }
}
