import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// `casesim export xapi` on a session played by the real binary: statements that validate, ids
/// that never change (the events' own), pseudonyms from a key kept apart, and sending to a fake
/// learning record store that fails, refuses and answers duplicates.
@Suite("casesim export xapi, end to end", .tags(.slow), .serialized)
struct XAPIExportCLITests {
  /// A practice session of duty-desk-friday: the worst first decision, taken back with retry,
  /// then the best path to its end. Returns the sandbox and the session's id.
  static func playedSession() throws -> (CaseSimProcess.Sandbox, String) {
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["CASESIM_TRAINEE"] = "Zorba Quillfeather"
    let input = try LearningByTryingAgainCLITests.retryThenBest("duty-desk-friday")
    let played = try CaseSimProcess.run(
      ["play", "duty-desk-friday", "--mode", "practice", "--order", "written"], input: input, sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.sessions(trainee: nil, includeDrafts: false).first)
    return (sandbox, session.id)
  }

  static func statements(_ text: String) throws -> [JSONValue] {
    try #require(JSONValue.parse(text)?.arrayValue)
  }

  @Test("the export validates, says the same thing twice, uses the events' ids and the session as registration")
  func export() throws {
    let (sandbox, sessionID) = try Self.playedSession()
    let first = try CaseSimProcess.run(["export", "xapi"], sandbox: sandbox)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try CaseSimProcess.run(["export", "xapi"], sandbox: sandbox)
    #expect(first.stdout == second.stdout, "re-export is idempotent")
    let lines = try CaseSimProcess.run(["export", "xapi", "--format", "jsonl"], sandbox: sandbox)
    let problems = try XAPIValidation.problems(["export.json": first.stdout, "export.jsonl": lines.stdout])
    #expect(problems["export.json"] == [] && problems["export.jsonl"] == [], "\(problems)")

    let statements = try Self.statements(first.stdout)
    let events = try SQLiteRecordStore(path: sandbox.store).events(forSession: sessionID)
    let choices = events.filter { $0.kind == .choice }
    let answered = statements.filter { $0["verb"]?["id"]?.stringValue?.hasSuffix("/answered") == true }
    #expect(answered.map { $0["id"]?.stringValue } == choices.map(\.id), "one statement per choice event, named by its id")
    #expect(statements.count == choices.count + 2, "and completed and passed or failed")
    let verbs = statements.suffix(2).compactMap { $0["verb"]?["id"]?.stringValue?.split(separator: "/").last }
    #expect(verbs == ["completed", "passed"], "the best path grades safe practice")
    for statement in statements {
      #expect(statement["context"]?["registration"]?.stringValue == sessionID)
    }
    let decision = try #require(answered.last)
    #expect(
      decision["context"]?["contextActivities"]?["parent"]?.arrayValue?.first?["id"]?.stringValue
        == "https://casesim.example/xapi/activities/scenarios/duty-desk-friday")
    let grouping = decision["context"]?["contextActivities"]?["grouping"]?.arrayValue ?? []
    let deltas = try #require(choices.last?.scoreDeltas)
    #expect(
      Set(grouping.compactMap { $0["id"]?.stringValue })
        == Set(deltas.keys.map { "https://casesim.example/xapi/activities/guidance/" + $0 }))
    let stands = answered.map { $0["context"]?["extensions"]?["https://casesim.example/xapi/extensions/decision-stands"] }
    #expect(stands.first == .bool(false), "the retried decision is exported, marked as taken back")
    #expect(stands.dropFirst().allSatisfy { $0 == .bool(true) })
    #expect(first.stdout.contains("\"name\": \"Zorba Quillfeather\""))

    let file = sandbox.directory + "/statements.json"
    let written = try CaseSimProcess.run(["export", "xapi", "--output", file], sandbox: sandbox)
    #expect(written.status == 0, "\(written.stderr)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == first.stdout)
    #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)

    let later = try CaseSimProcess.run(["export", "xapi", "--since", "2999-01-01"], sandbox: sandbox)
    #expect(later.stdout == "[]\n")
    let bad = try CaseSimProcess.run(["export", "xapi", "--since", "last week"], sandbox: sandbox)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--since"))
    // The scenario export is still the default.
    let scenario = try CaseSimProcess.run(["export", "duty-desk-friday"], sandbox: sandbox)
    #expect(scenario.status == 0 && scenario.stdout.contains("\"duty-desk-friday\""), "\(scenario.stderr)")
  }

  @Test("--pseudonymise: no name and no rationale, a key made once (0600) apart from the export, the same pseudonyms every time")
  func pseudonymise() throws {
    let (sandbox, _) = try Self.playedSession()
    let first = try CaseSimProcess.run(["export", "xapi", "--pseudonymise"], sandbox: sandbox)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(!first.stdout.contains("Zorba") && !first.stdout.contains("Quillfeather"))
    #expect(!first.stdout.contains("/extensions/rationale\""))
    let keyPath = sandbox.directory + "/config/casesim/pseudonym.key"
    #expect((try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int) == 0o600)
    let key = try String(contentsOfFile: keyPath, encoding: .utf8).trimmingCharacters(in: .newlines)
    #expect(key.count == 64 && !first.stdout.contains(key), "the key never goes into an export")
    let second = try CaseSimProcess.run(["export", "xapi", "--pseudonymise"], sandbox: sandbox)
    #expect(first.stdout == second.stdout)
    #expect(try XAPIValidation.problems(["pseudonymised.json": first.stdout])["pseudonymised.json"] == [])

    var elsewhere = sandbox
    elsewhere.extraEnvironment["CASESIM_PSEUDONYM_KEY_FILE"] = sandbox.directory + "/other/key"
    let other = try CaseSimProcess.run(["export", "xapi", "--pseudonymise"], sandbox: elsewhere)
    #expect(other.status == 0, "\(other.stderr)")
    #expect(FileManager.default.fileExists(atPath: sandbox.directory + "/other/key"))
    #expect(other.stdout != first.stdout, "another key, other pseudonyms")
  }

  /// The fake LRS (Tests/xAPI/fake-lrs.py), running until `stop()`.
  final class FakeLRS {
    let process = Process()
    let port: Int
    private let output = Pipe()

    init(_ arguments: [String] = []) throws {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", Fixtures.repositoryRoot + "/Tests/xAPI/fake-lrs.py"] + arguments
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      var line = Data()
      while !line.contains(UInt8(ascii: "\n")) {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line.append(chunk)
      }
      port = try #require(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    var url: String { "http://127.0.0.1:\(port)/xapi" }

    /// What the fake holds: counts, ids and the version headers it was sent.
    func state() throws -> JSONValue {
      // Through python: Foundation's synchronous URL loading can stall inside a test's task.
      let (status, text) = CommandRunner.run([
        "python3", "-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())",
        "http://127.0.0.1:\(port)/state",
      ])
      #expect(status == 0, "\(text)")
      return try #require(JSONValue.parse(text))
    }

    /// SIGKILL: a child of the test process may inherit a signal mask that holds SIGTERM back.
    func stop() {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  @Test("--lrs: a 503 is retried, one refused statement is named with the LRS's message, the rest are stored once however often they are sent")
  func lrs() throws {
    let (sandbox, _) = try Self.playedSession()
    let exported = try Self.statements(try CaseSimProcess.run(["export", "xapi"], sandbox: sandbox).stdout)
    let ids = exported.compactMap { $0["id"]?.stringValue }
    let refused = ids[2]
    let fake = try FakeLRS(["--refuse", refused, "--auth", "trainer:secret"])
    defer { fake.stop() }

    let sent = try CaseSimProcess.run(["export", "xapi", "--lrs", fake.url, "--lrs-auth", "trainer:secret"], sandbox: sandbox)
    #expect(sent.status == 65, "some statements were refused: \(sent.stderr)")
    #expect(sent.stderr.contains("refused statement \(refused) (400): statement \(refused) is malformed"))
    #expect(sent.stdout.contains("\(ids.count) statements for \(fake.url): \(ids.count - 1) accepted, 1 refused"))
    #expect(sent.stdout.contains("sent again after a failure"))
    let state = try fake.state()
    #expect(state["failed"]?.intValue == 1, "the first request got a 503")
    #expect(state["statements"]?.intValue == ids.count - 1)
    #expect(Set(state["ids"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(ids).subtracting([refused]))
    #expect(state["versions"]?.arrayValue?.allSatisfy { $0 == .string("1.0.3") } == true, "every request says its version")

    // Again, credentials from the environment: nothing new is stored.
    var withAuth = sandbox
    withAuth.extraEnvironment["CASESIM_LRS_AUTH"] = "trainer:secret"
    let again = try CaseSimProcess.run(["export", "xapi", "--lrs", fake.url], sandbox: withAuth)
    #expect(again.status == 65)
    #expect(again.stdout.contains("\(ids.count - 1) accepted, 1 refused"))
    #expect(try fake.state()["statements"]?.intValue == ids.count - 1, "resending stores nothing twice")

    // Other content under the same ids (another IRI base): 409 for each, which counts as held.
    let changed = try CaseSimProcess.run(
      ["export", "xapi", "--lrs", fake.url, "--iri-base", "https://agency.example/xapi"], sandbox: withAuth)
    #expect(changed.stdout.contains("\(ids.count - 1) accepted (\(ids.count - 1) of them already held, in another form), 1 refused"))
    #expect(try fake.state()["statements"]?.intValue == ids.count - 1)

    let wrong = try CaseSimProcess.run(["export", "xapi", "--lrs", fake.url, "--lrs-auth", "trainer:guess"], sandbox: sandbox)
    #expect(wrong.status == 77, "\(wrong.stderr)")
    #expect(wrong.stderr.contains("refused the credentials (401)"))
  }

  @Test("--lrs with nobody listening: retried, then exit 69 saying so; a malformed address is a usage error")
  func unreachable() throws {
    let (sandbox, _) = try Self.playedSession()
    let fake = try FakeLRS()
    let closed = fake.url
    fake.stop()
    let sent = try CaseSimProcess.run(["export", "xapi", "--lrs", closed], sandbox: sandbox)
    #expect(sent.status == 69, "\(sent.stderr)")
    #expect(sent.stderr.contains("could not be reached after 4 attempts"))
    #expect(sent.stdout.contains("0 accepted"))
    let malformed = try CaseSimProcess.run(["export", "xapi", "--lrs", "ftp://lrs.example"], sandbox: sandbox)
    #expect(malformed.status == 64)
  }
}
