import CaseEngine
public import CaseFormat
public import CaseRecords
import CaseScoring
import Foundation

/// Plays one scenario with a trainee: shows passages, takes decisions, records each one durably
/// before showing what follows, and ends with the debrief.
///
/// The record is the truth: the play state is always `engine.replay(events)` over what the store
/// holds, so a session killed at any moment resumes with every decision it had shown as taken.
public final class PlaySession {
  /// How a session left the play loop.
  public enum Result: Equatable, Sendable {
    /// Reached an ending; the debrief was shown and saved.
    case finished(sessionID: String)
    /// Left before the end; resumable.
    case suspended(sessionID: String)
    /// Stepped out at the content note; nothing was recorded.
    case steppedOut
    /// Could not go on (the record could not be written or replayed).
    case failed(String)
    /// The scenario cannot be played as it stands (its scoring is broken); nothing was recorded.
    case refused(String)
  }

  let engine: Engine
  let scenario: Scenario
  let guidance: GuidanceLibrary
  let store: any RecordStore
  let console: any Console
  let clock: any SessionClock
  let trainee: String
  let mode: PlayMode
  /// Where Markdown debriefs are written (created 0700, files 0600); nil to skip.
  let debriefDirectory: String?
  /// Show options as written instead of in the session's shuffled order.
  let writtenOrder: Bool
  /// A play of a file outside the library (kept apart from the trainee's history).
  let isDraft: Bool
  /// An author's preview (`play FILE --from ...`): its store lives in memory, so nothing said
  /// on screen may promise that play is saved or can be resumed.
  let isPreview: Bool
  /// The scenario's text by path, kept with the record so the session is always replayed on it.
  let sourceFiles: [String: String]

  private var session: SessionRecord?
  private var events: [PlayEvent] = []
  private var notes: [String] = []
  private var state: PlayState
  private var choicesShownAt = 0
  private var order: OptionOrder = .written
  private lazy var best = BestAchievable(engine: engine, guidance: guidance)

  public init(
    scenario: Scenario, guidance: GuidanceLibrary, store: any RecordStore, console: any Console,
    clock: any SessionClock = SystemClock(), trainee: String, role: String, mode: PlayMode,
    debriefDirectory: String?, writtenOrder: Bool = false, isDraft: Bool = false,
    sourceFiles: [String: String] = [:], isPreview: Bool = false
  ) {
    self.isPreview = isPreview
    self.scenario = scenario
    self.engine = Engine(scenario: scenario, role: role)
    self.guidance = guidance
    self.store = store
    self.console = console
    self.clock = clock
    self.trainee = trainee
    self.mode = mode
    self.debriefDirectory = debriefDirectory
    self.writtenOrder = writtenOrder
    self.isDraft = isDraft
    self.sourceFiles = sourceFiles
    self.state = engine.start()
  }

  private var style: TerminalStyle { TerminalStyle(enabled: console.colour) }
  private var width: Int { max(40, console.width) }

  private func say(_ text: String = "") { console.write(text + "\n") }

  private func paragraph(_ untrusted: String, indent: String = "", hanging: String? = nil) {
    say(TextWrapper.wrap(UntrustedText.escaped(untrusted), width: width, indent: indent, hangingIndent: hanging))
  }

  // MARK: Starting

  /// Shows the content note and, if the trainee goes on, starts a new recorded session.
  public func runNew() -> Result {
    if let repeated = best.repeatableScoredChoices.first {
      return .refused(
        "this scenario cannot be scored fairly: the choice \"\(repeated.text)\" (\(repeated.location)) scores and one playthrough can take it more than once; 'casesim check' reports it as scored-loop")
    }
    let header = scenario.header
    say()
    say(style.bold(UntrustedText.escaped(header.title)))
    paragraph(header.summary)
    say()
    paragraph(
      "Role: \(DebriefRenderer.roleName(engine.role)). About \(header.minutes) minutes. Mode: \(mode.rawValue)\(mode == .practice ? " (feedback after each decision; undo allowed)" : " (feedback in the debrief only)").")
    say()
    say(style.yellow("Content note"))
    paragraph(header.contentNote, indent: "  ")
    say()
    paragraph(
      isPreview
        ? "This is a preview: type 'quit' at any point to end it. Nothing is recorded."
        : "You can type 'quit' at any point to save and step out; your progress is kept and 'casesim resume' picks it up.")
    while true {
      switch console.readLine(prompt: "Press Enter to begin, or type 'back' to return: ", remember: false) {
      case .endOfInput: return .steppedOut
      case .line(let raw):
        let answer = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if answer == "back" || answer == "quit" || answer == "q" { return .steppedOut }
        if !answer.isEmpty && answer != "begin" && answer != "start" {
          say("Press Enter to begin, or type 'back'.")
          continue
        }
      }
      break
    }
    var generator = SystemRandomNumberGenerator()
    order = writtenOrder ? .written : .shuffled(seed: generator.next())
    let seed: UInt64 = if case .shuffled(let seed) = order { seed } else { 0 }
    let record = SessionRecord(
      id: UUID().uuidString.lowercased(), trainee: trainee, scenarioID: scenario.id,
      scenarioHash: scenario.contentHash, scenarioPath: scenario.path, role: engine.role,
      mode: mode.rawValue, startedAt: clock.now(), optionOrder: order.name, orderSeed: seed,
      isDraft: isDraft)
    do {
      if !sourceFiles.isEmpty {
        try store.saveScenarioVersion(
          ScenarioVersion(hash: scenario.contentHash, scenarioID: scenario.id, mainPath: scenario.path, files: sourceFiles))
      }
      try store.createSession(record)
    } catch {
      say(style.red("Could not start a recorded session: \(error)"))
      return .failed("\(error)")
    }
    session = record
    say()
    say(
      style.dim(
        isPreview
          ? "Preview started; nothing is recorded." : "Session \(record.id.prefix(8)) started; every decision is saved as you make it."))
    return loop(showPassage: true)
  }

