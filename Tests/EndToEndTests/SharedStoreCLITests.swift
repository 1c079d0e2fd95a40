import CaseRecords
import CaseRecordsPostgres
import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// The PostgreSQL server the end-to-end tests may use: `CASESIM_TEST_POSTGRES`.
enum SharedStoreServer {
  static var address: PostgresAddress? {
    ProcessInfo.processInfo.environment["CASESIM_TEST_POSTGRES"].flatMap { try? PostgresAddress($0) }
  }
}

/// The real binary against a real PostgreSQL server (`CASESIM_TEST_POSTGRES`, which `.ci/run`
/// starts): play records to the local outbox and forwards; the connection killed mid-session,
/// or no server at all, costs no decision; `sync` sends the rest exactly once. What the server
/// holds is read back with `psql`, independently of CaseSim's own code.
@Suite(
  "casesim with an agency's PostgreSQL store", .serialized, .tags(.slow),
  .enabled(
    if: SharedStoreServer.address != nil,
    "skipped: no PostgreSQL server (set CASESIM_TEST_POSTGRES=postgres://USER@HOST:PORT/postgres; .ci/run starts one)"))
struct SharedStoreCLITests {
  static var server: PostgresAddress? { SharedStoreServer.address }

  /// Runs SQL through `psql` on `database`; returns its unaligned, tuples-only output.
  @discardableResult
  static func psql(_ sql: String, database: String) throws -> String {
    let server = try #require(server)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    var arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-U", server.username, "-d", database, "-p", "\(server.port)"]
    arguments += ["-h", server.socketDirectory ?? server.host, "-c", sql]
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    try #require(process.terminationStatus == 0, "psql failed: \(text)")
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A fresh database on the test server and the `postgres://` address of it.
  static func freshDatabase() throws -> (name: String, url: String) {
    var address = try #require(server)
    let name = "casesim_e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try psql("CREATE DATABASE \(name)", database: address.database)
    address.database = name
    return (name, address.description)
  }

  /// The outbox's events of every session, as (event id, sequence, rationale) lines, sorted.
  static func outboxEvents(_ path: String) throws -> [String] {
    let outbox = try SQLiteRecordStore(path: path)
    return try outbox.sessions(trainee: nil, includeDrafts: true).flatMap { try outbox.events(forSession: $0.id) }
      .map { "\($0.id)|\($0.sequence)|\($0.rationale ?? "")" }.sorted()
  }

  static func serverEvents(_ database: String) throws -> [String] {
    try psql("SELECT event_id || '|' || sequence || '|' || coalesce(rationale, '') FROM event", database: database)
      .split(separator: "\n").map(String.init).sorted()
  }

  @Test("the server's connection killed mid-session: play goes on, and after sync the server holds every decision exactly once, as the outbox does")
  func connectionKilledMidSession() throws {
    let script = try PlayScript("hungry-in-class", path: "best")
    let (database, url) = try Self.freshDatabase()
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["CASESIM_STORE"] = url
    sandbox.extraEnvironment["CASESIM_OUTBOX"] = sandbox.directory + "/outbox.sqlite"
    sandbox.extraEnvironment["CASESIM_GROUP"] = "  spring\u{1B}\tcohort "
    let running = try CaseSimProcess.Running(
      ["play", script.scenarioID, "--role", script.role, "--order", "written"], sandbox: sandbox, cwd: Fixtures.repositoryRoot)
    let note = running.waitFor(wrong: Screens.wrong) { $0.contains(Screens.contentNotePrompt) }
    try #require(note == .shown, "\(running.stderr)")
    let half = script.decisions.count / 2
    running.send("\n" + script.steps.prefix(half).flatMap { $0 }.map { $0 + "\n" }.joined())
    let reached = running.waitFor(wrong: Screens.wrong) { Screens.acknowledged($0) == half }
    try #require(reached == .shown, "\(running.stdout.suffix(400))\(running.stderr)")
    // Every connection to the session's database dropped by the server, as a network fault would.
    let killed = try Self.psql(
      "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)') AS t",
      database: "postgres")
    running.send(script.input(from: half))
    running.closeInput()
    let result = running.wait()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Outcome: Safe."))
    #expect((Int(killed) ?? 0) >= 1, "the forwarder's connection was there to kill")

    let outbox = sandbox.directory + "/outbox.sqlite"
    let local = try Self.outboxEvents(outbox)
    #expect(local.count == script.decisions.count, "the outbox holds every decision")
    let synced = try CaseSimProcess.run(["sync"], sandbox: sandbox)
    #expect(synced.status == 0, "\(synced.stderr)")
    #expect(try Self.serverEvents(database) == local, "the server holds each decision once, with its id and reason")
    #expect(try Self.psql("SELECT count(*) FROM session WHERE finished_at IS NOT NULL", database: database) == "1")
    #expect(try Self.psql("SELECT group_name FROM session", database: database) == "spring cohort", "the group, as a name is kept")

    let again = try CaseSimProcess.run(["sync"], sandbox: sandbox)
    #expect(again.status == 0 && again.stdout.contains("Sent 0 session(s), 0 event(s) and 0 ending(s)"), "\(again.stdout)")
    #expect(try Self.serverEvents(database) == local)
  }

  @Test("no server at all: play finishes and says the decisions wait on this machine; sync fails (69) until the server is there, then sends them")
  func noServer() throws {
    let script = try PlayScript("hungry-in-class", path: "best")
    let (database, url) = try Self.freshDatabase()
    var down = try #require(Self.server)
    down.port = 1
    down.socketDirectory = nil
    down.host = "127.0.0.1"
    down.database = database
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["CASESIM_STORE"] = down.description
    sandbox.extraEnvironment["CASESIM_OUTBOX"] = sandbox.directory + "/outbox.sqlite"
    let played = try CaseSimProcess.run(
      ["play", script.scenarioID, "--role", script.role, "--order", "written"], input: script.playInput, sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stdout.contains("Outcome: Safe."))
    #expect(played.stderr.contains("kept on this machine") && played.stderr.contains("casesim sync"), "\(played.stderr)")
    let local = try Self.outboxEvents(sandbox.directory + "/outbox.sqlite")
    #expect(local.count == script.decisions.count)

    let failed = try CaseSimProcess.run(["sync"], sandbox: sandbox)
    #expect(failed.status == 69, "\(failed.stdout)\(failed.stderr)")

    let sent = try CaseSimProcess.run(["sync", "--store", url], sandbox: sandbox)
    #expect(sent.status == 0, "\(sent.stderr)")
    #expect(sent.stdout.contains("Sent 1 session(s), \(script.decisions.count) event(s) and 1 ending(s)"), "\(sent.stdout)")
    #expect(try Self.serverEvents(database) == local)
  }

  @Test("store copy moves a trainee's records into PostgreSQL and back idempotently; migrate removes them from the source; purge --before deletes old sessions")
  func copyMigratePurge() throws {
    let script = try PlayScript("hungry-in-class", path: "best")
    let (database, url) = try Self.freshDatabase()
    let sandbox = CaseSimProcess.Sandbox()
    let played = try CaseSimProcess.run(
      ["play", script.scenarioID, "--role", script.role, "--order", "written"], input: script.playInput, sandbox: sandbox)
    try #require(played.status == 0, "\(played.stderr)")
    let local = try Self.outboxEvents(sandbox.store)

    for _ in 1...2 {
      let copied = try CaseSimProcess.run(["store", "copy", sandbox.store, url, "--trainee", "e2e-trainee"], sandbox: sandbox)
      #expect(copied.status == 0, "\(copied.stderr)")
      #expect(try Self.serverEvents(database) == local)
    }
    // Reports and exports read the shared store as they read a file: the same figures and the
    // same statements, byte for byte.
    for command in [["report", "cohort", "--format", "json", "--min-cell", "1"], ["export", "xapi", "--all"]] {
      let fromFile = try CaseSimProcess.run(command + ["--store", sandbox.store], sandbox: sandbox)
      let fromServer = try CaseSimProcess.run(command + ["--store", url], sandbox: sandbox)
      #expect(fromFile.status == 0 && fromServer.status == 0, "\(fromFile.stderr)\(fromServer.stderr)")
      #expect(fromServer.stdout == fromFile.stdout && fromFile.stdout.contains(script.scenarioID), "\(command)")
    }
    let itself = try CaseSimProcess.run(["store", "migrate", sandbox.store, sandbox.directory + "/records/./casesim.sqlite"], sandbox: sandbox)
    #expect(itself.status == 64 && itself.stderr.contains("are the same store"), "\(itself.stderr)")
    #expect(try Self.outboxEvents(sandbox.store) == local, "nothing moved into itself, nothing lost")
    let back = sandbox.directory + "/back.sqlite"
    let migrated = try CaseSimProcess.run(["store", "migrate", url, back], sandbox: sandbox)
    #expect(migrated.status == 0, "\(migrated.stderr)")
    #expect(try Self.outboxEvents(back) == local)
    #expect(try Self.psql("SELECT count(*) FROM session", database: database) == "0")
    #expect(try Self.psql("SELECT count(*) FROM event", database: database) == "0")

    let counted = try CaseSimProcess.run(["purge", "--before", "2999-01-01", "--store", back], sandbox: sandbox)
    #expect(counted.status == 0 && counted.stdout.contains("1 session(s) started before 2999-01-01 would be deleted"))
    #expect(try Self.outboxEvents(back) == local, "nothing is deleted without --yes")
    let purged = try CaseSimProcess.run(["purge", "--before", "2999-01-01", "--yes", "--store", back], sandbox: sandbox)
    #expect(purged.status == 0 && purged.stdout.contains("Deleted 1 session(s)"), "\(purged.stdout)\(purged.stderr)")
    #expect(try Self.outboxEvents(back).isEmpty)
    let badDay = try CaseSimProcess.run(["purge", "--before", "31/12/2025", "--store", back], sandbox: sandbox)
    #expect(badDay.status == 64)
  }
}

/// `store migrate` between two files: what it moves and what it leaves, with no server needed.
@Suite("casesim store migrate between files")
struct StoreMigrateCLITests {
  @Test("migrate moves finished sessions and copies an unfinished one, leaving it with advice; --include-unfinished moves it too; copy has no such flag")
  func unfinishedSessions() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let script = try PlayScript("hungry-in-class", path: "best")
    let finished = try CaseSimProcess.run(
      ["play", script.scenarioID, "--order", "written"], input: script.playInput, sandbox: sandbox)
    try #require(finished.status == 0, "\(finished.stderr)")
    let stopped = try CaseSimProcess.run(
      ["play", script.scenarioID, "--order", "written"],
      input: "\n" + script.steps.prefix(2).flatMap { $0 }.map { $0 + "\n" }.joined(), sandbox: sandbox)
    try #require(stopped.stdout.contains("Saved. Pick up where you left off"), "\(stopped.stdout)")
    let all = try SharedStoreCLITests.outboxEvents(sandbox.store)
    let elsewhere = sandbox.directory + "/elsewhere.sqlite"

