import CaseEngine
import CaseFormat
import CaseRecords
import CaseScoring
import CaseSessions
import CaseShell
import CaseTestSupport
import Foundation
import Testing

@Suite("The play loop: decisions, feedback, undo, notes, quitting and resuming")
struct PlaySessionTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
  static let duty = library.scenario(id: "duty-desk-friday")!.scenario
  static let guidance = library.guidance.library
  /// The best path as typed (visible numbering), from the scenario's expectation file.
  static let bestPath = expected("duty-desk-friday", "best")
  static let worstPath = expected("duty-desk-friday", "worst")
  /// The scores the scenario's author wrote for those paths in its .tests file: values that do
  /// not come from the scoring code under test (an independent reference confirms them, in
  /// ReferenceAgreementSlowTests).
  static let bestScore = expectedScore("duty-desk-friday", "best")
  static let worstScore = expectedScore("duty-desk-friday", "worst")

  static func expectedScore(_ id: String, _ name: String) -> Int? {
    let file = Fixtures.scenariosDirectory + "/\(id).tests"
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    return ExpectationFile.parse(text, path: file).0.expectations.first { $0.name == name }?.score
      .flatMap { $0.lowerBound == $0.upperBound ? $0.lowerBound : nil }
  }

  static func expected(_ id: String, _ name: String) -> [String] {
    let file = Fixtures.scenariosDirectory + "/\(id).tests"
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    return ExpectationFile.parse(text, path: file).0.expectations.first { $0.name == name }?.choices.map(String.init) ?? []
  }

  func session(
    _ console: ScriptedConsole, store: any LocalRecordStore, mode: PlayMode = .assessment,
    scenario: Scenario = PlaySessionTests.duty, debriefs: String? = nil
  ) -> PlaySession {
    PlaySession(
      scenario: scenario, guidance: Self.guidance, store: store, console: console,
      clock: SteppingClock(), trainee: "tester", role: scenario.header.roles[0], mode: mode,
      debriefDirectory: debriefs, writtenOrder: true)
  }

  @Test("the best path ends safe, with the best achievable score, every decision and rationale recorded")
  func bestPath() throws {
    let store = InMemoryRecordStore()
    let console = ScriptedConsole([""] + Self.bestPath)
    let directory = Fixtures.temporaryDirectory()
    let result = session(console, store: store, debriefs: directory).runNew()
    guard case .finished(let id) = result else {
      Issue.record("expected finished, got \(result)\n\(console.transcript.suffix(1500))")
      return
    }
    let record = try #require(try store.session(id: id))
    #expect(record.outcome == "safe")
    #expect(record.endingID == "amy-protected")
    let bestScore = try #require(Self.bestScore)
    #expect(record.totalScore == bestScore)
    #expect(record.bestTotal == bestScore)
    let events = try store.events(forSession: id)
    #expect(events.count == Self.bestPath.count)
    #expect(events.allSatisfy { $0.kind == .choice && $0.role == "social-worker" && $0.decisionMilliseconds == 1500 })
    // Assessment mode asks why after every decision.
    let prompted = events.filter { $0.rationale != nil }
    #expect(prompted.count == events.count)
    #expect(prompted.allSatisfy { $0.rationale == "Because the child comes first." })
    #expect(events.map(\.sequence) == Array(1...events.count))
    #expect(events.reduce(0) { $0 + $1.scoreDeltas.values.reduce(0, +) } == bestScore)
    #expect(console.transcript.contains("Outcome: Safe."))
    #expect(console.transcript.contains("DEBRIEF: Duty desk, Friday 16:40"))
    #expect(console.transcript.contains("You earned \(bestScore) points. The best playthrough earns \(bestScore)"))
    #expect(record.grade == "safe-practice")
    // The Markdown debrief is saved for the trainee only.
    let path = directory + "/\(id).md"
    let markdown = try String(contentsOfFile: path, encoding: .utf8)
    #expect(markdown.hasPrefix("# Debrief: Duty desk, Friday 16:40"))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test("the worst path ends unsafe, and the debrief names the critical decision first")
  func worstPath() throws {
    let store = InMemoryRecordStore()
    let console = ScriptedConsole([""] + Self.worstPath)
    guard case .finished(let id) = session(console, store: store).runNew() else {
      Issue.record("\(console.transcript.suffix(1500))")
      return
    }
    let record = try #require(try store.session(id: id))
    #expect(record.outcome == "unsafe")
    let worstScore = try #require(Self.worstScore)
    #expect(record.totalScore == worstScore)
    #expect(record.grade == "unsafe")
    let critical = try #require(console.transcript.range(of: "CRITICAL DECISIONS"))
    let decisions = try #require(console.transcript.range(of: "YOUR DECISIONS"))
    #expect(critical.lowerBound < decisions.lowerBound)
    #expect(console.transcript[critical.upperBound..<decisions.lowerBound].contains("! Decision"))
  }

  @Test("'back' at the content note leaves without recording anything")
  func stepOut() throws {
    let store = InMemoryRecordStore()
    let console = ScriptedConsole(["back"])
    #expect(session(console, store: store).runNew() == .steppedOut)
    #expect(try store.sessions(trainee: nil, includeDrafts: true).isEmpty)
    #expect(console.transcript.contains("Content note"))
  }

  @Test("quitting mid-way and resuming gives the same ending, score and record as playing straight through")
  func quitAndResume() throws {
    let store = InMemoryRecordStore()
    let half = Array(Self.bestPath.prefix(4))
    let first = ScriptedConsole([""] + half + ["quit"])
    guard case .suspended(let id) = session(first, store: store).runNew() else {
      Issue.record("\(first.transcript.suffix(1000))")
      return
    }
    #expect(first.transcript.contains("casesim resume \(id.prefix(8))"))
    let record = try #require(try store.session(id: id))
    #expect(record.isFinished == false)
    #expect(try store.events(forSession: id).count == 4)
    #expect(try store.latestUnfinishedSession(trainee: "tester")?.id == id)

    let second = ScriptedConsole(Array(Self.bestPath.dropFirst(4)))
    #expect(session(second, store: store).runResumed(record) == .finished(sessionID: id))
    #expect(second.transcript.contains("Resuming: Duty desk, Friday 16:40"))
    #expect(second.transcript.contains("4 decisions so far"))
    let finished = try #require(try store.session(id: id))
    #expect(finished.outcome == "safe")

    let straight = InMemoryRecordStore()
    guard case .finished(let otherID) = session(ScriptedConsole([""] + Self.bestPath), store: straight).runNew() else {
      Issue.record("expected the session to finish")
      return
    }
    let other = try #require(try straight.session(id: otherID))
    #expect(other.totalScore == finished.totalScore)
    #expect(other.endingID == finished.endingID)
    #expect(try straight.events(forSession: otherID).map(\.choiceIndex) == store.events(forSession: id).map(\.choiceIndex))
  }

  @Test("practice mode shows feedback after each decision; assessment keeps it for the debrief")
  func feedbackByMode() throws {
    let firstChoice = try #require(Self.duty.passages[Self.duty.startPassageID]?.choices.first)
    let feedback = try #require(firstChoice.feedback.first)
    let practice = ScriptedConsole(["", "1", "quit"])
    _ = session(practice, store: InMemoryRecordStore(), mode: .practice).runNew()
    #expect(practice.transcript.flattened.contains(feedback.flattened))
    // Each score names its principle's id, so 'guidance ID' can follow it.
    for score in firstChoice.scores {
      #expect(practice.transcript.contains("[\(score.guidanceID)]"), "\(score.guidanceID)")
    }
    let assessment = ScriptedConsole(["", "1", "quit"])
    _ = session(assessment, store: InMemoryRecordStore(), mode: .assessment).runNew()
    #expect(!assessment.transcript.flattened.contains(feedback.flattened))
  }

  @Test("'feedback' shows the last decision's feedback again in practice; piped play is never paused")
  func feedbackAgain() throws {
    let firstChoice = try #require(Self.duty.passages[Self.duty.startPassageID]?.choices.first)
    let feedback = try #require(firstChoice.feedback.first)
    let console = ScriptedConsole(["", "1", "feedback", "quit"])
    _ = session(console, store: InMemoryRecordStore(), mode: .practice).runNew()
    #expect(console.transcript.flattened.components(separatedBy: feedback.flattened).count == 3, "shown after the decision and again")
    #expect(!console.transcript.contains("Press Enter to go on"), "not at a terminal: no pause")
    #expect(console.transcript.contains("Decision 2 of at least"))
    let assessment = ScriptedConsole(["", "feedback", "quit"])
    _ = session(assessment, store: InMemoryRecordStore(), mode: .assessment).runNew()
    #expect(assessment.transcript.contains("In assessment, feedback waits for the debrief."))
  }

  @Test("'guides' during play lists the catalog's principles by id, and play goes on")
  func guidesDuringPlay() throws {
    let console = ScriptedConsole(["", "guides", "quit"])
    _ = session(console, store: InMemoryRecordStore(), mode: .practice).runNew()
    let principle = try #require(Self.guidance.principles.first)
    #expect(console.transcript.contains("\n  \(principle.id)\n"))
    #expect(console.transcript.contains("Type 'guidance ID' to read one."))
  }

  @Test("undo in practice takes the decision back and records it; assessment refuses")
  func undo() throws {
    let store = InMemoryRecordStore()
    let console = ScriptedConsole(["", "1", "undo", "quit"])
    guard case .suspended(let id) = session(console, store: store, mode: .practice).runNew() else {
      Issue.record("expected the session to be suspended")
      return
    }
    let events = try store.events(forSession: id)
    #expect(events.map(\.kind) == [.choice, .undo])
    #expect(console.transcript.contains("Your last decision was taken back"))
    let record = try #require(try store.session(id: id))
    let state = try RecordedPlay(record: record, events: events, engine: Engine(scenario: Self.duty, role: "social-worker")).state
    #expect(state.passageID == Self.duty.startPassageID)

    let strict = ScriptedConsole(["", "1", "undo", "quit"])
    guard case .suspended(let strictID) = session(strict, store: store, mode: .assessment).runNew() else {
      Issue.record("expected the session to be suspended")
      return
    }
    #expect(try store.events(forSession: strictID).map(\.kind) == [.choice])
    #expect(strict.transcript.contains("Undo is for practice mode"))
  }

  @Test("notes are recorded; the case file lists the facts seen so far; help, look and guidance answer")
  func commands() throws {
    let store = InMemoryRecordStore()
    let console = ScriptedConsole(["", "note Ring the DSL back", "case", "help", "look", "guidance see-child-alone", "guidance see-chlid-alone", "dance", "7", "quit"])
    guard case .suspended(let id) = session(console, store: store).runNew() else {
      Issue.record("expected the session to be suspended")
      return
    }
    let events = try store.events(forSession: id)
    #expect(events.map(\.kind) == [.note])
    #expect(events.first?.text == "Ring the DSL back")
    let firstFact = try #require(Self.duty.passages[Self.duty.startPassageID]?.facts.first)
    #expect(console.transcript.components(separatedBy: firstFact.text.prefix(30)).count >= 3, "fact shown with the passage and in the case file")
    #expect(console.transcript.contains("Ring the DSL back"))
    #expect(console.transcript.contains("take your last decision back") == false, "no undo in assessment help")
    #expect(console.transcript.contains(Self.guidance.entry("see-child-alone")!.title))
    #expect(console.transcript.contains("Did you mean 'see-child-alone'?"))
    #expect(console.transcript.contains("'dance' is not a command here"))
    #expect(console.transcript.contains("Choose a number from 1 to"))
  }

  @Test("end of input during a rationale leaves the decision untaken")
  func eofDuringRationale() throws {
    let text = Fixtures.header() + "== start\n* Go -> end\n  + see-child-alone 1\n  ? Why?\n== end\n@ending safe\nDone.\n"
    let scenario = Fixtures.load(text).scenario
    final class NoRationale: Console {
      var answers = ["", "1"]
      var transcript = ""
      let width = 80, colour = false, isInteractive = false
      func readLine(prompt: String, remember: Bool) -> ConsoleInput {
        transcript += prompt
        return prompt == "because> " || answers.isEmpty ? .endOfInput : .line(answers.removeFirst())
      }
      func write(_ text: String) { transcript += text }
      func setCompletions(_ table: CompletionTable) {}
    }
    let store = InMemoryRecordStore()
    let console = NoRationale()
    let play = PlaySession(
      scenario: scenario, guidance: Fixtures.guidance, store: store, console: console, clock: SteppingClock(),
      trainee: "t", role: "social-worker", mode: .practice, debriefDirectory: nil)
    guard case .suspended(let id) = play.runNew() else {
      Issue.record("expected the session to be suspended")
      return
    }
    #expect(try store.events(forSession: id).isEmpty)
    #expect(console.transcript.contains("Your decision was not taken."))
  }

  @Test("terminal control sequences in scenario text are shown escaped, never sent raw")
  func escapesScenarioText() throws {
    let text = Fixtures.header() + "== start\nThe \u{1B}]52;c;ZXZpbA==\u{07} clipboard and \u{1B}[2J clear.\n* Go \u{9B}31m on -> end\n  + see-child-alone 1\n== end\n@ending safe\nDone \u{202E}reversed.\n"
    let scenario = Fixtures.load(text).scenario
    let console = ScriptedConsole(["", "1"])
    _ = session(console, store: InMemoryRecordStore(), mode: .practice, scenario: scenario).runNew()
    #expect(!console.transcript.contains("\u{1B}"))
    #expect(!console.transcript.contains("\u{9B}"))
    #expect(!console.transcript.contains("\u{202E}"))
    #expect(console.transcript.contains("^[]52;c;ZXZpbA==^G clipboard"))
    #expect(console.transcript.contains("\\u{202E}reversed"))
  }

  @Test("a resumed session whose scenario changed incompatibly is refused with a clear reason")
  func resumeAfterIncompatibleChange() throws {
    let store = InMemoryRecordStore()
    let first = ScriptedConsole(["", "1", "quit"])
    guard case .suspended(let id) = session(first, store: store).runNew() else {
      Issue.record("expected the session to be suspended")
      return
    }
    var changed = Self.duty
    changed.contentHash = "different"
    changed.passages[Self.duty.startPassageID]?.choices.removeAll()
    let record = try #require(try store.session(id: id))
    let result = session(ScriptedConsole([]), store: store, scenario: changed).runResumed(record)
    guard case .failed(let reason) = result else {
      Issue.record("expected failure, got \(result)")
      return
    }
    #expect(reason.contains("no longer fit the scenario"))
  }

  @Test("a record with a damaged mode is refused on resume and debrief, never played as practice with undo")
  func damagedModeRefused() throws {
    let store = InMemoryRecordStore()
    let first = ScriptedConsole(["", "1", "quit"])
    guard case .suspended(let id) = session(first, store: store, mode: .assessment).runNew() else {
      Issue.record("expected the session to be suspended")
      return
    }
    var damaged = try #require(try store.session(id: id))
    damaged.id = "damaged-" + id
    damaged.mode = "Assessment "
    try store.createSession(damaged)
    for event in try store.events(forSession: id) {
      var copy = event
      copy.id = EventRecord.mintID()
      copy.sessionID = damaged.id
      try store.append(copy)
    }
    let console = ScriptedConsole(["undo", "quit"])
    let result = PlaySession(
      resumingOn: Self.duty, guidance: Self.guidance, store: store, console: console,
      clock: SteppingClock(), debriefDirectory: nil
    ).runResumed(damaged)
    guard case .failed(let reason) = result else {
      Issue.record("expected the damaged record to be refused, got \(result)")
      return
    }
    #expect(reason.contains("'Assessment ' is neither practice nor assessment"))
    #expect(try store.events(forSession: damaged.id).map(\.kind) == [.choice], "nothing was played on it")
    #expect(throws: RecordProblem.unknownMode("Assessment ")) {
      try SessionLog.debrief(
        record: damaged, events: store.events(forSession: damaged.id), scenario: Self.duty,
        guidance: Self.guidance)
    }
  }
}