  /// Picks a recorded, unfinished session up where it stopped.
  public func runResumed(_ record: SessionRecord) -> Result {
    session = record
    order = OptionOrder(name: record.optionOrder, seed: record.orderSeed)
    let recorded: [EventRecord]
    do {
      recorded = try store.events(forSession: record.id)
    } catch {
      return .failed("could not read the session's record: \(error)")
    }
    events = SessionLog.playEvents(recorded)
    notes = SessionLog.notes(recorded)
    if record.scenarioHash != scenario.contentHash {
      say(
        style.yellow(
          "Note: the scenario file has changed since this session began; replaying your decisions on the new version."
        ))
    }
    do {
      state = try engine.replay(events)
    } catch {
      return .failed(
        "the recorded decisions no longer fit the scenario (\(error)); the scenario file was changed after the session began"
      )
    }
    let standing = (try? Engine.standingDecisions(events)) ?? []
    say()
    say(style.bold("Resuming: \(UntrustedText.escaped(scenario.header.title))"))
    say(style.dim("Session \(record.id.prefix(8)), \(standing.count) decision\(standing.count == 1 ? "" : "s") so far:"))
    for (n, decision) in standing.enumerated() {
      if let choice = engine.choice(for: decision) {
        paragraph(choice.text, indent: "  \(n + 1). ", hanging: "     ")
      }
    }
    if engine.isFinished(state) { return finish() }
    return loop(showPassage: true)
  }

  // MARK: The loop

  private func loop(showPassage: Bool) -> Result {
    guard let session else { return .failed("no session") }
    if showPassage { show() }
    while true {
      if engine.isFinished(state) { return finish() }
      let visible = engine.presentedChoices(state, order: order)
      if visible.isEmpty {
        say(style.red("This passage offers no way forward for your role; the scenario file needs fixing ('casesim check' reports it)."))
        return .suspended(sessionID: session.id)
      }
      switch console.readLine(prompt: "> ") {
      case .endOfInput:
        if console.isInteractive {
          switch console.readLine(prompt: "Save and quit? [Y/n] ", remember: false) {
          case .line(let answer) where answer.lowercased().hasPrefix("n"): continue
          default: break
          }
        }
        return suspend()
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { continue }
        if let number = Int(line) {
          guard number >= 1, number <= visible.count else {
            say("Choose a number from 1 to \(visible.count), or type 'help'.")
            continue
          }
          if let result = decide(visible[number - 1]) { return result }
          continue
        }
        let (command, argument) = Self.split(line)
        switch command {
        case "help", "?": showHelp()
        case "look", "l": show()
        case "case", "file", "chronology": showCaseFile()
        case "note":
          guard !argument.isEmpty else {
            say("Write the note after the command: note TEXT")
            continue
          }
          record(EventRecord(sessionID: session.id, kind: .note, passageID: state.passageID, role: engine.role, text: argument, recordedAt: clock.now()))
          notes.append(argument)
          say(style.dim("Noted."))
        case "guidance", "g": showGuidance(argument)
        case "undo": undo()
        case "score" where mode == .practice: showScore()
        case "quit", "q", "exit": return suspend()
        default:
          say("'\(UntrustedText.escaped(command))' is not a command here. Type a choice number, or 'help'.")
        }
      }
    }
  }

  static func split(_ line: String) -> (String, String) {
    let parts = line.split(separator: " ", maxSplits: 1)
    let command = parts.first.map { $0.lowercased() } ?? ""
    let argument = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
    return (command, argument)
  }

