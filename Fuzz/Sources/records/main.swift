// Fuzz target `records`: reading a records file that was damaged, hand-edited or written by
// someone else. The first byte chooses the mode:
//
// - even: the rest is the records file itself. It is written to a private temporary file and
//   opened with SQLiteRecordStore, then every session, event and kept scenario version is read.
//   This exercises the file checks, the schema checks and SQLite's handling of damaged pages;
// - odd: the rest is rows, one per line, written with raw SQL into a valid records file that
//   the store then reads. This reaches the row decoders (timestamps, score deltas, kinds, types)
//   much faster than damaging pages does. A line is a table letter and '|'-separated values:
//     S|id|trainee|scenario_id|scenario_hash|scenario_path|role|mode|started_at|finished_at|
//       ending_id|outcome|total_score|best_total|option_order|order_seed|grade|is_draft
//     P|session_id|ordinal|name|role
//     E|session_id|sequence|kind|passage_id|choice_index|choice_text|participant|role|rationale|
//       text|decision_ms|recorded_at|score_deltas
//     V|hash|scenario_id|main_path|files
//   A value '~' is NULL, '#12' an integer, '%1.5' a real, 'x:ABCD' a blob, anything else text.
//
// Invariants: no crash or hang (a damaged file is an error, never a trap), and what the store
// returns is what it would store again: each session and event read back, written to a fresh
// store and read again, is equal to itself.
import CaseRecords
import CaseRecordsSQLite
import Foundation
import FuzzSupport
import GRDB

/// A private folder for the files of this process: in /dev/shm when there is one, since the store
/// syncs every commit to disk and a real disk would make each run wait for it.
let workDirectory: String = {
  var isDirectory: ObjCBool = false
  let base =
    FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
    ? "/dev/shm/" : NSTemporaryDirectory()
  let path = base + "casesim-fuzz-records-\(getpid())"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  atexit { try? FileManager.default.removeItem(atPath: workDirectory) }
  return path
}()

// MARK: Seeds

/// A small records file written through the public API, in a compact page size.
func makeSeedFile(at path: String) throws {
  for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
  do {
    let store = try SQLiteRecordStore(path: path)
    let start = Date(timeIntervalSince1970: 1_770_000_000.123)
    try store.createSession(
      SessionRecord(
        id: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", trainee: "sam", scenarioID: "duty-desk-friday",
        scenarioHash: "abc123", scenarioPath: "Scenarios/duty-desk-friday.case", role: "social-worker",
        mode: "practice", startedAt: start, optionOrder: "shuffled", orderSeed: 42))
    try store.createSession(
      SessionRecord(
        id: "7d1e0b44-8c2f-4a3e-b5d6-9e8f7a6b5c4d", trainee: "ali", scenarioID: "hungry-in-class",
        scenarioHash: "def456", scenarioPath: "draft.case", role: "",
        participants: [
          Participant(ordinal: 1, name: "ali", role: ""), Participant(ordinal: 2, name: "jo", role: "police-officer"),
        ],
        mode: "assessed", startedAt: start.addingTimeInterval(60), isDraft: true))
    try store.append(
      EventRecord(
        sessionID: "7d1e0b44-8c2f-4a3e-b5d6-9e8f7a6b5c4d", kind: .note, participant: 2, text: "from the police",
        recordedAt: start.addingTimeInterval(61)))
    try store.append(
      EventRecord(
        sessionID: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", kind: .choice, passageID: "start", choiceIndex: 1,
        choiceText: "Ring the school", role: "social-worker", rationale: "to check", decisionMilliseconds: 5300,
        recordedAt: start.addingTimeInterval(5.3), scoreDeltas: ["wt-2023-1.6": 2, "kcsie-sharing": -1]))
    try store.append(
      EventRecord(
        sessionID: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", kind: .undo, recordedAt: start.addingTimeInterval(9)))
    try store.append(
      EventRecord(
        sessionID: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", kind: .choice, passageID: "start", choiceIndex: 2,
        choiceText: "Wait", role: "social-worker", recordedAt: start.addingTimeInterval(10)))
    try store.append(
      EventRecord(
        sessionID: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", kind: .retry, passageID: "middle", choiceIndex: 1,
        recordedAt: start.addingTimeInterval(11)))
    try store.append(
      EventRecord(
        sessionID: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", kind: .note, text: "a note",
        recordedAt: start.addingTimeInterval(12)))
    try store.finishSession(
      id: "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b", endingID: "strategy-meeting", outcome: "safe", totalScore: 7,
      bestTotal: 9, grade: "good", at: start.addingTimeInterval(300))
    try store.saveScenarioVersion(
      ScenarioVersion(hash: "abc123", scenarioID: "duty-desk-friday", mainPath: "Scenarios/duty-desk-friday.case",
        files: ["Scenarios/duty-desk-friday.case": "id: duty-desk-friday\n"]))
  }
  // Rewrite it with 512-byte pages and no WAL, so the seed is a few kilobytes.
  let queue = try DatabaseQueue(path: path)
  try queue.writeWithoutTransaction { db in
    try db.execute(sql: "PRAGMA journal_mode = DELETE")
    try db.execute(sql: "PRAGMA page_size = 512")
    try db.execute(sql: "VACUUM")
  }
  try queue.close()
}

/// The rows of a records file in the text form of the rows mode.
func rowsText(of path: String) throws -> String {
  let queue = try DatabaseQueue(path: path)
  defer { try? queue.close() }
  func field(_ value: DatabaseValue) -> String {
    switch value.storage {
    case .null: return "~"
    case .int64(let n): return "#\(n)"
    case .double(let d): return "%\(d)"
    case .string(let s): return s.replacingOccurrences(of: "|", with: "/").replacingOccurrences(of: "\n", with: " ")
    case .blob(let b): return "x:" + b.map { String(format: "%02X", $0) }.joined()
    }
  }
  var lines: [String] = []
  try queue.read { db in
    for (letter, table, columns) in rowTables {
      for row in try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table)") {
        lines.append(([letter] + row.databaseValues.map(field)).joined(separator: "|"))
      }
    }
  }
  return lines.joined(separator: "\n") + "\n"
}