extension String {
  /// Words joined by single spaces: wrapped output compared with unwrapped text.
  var flattened: String { split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
}

@Suite("Tab completion depends on context")
struct CompletionTests {
  @Test("commands first; scenario ids after play; principle ids after guidance; nothing further")
  func contextual() {
    let table = CompletionTable(
      commands: ["play", "list", "guidance", "duty-desk-friday"],
      arguments: ["play": ["duty-desk-friday", "hungry-in-class"], "guidance": ["plan-abe-interview-jointly", "see-child-alone"]])
    #expect(table.candidates(preceding: [], prefix: "pla") == ["play"])
    #expect(table.candidates(preceding: ["play"], prefix: "d") == ["duty-desk-friday"])
    #expect(table.candidates(preceding: ["PLAY"], prefix: "") == ["duty-desk-friday", "hungry-in-class"])
    #expect(table.candidates(preceding: ["guidance"], prefix: "pla") == ["plan-abe-interview-jointly"])
    #expect(table.candidates(preceding: ["play", "duty-desk-friday"], prefix: "") == [])
    #expect(table.candidates(preceding: ["list"], prefix: "") == [])
  }

  @Test("after play ID: the scenario's roles, the options of play, and each option's values")
  func playArguments() {
    let table = CompletionTable(
      commands: ["play"], arguments: ["play": ["the-strategy-discussion"]],
      roles: ["the-strategy-discussion": ["social-worker", "police-officer", "school-dsl"]])
    let play = ["play", "the-strategy-discussion"]
    #expect(table.candidates(preceding: play, prefix: "") == ["police-officer", "school-dsl", "social-worker"])
    #expect(table.candidates(preceding: play, prefix: "s") == ["school-dsl", "social-worker"])
    #expect(table.candidates(preceding: play, prefix: "--") == ["--mode", "--order", "--role", "--team"])
    #expect(table.candidates(preceding: play + ["--mode"], prefix: "") == ["assessment", "practice"])
    #expect(table.candidates(preceding: play + ["--order"], prefix: "w") == ["written"])
    #expect(table.candidates(preceding: play + ["--role"], prefix: "p") == ["police-officer"])
    #expect(table.candidates(preceding: play + ["--team"], prefix: "s") == ["school-dsl", "social-worker"])
    #expect(table.candidates(preceding: ["p", "the-strategy-discussion", "police-officer"], prefix: "") == [])
  }
}

@Suite("Judgement, not position: option orders, neutral why, loops and grades")
struct JudgementTests {
  static let duty = PlaySessionTests.duty