  /// Takes a decision: asks for the rationale if the choice wants one, records it durably, and
  /// only then moves on. Returns a result if the session ends here.
  private func decide(_ choice: Choice) -> Result? {
    guard let session else { return .failed("no session") }
    let milliseconds = max(0, clock.monotonicMilliseconds() - choicesShownAt)
    var rationale: String?
    if let prompt = engine.rationalePrompt(for: choice, in: state, mode: mode) {
      say()
      say(style.cyan("Why? (recorded for your debrief)"))
      paragraph(prompt, indent: "  ")
      guard let first = readReason() else { return suspendUntaken() }
      rationale = first
      // One nudge, never a wall: a short answer is accepted the second time, and the debrief
      // marks it.
      if RationaleShortfall(answer: first) != nil {
        paragraph("A sentence on what you weighed up makes your debrief worth more. Add one, or press Enter to go on as it is.")
        guard let more = readReason() else { return suspendUntaken() }
        if !more.isEmpty { rationale = more }
      }
    }
    let deltas = ScoreSheet.deltas(of: choice)
    let event = EventRecord(
      sessionID: session.id, kind: .choice, passageID: state.passageID, choiceIndex: choice.index,
      choiceText: choice.text, role: engine.role, rationale: rationale,
      decisionMilliseconds: milliseconds, recordedAt: clock.now(), scoreDeltas: deltas)
    let next: PlayState
    do {
      next = try engine.choose(choice.index, in: state)
    } catch {
      say(style.red("That choice cannot be taken: \(error)"))
      return nil
    }
    guard record(event) else { return nil }
    events.append(.choose(TakenDecision(passageID: state.passageID, choiceIndex: choice.index)))
    state = next
    if mode == .practice { showFeedback(choice) }
    if engine.isFinished(state) { return finish() }
    show()
    return nil
  }

  /// A line at the `because>` prompt, trimmed; nil at end of input.
  private func readReason() -> String? {
    switch console.readLine(prompt: "because> ", remember: false) {
    case .endOfInput: nil
    case .line(let text): text.trimmingCharacters(in: .whitespaces)
    }
  }

  /// End of input while a reason was asked for: the decision is not taken, the session is kept.
  private func suspendUntaken() -> Result {
    say(style.dim("Your decision was not taken."))
    return suspend()
  }

  /// Appends to the record; on failure says so and reports false (the decision is not taken).
  @discardableResult
  private func record(_ event: EventRecord) -> Bool {
    do {
      try store.append(event)
      return true
    } catch {
      say(style.red("Could not save to the record (\(error)). Nothing was taken; try again."))
      return false
    }
  }

  private func undo() {
    guard let session else { return }
    guard mode == .practice else {
      say("Undo is for practice mode; in assessment every decision stands.")
      return
    }
    guard !((try? Engine.standingDecisions(events)) ?? []).isEmpty else {
      say("There is no decision to undo yet.")
      return
    }
    guard record(EventRecord(sessionID: session.id, kind: .undo, passageID: state.passageID, role: engine.role, recordedAt: clock.now())) else { return }
    events.append(.undo)
    do {
      state = try engine.replay(events)
    } catch {
      say(style.red("Could not undo: \(error)"))
      return
    }
    say(style.dim("Your last decision was taken back (the undo is recorded)."))
    show()
  }

  private func suspend() -> Result {
    guard let session else { return .steppedOut }
    say()
    say(isPreview ? "Preview ended." : "Saved. Pick up where you left off with 'casesim resume \(session.id.prefix(8))'.")
    return .suspended(sessionID: session.id)
  }

  // MARK: Showing

  private func show() {
    say()
    say(style.dim(String(repeating: "-", count: min(width, 60))))
    for paragraphText in engine.visibleParagraphs(state) {
      paragraph(paragraphText)
      say()
    }
    if let passage = engine.passage(state), !engine.isForRole(passage) {
      paragraph("(This part of the case happens away from you, with another agency.)")
      say()
    }
    let fresh = newFacts
    if !fresh.isEmpty {
      say(style.cyan("Added to the case file:"))
      for entry in fresh { paragraph(Self.factLine(entry.fact), indent: "  * ", hanging: "    ") }
      say()
    }
    let visible = engine.presentedChoices(state, order: order)
    if !engine.isFinished(state) {
      for (n, choice) in visible.enumerated() {
        paragraph(choice.text, indent: "  \(n + 1). ", hanging: "     ")
      }
      choicesShownAt = clock.monotonicMilliseconds()
    }
  }

  /// Facts revealed by the current passage (shown once, under the prose).
  private var newFacts: [CaseFileEntry] {
    state.caseFile.filter { $0.passageID == state.passageID }
  }

  static func factLine(_ fact: Fact) -> String {
    if let when = fact.when { return "\(when): \(fact.text)" }
    return fact.text
  }