let rowTables: [(letter: String, table: String, columns: [String])] = [
  ("S", "session", [
    "id", "trainee", "scenario_id", "scenario_hash", "scenario_path", "role", "mode", "started_at", "finished_at",
    "ending_id", "outcome", "total_score", "best_total", "option_order", "order_seed", "grade", "is_draft",
    "group_name",
  ]),
  ("P", "participant", ["session_id", "ordinal", "name", "role"]),
  ("E", "event", [
    "session_id", "sequence", "kind", "passage_id", "choice_index", "choice_text", "participant", "role", "rationale",
    "text", "decision_ms", "recorded_at", "score_deltas", "event_id",
  ]),
  ("V", "scenario_version", ["hash", "scenario_id", "main_path", "files"]),
]

/// Writes the seeds into `$CASESIM_FUZZ_SEED_DIR` before libFuzzer reads its corpus.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  guard let seeds = ProcessInfo.processInfo.environment["CASESIM_FUZZ_SEED_DIR"], !seeds.isEmpty else { return 0 }
  do {
    try FileManager.default.createDirectory(atPath: seeds, withIntermediateDirectories: true)
    let file = workDirectory + "/seed.sqlite"
    try makeSeedFile(at: file)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    try (Data([0]) + bytes).write(to: URL(fileURLWithPath: seeds + "/file-small-store"))
    try (Data([1]) + Data(try rowsText(of: file).utf8)).write(to: URL(fileURLWithPath: seeds + "/rows-small-store"))
  } catch {
    fatalError("cannot write the records seeds: \(error)")
  }
  return 0
}

// MARK: Reading

/// Reads everything the commands read, and checks that it round-trips.
///
/// - Parameter intact: the file passes SQLite's own `integrity_check` (`quick_check` does not
///   compare indexes with their tables). A damaged file (an index that disagrees with its table,
///   say) makes SQLite answer one question two ways, so the store can only be asked not to crash
///   or hang on it, not to read it consistently.
func readAll(_ store: SQLiteRecordStore, intact: Bool = true) {
  guard let sessions = try? store.sessions(trainee: nil, includeDrafts: true) else { return }
  _ = try? store.sessions(trainee: sessions.first?.trainee ?? "", includeDrafts: false)
  var events: [String: [EventRecord]] = [:]
  for session in sessions.prefix(50) {
    if intact, let again = try? store.session(id: session.id), again != session {
      Fuzz.violation("records-consistent", "session \(session.id) reads differently by id")
    }
    _ = try? store.resolveSession(String(session.id.prefix(4)))
    _ = try? store.latestUnfinishedSession(trainee: session.trainee)
    _ = try? store.scenarioVersion(hash: session.scenarioHash)
    if let found = try? store.events(forSession: session.id) { events[session.id] = found }
  }
  // What was read is what the store writes: write it to an empty store and read it again.
  let copy = copyStore.store
  do {
    try copyStore.writer.write { db in
      try db.execute(sql: "DELETE FROM event; DELETE FROM participant; DELETE FROM session; DELETE FROM scenario_version")
    }
  } catch {
    fatalError("cannot empty the copy store: \(error)")
  }
  for session in sessions.prefix(50) {
    guard (try? copy.createSession(session.unfinished)) != nil else { continue }  // ids differing only in case, and so on
    for event in events[session.id] ?? [] {
      _ = try? copy.append(event)
    }
    if let finishedAt = session.finishedAt {
      try? copy.finishSession(
        id: session.id, endingID: session.endingID ?? "", outcome: session.outcome ?? "",
        totalScore: session.totalScore ?? 0, bestTotal: session.bestTotal ?? 0, grade: session.grade ?? "",
        at: finishedAt)
    }
    guard let stored = try? copy.session(id: session.id) else {
      Fuzz.violation("records-roundtrip", "session \(session.id) was written but cannot be read back")
      continue
    }
    if stored.startedAt != session.startedAt || stored.finishedAt != session.finishedAt {
      Fuzz.violation(
        "records-roundtrip", "session \(session.id)'s dates change when stored again: "
          + "\(session.startedAt) / \(String(describing: session.finishedAt)) became "
          + "\(stored.startedAt) / \(String(describing: stored.finishedAt))")
    }
    // A damaged file can hold a NUL inside a text (a blob read as text); SQLite binds text up to
    // its first NUL, so such a value is cut short when written again. CaseSim never writes one
    // (names are cleaned, the rest comes from the scenario and the code), so only values without
    // a NUL must come back exactly.
    let texts = [session.id, session.trainee, session.scenarioID, session.scenarioHash, session.scenarioPath,
      session.role, session.mode, session.optionOrder, session.endingID ?? "", session.outcome ?? "",
      session.grade ?? "", session.group ?? ""] + session.participants.flatMap { [$0.name, $0.role] }
    if session.isFinished, session.endingID != nil, session.outcome != nil, session.totalScore != nil,
      session.bestTotal != nil, session.grade != nil, !texts.contains(where: { $0.contains("\u{0}") }),
      stored != session
    {
      Fuzz.violation("records-roundtrip", "session \(session.id) changes when stored again")
    }
    if let original = events[session.id], let again = try? copy.events(forSession: session.id),
      again.count == original.count
    {
      for (a, b) in zip(original, again) {
        var a = a
        a.sequence = b.sequence  // the store numbers events itself
        if a != b { Fuzz.violation("records-roundtrip", "event \(b.sequence) of \(session.id) changes when stored again") }
      }
    }
  }
}

