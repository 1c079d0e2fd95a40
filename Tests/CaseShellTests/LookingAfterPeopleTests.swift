import CaseFormat
import CaseRecords
import CaseSessions
import CaseShell
import CaseTestSupport
import Foundation
import Testing

/// Looking after the people who play: a calm pause with the agency's support text between a hard
/// ending and the debrief (at a terminal only), `support` at any time, and the intensity shown
/// with the content note and in the library.
@Suite("Looking after people: the pause after a hard ending, support text and intensity")
struct LookingAfterPeopleTests {
  static let pausePrompt = "Press Enter when you are ready for the debrief. "

  /// A support file holding `text`, in a fresh folder.
  static func supportFile(_ text: String) throws -> String {
    let path = Fixtures.temporaryDirectory() + "/support.txt"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let agencyText = """
    Talk to Sam Okafor, practice supervisor, on extension 4410.
    Employee assistance line: see the staff intranet, Wellbeing page.
    """

  func play(
    _ console: ScriptedConsole, support: SupportNote = .builtIn, scenario: Scenario = PlaySessionTests.duty
  ) throws -> (PlaySession.Result, any LocalRecordStore) {
    let store = InMemoryRecordStore()
    let session = PlaySession(
      scenario: scenario, guidance: PlaySessionTests.guidance, store: store, console: console,
      clock: SteppingClock(), trainee: "tester", role: scenario.header.roles[0], mode: .assessment,
      debriefDirectory: nil, writtenOrder: true, support: support)
    return (session.runNew(), store)
  }

  /// Plays `path` to its ending (Enter at the content note first, then `after`), at a terminal or
  /// through a pipe; nil (with the issue recorded) when the session did not finish.
  func playToEnd(
    _ path: [String], interactive: Bool, after: [String] = [], support: SupportNote = .builtIn
  ) throws -> (console: ScriptedConsole, store: any LocalRecordStore, id: String)? {
    let console = ScriptedConsole([""] + path + after)
    console.isInteractive = interactive
    let (result, store) = try play(console, support: support)
    guard case .finished(let id) = result else {
      Issue.record("expected finished, got \(result)\n\(console.transcript.suffix(1500))")
      return nil
    }
    return (console, store, id)
  }

  @Test("at a terminal, an unsafe ending is followed by a calm note and the agency's support text, and the debrief waits for Enter")
  func pauseAtTerminal() throws {
    let support = SupportNote.load(path: try Self.supportFile(Self.agencyText))
    #expect(support.source != .builtIn)
    guard let (console, _, _) = try playToEnd(PlaySessionTests.worstPath, interactive: true, after: ["", ""], support: support)
    else { return }
    let transcript = console.transcript
    let ended = try #require(transcript.range(of: "Outcome: Unsafe."))
    let note = try #require(transcript.range(of: "Take a moment before the debrief."))
    let agency = try #require(transcript.range(of: "Talk to Sam Okafor, practice supervisor, on extension 4410."))
    let pause = try #require(transcript.range(of: Self.pausePrompt))
    let debrief = try #require(transcript.range(of: "DEBRIEF: Duty desk, Friday 16:40"))
    #expect(ended.upperBound < note.lowerBound)
    #expect(note.upperBound < agency.lowerBound)
    #expect(agency.upperBound < pause.lowerBound)
    #expect(pause.upperBound < debrief.lowerBound)
    #expect(transcript.contains("This scenario is fiction, but it is informed by reviews of what happened"))
    #expect(transcript.contains("normal to feel affected"))
    #expect(transcript.contains("Employee assistance line: see the staff intranet, Wellbeing page."))
    // The pause is asked once, last before the debrief, and its answer is kept out of the history.
    #expect(console.prompts.filter { $0 == Self.pausePrompt }.count == 1)
  }

  @Test("piped play is unchanged: no pause, no extra line read, the debrief follows at once")
  func noPauseWhenPiped() throws {
    guard let (console, _, _) = try playToEnd(PlaySessionTests.worstPath, interactive: false) else { return }
    #expect(!console.prompts.contains(Self.pausePrompt))
    #expect(!console.transcript.contains("Take a moment"))
    #expect(!console.transcript.contains("<EOF>"))
    #expect(Set(console.prompts) == ["Press Enter to begin, or type 'back' to return: ", "> ", "because> "])
    let ended = try #require(console.transcript.range(of: "Outcome: Unsafe.\n\n"))
    #expect(console.transcript[ended.upperBound...].hasPrefix("DEBRIEF: Duty desk"))
  }

  @Test("a safe ending goes straight to the debrief, even at a terminal")
  func noPauseAfterSafe() throws {
    guard let (console, _, _) = try playToEnd(PlaySessionTests.bestPath, interactive: true) else { return }
    #expect(!console.prompts.contains(Self.pausePrompt))
    #expect(!console.transcript.contains("Take a moment"))
  }

  static let endingPrompt = "Press Enter when you have read the ending. "

  @Test("at a terminal the ending is held until Enter: nothing after it (the calm note, the summary) comes first")
  func endingHeldAtTerminal() throws {
    for (path, next) in [(PlaySessionTests.worstPath, "Take a moment before the debrief."), (PlaySessionTests.bestPath, "DEBRIEF IN BRIEF")] {
      guard let (console, _, _) = try playToEnd(path, interactive: true, after: ["", "", "done"]) else { return }
      let transcript = console.transcript
      let outcome = try #require(transcript.range(of: "The scenario has ended. Outcome:"))
      let hold = try #require(transcript.range(of: Self.endingPrompt))
      let after = try #require(transcript.range(of: next))
      #expect(outcome.upperBound < hold.lowerBound && hold.upperBound < after.lowerBound, "\(next)")
      // The ending's text and the hold: nothing else is written between them.
      #expect(transcript[outcome.lowerBound..<hold.lowerBound].split(separator: "\n").count == 1)
      #expect(console.prompts.filter { $0 == Self.endingPrompt }.count == 1)
    }
    // Piped: no hold.
    guard let (piped, _, _) = try playToEnd(PlaySessionTests.bestPath, interactive: false) else { return }
    #expect(!piped.prompts.contains(Self.endingPrompt))
  }

  @Test("the pause follows unsafe and partly safe endings, at a terminal only")
  func whenItPauses() {
    #expect(PlaySession.pausesAfter(.unsafe, interactive: true))
    #expect(PlaySession.pausesAfter(.partlySafe, interactive: true))
    #expect(!PlaySession.pausesAfter(.safe, interactive: true))
    for outcome in Outcome.allCases { #expect(!PlaySession.pausesAfter(outcome, interactive: false)) }
  }

  @Test("end of input at the pause still shows the debrief and finishes the session")
  func endOfInputAtPause() throws {
    guard let (console, store, id) = try playToEnd(PlaySessionTests.worstPath, interactive: true, after: [""]) else { return }
    #expect(console.transcript.contains(Self.pausePrompt + "<EOF>\n"))
    #expect(console.transcript.contains("DEBRIEF: Duty desk"))
    #expect(try store.session(id: id)?.isFinished == true)
  }

  @Test("the intensity is shown next to the content note before play")
  func intensityBeforePlay() throws {
    let console = ScriptedConsole(["back"])
    let (result, _) = try play(console)
    #expect(result == .steppedOut)
    let note = try #require(console.transcript.range(of: "Content note"))
    let intensity = try #require(console.transcript.range(of: "Intensity: high — the case turns on serious harm done to a child"))
    let prompt = try #require(console.transcript.range(of: "Press Enter to begin"))
    #expect(note.upperBound < intensity.lowerBound && intensity.upperBound < prompt.lowerBound)
  }

  @Test("the library listing shows each scenario's intensity under its content note")
  func intensityInListing() throws {
    let summary = PlaySessionTests.library.summary
    let text = LibraryViews.scenarioList(summary.playable, width: 80, colour: false)
    #expect(text.components(separatedBy: "Intensity: ").count - 1 == summary.playable.count)
    let block = try #require(text.components(separatedBy: "\n\n").first { $0.contains("[was-not-brought]") })
    #expect(block.contains("Intensity: moderate — harm to a child named plainly, never described."))
  }

  @Test("'support' during play and at the shell's prompt shows the support text; help mentions it")
  func supportCommand() throws {
    let support = SupportNote.load(path: try Self.supportFile(Self.agencyText))
    let console = ScriptedConsole(["", "support", "help", "quit"])
    _ = try play(console, support: support)
    #expect(console.transcript.contains("Talk to Sam Okafor"))
    #expect(console.transcript.contains("support        who to talk to if a scenario has upset you"))
    #expect(PlaySessionCommands.words.contains("support"))

    let shellConsole = ScriptedConsole(["support", "help", "quit"])
    let shell = Shell(
      library: PlaySessionTests.library, store: InMemoryRecordStore(), console: shellConsole,
      clock: SteppingClock(), trainee: "tester", debriefDirectory: nil, support: support)
    shell.run()
    #expect(shellConsole.transcript.contains("Support\n  Talk to Sam Okafor, practice supervisor, on extension 4410."))
    #expect(shellConsole.transcript.contains("  support           who to talk to if a scenario has upset you"))
    #expect(Shell.commands.contains("support"))
  }

  @Test("with no support file, the default points to a supervisor and the employee assistance programme, inventing no number")
  func defaultText() {
    let missing = Fixtures.temporaryDirectory() + "/nothing/support.txt"
    let note = SupportNote.load(path: missing)
    #expect(note == .builtIn)
    #expect(note.problem == nil)
    let text = note.rendered(width: 80, colour: false)
    #expect(text.contains("supervisor"))
    #expect(text.contains("employee assistance programme"))
    let hasDigit = text.contains { $0.isNumber }
    #expect(!hasDigit)
    // Named explicitly (CASESIM_SUPPORT_FILE) but missing: the default, and the reason why.
    let named = SupportNote.load(path: missing, named: true)
    #expect(named.text == SupportNote.defaultText)
    #expect(named.problem?.contains("no such file") == true)
    #expect(named.rendered(width: 80, colour: false).contains("could not be used"))
  }

  @Test("the agency's text is escaped, wrapped and cut at the bound")
  func untrustedText() throws {
    let hostile = "Call \u{1B}[31mHR\u{1B}[0m now.\n" + String(repeating: "word ", count: 1_000)
    let note = SupportNote.load(path: try Self.supportFile(hostile))
    let text = note.rendered(width: 60, colour: false)
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("Call ^[[31mHR^[[0m now."))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 60 })
    #expect(note.text.count <= SupportNote.maximumCharacters + 100)
    #expect(note.text.hasSuffix("(cut: the support text is limited to 2000 characters)"))
  }

  @Test("a support file that is a FIFO, a folder, too large, empty or not UTF-8 gives the default with the reason, never blocking")
  func unusableFiles() throws {
    let folder = Fixtures.temporaryDirectory()
    let fifo = folder + "/fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(SupportNote.load(path: fifo).problem?.contains("FIFO") == true)
    #expect(SupportNote.load(path: folder).problem?.contains("folder") == true)
    let large = folder + "/large.txt"
    try String(repeating: "x", count: SupportNote.maximumFileBytes + 1).write(toFile: large, atomically: true, encoding: .utf8)
    #expect(SupportNote.load(path: large).problem?.contains("64 KiB") == true)
    let empty = try Self.supportFile("  \n\n")
    #expect(SupportNote.load(path: empty).problem?.contains("empty") == true)
    let binary = folder + "/binary.txt"
    try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: binary))
    #expect(SupportNote.load(path: binary).problem?.contains("UTF-8") == true)
    for path in [fifo, folder, large, empty, binary] {
      #expect(SupportNote.load(path: path).text == SupportNote.defaultText)
    }
  }
}