  private func showCaseFile() {
    say()
    say(style.bold("Case file"))
    if state.caseFile.isEmpty {
      say("  Nothing recorded yet.")
    }
    for entry in state.caseFile {
      paragraph(Self.factLine(entry.fact), indent: "  * ", hanging: "    ")
    }
    if !notes.isEmpty {
      say(style.bold("Your notes"))
      for note in notes { paragraph(note, indent: "  - ", hanging: "    ") }
    }
  }

  private func showGuidance(_ id: String) {
    guard !id.isEmpty else {
      say("Principles this scenario scores against:")
      for principleID in scenario.guidanceIDsUsed {
        let title = guidance.entry(principleID)?.title ?? ""
        paragraph("\(principleID): \(title)", indent: "  ", hanging: "    ")
      }
      say("Type 'guidance ID' to read one.")
      return
    }
    say()
    console.write(LibraryViews.principle(id, guidance: guidance, width: width, colour: console.colour))
  }

  private func showFeedback(_ choice: Choice) {
    say()
    if let critical = choice.critical {
      say(style.red("Critical decision."))
      paragraph(critical.reason ?? "This decision on its own leaves the child unsafe.", indent: "  ")
    }
    for line in choice.feedback { paragraph(line, indent: "  ") }
    for score in choice.scores {
      let title = guidance.entry(score.guidanceID)?.title ?? score.guidanceID
      let points = score.points > 0 ? style.green("+\(score.points)") : style.red("\(score.points)")
      let explanation = score.explanation.map { ": \(UntrustedText.escaped($0))" } ?? ""
      say(TextWrapper.wrap("\(points) \(UntrustedText.escaped(title))\(explanation)", width: width, indent: "  ", hangingIndent: "     "))
    }
  }

  private func showScore() {
    let sheet = ScoreSheet(engine: engine, decisions: (try? Engine.standingDecisions(events)) ?? [])
    say("So far: \(sheet.total) points; best achievable on this scenario: \(best.total).")
  }

  private func showHelp() {
    say()
    say("Type the number of a choice to decide. Other commands:")
    var lines = [
      ("look", "show the passage again"),
      ("case", "the case file: what you know so far, in order"),
      ("note TEXT", isPreview ? "keep a note (shown in the debrief)" : "keep a private note (it is saved and shown in your debrief)"),
      ("guidance [ID]", "read a good-practice principle"),
    ]
    if mode == .practice {
      lines.append(("undo", isPreview ? "take your last decision back" : "take your last decision back (recorded)"))
      lines.append(("score", "your points so far"))
    }
    lines.append(("quit", isPreview ? "end the preview" : "save and step out; resume later with 'casesim resume'"))
    for (command, text) in lines {
      say("  " + command.padding(toLength: 15, withPad: " ", startingAt: 0) + text)
    }
  }

  // MARK: Ending

  private func finish() -> Result {
    guard let session else { return .failed("no session") }
    if let passage = engine.passage(state), let ending = passage.ending {
      say()
      say(style.dim(String(repeating: "-", count: min(width, 60))))
      for paragraphText in engine.visibleParagraphs(state) {
        paragraph(paragraphText)
        say()
      }
      let label = DebriefRenderer.outcomeLabel(ending.outcome)
      let painted = ending.outcome == .safe ? style.green(label) : ending.outcome == .unsafe ? style.red(label) : style.yellow(label)
      say("The scenario has ended. Outcome: \(painted).")
    }
    // The debrief is derived from the record, exactly as `casesim debrief` will recompute it.
    let debrief: Debrief
    do {
      let recorded = try store.events(forSession: session.id)
      debrief = try SessionLog.debrief(
        record: session, events: recorded, scenario: scenario, guidance: guidance, best: best)
    } catch {
      return .failed("could not build the debrief: \(error)")
    }
    do {
      if let ending = debrief.ending {
        try store.finishSession(
          id: session.id, endingID: ending.passageID, outcome: ending.outcome.rawValue,
          totalScore: debrief.total, bestTotal: debrief.bestTotal, grade: debrief.grade.rawValue,
          at: clock.now())
      }
    } catch RecordStoreError.sessionFinished {
      // Already finished (a resumed session that had reached its ending): nothing to do.
    } catch {
      say(style.red("Could not mark the session finished: \(error)"))
    }
    say()
    console.write(DebriefRenderer(width: width, colour: console.colour, includesEndingText: false).text(debrief))
    if let directory = debriefDirectory {
      do {
        let path = try DebriefFile.write(debrief, directory: directory)
        say()
        say("Debrief saved to \(path)")
      } catch {
        say(style.red("Could not save the Markdown debrief: \(error)"))
      }
    }
    return .finished(sessionID: session.id)
  }
}
