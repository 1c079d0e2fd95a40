import CaseRecords
import CaseRecordsSQLite
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What recording one decision costs, next to what SQLite itself needs for the same durability.
///
/// A trainee waits for every decision to be committed before the next passage is shown, so the
/// cost of one append is felt on every key press. The floor is one INSERT in its own WAL
/// transaction with `synchronous = FULL` (one fsync of the WAL per commit); the `sqlite3` tool
/// doing exactly that, in the same run and on the same disk, is the reference the store is held to.
extension Benchmark {
  /// Decisions appended per run: enough that a WAL checkpoint or two falls inside every run, as
  /// it does in a long session, and that process start-up is small next to the total.
  static let recordedDecisions = 2_000

  /// Appends ``recordedDecisions`` decisions through ``SQLiteRecordStore`` to a fresh store, then
  /// has the `sqlite3` tool commit as many single-INSERT transactions to a similar table; `runs`
  /// times each, alternating so both see the same machine load. Returns a few lines with the
  /// median wall and CPU time per event and the ratio of the store to the reference.
  static func recordingCost(runs: Int) throws -> String {
    let directory = NSTemporaryDirectory() + "casesim-recording-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let sqlite3 = executableOnPath("sqlite3")

    var store: [EventCost] = []
    var reference: [EventCost] = []
    for run in 0..<max(1, runs) {
      store.append(try storeCost(path: directory + "/store-\(run).sqlite"))
      if let sqlite3 {
        reference.append(try sqlite3Cost(tool: sqlite3, directory: directory, run: run))
      }
    }

    let ours = EventCost.median(store)
    var lines = [
      "recording cost: median of \(max(1, runs)) runs of \(recordedDecisions) decisions, each its own "
        + "transaction (WAL, synchronous = FULL), per event:",
      ours.line(label: "casesim store"),
    ]
    guard let sqlite3 else {
      lines.append("sqlite3     not on PATH, so no reference (apt-get install sqlite3)")
      return lines.joined(separator: "\n")
    }
    let theirs = EventCost.median(reference)
    lines.append(theirs.line(label: "sqlite3 CLI"))
    lines.append(
      String(
        format: "ratio        wall x%.2f   cpu x%.2f   (goal: at most x1.5; reference is %@)",
        ours.wallMilliseconds / theirs.wallMilliseconds, ours.cpuMilliseconds / theirs.cpuMilliseconds,
        sqlite3 as NSString))
    return lines.joined(separator: "\n")
  }

  /// Wall and CPU time per event of one run.
  struct EventCost {
    var wallMilliseconds: Double
    var cpuMilliseconds: Double

    /// Each figure's own median, so one slow run does not skew the result.
    static func median(_ costs: [EventCost]) -> EventCost {
      EventCost(
        wallMilliseconds: Benchmark.median(costs.map(\.wallMilliseconds)),
        cpuMilliseconds: Benchmark.median(costs.map(\.cpuMilliseconds)))
    }

    func line(label: String) -> String {
      String(
        format: "%@  wall %.3f ms   cpu %.3f ms", label.padding(toLength: 13, withPad: " ", startingAt: 0),
        wallMilliseconds, cpuMilliseconds)
    }
  }

  /// Times the appends alone: opening the store and creating the session are not part of a
  /// decision, so they happen before the clock starts.
  private static func storeCost(path: String) throws -> EventCost {
    let store = try SQLiteRecordStore(path: path)
    let session = SessionRecord(
      id: UUID().uuidString.lowercased(), trainee: "bench", scenarioID: "bench-scenario",
      scenarioHash: "sha256:bench", scenarioPath: "/bench/bench.case", role: "social-worker",
      mode: "practice", startedAt: Date())
    try store.createSession(session)
    let events = (1...recordedDecisions).map { index in
      EventRecord(
        sessionID: session.id, kind: .choice, passageID: "passage-\(index)", choiceIndex: 1 + index % 3,
        choiceText: benchChoiceText, role: "social-worker", rationale: benchRationale,
        decisionMilliseconds: 1000 + index, recordedAt: Date(),
        scoreDeltas: ["child-focus": 2, "info-sharing": -1])
    }
    let cpuBefore = processCPUSeconds()
    let start = ContinuousClock.now
    for event in events {
      try store.append(event)
    }
    let wall = ContinuousClock.now - start
    let cpu = processCPUSeconds() - cpuBefore
    return EventCost(per: recordedDecisions, wall: wall, cpuSeconds: cpu)
  }

  /// Times `sqlite3` committing ``recordedDecisions`` single-INSERT transactions, less a run of
  /// the same tool on the same file that inserts nothing, so that starting the process and
  /// opening the file are not counted against each event.
  private static func sqlite3Cost(tool: String, directory: String, run: Int) throws -> EventCost {
    let database = directory + "/reference-\(run).sqlite"
    let schema = directory + "/reference-schema.sql"
    let inserts = directory + "/reference-inserts.sql"
    let nothing = directory + "/reference-nothing.sql"
    // The event table as the store has it, so each INSERT updates the same two b-trees.
    try """
      PRAGMA journal_mode = WAL;
      CREATE TABLE event (
        id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, sequence INTEGER NOT NULL CHECK (sequence >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('choice', 'undo', 'note', 'retry')), passage_id TEXT,
        choice_index INTEGER, choice_text TEXT, role TEXT, rationale TEXT, text TEXT,
        decision_ms INTEGER, recorded_at TEXT NOT NULL, score_deltas TEXT NOT NULL DEFAULT '{}',
        UNIQUE (session_id, sequence));
      """.write(toFile: schema, atomically: false, encoding: .utf8)
    let durable = "PRAGMA synchronous = FULL;\n"
    var script = durable
    for index in 1...recordedDecisions {
      script += """
        BEGIN IMMEDIATE; INSERT INTO event (session_id, sequence, kind, passage_id, choice_index, \
        choice_text, role, rationale, decision_ms, recorded_at, score_deltas) VALUES \
        ('6f1c2a4e-0b7d-4c59-9a43-2f8e1d7c5b90', \(index), 'choice', 'passage-\(index)', \
        \(1 + index % 3), '\(benchChoiceText)', 'social-worker', '\(benchRationale)', \
        \(1000 + index), '2026-03-14T09:26:53.589Z', '{"child-focus":2,"info-sharing":-1}'); COMMIT;

        """
    }
    try script.write(toFile: inserts, atomically: false, encoding: .utf8)
    try durable.write(toFile: nothing, atomically: false, encoding: .utf8)

    _ = try runTimed(tool, [database, ".read \(schema)"])
    let empty = try runTimed(tool, [database, ".read \(nothing)"])
    let full = try runTimed(tool, [database, ".read \(inserts)"])
    return EventCost(
      per: recordedDecisions, wall: full.wall - empty.wall, cpuSeconds: full.cpuSeconds - empty.cpuSeconds)
  }

  /// The full path of `name` in a directory of PATH that holds it as an executable, or nil.
  static func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
  }

  /// User plus system CPU seconds of this process so far.
  private static func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  /// Texts of a typical length for a choice and its rationale (no quotes, so they go into SQL as
  /// they are).
  private static let benchChoiceText = "Ask to see the bedroom where the child sleeps before leaving"
  private static let benchRationale =
    "The bruise and the missed appointments together need a look at where he sleeps"
}

extension Benchmark.EventCost {
  init(per events: Int, wall: Duration, cpuSeconds: Double) {
    let components = wall.components
    let wallSeconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
    self.init(
      wallMilliseconds: wallSeconds * 1000 / Double(events),
      cpuMilliseconds: cpuSeconds * 1000 / Double(events))
  }
}
