import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import Foundation

/// How long `casesim report cohort` takes on a generated cohort, on SQLite and on PostgreSQL, next
/// to the `sqlite3` and `psql` tools computing the report's main figures with plain SQL
/// (Benchmarks/cohort-report.sql) on the same records, in the same run.
///
/// The cohort is written once per size (``CohortGenerator``); its PostgreSQL copy is loaded with
/// `COPY` from the SQLite file (the same rows; PostgreSQL numbers the events and orders the
/// sessions as they were created). The two reports are checked to be byte for byte the same, so
/// both stores are timed on equivalent content.
extension Benchmark {
  /// Decisions per trainee: 1,000,000 from 5,000 trainees, as issue 14 asks.
  static let decisionsPerTrainee = 200

  static func cohortReport(sizes: [Int], runs: Int, root: String, postgres: String?, directory: String) throws -> [String] {
    let library = ScenarioLibrary(root: root)
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/casesim"
    let sqlFile = root + "/Benchmarks/cohort-report.sql"
    let sqlite3 = executableOnPath("sqlite3")
    let psql = executableOnPath("psql")
    var lines = [
      "cohort report (casesim report cohort --format json) against \(sqlFile.dropFirst(root.count + 1)) in the "
        + "command-line tools; median of \(runs) runs, wall seconds (CPU seconds of the process; psql's excludes the server's)",
      "decisions trainees sessions   events generate |  sqlite report       sqlite3          ratio (cpu) |  pg report   psql     ratio",
    ]
    if sqlite3 == nil { lines.append("(sqlite3 not on PATH: apt-get install sqlite3)") }
    if postgres == nil { lines.append("(no PostgreSQL: pass --postgres URL, e.g. from Scripts/postgres-test-cluster.sh)") }
    for decisions in sizes {
      let trainees = max(5, decisions / decisionsPerTrainee)
      let path = directory + "/cohort-\(decisions).sqlite"
      let generateStart = ContinuousClock.now
      let written = try CohortGenerator(trainees: trainees, decisions: decisions, library: library).write(to: path)
      let generateSeconds = seconds(ContinuousClock.now - generateStart)
      let events = written.choices + written.undos + written.retries
      if decisions <= 100_000 { try checkReadsBack(path: path, sessions: written.sessions, events: events) }

      let report = ["report", "cohort", "--format", "json", "--library", root]
      var sqliteReport: [RunCost] = []
      var sqliteReference: [RunCost] = []
      // Alternating, so that both see the same load on a shared machine.
      for _ in 0..<max(1, runs) {
        sqliteReport.append(try runTimed(binary, report + ["--store", path]))
        if let sqlite3 { sqliteReference.append(try runTimed(sqlite3, ["-bail", path, ".read \(sqlFile)"])) }
      }
      var postgresReport: [RunCost] = []
      var postgresReference: [RunCost] = []
      if let postgres, let psql, let sqlite3 {
        let database = try copyToPostgres(
          sqlitePath: path, server: postgres, name: "casesim_cohort_\(decisions)", binary: binary, root: root,
          psql: psql, sqlite3: sqlite3, directory: directory)
        try checkSameReport(binary: binary, root: root, sqlitePath: path, postgres: database, directory: directory)
        for _ in 0..<max(1, runs) {
          postgresReport.append(try runTimed(binary, report + ["--store", database]))
          postgresReference.append(
            try runTimed(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", sqlFile]))
        }
      }
      func wall(_ costs: [RunCost]) -> Double? { costs.isEmpty ? nil : median(costs.map { $0.milliseconds / 1000 }) }
      func cpu(_ costs: [RunCost]) -> Double? { costs.isEmpty ? nil : median(costs.map(\.cpuSeconds)) }
      func figure(_ costs: [RunCost], cpu showCPU: Bool) -> String {
        guard let seconds = wall(costs), let busy = cpu(costs) else { return "      -" }
        return showCPU ? String(format: "%7.2f (%6.2f)", seconds, busy) : String(format: "%7.2f", seconds)
      }
      func ratio(_ ours: Double?, _ theirs: Double?) -> String {
        guard let ours, let theirs, theirs > 0 else { return "     -" }
        return String(format: "x%5.2f", ours / theirs)
      }
      lines.append(
        String(
          format: "%9d %8d %8d %8d %7.1fs | %@  %@  %@ (%@) |  %@  %@  %@", written.choices, trainees, written.sessions,
          events, generateSeconds, figure(sqliteReport, cpu: true) as NSString,
          figure(sqliteReference, cpu: true) as NSString, ratio(wall(sqliteReport), wall(sqliteReference)) as NSString,
          ratio(cpu(sqliteReport), cpu(sqliteReference)) as NSString, figure(postgresReport, cpu: false) as NSString,
          figure(postgresReference, cpu: false) as NSString,
          ratio(wall(postgresReport), wall(postgresReference)) as NSString))
      // Print each size as it is done: the largest takes minutes.
      print(lines.joined(separator: "\n"))
      lines = []
    }
    return lines
  }

  /// The generated file read back through the store (every row decoded, every timestamp checked
  /// to be in the store's exact form): the rows are what the store writes.
  private static func checkReadsBack(path: String, sessions: Int, events: Int) throws {
    let store = try SQLiteRecordStore(path: path)
    let readSessions = try store.sessions(trainee: nil, includeDrafts: true).count
    let readEvents = try store.events(of: SessionSelection(includeDrafts: true)).count
    precondition(
      readSessions == sessions && readEvents == events,
      "the store reads \(readSessions) sessions and \(readEvents) events back, not \(sessions) and \(events)")
  }

  /// A fresh database `name` on the server, given the schema by CaseSim itself (opening a shared
  /// store migrates it), then the SQLite file's rows with `COPY`. Returns the database's address.
  private static func copyToPostgres(
    sqlitePath: String, server: String, name: String, binary: String, root: String, psql: String, sqlite3: String,
    directory: String
  ) throws -> String {
    _ = try runTimed(psql, ["-X", "-q", "-d", server, "-c", "DROP DATABASE IF EXISTS \(name)"])
    _ = try runTimed(psql, ["-X", "-q", "-d", server, "-c", "CREATE DATABASE \(name)"])
    let database = databaseAddress(server, name: name)
    // Any command that opens the store migrates it: a report of the (empty) store will do.
    _ = try runTimed(binary, ["report", "cohort", "--format", "json", "--library", root, "--store", database])
    let tables: [(table: String, columns: String, order: String)] = [
      ("scenario_version", "hash, scenario_id, main_path, files", "hash"),
      (
        "session",
        "id, trainee, scenario_id, scenario_hash, scenario_path, role, mode, started_at, finished_at, ending_id, "
          + "outcome, total_score, best_total, option_order, order_seed, grade, is_draft, group_name", "rowid"
      ),
      ("participant", "session_id, ordinal, name, role", "rowid"),
      (
        "event",
        "event_id, session_id, sequence, kind, participant, role, passage_id, choice_index, choice_text, rationale, "
          + "text, decision_ms, recorded_at, score_deltas", "id"
      ),
    ]
    for (table, columns, order) in tables {
      let script = directory + "/copy-\(table).sh"
      let log = directory + "/copy-\(table).log"
      try """
        set -eo pipefail
        exec 2>'\(log)'
        '\(sqlite3)' -bail -csv -nullvalue '\\N' '\(sqlitePath)' 'SELECT \(columns) FROM \(table) ORDER BY \(order)' \\
          | '\(psql)' -X -q -v ON_ERROR_STOP=1 -d '\(database)' \\
              -c "\\\\copy \(table) (\(columns)) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        """.write(toFile: script, atomically: true, encoding: .utf8)
      do {
        _ = try runTimed("/bin/bash", [script])
      } catch {
        throw CopyFailed(table: table, log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
      }
    }
    _ = try runTimed(
      psql,
      [
        "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c",
        "UPDATE session s SET last_sequence = m.last FROM (SELECT session_id, max(sequence) AS last FROM event GROUP BY session_id) m WHERE m.session_id = s.id",
        "-c", "VACUUM ANALYZE",
      ])
    return database
  }

  struct CopyFailed: Error, CustomStringConvertible {
    var table: String
    var log: String
    var description: String { "copying the \(table) table to PostgreSQL failed: \(log)" }
  }

  /// The server's address with another database name in its path.
  private static func databaseAddress(_ server: String, name: String) -> String {
    guard var components = URLComponents(string: server) else { return server }
    components.path = "/" + name
    return components.string ?? server
  }

  /// Both stores must give the same report, or the timings would not compare like with like.
  private static func checkSameReport(
    binary: String, root: String, sqlitePath: String, postgres: String, directory: String
  ) throws {
    let fromSQLite = directory + "/report-sqlite.json"
    let fromPostgres = directory + "/report-postgres.json"
    for (store, output) in [(sqlitePath, fromSQLite), (postgres, fromPostgres)] {
      _ = try runTimed(
        binary, ["report", "cohort", "--format", "json", "--library", root, "--store", store, "--output", output])
    }
    let same = FileManager.default.contentsEqual(atPath: fromSQLite, andPath: fromPostgres)
    precondition(same, "the reports from SQLite and PostgreSQL differ: compare \(fromSQLite) and \(fromPostgres)")
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
