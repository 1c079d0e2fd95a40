import CaseRecords
import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// Behaviour the README, the help text or the trainer's guide promises, run through the real
/// binary: exit codes 70 and 74, --store and --trainee, the shell's own commands, session ids
/// on the command line, the debriefs folder's mode.
@Suite("casesim keeps its promises: records, ids, the shell and exit codes", .serialized, .timeLimit(.minutes(3)), .tags(.slow))
struct RecordPromiseTests {
  /// The permission bits of a file or folder.
  static func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
  }

  /// A recorded session made through the store itself, with an id of the test's choosing.
  static func makeSession(_ id: String, in store: SQLiteRecordStore, scenario: String = "hungry-in-class", role: String = "school-dsl") throws -> SessionRecord {
    let session = SessionRecord(
      id: id, trainee: "e2e-trainee", scenarioID: scenario, scenarioHash: "sha256:not-a-kept-version",
      scenarioPath: Fixtures.scenariosDirectory + "/\(scenario).case", role: role, mode: "practice",
      startedAt: Date(timeIntervalSince1970: 1_780_000_000))
    try store.createSession(session)
    return session
  }

  @Test("exit 74: a record store that cannot be created or is not a database; an output file that cannot be written")
  func exit74() throws {
    let sandbox = CaseSimProcess.Sandbox()
    // A regular file where the store's folder would have to be.
    let blocker = sandbox.directory + "/not-a-folder"
    try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
    let play = try CaseSimProcess.run(["play", "hungry-in-class", "--store", blocker + "/casesim.sqlite"], input: "\n", sandbox: sandbox)
    #expect(play.status == 74, "\(play.stderr)")
    #expect(play.stderr.contains("casesim: error: cannot open the record store at \(blocker)/casesim.sqlite"))
    #expect(!play.stdout.contains("Session "), "no session starts without a store")

    let garbage = sandbox.directory + "/garbage.sqlite"
    try String(repeating: "this is not SQLite ", count: 300).write(toFile: garbage, atomically: true, encoding: .utf8)
    let history = try CaseSimProcess.run(["history", "--store", garbage], sandbox: sandbox)
    #expect(history.status == 74)
    #expect(history.stderr.contains("it is not an SQLite database"), "\(history.stderr)")

    let graph = try CaseSimProcess.run(["graph", "hungry-in-class", "-o", sandbox.directory + "/no-such-folder/g.dot"], sandbox: sandbox)
    #expect(graph.status == 74)
    #expect(graph.stderr.contains("cannot write \(sandbox.directory)/no-such-folder/g.dot"))
  }

  @Test("exit 70: a recorded session whose decisions do not fit its scenario cannot be debriefed or resumed")
  func exit70() throws {
    let sandbox = CaseSimProcess.Sandbox()
    try FileManager.default.createDirectory(atPath: sandbox.directory + "/records", withIntermediateDirectories: true)
    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try Self.makeSession("70707070-0000-4000-8000-000000000001", in: store)
    // hungry-in-class begins at "start", whose choices are 1 to 3: choice 99 does not exist.
    try store.append(EventRecord(sessionID: session.id, kind: .choice, passageID: "start", choiceIndex: 99, choiceText: "Gone", role: "school-dsl"))
    let debrief = try CaseSimProcess.run(["debrief", "70707070"], sandbox: sandbox)
    #expect(debrief.status == 70, "\(debrief.stdout)\(debrief.stderr)")
    #expect(debrief.stderr.contains("the session's record cannot be replayed on the scenario"))
    let resume = try CaseSimProcess.run(["resume", "70707070"], sandbox: sandbox)
    #expect(resume.status == 70, "\(resume.stdout)\(resume.stderr)")
    #expect(resume.stderr.contains("the recorded decisions no longer fit the scenario"))
  }

  @Test("--store and --trainee choose the records file and the trainee, over CASESIM_STORE and CASESIM_TRAINEE")
  func storeAndTrainee() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let script = try PlayScript("hungry-in-class", path: "best")
    let other = sandbox.directory + "/elsewhere/other.sqlite"
    let played = try CaseSimProcess.run(
      ["play", "hungry-in-class", "--order", "written", "--store", other, "--trainee", "sam"],
      input: script.playInput, sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(!FileManager.default.fileExists(atPath: sandbox.store), "CASESIM_STORE's file was not touched")
    let sessions = try SQLiteRecordStore(path: other).sessions(trainee: nil, includeDrafts: true)
    #expect(sessions.map(\.trainee) == ["sam"])
    #expect(sessions.first?.totalScore == script.score)
    let prefix = try #require(sessions.first.map { String($0.id.prefix(8)) })

    // history shows a trainee's own sessions: sam's under --trainee sam, none for the default.
    let sams = try CaseSimProcess.run(["history", "--store", other, "--trainee", "sam"], sandbox: sandbox)
    #expect(sams.stdout.contains(prefix) && sams.stdout.contains("Safe practice") && sams.stdout.contains("\(script.score) of \(script.score)"))
    let mine = try CaseSimProcess.run(["history", "--store", other], sandbox: sandbox)
    #expect(mine.stdout == "No sessions recorded yet.\n")
    // The environment chooses the same things when no option is given.
    var env = sandbox
    env.extraEnvironment = ["CASESIM_STORE": other, "CASESIM_TRAINEE": "sam"]
    let viaEnvironment = try CaseSimProcess.run(["history"], sandbox: env)
    #expect(viaEnvironment.stdout == sams.stdout)
  }

  @Test("session ids on the command line: a unique prefix in any case works; a short or ambiguous one exits 66 and says why")
  func sessionIDs() throws {
    let sandbox = CaseSimProcess.Sandbox()
    try FileManager.default.createDirectory(atPath: sandbox.directory + "/records", withIntermediateDirectories: true)
    let store = try SQLiteRecordStore(path: sandbox.store)
    let first = try Self.makeSession("abcd1111-0000-4000-8000-000000000001", in: store)
    let second = try Self.makeSession("abcd2222-0000-4000-8000-000000000002", in: store)

    let short = try CaseSimProcess.run(["debrief", "abc"], sandbox: sandbox)
    #expect(short.status == 66)
    #expect(short.stderr.contains("no session has the id 'abc'; give the full id or at least 4 characters of it"), "\(short.stderr)")
    let ambiguous = try CaseSimProcess.run(["resume", "abcd"], sandbox: sandbox)
    #expect(ambiguous.status == 66)
    #expect(ambiguous.stderr.contains("'abcd' matches 2 sessions (\(first.id), \(second.id)); give more characters of the id"), "\(ambiguous.stderr)")
    let none = try CaseSimProcess.run(["debrief", "abce"], sandbox: sandbox)
    #expect(none.status == 66)
    #expect(none.stderr.contains("no session matches 'abce'"))

    // "ABCD2" names the second session alone (prefixes ignore case): resume plays it to the end.
    let script = try PlayScript("hungry-in-class", path: "best")
    let resumed = try CaseSimProcess.run(["resume", "ABCD2"], input: script.input(from: 0), sandbox: sandbox)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("Session abcd2222, 0 decisions so far"))
    #expect(resumed.stdout.contains("The scenario has ended. Outcome: Safe."))
    #expect(try store.session(id: second.id)?.totalScore == script.score)
    #expect(try store.session(id: first.id)?.isFinished == false, "the other session is untouched")
    // The full id works too, and a finished session is not resumed.
    let finished = try CaseSimProcess.run(["resume", second.id], sandbox: sandbox)
    #expect(finished.status == 66)
    #expect(finished.stderr.contains("session abcd2222 has finished"))
  }

  @Test("the debriefs folder is created 0700 and each debrief 0600")
  func debriefModes() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let script = try PlayScript("hungry-in-class", path: "best")
    let played = try CaseSimProcess.run(["play", "hungry-in-class", "--order", "written"], input: script.playInput, sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    let folder = sandbox.directory + "/data/casesim/debriefs"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(files.count == 1 && files[0].hasSuffix(".md"))
    #expect(played.stdout.contains("Debrief saved to:\n  \(folder)/\(files[0])"))
    #expect(Self.mode(folder) == 0o700)
    #expect(Self.mode(folder + "/" + files[0]) == 0o600)
    #expect(Self.mode(sandbox.directory + "/records") == 0o700, "the store's folder too")
  }

  @Test("the shell's own commands through a pipe: history, debrief ID, resume SESSION, guidance")
  func shellCommands() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let script = try PlayScript("hungry-in-class", path: "best")
    // One finished session and one stopped after three decisions.
    #expect(try CaseSimProcess.run(["play", "hungry-in-class", "--order", "written"], input: script.playInput, sandbox: sandbox).status == 0)
    let taken = 3
    let stopped = try CaseSimProcess.run(
      ["play", "hungry-in-class", "--order", "written"], input: "\n" + script.steps.prefix(taken).flatMap { $0 }.map { $0 + "\n" }.joined(),
      sandbox: sandbox)
    #expect(stopped.stdout.contains("Saved. Pick up where you left off"))
    let store = try SQLiteRecordStore(path: sandbox.store)
    let sessions = try store.sessions(trainee: nil, includeDrafts: true)
    let done = try #require(sessions.first { $0.isFinished })
    let open = try #require(sessions.first { !$0.isFinished })
    let (doneID, openID) = (String(done.id.prefix(8)), String(open.id.prefix(8)))

    let input = ["history", "debrief \(doneID)", "resume \(openID)"] + script.steps.dropFirst(taken).flatMap { $0 }
      + ["guidance see-child-alone", "guidance", "debrief", "history", "quit"]
    let shell = try CaseSimProcess.run([], input: input.map { $0 + "\n" }.joined(), sandbox: sandbox)
    #expect(shell.status == 0, "\(shell.stderr)")
    // What each command printed, between one library prompt and the next.
    let screens = shell.stdout.components(separatedBy: "casesim> ").dropFirst().map { String($0) }
    try #require(screens.count == 8, "\(shell.stdout.suffix(1500))")
    let history = screens[0].split(separator: "\n")
    #expect(history.contains { $0.hasPrefix(doneID) && $0.contains("Safe practice") && $0.hasSuffix("\(script.score) of \(script.score)") }, "\(history)")
    #expect(history.contains { $0.hasPrefix(openID) && $0.contains("unfinished") && $0.hasSuffix("-") }, "\(history)")
    #expect(screens[1].contains("GRADE: SAFE PRACTICE"))
    #expect(screens[1].contains("You earned \(script.score) points. The best playthrough earns \(script.score)"))
    #expect(screens[2].contains("Resuming: Hungry in class"))
    #expect(screens[2].contains("Session \(openID), \(taken) decisions so far"))
    #expect(screens[2].contains("The scenario has ended. Outcome: Safe."))
    #expect(screens[3].contains("[see-child-alone]"))
    #expect(screens[4].contains("The catalog has 120 principles"))
    #expect(screens[5].contains("Which session? Type 'debrief SESSION'"))
    let after = screens[6].split(separator: "\n")
    #expect(after.filter { $0.contains("Safe practice") && $0.hasSuffix("\(script.score) of \(script.score)") }.count == 2, "\(after)")
    #expect(screens[7].contains("Goodbye."))
    #expect(try store.session(id: open.id)?.totalScore == script.score)
  }
}
