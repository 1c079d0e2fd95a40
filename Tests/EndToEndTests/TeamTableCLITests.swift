import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// A team at one table through the real binary: `casesim play FILE --team ...` with piped input,
/// killed in the middle of the meeting and resumed exactly, and the who-knew-what-when debrief
/// checked against the events the store holds.
@Suite("Team play at one table, end to end", .serialized, .timeLimit(.minutes(5)))
struct TeamTableCLITests {
  static let scenario = Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/team-meeting.case"
  static let team = "social worker=Sam, police=Alex"
  static let reason = "Because Poppy's safety comes first."

  /// The lines of a whole play in assessment with options as written: the content note, then
  /// turn by turn (Sam, Alex, Sam, Alex, then Sam in the chair), each with its reason.
  static func lines(police second: Int, chair: Int) -> [String] {
    ["", "1", reason, "1", reason, "1", reason, "\(second)", reason, "\(chair)", reason]
  }

  func play(_ input: [String], sandbox: CaseSimProcess.Sandbox) throws -> CaseSimProcess.Output {
    try CaseSimProcess.run(
      ["play", Self.scenario, "--team", Self.team, "--mode", "assessment", "--order", "written"],
      input: input.joined(separator: "\n") + "\n", sandbox: sandbox)
  }

  @Test("piped: turns handed round, the meeting begun for everyone, every event recorded with its participant and role")
  func pipedTeam() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let result = try play(Self.lines(police: 1, chair: 1), sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    let out = result.stdout
    #expect(out.contains("Team: Sam as social worker, Alex as police officer."))
    #expect(out.components(separatedBy: "Pass the keyboard to Alex (police officer).").count - 1 == 2)
    #expect(out.contains("Everyone is here: the meeting begins. Read it together; Sam (social worker) takes the keyboard."))
    #expect(out.contains("The chair opens with the conviction."))
    #expect(out.contains("TEAM DEBRIEF: The meeting"))
    #expect(out.contains("TEAM GRADE: SAFE PRACTICE"))
    #expect(!out.contains("\u{1B}[2J"), "piped input is never cleared at")

    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.sessions(trainee: nil, includeDrafts: true).first)
    #expect(session.participants.map(\.name) == ["Sam", "Alex"])
    #expect(session.outcome == "safe" && session.grade == "safe-practice")
    let events = try store.events(forSession: session.id)
    #expect(events.map(\.participant) == [1, 2, 1, 2, 1])
    #expect(events.map(\.role) == ["social-worker", "police-officer", "social-worker", "police-officer", "social-worker"])
    #expect(events.allSatisfy { $0.rationale == Self.reason })

    // The debrief command recomputes what play printed; --svg draws the lanes; a team has no single path.
    let debrief = try CaseSimProcess.run(["debrief", String(session.id.prefix(8))], sandbox: sandbox)
    #expect(debrief.status == 0)
    #expect(out.contains(debrief.stdout.trimmingCharacters(in: .newlines)))
    #expect(debrief.stdout.contains("Step 4: shared 'conviction' with social worker."))
    #expect(debrief.stdout.contains("Step 4: told \"Ryan Cole was convicted of assaulting a former partner\"\n    ('conviction') by police officer."))
    let svg = try CaseSimProcess.run(["debrief", String(session.id.prefix(8)), "--svg"], sandbox: sandbox)
    #expect(svg.stdout.hasPrefix("<svg ") && svg.stdout.contains("Alex") && svg.stdout.contains("Police officer"))
    let path = try CaseSimProcess.run(["debrief", String(session.id.prefix(8)), "--path"], sandbox: sandbox)
    #expect(path.status != 0 && path.stderr.contains("a track for each role"))