  func play(_ console: ScriptedConsole, store: any LocalRecordStore, scenario: Scenario = JudgementTests.duty, written: Bool = false) -> PlaySession {
    PlaySession(
      scenario: scenario, guidance: PlaySessionTests.guidance, store: store, console: console,
      clock: SteppingClock(), trainee: "tester", role: scenario.header.roles[0], mode: .assessment,
      debriefDirectory: nil, writtenOrder: written)
  }

  /// The option texts listed under the latest passage, in the order shown.
  static func shownOptions(_ transcript: String, count: Int) -> [String] {
    let lines = transcript.components(separatedBy: "\n")
    var options: [String] = []
    for line in lines.reversed() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let dot = trimmed.firstIndex(of: "."), Int(trimmed[..<dot]) != nil {
        options.insert(String(trimmed[trimmed.index(after: dot)...]).trimmingCharacters(in: .whitespaces), at: 0)
        if options.count == count { break }
      }
    }
    return options
  }

  @Test("sessions show the options in different orders, each resumes in exactly its own, and records keep written indices")
  func optionOrders() throws {
    let store = InMemoryRecordStore()
    let start = try #require(Self.duty.passages[Self.duty.startPassageID])
    var orders: Set<[String]> = []
    var sessions: [(id: String, shown: [String])] = []
    for _ in 0..<8 {
      let console = ScriptedConsole(["", "quit"])
      guard case .suspended(let id) = play(console, store: store).runNew() else {
        Issue.record("expected a suspended session\n\(console.transcript.suffix(800))")
        continue
      }
      let shown = Self.shownOptions(console.transcript, count: start.choices.count).map { String($0.prefix(20)) }
      orders.insert(shown)
      sessions.append((id, shown))
    }
    // Eight sessions of a passage with several options do not all share one order (the chance of
    // that with a fair shuffle of 3 options is (1/6)^7).
    #expect(start.choices.count >= 3)
    #expect(orders.count > 1, "every session showed the options in one order: \(orders)")
    for session in sessions {
      let record = try #require(try store.session(id: session.id))
      #expect(record.optionOrder == "shuffled")
      let console = ScriptedConsole(["quit"])
      _ = play(console, store: store).runResumed(record)
      let shown = Self.shownOptions(console.transcript, count: start.choices.count).map { String($0.prefix(20)) }
      #expect(shown == session.shown, "resumed in another order")
    }
    // Typing 1 takes whatever is shown first; the record keeps that option's written index.
    let console = ScriptedConsole(["", "1", "quit"])
    guard case .suspended(let id) = play(console, store: store).runNew() else {
      Issue.record("expected a suspended session")
      return
    }
    let record = try #require(try store.session(id: id))
    let engine = Engine(scenario: Self.duty, role: "social-worker")
    let firstShown = engine.presentedChoices(engine.start(), order: OptionOrder(name: record.optionOrder, seed: record.orderSeed))[0]
    #expect(try store.events(forSession: id).first?.choiceIndex == firstShown.index)
  }

