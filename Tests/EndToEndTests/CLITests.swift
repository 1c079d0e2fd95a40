import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseScoring
import CaseTestSupport
import Foundation
import Testing

/// The real binary, driven through pipes: scripted play, the record it leaves, resume after a
/// kill -9, and the exit codes scripts rely on.
@Suite("casesim end to end (piped)", .serialized, .timeLimit(.minutes(3)), .tags(.slow))
struct CLITests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)

  /// The exact score the author wrote for a path in the scenario's .tests file: an expected value
  /// that does not come from the scoring code the binary runs (ReferenceAgreementSlowTests confirms it
  /// with an independent implementation of the rules).
  static func expectedScore(_ scenarioID: String, path name: String) throws -> Int {
    let file = Fixtures.scenariosDirectory + "/\(scenarioID).tests"
    let expectation = try #require(
      ExpectationFile.parse(try String(contentsOfFile: file, encoding: .utf8), path: file).0.expectations
        .first { $0.name == name })
    let range = try #require(expectation.score)
    try #require(range.lowerBound == range.upperBound, "\(scenarioID) \(name) names an exact score")
    return range.lowerBound
  }

  /// What a trainee types to follow a path (options in written order, `--order written`): Enter
  /// at the content note, then each choice number followed by a rationale wherever play asks for
  /// one in `mode`.
  static func script(
    _ scenarioID: String, path name: String, mode: PlayMode = .practice
  ) throws -> (lines: [[String]], ending: String, scenario: Scenario) {
    let scenario = try #require(library.scenario(id: scenarioID)?.scenario)
    let file = Fixtures.scenariosDirectory + "/\(scenarioID).tests"
    let expectation = try #require(
      ExpectationFile.parse(try String(contentsOfFile: file, encoding: .utf8), path: file).0.expectations
        .first { $0.name == name })
    let engine = Engine(scenario: scenario, role: expectation.role ?? scenario.header.roles[0])
    var state = engine.start()
    var steps: [[String]] = []
    for number in expectation.choices {
      let choice = engine.visibleChoices(state)[number - 1]
      let asked = engine.rationalePrompt(for: choice, in: state, mode: mode) != nil
      steps.append(asked ? ["\(number)", "Reason for step \(steps.count + 1)"] : ["\(number)"])
      state = try engine.choose(choice.index, in: state)
    }
    return (steps, state.passageID, scenario)
  }

  @Test("a piped run plays a whole scenario, prints the debrief and leaves the full record")
  func pipedWholeScenario() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let (steps, ending, scenario) = try Self.script("duty-desk-friday", path: "best", mode: .assessment)
    let input = ([""] + steps.flatMap { $0 }).joined(separator: "\n") + "\n"
    let result = try CaseSimProcess.run(
      ["play", "duty-desk-friday", "--mode", "assessment", "--order", "written"], input: input, sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    let best = try Self.expectedScore("duty-desk-friday", path: "best")
    #expect(result.stdout.contains("The scenario has ended. Outcome: Safe."))
    #expect(result.stdout.contains("DEBRIEF: Duty desk, Friday 16:40"))
    #expect(result.stdout.contains("You earned \(best) points. The best playthrough earns \(best)"))
    #expect(result.stdout.contains("GRADE: SAFE PRACTICE"))
    // Assessment asks why after every decision.
    #expect(steps.allSatisfy { $0.count == 2 })
    #expect(result.stdout.contains("You took none of the decisions that on their own leave the child unsafe."))
    #expect(result.stdout.contains("Your reasoning: Reason for step 1"))
    #expect(!result.stdout.contains("\u{1B}"), "no colour through a pipe")

    // The record: one finished session, one event per decision, rationales and scores kept.
    let store = try SQLiteRecordStore(path: sandbox.store)
    let sessions = try store.sessions(trainee: "e2e-trainee", includeDrafts: true)
    #expect(sessions.count == 1)
    let session = try #require(sessions.first)
    #expect(session.endingID == ending && session.outcome == "safe")
    #expect(session.totalScore == best && session.bestTotal == best)
    #expect(session.scenarioHash == scenario.contentHash)
    #expect(session.mode == "assessment" && session.role == "social-worker")
    let events = try store.events(forSession: session.id)
    #expect(events.count == steps.count)
    #expect(events.filter { $0.rationale != nil }.count == steps.filter { $0.count == 2 }.count)
    #expect(events.allSatisfy { $0.decisionMilliseconds != nil && $0.passageID != nil && $0.choiceText != nil })
    let mode = try FileManager.default.attributesOfItem(atPath: sandbox.store)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    // The Markdown debrief was saved, readable only by the trainee.
    let markdownPath = sandbox.directory + "/data/casesim/debriefs/\(session.id).md"
    #expect(FileManager.default.fileExists(atPath: markdownPath))

    // history and debrief are recomputed from the record.
    let history = try CaseSimProcess.run(["history"], sandbox: sandbox)
    #expect(history.status == 0)
    #expect(history.stdout.contains(String(session.id.prefix(8))))
    #expect(history.stdout.contains("Safe practice"))
    let again = try CaseSimProcess.run(["debrief", String(session.id.prefix(8))], sandbox: sandbox)
    #expect(again.status == 0, "\(again.stderr)")
    // The same debrief, but for the ending's text, which play had just shown and so left out.
    let debriefStart = try #require(result.stdout.range(of: "GRADE:"))
    let printedDebrief = result.stdout[debriefStart.lowerBound...].components(separatedBy: "\nDebrief saved to")[0]
    let againStart = try #require(again.stdout.range(of: "GRADE:"))
    #expect(again.stdout[againStart.lowerBound...].trimmingCharacters(in: .whitespacesAndNewlines) == printedDebrief.trimmingCharacters(in: .whitespacesAndNewlines))
    let narrative = try #require(scenario.passages[ending].flatMap { passage in passage.prose.first { !$0.isParagraphBreak } }?.text.prefix(30))
    #expect(again.stdout.contains(String(narrative)))
    let markdown = try CaseSimProcess.run(["debrief", String(session.id.prefix(8)), "--markdown"], sandbox: sandbox)
    #expect(markdown.stdout.hasPrefix("# Debrief: Duty desk, Friday 16:40"))
  }

  @Test("a session killed with kill -9 resumes with every decision it had shown, then plays on to the same end")
  func killAndResume() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let (steps, ending, scenario) = try Self.script("hungry-in-class", path: "best")
    let taken = 3
    let running = try CaseSimProcess.Running(["play", "hungry-in-class", "--order", "written"], sandbox: sandbox, cwd: Fixtures.repositoryRoot)
    running.send("\n" + steps.prefix(taken).flatMap { $0 }.joined(separator: "\n") + "\n")
    // Wait until the passage after the third decision is on screen: by then all three are shown as taken.
    let engine = Engine(scenario: scenario, role: "school-dsl")
    var state = engine.start()
    for step in steps.prefix(taken) {
      state = try engine.choose(engine.visibleChoices(state)[Int(step[0])! - 1].index, in: state)
    }
    let marker = try #require(engine.visibleChoices(state).first?.text.prefix(25))
    let shown = running.waitFor(wrong: Screens.wrong) { $0.contains(marker) }
    #expect(shown == .shown, "the fourth passage never appeared:\n\(running.stdout.suffix(800))")
    running.kill()
    let killed = running.wait()
    // Foundation reports a death by signal as .uncaughtSignal with the signal's number.
    #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL)

    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.latestUnfinishedSession(trainee: "e2e-trainee"))
    #expect(try store.events(forSession: session.id).count == taken)

    let rest = steps.dropFirst(taken).flatMap { $0 }.joined(separator: "\n") + "\n"
    let resumed = try CaseSimProcess.run(["resume"], input: rest, sandbox: sandbox)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("Resuming: Hungry in class"))
    #expect(resumed.stdout.contains("\(taken) decisions so far"))
    #expect(resumed.stdout.contains("Outcome: Safe."))
    let finished = try #require(try store.session(id: session.id))
    #expect(finished.endingID == ending)
    #expect(finished.totalScore == (try Self.expectedScore("hungry-in-class", path: "best")), "the resumed session scores exactly as an uninterrupted one")
    #expect(try store.events(forSession: session.id).count == steps.count)
  }

  @Test("a multi-agency scenario played as another role records that role and reaches its best ending")
  func playAsAnotherRole() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let (steps, ending, _) = try Self.script("the-strategy-discussion", path: "best-police-officer")
    let input = ([""] + steps.flatMap { $0 }).joined(separator: "\n") + "\n"
    let result = try CaseSimProcess.run(["play", "the-strategy-discussion", "--role", "police-officer", "--order", "written"], input: input, sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Role: police officer."))
    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.sessions(trainee: nil, includeDrafts: true).first)
    #expect(session.role == "police-officer" && session.endingID == ending && session.outcome == "safe")
    #expect(session.totalScore == (try Self.expectedScore("the-strategy-discussion", path: "best-police-officer")))
    #expect(try store.events(forSession: session.id).allSatisfy { $0.role == "police-officer" })
  }

  @Test("a scenario played from a file outside the library resumes from the path its record holds")
  func resumeFromRecordedPath() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/outside.case"
    let text = Fixtures.header(id: "outside-library", guides: "practice-lessons") + "== start\n* See the child -> middle\n  + see-child-alone 2\n* Wait -> done\n  - see-child-alone 1\n== middle\n* Record what she said -> done\n  + record-childs-own-words 1\n* Leave it -> done\n  - record-childs-own-words 1\n== done\n@ending safe\nDone.\n@lesson L.\n"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let first = try CaseSimProcess.run(["play", file, "--order", "written"], input: "\n1\n", sandbox: sandbox)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("Saved."))
    let resumed = try CaseSimProcess.run(["resume"], input: "1\n", sandbox: sandbox)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("1 decision so far"))
    // See the child (+2), then record what she said (+1): the best total, 3.
    #expect(resumed.stdout.contains("You earned 3 points. The best playthrough earns 3"))
  }

  @Test("a session keeps the exact text it was played on: edit the file and it still resumes, scores and debriefs on its own version; drafts stay out of history")
  func sessionsKeepTheirVersion() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/draft.case"
    let text = Fixtures.header(id: "draft-scenario", guides: "practice-lessons") + "== start\n* Wait -> done\n  - see-child-alone 1\n* See the child -> middle\n  + see-child-alone 2\n== middle\n* Leave it -> done\n  - record-childs-own-words 1\n* Record what she said -> done\n  + record-childs-own-words 1\n== done\n@ending safe | Heard\nDone.\n@lesson L.\n"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let first = try CaseSimProcess.run(["play", file, "--order", "written"], input: "\n2\n", sandbox: sandbox)
    #expect(first.status == 0, "\(first.stderr)")
    // The author edits the draft: seeing the child is now worth 5, not 2.
    try text.replacingOccurrences(of: "+ see-child-alone 2", with: "+ see-child-alone 5").write(toFile: file, atomically: true, encoding: .utf8)
    let resumed = try CaseSimProcess.run(["resume"], input: "2\n", sandbox: sandbox)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(!resumed.stdout.contains("has changed"), "the kept version is replayed, so nothing changed under it")
    // Played on the version it began with: 2 + 1 = 3 of a best 3, not 5 + 1.
    #expect(resumed.stdout.contains("You earned 3 points. The best playthrough earns 3"))
    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.sessions(trainee: nil, includeDrafts: true).first)
    #expect(session.isDraft && session.totalScore == 3 && session.bestTotal == 3)
    let debrief = try CaseSimProcess.run(["debrief", String(session.id.prefix(8))], sandbox: sandbox)
    #expect(debrief.stdout.contains("You earned 3 points. The best playthrough earns 3"))
    // Drafts are kept apart from the trainee's history unless asked for.
    let history = try CaseSimProcess.run(["history"], sandbox: sandbox)
    #expect(!history.stdout.contains(String(session.id.prefix(8))))
    let drafts = try CaseSimProcess.run(["history", "--drafts", "--json"], sandbox: sandbox)
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(drafts.stdout.utf8)) as? [[String: Any]])
    #expect(entries.count == 1)
    #expect(entries.first?["grade"] as? String == "safe-practice" && entries.first?["draft"] as? Bool == true)
  }

  @Test("end of input mid-scenario saves and leaves; the next start offers the unfinished session")
  func endOfInputSuspends() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let result = try CaseSimProcess.run(["play", "duty-desk-friday"], input: "\n1\nbecause\n", sandbox: sandbox)
    #expect(result.status == 0)
    #expect(result.stdout.contains("Saved. Pick up where you left off with 'casesim resume "))
    let shell = try CaseSimProcess.run([], input: "quit\n", sandbox: sandbox)
    #expect(shell.stdout.contains("You have an unfinished session: Duty desk, Friday 16:40"))
    #expect(shell.stdout.contains("Goodbye."))
  }

  @Test("the welcome lists the library one line a scenario, within 80 columns, ids whole; info and list --long give the rest")
  func compactWelcome() throws {
    let result = try CaseSimProcess.run([], input: "info hungry-in-class\ninfo hungry\nquit\n", sandbox: CaseSimProcess.Sandbox())
    #expect(result.status == 0)
    let welcome = result.stdout.components(separatedBy: "casesim> ")[0]
    let lines = welcome.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
    #expect(lines.count <= Self.library.playable.count + 8, "the welcome fits a screen: \(lines.count) lines")
    for scenario in Self.library.playable {
      #expect(lines.contains { $0.hasPrefix(scenario.id + " ") && $0.contains(" \(scenario.header.minutes) min ") }, "\(scenario.id)")
    }
    #expect(!welcome.contains("Content note:"))
    let info = result.stdout.components(separatedBy: "casesim> ")[1]
    #expect(info.contains("[hungry-in-class]") && info.contains("Content note:") && info.contains("About 20 minutes."))
    #expect(result.stdout.contains("No scenario 'hungry'. Did you mean 'hungry-in-class'?"))
  }

  @Test("list --long in the shell gives every scenario with role, minutes, themes and content notes")
  func welcomeScreen() throws {
    let result = try CaseSimProcess.run([], input: "list --long\nplay nosuch\nquit\n", sandbox: CaseSimProcess.Sandbox())
    #expect(result.status == 0)
    for scenario in Self.library.playable {
      #expect(result.stdout.contains("[\(scenario.id)]"))
      #expect(result.stdout.contains("About \(scenario.header.minutes) minutes."))
    }
    #expect(result.stdout.contains("Content note:"))
    #expect(result.stdout.contains("No scenario 'nosuch'."))
  }

  @Test("list --json carries id, title, roles, minutes, themes, reviews and guidance ids")
  func listJSON() throws {
    let result = try CaseSimProcess.run(["list", "--json"], sandbox: CaseSimProcess.Sandbox())
    #expect(result.status == 0)
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(entries.count == Self.library.playable.count)
    let duty = try #require(entries.first { $0["id"] as? String == "duty-desk-friday" })
    for key in ["title", "roles", "minutes", "themes", "reviews", "guidance", "contentNote"] {
      #expect(duty[key] != nil, "missing \(key)")
    }
    #expect((duty["guidance"] as? [String])?.contains("recognise-cse-as-abuse") == true)
  }

  @Test("check: a clean library exits 0; a broken file exits 65 with positioned diagnostics")
  func checkExitCodes() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let clean = try CaseSimProcess.run(["check"], sandbox: sandbox)
    #expect(clean.status == 0, "\(clean.stdout)")
    #expect(clean.stdout.contains(": 0 errors, 0 warnings"))

    let broken = sandbox.directory + "/broken.case"
    try (Fixtures.header() + "== start\n* Go -> ned\n  + see-child-alone 1\n== end\n@ending safe\nOK.\n").write(toFile: broken, atomically: true, encoding: .utf8)
    let result = try CaseSimProcess.run(["check", broken], sandbox: sandbox)
    #expect(result.status == 65)
    #expect(result.stdout.contains("\(broken):11:9: error: choice leads to unknown passage 'ned' [unknown-target]"))
    #expect(result.stdout.contains("   11 | * Go -> ned\n      |         ^~~\n      = did you mean 'end'?"))

    let play = try CaseSimProcess.run(["play", broken], sandbox: sandbox)
    #expect(play.status == 65)
    #expect(play.stderr.contains("the scenario has errors and cannot be played"))
  }

  @Test("exit codes: unknown scenario 66, bad role 64, unknown session 66")
  func exitCodes() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let unknown = try CaseSimProcess.run(["play", "duty-desk-fridya"], sandbox: sandbox)
    #expect(unknown.status == 66)
    #expect(unknown.stderr.contains("did you mean 'duty-desk-friday'?"))
    let role = try CaseSimProcess.run(["play", "duty-desk-friday", "--role", "astronaut"], sandbox: sandbox)
    #expect(role.status == 64)
    let session = try CaseSimProcess.run(["debrief", "abcdef12"], sandbox: sandbox)
    #expect(session.status == 66)
    let resume = try CaseSimProcess.run(["resume"], sandbox: sandbox)
    #expect(resume.status == 66)
    #expect(resume.stderr.contains("no unfinished session"))
  }
}