    // The Markdown and the picture are kept where only their owner can read them.
    let saved = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory + "/data/casesim/debriefs")
    #expect(Set(saved) == ["\(session.id).md", "\(session.id).svg"])
    for name in saved {
      let mode = try FileManager.default.attributesOfItem(atPath: sandbox.directory + "/data/casesim/debriefs/" + name)[.posixPermissions] as? Int
      #expect(mode == 0o600, "\(name)")
    }
  }

  @Test("the chair decides without the conviction the police kept: the debrief says who held it and that it never reached the chair")
  func heldBack() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let result = try play(Self.lines(police: 2, chair: 1), sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("The chair calls it a contact dispute."))
    #expect(result.stdout.contains("TEAM GRADE: UNSAFE PRACTICE"))
    #expect(result.stdout.contains("Step 5, social worker chose \"Close it as a contact dispute\" without \"Ryan\n    Cole was convicted of assaulting a former partner\" ('conviction'), held by\n    police officer."))
    #expect(result.stdout.contains("held by police officer; social worker never had it."))
  }

  @Test("killed in the middle of the meeting, the team resumes exactly: the same meeting, the chair's turn, the same debrief")
  func killedMidMeeting() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let running = try CaseSimProcess.Running(
      ["play", Self.scenario, "--team", Self.team, "--mode", "assessment", "--order", "written"], sandbox: sandbox,
      cwd: Fixtures.repositoryRoot)
    running.send(Self.lines(police: 1, chair: 1).prefix(9).joined(separator: "\n") + "\n")
    let meeting = running.waitFor(wrong: Screens.wrong) { $0.contains("The chair opens with the conviction.") }
    try #require(meeting == .shown, "\(meeting):\n\(running.stdout.suffix(800))")
    running.kill()
    _ = running.wait()

    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.sessions(trainee: nil, includeDrafts: true).first)
    #expect(!session.isFinished)
    #expect(try store.events(forSession: session.id).count == 4)

    let resumed = try CaseSimProcess.run(
      ["resume", String(session.id.prefix(8))], input: "1\n\(Self.reason)\n", sandbox: sandbox)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("Session \(session.id.prefix(8)), 4 decisions so far:"))
    #expect(resumed.stdout.contains("4. Ring the chair now with the conviction (Alex, police officer)"))
    #expect(resumed.stdout.contains("Everyone is here: the meeting begins."))
    #expect(resumed.stdout.contains("TEAM GRADE: SAFE PRACTICE"))
    let events = try SQLiteRecordStore(path: sandbox.store).events(forSession: session.id)
    #expect(events.map(\.participant) == [1, 2, 1, 2, 1])
    #expect(events.last?.passageID == "discussion")
  }

  @Test("analyze reports the team's own state space: its size and bound, deadlocks, endings and the team's range")
  func analyzeTeam() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let text = try CaseSimProcess.run(["analyze", Self.scenario], sandbox: sandbox)
    #expect(text.stdout.contains("Team play (social-worker, police-officer together, up to 200000 states unless --max-states is higher)"))
    #expect(text.stdout.contains("  reachable team states 14\n  states where nobody can act 0\n  endings reached safe, unsafe\n  team total: best 6, worst -1\n"))
    let json = try CaseSimProcess.run(["analyze", Self.scenario, "--json"], sandbox: sandbox)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let team = try #require(report["team"] as? [String: Any])
    #expect(team["reachableStates"] as? Int == 14 && team["deadlocks"] as? Int == 0 && team["bestTotal"] as? Int == 6)
    let solo = try CaseSimProcess.run(["analyze", "duty-desk-friday", "--json"], sandbox: sandbox)
    #expect(!solo.stdout.contains("\"team\""), "a scenario with no meeting has no team section")
  }

  @Test("--team refuses a role the scenario does not have, one person, and --role with it, each with the fix (exit 64)")
  func refusals() throws {
    let sandbox = CaseSimProcess.Sandbox()
    for (team, words) in [
      ("social worker, detective", "'detective' is not a role"), ("social worker", "two or more roles"),
      ("=, social worker", "names no role"), ("social worker=Ann, social worker=Bob", "two or more roles"),
      ("social worker=Ann\u{2028}x, police", "plain text on one line"),
    ] {
      let result = try CaseSimProcess.run(["play", Self.scenario, "--team", team], sandbox: sandbox)
      #expect(result.status == 64, "\(team)")
      #expect(result.stderr.contains(words), "\(team): \(result.stderr)")
    }
    let both = try CaseSimProcess.run(["play", Self.scenario, "--team", Self.team, "--role", "police"], sandbox: sandbox)
    #expect(both.status == 64 && both.stderr.contains("not both"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.store), "nothing recorded")
  }

  @Test(
    "at a real terminal (80x24): the screen cleared at each turn, the keyboard passed, 'team', the meeting, a kill mid-meeting, 'pause' and resume to the debrief",
    .tags(.slow))
  func inAPseudoTerminal() {
    let pexpectCheck = CommandRunner.run(["python3", "-c", "import pexpect"], in: Fixtures.repositoryRoot)
    guard pexpectCheck.status == 0 else {
      Issue.record(
        "The team table test needs Python 3 with pexpect; install it with `python3 -m pip install pexpect` (or python3-pexpect).\n\(pexpectCheck.output)")
      return
    }
    let script = Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/team_table.py"
    let result = CommandRunner.run(
      ["python3", script, CaseSimProcess.binary, Fixtures.repositoryRoot, Self.scenario], in: Fixtures.repositoryRoot)
    #expect(result.status == 0, "team_table.py exited with status \(result.status). Its output:\n\(result.output)")
    #expect(result.output.contains("checks passed"))
  }

  /// The library's team scenarios and their scripted team playthroughs (`team:` in .tests).
  static let libraryTeamPlays: [(scenario: String, play: String)] = {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    return library.playable.filter(\.isTeamScenario).flatMap { scenario -> [(String, String)] in
      let file = Fixtures.scenariosDirectory + "/\(scenario.id).tests"
      let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
      return ExpectationFile.parse(text, path: file).0.expectations.filter { !$0.team.isEmpty }.map { (scenario.id, $0.name) }
    }
  }()

  /// A scripted team play as the table types it: the steps in the order the turns come round
  /// (the role after the one that decided last, with a decision to take), each a number and a
  /// reason; and the number of steps before the first meeting's decision.
  static func tableInput(_ id: String, _ name: String) throws -> (steps: [String], beforeMeeting: Int?, expectation: ExpectationFile.Expectation, team: String) {
    let scenario = try #require(ScenarioLibrary(root: Fixtures.repositoryRoot).scenario(id: id)?.scenario)
    let file = Fixtures.scenariosDirectory + "/\(id).tests"
    let expectation = try #require(
      ExpectationFile.parse(try String(contentsOfFile: file, encoding: .utf8), path: file).0.expectations.first { $0.name == name })
    let engine = Engine(scenario: scenario, team: expectation.team)
    // The choices each role takes, by their index as written, from the script in its own order;
    // the table then takes them in the order its turns come round, by their position then.
    var queues: [String: [Int]] = [:]
    var scripted = engine.start()
    for (role, number) in zip(expectation.deciders, expectation.choices) {
      let choice = engine.visibleChoices(scripted, for: role)[number - 1]
      queues[role, default: []].append(choice.index)
      scripted = try engine.choose(choice.index, for: role, in: scripted)
    }
    var state = engine.start()
    var last: String?
    var steps: [String] = []
    var beforeMeeting: Int?
    while !engine.isFinished(state) {
      let acting = engine.rolesToAct(state)
      let start = last.flatMap { engine.track(of: $0) }.map { $0 + 1 } ?? 0
      let role = try #require(
        (0..<engine.team.count).map { engine.team[(start + $0) % engine.team.count] }.first(where: acting.contains))
      let index = try #require(queues[role]?.first, "\(id) \(name): no step left for \(role)")
      queues[role]?.removeFirst()
      if beforeMeeting == nil, engine.passage(state, for: role)?.isJoint == true { beforeMeeting = steps.count / 2 }
      let visible = engine.visibleChoices(state, for: role)
      let position = try #require(
        visible.firstIndex { $0.index == index },
        "\(id) \(name): \(role)'s choice \(index) is not on offer when the table's turns reach it")
      state = try engine.choose(index, for: role, in: state)
      steps += ["\(position + 1)", "Step \(steps.count / 2 + 1): what I weighed for the child."]
      last = role
    }
    let team = expectation.team.enumerated().map { "\($0.element)=Person \($0.offset + 1)" }.joined(separator: ", ")
    return (steps, beforeMeeting, expectation, team)
  }

  @Test("the library has team scenarios, each with scripted team plays, so the test below is never empty")
  func libraryHasTeamPlays() {
    #expect(Self.libraryTeamPlays.count >= 2)
    let scenarios = Set(Self.libraryTeamPlays.map(\.scenario))
    for id in scenarios { #expect(Self.libraryTeamPlays.filter { $0.scenario == id }.count >= 2, "\(id)") }
  }

  @Test(
    "each library team scenario's scripted team plays at one table: killed mid-meeting, resumed exactly, and the debrief's lanes match the recorded events",
    .tags(.slow), arguments: libraryTeamPlays.map { "\($0.scenario) \($0.play)" })
  func libraryTeamScenario(_ play: String) throws {
    let parts = play.split(separator: " ").map(String.init)
    let (steps, beforeMeeting, expectation, team) = try Self.tableInput(parts[0], parts[1])
    let meetingAt = try #require(beforeMeeting, "\(play) reaches a meeting")
    let sandbox = CaseSimProcess.Sandbox()
    let arguments = ["play", parts[0], "--team", team, "--mode", "assessment", "--order", "written"]
    let running = try CaseSimProcess.Running(arguments, sandbox: sandbox, cwd: Fixtures.repositoryRoot)
    running.send(([""] + steps.prefix(2 * meetingAt)).joined(separator: "\n") + "\n")
    let meeting = running.waitFor(wrong: Screens.wrong) { $0.contains("Everyone is here: the meeting begins.") }
    try #require(meeting == .shown, "\(play): \(meeting)\n\(running.stdout.suffix(1200))")
    running.kill()
    _ = running.wait()

    let store = try SQLiteRecordStore(path: sandbox.store)
    let session = try #require(try store.sessions(trainee: nil, includeDrafts: true).first)
    let kept = try store.events(forSession: session.id)
    #expect(kept.count == meetingAt, "\(play): every decision before the meeting was kept")
    let resumed = try CaseSimProcess.run(
      ["resume", String(session.id.prefix(8))], input: steps.dropFirst(2 * meetingAt).joined(separator: "\n") + "\n",
      sandbox: sandbox)
    #expect(resumed.status == 0, "\(play): \(resumed.stderr)")
    #expect(!Screens.wrong(resumed.stdout), "\(play): \(resumed.stdout.suffix(1500))")

    let finished = try #require(try SQLiteRecordStore(path: sandbox.store).session(id: session.id))
    if let ending = expectation.ending { #expect(finished.endingID == ending, "\(play)") }
    if let outcome = expectation.outcome { #expect(finished.outcome == outcome.rawValue, "\(play)") }
    if let score = expectation.score { #expect(score.contains(finished.totalScore ?? .min), "\(play): \(steps)") }

    // The debrief's lanes against the events: each decision under its role's lane, at its step.
    let events = try SQLiteRecordStore(path: sandbox.store).events(forSession: session.id).filter { $0.kind == .choice }
    let debrief = try CaseSimProcess.run(["debrief", String(session.id.prefix(8))], sandbox: sandbox).stdout
    let timeline = try #require(debrief.components(separatedBy: "TIMELINE, LANE BY LANE").last?.components(separatedBy: "EACH PARTICIPANT").first)
    // Lanes: a heading ("Police officer (Person 2)") then its items; wrapped items joined up.
    var lanes: [String: String] = [:]
    var heading = ""
    for line in timeline.replacingOccurrences(of: "\n    ", with: " ").split(separator: "\n").map(String.init) {
      if line.hasPrefix("  ") { lanes[heading, default: ""] += line + "\n" } else if !line.isEmpty { heading = line }
    }
    for (number, event) in events.enumerated() {
      let name = (event.role ?? "").replacingOccurrences(of: "-", with: " ")
      let lane = lanes.first { $0.key.hasPrefix(name.prefix(1).uppercased() + name.dropFirst() + " (") }?.value ?? ""
      #expect(
        lane.contains("Step \(number + 1): decided") && lane.contains("\"\(event.choiceText ?? "")\""),
        "\(play): step \(number + 1) is in \(name)'s lane:\n\(lane)")
    }
  }

  @Test(
    "each library team scenario's scripted team plays at a real terminal: the screen cleared at every hand-over, to the saved debrief",
    .tags(.slow), arguments: libraryTeamPlays.map { "\($0.scenario) \($0.play)" })
  func libraryTeamScenarioInAPseudoTerminal(_ play: String) throws {
    guard CommandRunner.run(["python3", "-c", "import pexpect"], in: Fixtures.repositoryRoot).status == 0 else {
      Issue.record("The team table test needs Python 3 with pexpect; install it with `python3 -m pip install pexpect`.")
      return
    }
    let parts = play.split(separator: " ").map(String.init)
    let (steps, _, _, team) = try Self.tableInput(parts[0], parts[1])
    let numbers = stride(from: 0, to: steps.count, by: 2).map { steps[$0] }.joined(separator: ",")
    let script = Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/team_table.py"
    let result = CommandRunner.run(
      ["python3", script, CaseSimProcess.binary, Fixtures.repositoryRoot, "--play", parts[0], team, numbers],
      in: Fixtures.repositoryRoot)
    #expect(result.status == 0, "\(play): team_table.py exited \(result.status):\n\(result.output)")
    #expect(result.output.contains("checks passed"))
  }
}