  @Test("@keep-order and --order written show the written order")
  func writtenOrder() throws {
    let text = Fixtures.header() + "== start\n@keep-order\n* One -> end\n  + see-child-alone 1\n* Two -> end\n  - see-child-alone 1\n* Three -> end\n  - see-child-alone 2\n== end\n@ending safe | Done\nDone.\n@lesson L.\n"
    let scenario = Fixtures.load(text, path: "k.case").scenario
    let engine = Engine(scenario: scenario, role: "social-worker")
    for seed: UInt64 in 0..<50 {
      #expect(engine.presentedChoices(engine.start(), order: .shuffled(seed: seed)).map(\.text) == ["One", "Two", "Three"])
    }
    let unkept = Fixtures.load(text.replacingOccurrences(of: "@keep-order\n", with: ""), path: "u.case").scenario
    let free = Engine(scenario: unkept, role: "social-worker")
    let seen = Set((0..<50).map { free.presentedChoices(free.start(), order: .shuffled(seed: UInt64($0))).map(\.text) })
    #expect(seen.count == 6, "all six orders of three options appear over 50 seeds")
    #expect(free.presentedChoices(free.start(), order: .written).map(\.text) == ["One", "Two", "Three"])
  }

  @Test("assessment asks a neutral why after every decision; a prompt on only the good option is never used")
  func neutralWhy() throws {
    let text = Fixtures.header() + "== start\n* Good -> end\n  + see-child-alone 1\n  ? Why did seeing the child matter?\n* Poor -> end\n  - see-child-alone 1\n== middle\n@why What shaped this?\n* A -> end\n  + see-child-alone 1\n  ? Why A?\n* B -> end\n  - see-child-alone 1\n  ? Why B?\n== end\n@ending safe | Done\nDone.\n@lesson L.\n"
    let scenario = Fixtures.load(text, path: "w.case").scenario
    let engine = Engine(scenario: scenario, role: "social-worker")
    let state = engine.start()
    let start = try #require(scenario.passages["start"])
    for choice in start.choices {
      #expect(engine.rationalePrompt(for: choice, in: state, mode: .assessment) == Engine.defaultRationalePrompt)
    }
    #expect(engine.rationalePrompt(for: start.choices[0], in: state, mode: .practice) == "Why did seeing the child matter?")
    #expect(engine.rationalePrompt(for: start.choices[1], in: state, mode: .practice) == nil)
    // Every option has its own prompt: each is asked.
    let middle = PlayState(passageID: "middle", flags: [:], counters: [:])
    let options = try #require(scenario.passages["middle"]?.choices)
    #expect(engine.rationalePrompt(for: options[1], in: middle, mode: .assessment) == "Why B?")
  }

