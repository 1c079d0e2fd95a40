import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseScoring
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

  static func expected(_ id: String, _ name: String) -> [String] {
    let file = Fixtures.scenariosDirectory + "/\(id).tests"
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    return ExpectationFile.parse(text, path: file).0.expectations.first { $0.name == name }?.choices.map(String.init) ?? []
  }

  func session(
    _ console: ScriptedConsole, store: any RecordStore, mode: PlayMode = .assessment,
    scenario: Scenario = PlaySessionTests.duty, debriefs: String? = nil
  ) -> PlaySession {
    PlaySession(
      scenario: scenario, guidance: Self.guidance, store: store, console: console,
      clock: SteppingClock(), trainee: "tester", role: scenario.header.roles[0], mode: mode,
      debriefDirectory: debriefs)
  }

  @Test("the best path ends safe, with the best achievable score, every decision and rationale recorded")
  func bestPath() throws {
    let store = try SQLiteRecordStore.inMemory()
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
    let engine = Engine(scenario: Self.duty, role: "social-worker")
    let best = BestAchievable(engine: engine, guidance: Self.guidance)
    #expect(record.totalScore == best.total)
    #expect(record.bestTotal == best.total)
    let events = try store.events(forSession: id)
    #expect(events.count == Self.bestPath.count)
    #expect(events.allSatisfy { $0.kind == .choice && $0.role == "social-worker" && $0.decisionMilliseconds == 1500 })
    let prompted = events.filter { $0.rationale != nil }
    #expect(prompted.count >= 3)
    #expect(prompted.allSatisfy { $0.rationale == "Because the child comes first." })
    #expect(events.map(\.sequence) == Array(1...events.count))
    #expect(events.reduce(0) { $0 + $1.scoreDeltas.values.reduce(0, +) } == best.total)
    #expect(console.transcript.contains("Outcome: Safe."))
    #expect(console.transcript.contains("DEBRIEF: Duty desk, Friday 16:40"))
    #expect(console.transcript.contains("\(best.total) of a best achievable \(best.total) points."))
    // The Markdown debrief is saved for the trainee only.
    let path = directory + "/\(id).md"
    let markdown = try String(contentsOfFile: path, encoding: .utf8)
    #expect(markdown.hasPrefix("# Debrief: Duty desk, Friday 16:40"))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test("the worst path ends unsafe, and the debrief names the critical decision first")
  func worstPath() throws {
    let store = try SQLiteRecordStore.inMemory()
    let console = ScriptedConsole([""] + Self.worstPath)
    guard case .finished(let id) = session(console, store: store).runNew() else {
      Issue.record("\(console.transcript.suffix(1500))")
      return
    }
    let record = try #require(try store.session(id: id))
    #expect(record.outcome == "unsafe")
    let best = BestAchievable(engine: Engine(scenario: Self.duty, role: "social-worker"), guidance: Self.guidance)
    #expect(record.totalScore == best.worstTotal)
    let critical = try #require(console.transcript.range(of: "CRITICAL DECISIONS"))
    let decisions = try #require(console.transcript.range(of: "YOUR DECISIONS"))
    #expect(critical.lowerBound < decisions.lowerBound)
    #expect(console.transcript[critical.upperBound..<decisions.lowerBound].contains("! Decision"))
  }

  @Test("'back' at the content note leaves without recording anything")
  func stepOut() throws {
    let store = try SQLiteRecordStore.inMemory()
    let console = ScriptedConsole(["back"])
    #expect(session(console, store: store).runNew() == .steppedOut)
    #expect(try store.sessions(trainee: nil, includeDrafts: true).isEmpty)
    #expect(console.transcript.contains("Content note"))
  }

  @Test("quitting mid-way and resuming gives the same ending, score and record as playing straight through")
  func quitAndResume() throws {
    let store = try SQLiteRecordStore.inMemory()
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

    let straight = try SQLiteRecordStore.inMemory()
    guard case .finished(let otherID) = session(ScriptedConsole([""] + Self.bestPath), store: straight).runNew() else { return }
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
    _ = session(practice, store: try SQLiteRecordStore.inMemory(), mode: .practice).runNew()
    #expect(practice.transcript.flattened.contains(feedback.flattened))
    let assessment = ScriptedConsole(["", "1", "quit"])
    _ = session(assessment, store: try SQLiteRecordStore.inMemory(), mode: .assessment).runNew()
    #expect(!assessment.transcript.flattened.contains(feedback.flattened))
  }

  @Test("undo in practice takes the decision back and records it; assessment refuses")
  func undo() throws {
    let store = try SQLiteRecordStore.inMemory()
    let console = ScriptedConsole(["", "1", "undo", "quit"])
    guard case .suspended(let id) = session(console, store: store, mode: .practice).runNew() else { return }
    let events = try store.events(forSession: id)
    #expect(events.map(\.kind) == [.choice, .undo])
    #expect(console.transcript.contains("Your last decision was taken back"))
    let state = try Engine(scenario: Self.duty, role: "social-worker").replay(SessionLog.playEvents(events))
    #expect(state.passageID == Self.duty.startPassageID)

    let strict = ScriptedConsole(["", "1", "undo", "quit"])
    guard case .suspended(let strictID) = session(strict, store: store, mode: .assessment).runNew() else { return }
    #expect(try store.events(forSession: strictID).map(\.kind) == [.choice])
    #expect(strict.transcript.contains("Undo is for practice mode"))
  }

  @Test("notes are recorded; the case file lists the facts seen so far; help, look and guidance answer")
  func commands() throws {
    let store = try SQLiteRecordStore.inMemory()
    let console = ScriptedConsole(["", "note Ring the DSL back", "case", "help", "look", "guidance see-child-alone", "guidance see-chlid-alone", "dance", "7", "quit"])
    guard case .suspended(let id) = session(console, store: store).runNew() else { return }
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
    let store = try SQLiteRecordStore.inMemory()
    let console = NoRationale()
    let play = PlaySession(
      scenario: scenario, guidance: Fixtures.guidance, store: store, console: console, clock: SteppingClock(),
      trainee: "t", role: "social-worker", mode: .practice, debriefDirectory: nil)
    guard case .suspended(let id) = play.runNew() else { return }
    #expect(try store.events(forSession: id).isEmpty)
    #expect(console.transcript.contains("Your decision was not taken."))
  }

  @Test("terminal control sequences in scenario text are shown escaped, never sent raw")
  func escapesScenarioText() throws {
    let text = Fixtures.header() + "== start\nThe \u{1B}]52;c;ZXZpbA==\u{07} clipboard and \u{1B}[2J clear.\n* Go \u{9B}31m on -> end\n  + see-child-alone 1\n== end\n@ending safe\nDone \u{202E}reversed.\n"
    let scenario = Fixtures.load(text).scenario
    let console = ScriptedConsole(["", "1"])
    _ = session(console, store: try SQLiteRecordStore.inMemory(), mode: .practice, scenario: scenario).runNew()
    #expect(!console.transcript.contains("\u{1B}"))
    #expect(!console.transcript.contains("\u{9B}"))
    #expect(!console.transcript.contains("\u{202E}"))
    #expect(console.transcript.contains("^[]52;c;ZXZpbA==^G clipboard"))
    #expect(console.transcript.contains("\\u{202E}reversed"))
  }

  @Test("a resumed session whose scenario changed incompatibly is refused with a clear reason")
  func resumeAfterIncompatibleChange() throws {
    let store = try SQLiteRecordStore.inMemory()
    let first = ScriptedConsole(["", "1", "quit"])
    guard case .suspended(let id) = session(first, store: store).runNew() else { return }
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
}
