import CaseEngine
public import CaseFormat
public import CaseRecords
import CaseScoring
public import CaseSessions
import Foundation

/// Plays one scenario with a trainee at the terminal: the presenter over a ``SessionController``.
///
/// It reads lines from the console, turns them into the controller's intents (a number, a reason,
/// `undo`, `note`...) and shows what the controller returns; the session itself (what is recorded
/// and when, what play state follows, what the debrief says) is the controller's, so a presenter
/// for another medium plays exactly the same session. The only things decided here are words,
/// layout and the Markdown debrief file the trainee asked for.
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

  let scenario: Scenario
  let guidance: GuidanceLibrary
  let store: any LocalRecordStore
  let console: any Console
  let clock: any SessionClock
  /// The session to start with ``runNew()``; nil for a presenter made to resume one.
  let plan: SessionPlan?
  /// Where Markdown debriefs are written (created 0700, files 0600); nil to skip.
  let debriefDirectory: String?
  /// An author's preview (`play FILE --from ...`): its store lives in memory, so nothing said
  /// on screen may promise that play is saved or can be resumed.
  let isPreview: Bool
  /// Where to turn for support: shown in the pause after a hard ending and by `support`.
  let support: SupportNote

  /// The session being played; set once it is started or resumed.
  private var controller: SessionController?
  /// The facts the case file held when the trainee last looked at it (nil before the first
  /// look), so the next look can mark what is new.
  private var caseFileSeen: Set<Fact>?
  /// In a team at one table: who has the keyboard now (nil before the first hand-over).
  private var atKeyboard: Participant?
  /// The number of decisions standing when the last meeting was announced, so each is announced
  /// once.
  private var announcedMeeting: Int?
  /// In a team: a decision was taken and what follows it is still to be shown (by the hand-over).
  private var passageChanged = false

  /// A presenter for a new session (``runNew()``), or for resuming one, in which case the
  /// trainee, role and mode are the record's and these are not used.
  public init(
    scenario: Scenario, guidance: GuidanceLibrary, store: any LocalRecordStore, console: any Console,
    clock: any SessionClock = SystemClock(), trainee: String, role: String, mode: PlayMode,
    debriefDirectory: String?, writtenOrder: Bool = false, isDraft: Bool = false,
    sourceFiles: [String: String] = [:], isPreview: Bool = false, support: SupportNote = .builtIn,
    team: [Participant] = [], group: String? = nil
  ) {
    self.scenario = scenario
    self.guidance = guidance
    self.store = store
    self.console = console
    self.clock = clock
    self.plan = SessionPlan(
      trainee: trainee, role: team.first?.role ?? role, mode: mode, order: writtenOrder ? .written : nil,
      isDraft: isDraft, sourceFiles: sourceFiles, participants: team, group: group)
    self.debriefDirectory = debriefDirectory
    self.isPreview = isPreview
    self.support = support
  }

  /// A presenter that resumes a recorded session (``runResumed(_:)``): the trainee, role and
  /// mode come from the record, which is the truth.
  public init(
    resumingOn scenario: Scenario, guidance: GuidanceLibrary, store: any LocalRecordStore,
    console: any Console, clock: any SessionClock = SystemClock(), debriefDirectory: String?,
    support: SupportNote = .builtIn
  ) {
    self.scenario = scenario
    self.guidance = guidance
    self.store = store
    self.console = console
    self.clock = clock
    self.plan = nil
    self.debriefDirectory = debriefDirectory
    self.isPreview = false
    self.support = support
  }

  private var style: TerminalStyle { TerminalStyle(enabled: console.colour) }
  private var width: Int { max(40, console.width) }

  /// Where `say` writes while a block of text is gathered for the pager; nil writes at once.
  private var gathered: String?

  /// Writes a message, fitted to the screen (``Console/fitted(_:)``).
  private func say(_ text: String = "") { write(console.fitted(text) + "\n") }

  private func write(_ text: String) {
    if gathered != nil { gathered! += text } else { console.write(text) }
  }

  /// The text `body` says, gathered instead of written, so it can be paged as one.
  private func gathering(_ body: () -> Void) -> String {
    let outer = gathered
    gathered = ""
    body()
    let text = gathered ?? ""
    gathered = outer
    return text
  }

  private var pager: Pager { Pager(console: console) }

  /// Reference text (the case file, guidance, the full debrief): paged when taller than the screen.
  private func paged(_ body: () -> Void) { pager.page(gathering(body)) }

  private func paragraph(_ untrusted: String, indent: String = "", hanging: String? = nil) {
    say(TextWrapper.wrap(UntrustedText.escaped(untrusted), width: width, indent: indent, hangingIndent: hanging))
  }

  // MARK: Starting

  /// Shows the content note and, if the trainee goes on, starts a new recorded session.
  public func runNew() -> Result {
    guard let plan else { return .failed("this play was made to resume a session, not to start one") }
    let controller =
      plan.participants.isEmpty
      ? SessionController(scenario: scenario, role: plan.role, guidance: guidance, store: store, clock: clock)
      : SessionController(
        scenario: scenario, team: RecordedPlay.team(of: plan.participants), guidance: guidance, store: store,
        clock: clock)
    if let refusal = controller.refusal { return .refused(refusal.description) }
    let header = scenario.header
    // The title, summary and content note as one text, held a screenful at a time at a small
    // terminal, so the summary has not scrolled away when the question comes.
    pager.readOn(gathering { introduce(header, plan) })
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
    let record: SessionRecord
    do {
      record = try controller.start(plan)
    } catch {
      say(style.red("Could not start a recorded session: \(error)"))
      return .failed("\(error)")
    }
    self.controller = controller
    say()
    say(
      style.dim(
        isPreview
          ? "Preview started; nothing is recorded." : "Session \(record.id.prefix(8)) started; every decision is saved as you make it."))
    return loop(controller)
  }

  /// What a trainee reads before a new session begins: the title, the summary, role, time and
  /// mode, the content note with the intensity, and how to step out.
  private func introduce(_ header: ScenarioHeader, _ plan: SessionPlan) {
    let mode = plan.mode
    say()
    say(style.bold(UntrustedText.escaped(header.title)))
    paragraph(header.summary)
    say()
    let who =
      plan.participants.count > 1
      ? "Team: " + plan.participants.map { "\(UntrustedText.escaped($0.name)) as \(DebriefRenderer.roleName($0.role))" }
        .joined(separator: ", ")
      : "Role: \(DebriefRenderer.roleName(plan.role))"
    paragraph(
      "\(who). About \(header.minutes) minutes. Mode: \(mode.rawValue)\(mode == .practice ? " (feedback after each decision; undo allowed)" : " (feedback in the debrief only)").")
    if plan.participants.count > 1 {
      say()
      paragraph(
        "One keyboard, passed round the table. Each of you sees only what your agency knows until someone shares it; when the case brings you to a meeting, everyone reads it together and the chair decides. Type 'team' to see where everyone is, and 'pause' to stop for the facilitator (it is saved).")
    }
    say()
    say(style.yellow("Content note"))
    paragraph(header.contentNote, indent: "  ")
    if let intensity = header.intensity { paragraph(intensity.label, indent: "  ") }
    say()
    paragraph(
      isPreview
        ? "This is a preview: type 'quit' at any point to end it. Nothing is recorded."
        : "You can type 'quit' at any point to save and step out; your progress is kept and 'casesim resume' picks it up.")
  }

  /// Picks a recorded, unfinished session up where it stopped.
  public func runResumed(_ record: SessionRecord) -> Result {
    let controller = SessionController(
      resuming: record, scenario: scenario, guidance: guidance, store: store, clock: clock)
    let resumption: Resumption
    do {
      resumption = try controller.resume(record)
    } catch {
      if case .recordDoesNotFit(_, scenarioChanged: true) = error { sayScenarioChanged() }
      return .failed(error.description)
    }
    self.controller = controller
    if resumption.scenarioChanged { sayScenarioChanged() }
    say()
    say(style.bold("Resuming: \(UntrustedText.escaped(scenario.header.title))"))
    let count = resumption.decisions.count
    say(style.dim("Session \(record.id.prefix(8)), \(count) decision\(count == 1 ? "" : "s") so far:"))
    for (n, text) in resumption.decisions.enumerated() {
      paragraph(text, indent: "  \(n + 1). ", hanging: "     ")
    }
    if controller.isFinished { return finish(controller) }
    return loop(controller)
  }

  private func sayScenarioChanged() {
    say(
      style.yellow(
        "Note: the scenario file has changed since this session began; replaying your decisions on the new version."
      ))
  }

  // MARK: The loop

  /// Shows the passage, then turns each line typed into an intent until the session ends or the
  /// trainee leaves.
  private func loop(_ controller: SessionController) -> Result {
    if !controller.isTeam { show(controller) }
    while true {
      if controller.isFinished { return finish(controller) }
      if controller.isTeam, !handOver(controller) {
        say(style.red(Self.tableStuck(controller)))
        return suspended(controller)
      }
      if controller.options(for: role(controller)).isEmpty {
        say(style.red("This passage offers no way forward for your role; the scenario file needs fixing ('casesim check' reports it)."))
        return suspended(controller)
      }
      switch console.readLine(prompt: "> ") {
      case .endOfInput:
        if console.isInteractive {
          switch console.readLine(prompt: "Save and quit? [Y/n] ", remember: false) {
          case .line(let answer) where answer.lowercased().hasPrefix("n"): continue
          default: break
          }
        }
        return suspend(controller)
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { continue }
        if let number = Int(line) {
          if let result = decide(number, controller) { return result }
          continue
        }
        let (command, argument) = Self.split(line)
        switch command {
        case "help", "?": paged { showHelp(mode: controller.mode, team: controller.isTeam) }
        case "look", "l": show(controller)
        case "case", "file", "chronology": paged { showCaseFile(controller.caseFile(for: role(controller))) }
        case "team", "who" where controller.isTeam: showTeam(controller)
        case "pause" where controller.isTeam:
          guard let id = controller.suspend() else { return .steppedOut }
          say()
          say("Paused for the facilitator. Everything is saved; carry on with 'casesim resume \(id.prefix(8))'.")
          return .suspended(sessionID: id)
        case "note":
          guard !argument.isEmpty else {
            say("Write the note after the command: note TEXT")
            continue
          }
          do {
            try controller.note(argument, by: atKeyboard)
            say(style.dim("Noted."))
          } catch {
            sayProblem(error)
          }
        case "guidance", "g": paged { showGuidance(argument) }
        case "guides":
          paged {
            say()
            write(LibraryViews.guideList(guidance, width: width, colour: console.colour))
          }
        case "feedback", "f":
          if let feedback = controller.lastFeedback {
            paged { showFeedback(feedback) }
          } else if controller.mode == .assessment {
            say("In assessment, feedback waits for the debrief.")
          } else {
            say("No decision yet: feedback follows each decision.")
          }
        case "support":
          say()
          console.write(support.rendered(width: width, colour: console.colour))
        case "undo":
          do {
            try controller.undo(by: atKeyboard)
            tookBack(
              controller,
              saying: style.dim(controller.isTeam ? "The table's last decision was taken back (the undo is recorded)." : "Your last decision was taken back (the undo is recorded)."))
          } catch {
            sayProblem(error)
          }
        case "retry":
          guard let number = Int(argument) else {
            say("Say which decision to go back to: retry N (the progress line above the options gives each decision's number).")
            continue
          }
          do {
            try controller.retry(number, by: atKeyboard)
            tookBack(
              controller,
              saying: style.dim("Back to decision \(number), to take it again (the retry is recorded; your debrief reviews the decisions that stand)."))
          } catch {
            sayProblem(error)
          }
        case "score":
          do {
            let standing = try controller.score()
            say("So far: \(standing.total) points; best achievable on this scenario: \(standing.best).")
          } catch {
            notACommand(command)
          }
        case "quit", "q", "exit": return suspend(controller)
        default: notACommand(command)
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

  private func notACommand(_ command: String) {
    say("'\(UntrustedText.escaped(command))' is not a command here. Type a choice number, or 'help'.")
  }

  /// Takes option `number`: asks for the reason while the controller wants one, then shows the
  /// decision's effect. Returns a result if the session ends here.
  private func decide(_ number: Int, _ controller: SessionController) -> Result? {
    do {
      var step: DecisionStep
      if let atKeyboard { step = try controller.choose(number, by: atKeyboard) } else { step = try controller.choose(number) }
      while true {
        switch step {
        case .askReason(let question):
          say()
          say(style.cyan("Why? (recorded for your debrief)"))
          paragraph(question, indent: "  ")
          guard let reason = readReason() else { return suspendUntaken(controller) }
          step = try controller.giveReason(reason)
        case .askMore:
          paragraph("A sentence on what you weighed up makes your debrief worth more. Add one, or press Enter to go on as it is.")
          guard let more = readReason() else { return suspendUntaken(controller) }
          step = try controller.giveReason(more)
        case .taken(let taken):
          if let feedback = taken.feedback {
            paged { showFeedback(feedback) }
            waitForEnter()
          }
          if taken.reachedEnding { return finish(controller) }
          // In a team the next turn may be someone else's, or a meeting may begin: the loop hands
          // the keyboard over and shows the passage.
          if controller.isTeam { passageChanged = true } else { show(controller) }
          return nil
        }
      }
    } catch {
      sayProblem(error)
      return nil
    }
  }

  /// Says why an intent was not carried out; nothing changed.
  private func sayProblem(_ problem: SessionProblem) {
    switch problem {
    case .noSuchOption(let count): say("Choose a number from 1 to \(count), or type 'help'.")
    case .undoIsForPractice: say("Undo is for practice mode; in assessment every decision stands.")
    case .nothingToUndo: say("There is no decision to undo yet.")
    case .emptyNote: say("Write the note after the command: note TEXT")
    case .notRecorded(let reason): say(style.red("Could not save to the record (\(reason)). Nothing was taken; try again."))
    case .choiceUnavailable(let error): say(style.red("That choice cannot be taken: \(error)"))
    default: say(style.red("\(problem.description.prefix(1).uppercased())\(problem.description.dropFirst())."))
    }
  }

  /// At a terminal, holds the screen until Enter, so what was just shown (a decision's feedback)
  /// is read before the next passage scrolls it away. Piped input is never held up.
  private func waitForEnter() {
    guard console.isInteractive else { return }
    _ = console.readLine(prompt: "Press Enter to go on ('feedback' shows this again): ", remember: false)
  }

  /// A line at the `because>` prompt, trimmed; nil at end of input.
  private func readReason() -> String? {
    switch console.readLine(prompt: "because> ", remember: false) {
    case .endOfInput: nil
    case .line(let text): text.trimmingCharacters(in: .whitespaces)
    }
  }

  /// End of input while a reason was asked for: the decision is not taken, the session is kept.
  private func suspendUntaken(_ controller: SessionController) -> Result {
    controller.withdrawDecision()
    say(style.dim("Your decision was not taken."))
    return suspend(controller)
  }

  private func suspend(_ controller: SessionController) -> Result {
    guard let id = controller.suspend() else { return .steppedOut }
    say()
    say(isPreview ? "Preview ended." : "Saved. Pick up where you left off with 'casesim resume \(id.prefix(8))'.")
    return .suspended(sessionID: id)
  }

  private func suspended(_ controller: SessionController) -> Result {
    guard let id = controller.suspend() else { return .steppedOut }
    return .suspended(sessionID: id)
  }

  // MARK: Showing

  /// Shows the passage; the decision timer starts as its options appear. A passage taller than
  /// the screen is shown a screenful at a time, so its opening is read before the options come;
  /// what is `saying` (what just happened: "back to decision 2") goes on its first page with it,
  /// not above it where the first page would push it off.
  /// After an undo or a retry: at a table the next turn shows the passage (whoever's it is);
  /// alone, the passage play went back to is shown at once, with what was taken back.
  private func tookBack(_ controller: SessionController, saying said: String) {
    if controller.isTeam {
      say(said)
      passageChanged = true
    } else {
      show(controller, saying: said)
    }
  }

  private func show(_ controller: SessionController, saying message: String? = nil) {
    let view = controller.show(for: role(controller))
    pager.readOn(
      gathering {
        if let message { say(message) }
        passage(view, controller)
      })
  }

  /// The role whose passage and options are shown: the one at the keyboard in a team.
  private func role(_ controller: SessionController) -> String {
    atKeyboard?.role ?? controller.engine.role
  }

  /// In a team at one table: when the turn passes to someone else, clears the screen (so what
  /// only the last agency knows is not left on it), asks for the keyboard to be passed and shows
  /// the new player their passage. False when nobody can act.
  private func handOver(_ controller: SessionController) -> Bool {
    guard let turn = controller.turn else { return false }
    let view = controller.passage(for: turn.role)
    // A meeting that has just begun is announced to the whole table, even when the chair already
    // has the keyboard; each meeting once (a decision later it is another).
    let meetingBegins = view.isMeeting && view.waitingFor.isEmpty && announcedMeeting != controller.decisionsTaken
    defer { passageChanged = false }
    guard turn != atKeyboard || meetingBegins else {
      if passageChanged { show(controller) }
      return true
    }
    if meetingBegins { announcedMeeting = controller.decisionsTaken }
    atKeyboard = turn
    caseFileSeen = nil
    clearTheTable()
    say()
    let who = "\(UntrustedText.escaped(turn.name)) (\(DebriefRenderer.roleName(turn.role)))"
    if meetingBegins {
      say(style.bold("Everyone is here: the meeting begins. Read it together; \(who) takes the keyboard."))
    } else {
      say(style.bold("Pass the keyboard to \(who)."))
    }
    if console.isInteractive {
      _ = console.readLine(prompt: "\(UntrustedText.escaped(turn.name)): press Enter when you are ready. ", remember: false)
    }
    show(controller)
    return true
  }

  /// Why nobody at the table can act, in words for the facilitator.
  static func tableStuck(_ controller: SessionController) -> String {
    let views = controller.participants.map { controller.passage(for: $0.role) }
    let begun = views.first { $0.isMeeting && $0.waitingFor.isEmpty }
    let why =
      begun.map { view in
        "the meeting has begun, but \(DebriefRenderer.roleName(view.decider ?? "")), who decides it, has nothing to choose"
      } ?? "someone waits at a meeting that a role in this team cannot reach, or has nothing to choose"
    return "Nobody at the table can act: \(why). The scenario file needs fixing: 'casesim check' explores each role alone and all its roles together, so a team that leaves a role out can meet what it did not."
  }

  /// At a terminal, clears the screen and its scrollback, so what one agency read is not left
  /// for the next person at the keyboard. Piped output is never cleared.
  private func clearTheTable() {
    if console.isInteractive { console.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
  }

  /// Who is playing which role, where each is, and whose turn it is.
  private func showTeam(_ controller: SessionController) {
    say()
    for participant in controller.participants {
      let view = controller.passage(for: participant.role)
      let place =
        view.waitingFor.isEmpty
        ? (view.isMeeting ? "in the meeting" : "working on their own part of the case")
        : "waiting for the meeting (for \(view.waitingFor.map(DebriefRenderer.roleName).joined(separator: ", ")))"
      let mark = participant == atKeyboard ? "  <- has the keyboard" : ""
      say("  \(UntrustedText.escaped(participant.name)), \(DebriefRenderer.roleName(participant.role)): \(place)\(mark)")
    }
  }

  private func passage(_ view: PassageView, _ controller: SessionController) {
    say()
    say(style.dim(String(repeating: "-", count: min(width, 60))))
    if controller.isTeam, view.isMeeting, view.waitingFor.isEmpty, let decider = view.decider {
      let chair = controller.participants.first { $0 == atKeyboard && $0.role == decider }
      let name = chair.map { "\(UntrustedText.escaped($0.name)) (\(DebriefRenderer.roleName($0.role)))" } ?? DebriefRenderer.roleName(decider)
      paragraph("The meeting: everyone reads this together. Hear from every agency; then \(name) takes the decision for the table.")
      say()
    }
    for paragraphText in view.paragraphs {
      paragraph(paragraphText)
      say()
    }
    if view.happensElsewhere {
      paragraph("(This part of the case happens away from you, with another agency.)")
      say()
    }
    if !view.newFacts.isEmpty {
      say(style.cyan("Added to the case file:"))
      for fact in view.newFacts { paragraph(Self.factLine(fact), indent: "  * ", hanging: "    ") }
      say()
    }
    if let progress = controller.progress {
      let atLeast = progress.atLeast.map { " of at least \($0)" } ?? ""
      say(style.dim("Decision \(progress.decision)\(atLeast)"))
    }
    for option in view.options {
      paragraph(option.text, indent: "  \(option.number). ", hanging: "     ")
    }
  }

  static func factLine(_ fact: Fact) -> String {
    if let when = fact.shownWhen { return "\(when): \(fact.text)" }
    return fact.text
  }

  /// The case file as a chronology: dated facts in the order they happened, then the undated
  /// ones. After the first look, what was added since the last one is marked `[new]`.
  private func showCaseFile(_ file: CaseFileView) {
    let seen = caseFileSeen
    caseFileSeen = Set(file.facts)
    func isNew(_ fact: Fact) -> Bool { seen.map { !$0.contains(fact) } ?? false }
    let marking = file.facts.contains(where: isNew)
    say()
    say(style.bold("Case file") + (marking ? " (in time order; [new] since you last looked)" : " (in time order)"))
    if file.facts.isEmpty {
      say("  Nothing recorded yet.")
    }
    let (dated, undated) = (file.chronology, file.undated)
    for (n, fact) in (dated + undated).enumerated() {
      if n == dated.count, !dated.isEmpty { say(style.bold("Not dated")) }
      paragraph((isNew(fact) ? "[new] " : "") + Self.factLine(fact), indent: "  * ", hanging: "    ")
    }
    if !file.notes.isEmpty {
      say(style.bold("Your notes"))
      for note in file.notes { paragraph(note, indent: "  - ", hanging: "    ") }
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
    write(LibraryViews.principle(id, guidance: guidance, width: width, colour: console.colour))
  }

  private func showFeedback(_ feedback: DecisionFeedback) {
    say()
    if let critical = feedback.critical {
      say(style.red("Critical decision."))
      paragraph(critical, indent: "  ")
    }
    for line in feedback.lines { paragraph(line, indent: "  ") }
    for score in feedback.scores {
      let points = score.points > 0 ? style.green("+\(score.points)") : style.red("\(score.points)")
      let explanation = score.explanation.map { ": \(UntrustedText.escaped($0))" } ?? ""
      // The principle's id, so 'guidance ID' can follow what the feedback cites.
      let id = style.dim("[\(UntrustedText.escaped(score.guidanceID))]")
      say(TextWrapper.wrap("\(points) \(UntrustedText.escaped(score.title)) \(id)\(explanation)", width: width, indent: "  ", hangingIndent: "     "))
    }
  }

  private func showHelp(mode: PlayMode?, team: Bool) {
    say()
    say("Type the number of a choice to decide. Other commands:")
    var lines = [
      ("look", "show the passage again"),
      ("case", "the case file: what you know so far, in order"),
      ("note TEXT", isPreview ? "keep a note (shown in the debrief)" : "keep a private note (it is saved and shown in your debrief)"),
      ("guidance [ID]", "read a good-practice principle (the ids are in the feedback)"),
      ("guides", "the guidance catalog: every principle's id and title"),
      ("support", "who to talk to if a scenario has upset you"),
    ]
    if team {
      lines.append(("team", "who plays which role, where each is, and who has the keyboard"))
      lines.append(("pause", "stop for the facilitator (saved); resume with 'casesim resume'"))
    }
    if mode == .practice {
      lines.append(("feedback", "the feedback on your last decision, again"))
      lines.append(("undo", isPreview ? "take your last decision back" : (team ? "take the table's last decision back (recorded)" : "take your last decision back (recorded)")))
      lines.append(("retry N", isPreview ? "go back to decision N and take it again" : "go back to decision N and take it again (recorded)"))
      if !team { lines.append(("score", "your points so far")) }
    }
    lines.append(("quit", isPreview ? "end the preview" : "save and step out; resume later with 'casesim resume'"))
    for (command, text) in lines {
      say("  " + command.padding(toLength: 15, withPad: " ", startingAt: 0) + text)
    }
  }

  // MARK: Ending

  /// True when a calm pause comes between this ending and the debrief: only for a person at a
  /// terminal (piped play goes on line by line exactly as before, with no extra line to answer),
  /// and only after an ending in which a child was left unsafe or only partly safe. A partly safe
  /// ending also tells of a child harmed or left at risk (a protection that came "days too late"),
  /// and a trainee can be as shaken by it; the pause costs one keypress.
  package static func pausesAfter(_ outcome: Outcome, interactive: Bool) -> Bool {
    interactive && outcome != .safe
  }

  /// The hold after an ending at a terminal, before the calm note or the debrief.
  static let endingReadPrompt = "Press Enter when you have read the ending. "

  /// A short, calm note before the debrief: that the scenario is fiction informed by real
  /// reviews, that being affected is normal, where to find support, and that the debrief waits
  /// until the trainee presses Enter. It never hurries and never scores.
  private func calmPause() {
    say()
    say(style.cyan("Take a moment before the debrief."))
    paragraph(
      "This scenario is fiction, but it is informed by reviews of what happened to real children, and it is normal to feel affected by an ending like this one. The debrief looks at the decisions, not at you, and it will wait until you are ready.",
      indent: "  ")
    say()
    console.write(support.rendered(width: width, colour: console.colour))
    say()
    // Any answer, or the end of input, goes on to the debrief: the pause never traps anyone.
    _ = console.readLine(prompt: "Press Enter when you are ready for the debrief. ", remember: false)
  }

  /// Shows the ending, then the debrief the controller derived from the record, and saves it as
  /// Markdown where asked.
  private func finish(_ controller: SessionController) -> Result {
    let view = controller.passage(for: role(controller))
    // The ending is the whole team's: the screen is for everyone again.
    if controller.isTeam { clearTheTable() }
    if let ending = view.ending {
      let label = DebriefRenderer.outcomeLabel(ending.outcome)
      let painted = ending.outcome == .safe ? style.green(label) : ending.outcome == .unsafe ? style.red(label) : style.yellow(label)
      pager.readOn(
        gathering {
          say()
          say(style.dim(String(repeating: "-", count: min(width, 60))))
          for paragraphText in view.paragraphs {
            paragraph(paragraphText)
            say()
          }
          say("The scenario has ended. Outcome: \(painted).")
        })
      // The ending is read before anything follows it: the calm note and the debrief's summary
      // together are taller than what is left of a small screen, and would push its first lines
      // off the top unread. Piped play goes straight on, as ever.
      if console.isInteractive {
        _ = console.readLine(prompt: Self.endingReadPrompt, remember: false)
      }
      if Self.pausesAfter(ending.outcome, interactive: console.isInteractive) { calmPause() }
    }
    if controller.isTeam { return finishTeam(controller) }
    let outcome: SessionOutcome
    do {
      outcome = try controller.finish()
    } catch {
      return .failed(error.description)
    }
    if let reason = outcome.notMarkedFinished {
      say(style.red("Could not mark the session finished: \(reason)"))
    }
    say()
    let renderer = DebriefRenderer(width: width, colour: console.colour, includesEndingText: false)
    if console.isInteractive {
      // One screen first; the long debrief only when asked for (piped input gets it all, as ever).
      console.write(renderer.summary(outcome.debrief))
      say()
      switch console.readLine(prompt: "Press Enter for the full debrief, or type 'done' to skip it: ", remember: false) {
      case .line(let answer) where ["done", "skip", "q", "quit"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()):
        break
      default:
        say()
        pager.page(renderer.text(outcome.debrief))
      }
    } else {
      console.write(renderer.text(outcome.debrief))
    }
    if let directory = debriefDirectory {
      do {
        let path = try DebriefFile.write(outcome.debrief, directory: directory)
        say()
        // The path on a line of its own, so that only a path wider than the screen is wrapped.
        say("Debrief saved to:")
        say("  " + path)
      } catch {
        say(style.red("Could not save the Markdown debrief: \(error)"))
      }
    }
    return .finished(sessionID: outcome.sessionID)
  }

  /// A team's ending: the team debrief (who knew what, when), paged at a terminal, and its
  /// Markdown and swim-lane picture saved for the facilitator.
  private func finishTeam(_ controller: SessionController) -> Result {
    let outcome: TeamSessionOutcome
    do {
      outcome = try controller.finishTeam()
    } catch {
      return .failed(error.description)
    }
    if let reason = outcome.notMarkedFinished {
      say(style.red("Could not mark the session finished: \(reason)"))
    }
    say()
    let text = TeamDebriefRenderer(width: width).text(outcome.debrief)
    if console.isInteractive { pager.page(text) } else { console.write(text) }
    if let directory = debriefDirectory {
      do {
        let paths = try DebriefFile.write(outcome.debrief, directory: directory)
        say()
        say("Team debrief and its timeline picture saved to:")
        for path in paths { say("  " + path) }
      } catch {
        say(style.red("Could not save the team debrief: \(error)"))
      }
    }
    return .finished(sessionID: outcome.sessionID)
  }
}