  @Test("an empty or one-word reason gets one nudge, is accepted, and is marked in the debrief")
  func shortReasons() throws {
    let store = InMemoryRecordStore()
    let console = ScriptedConsole(["", "1", "quit"], rationale: "")
    guard case .suspended(let id) = play(console, store: store, written: true).runNew() else {
      Issue.record("expected suspended")
      return
    }
    #expect(console.transcript.contains("A sentence on what you weighed up"))
    let events = try store.events(forSession: id)
    #expect(events.count == 1 && events[0].rationale == "")
    #expect(RationaleShortfall(answer: "") == .empty)
    #expect(RationaleShortfall(answer: "  safety ") == .oneWord)
    #expect(RationaleShortfall(answer: "the child first") == nil)
  }

  @Test("a scenario whose scoring choice can be taken twice is refused before anything is recorded")
  func scoredLoopRefused() throws {
    let text = Fixtures.header() + "== start\n* Ask again -> start\n  + see-child-alone 2\n* Finish -> end\n  + see-child-alone 1\n== end\n@ending safe | Done\nDone.\n@lesson L.\n"
    let scenario = Fixtures.load(text, path: "loop.case").scenario
    let store = InMemoryRecordStore()
    let result = play(ScriptedConsole([""]), store: store, scenario: scenario).runNew()
    guard case .refused(let reason) = result else {
      Issue.record("expected refused, got \(result)")
      return
    }
    #expect(reason.contains("scored-loop"))
    #expect(try store.sessions(trainee: nil, includeDrafts: true).isEmpty)
    // Scored however often it is taken, the loop counts once: 2 + 1, never more than the best.
    let engine = Engine(scenario: scenario, role: "social-worker")
    let farmed = Array(repeating: TakenDecision(passageID: "start", choiceIndex: 1), count: 5)
      + [TakenDecision(passageID: "start", choiceIndex: 2)]
    #expect(ScoreSheet(engine: engine, decisions: farmed).total == 3)
  }

  @Test("a critical decision caps the grade at unsafe practice, whatever the points")
  func gradeCap() {
    #expect(Grade(share: 1.0, criticalTaken: 1, outcome: .safe) == .unsafe)
    #expect(Grade(share: 0.95, criticalTaken: 0, outcome: .safe) == .safePractice)
    #expect(Grade(share: 0.95, criticalTaken: 0, outcome: .partlySafe) == .developing)
    #expect(Grade(share: 0.6, criticalTaken: 0, outcome: .safe) == .developing)
    #expect(Grade(share: 0.3, criticalTaken: 0, outcome: .safe) == .unsafe)
  }
}