    let first = try CaseSimProcess.run(["store", "migrate", sandbox.store, elsewhere], sandbox: sandbox)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("Moved 1 session(s)"), "\(first.stdout)")
    #expect(first.stdout.contains("1 unfinished session(s) were copied and left in"), "\(first.stdout)")
    #expect(try SharedStoreCLITests.outboxEvents(elsewhere) == all, "both are copied")
    let left = try SQLiteRecordStore(path: sandbox.store).sessions(trainee: nil, includeDrafts: true)
    #expect(left.count == 1 && left.allSatisfy { !$0.isFinished }, "only the unfinished one stays")

    let copyWithFlag = try CaseSimProcess.run(
      ["store", "copy", sandbox.store, elsewhere, "--include-unfinished"], sandbox: sandbox)
    #expect(copyWithFlag.status == 64, "copy moves nothing, so the flag is not one of its options")

    let second = try CaseSimProcess.run(["store", "migrate", sandbox.store, elsewhere, "--include-unfinished"], sandbox: sandbox)
    #expect(second.status == 0 && second.stdout.contains("Moved 1 session(s)"), "\(second.stdout)\(second.stderr)")
    #expect(try SQLiteRecordStore(path: sandbox.store).sessions(trainee: nil, includeDrafts: true).isEmpty)
    #expect(try SharedStoreCLITests.outboxEvents(elsewhere) == all)
  }
}