// MARK: File mode

func removeStoreFiles(_ path: String) {
  for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
}

func fuzzFile(_ bytes: UnsafeRawBufferPointer) {
  let path = workDirectory + "/records.sqlite"
  removeStoreFiles(path)
  guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
    fatalError("cannot write \(path)")
  }
  var configuration = Configuration()
  configuration.readonly = true
  let intact = (try? DatabaseQueue(path: path, configuration: configuration).read { db in
    try String.fetchOne(db, sql: "PRAGMA integrity_check")
  }) == "ok"
  do {
    let store = try SQLiteRecordStore(path: path)
    readAll(store, intact: intact)
  } catch {
    _ = String(describing: error)
  }
  removeStoreFiles(path)
}

// MARK: Rows mode

/// A valid, empty records file, opened by the store, with a raw connection beside it that writes
/// and deletes rows directly. Made once: creating a store (its schema) costs more than a run.
func rawStore(_ name: String) -> (writer: DatabaseQueue, store: SQLiteRecordStore) {
  let path = workDirectory + "/" + name
  removeStoreFiles(path)
  do {
    _ = try SQLiteRecordStore(path: path)  // creates the schema, then closes
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false  // a damaged file may hold events of no session
    let writer = try DatabaseQueue(path: path, configuration: configuration)
    try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    let store = try SQLiteRecordStore(path: path)
    return (writer, store)
  } catch {
    fatalError("cannot prepare the store \(path): \(error)")
  }
}

/// Where the rows of the rows mode are written.
let rowsStore = rawStore("rows.sqlite")
/// Where what was read is written again, to check that it reads back the same.
let copyStore = rawStore("copy.sqlite")

func value(_ field: Substring) -> DatabaseValue {
  if field == "~" { return .null }
  if field.hasPrefix("#"), let n = Int64(field.dropFirst()) { return n.databaseValue }
  if field.hasPrefix("%"), let d = Double(field.dropFirst()) { return d.databaseValue }
  if field.hasPrefix("x:") {
    var bytes: [UInt8] = []
    var digits = field.dropFirst(2).makeIterator()
    while let high = digits.next(), let low = digits.next(), let byte = UInt8(String([high, low]), radix: 16) {
      bytes.append(byte)
    }
    return Data(bytes).databaseValue
  }
  return String(field).databaseValue
}

func fuzzRows(_ bytes: UnsafeRawBufferPointer) {
  let text = String(decoding: bytes, as: UTF8.self)
  let (writer, store) = rowsStore
  do {
    try writer.write { db in
      try db.execute(sql: "DELETE FROM event; DELETE FROM participant; DELETE FROM session; DELETE FROM scenario_version")
      for line in text.split(separator: "\n").prefix(200) {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false)
        guard let letter = fields.first, let table = rowTables.first(where: { $0.letter == letter }) else { continue }
        var values = fields.dropFirst().prefix(table.columns.count).map(value)
        while values.count < table.columns.count { values.append(.null) }
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        // Constraint failures (NOT NULL, CHECK, UNIQUE) are skipped, as SQLite would refuse them.
        try? db.execute(
          sql: "INSERT INTO \(table.table) (\(table.columns.joined(separator: ", "))) VALUES (\(marks))",
          arguments: StatementArguments(values))
      }
    }
  } catch {
    fatalError("cannot write the rows: \(error)")
  }
  readAll(store)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  guard count > 0 else { return 0 }
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  if bytes[0] & 1 == 0 {
    fuzzFile(UnsafeRawBufferPointer(rebasing: bytes[1...]))
  } else {
    fuzzRows(UnsafeRawBufferPointer(rebasing: bytes[1...]))
  }
  return 0
}
