public import CaseFormat
public import CaseRecords
import CaseScoring
public import CaseSessions
import Foundation

/// The interactive shell: the welcome screen with the library, and the commands around play
/// (`play`, `resume`, `history`, `debrief`, `guidance`...).
public final class Shell {
  private let load: LibraryLoad
  let store: any LocalRecordStore
  let console: any Console
  let clock: any SessionClock
  let trainee: String
  /// The training group new sessions are recorded in (`--group`, `CASESIM_GROUP`), or nil.
  let group: String?
  let debriefDirectory: String?
  let defaultMode: PlayMode?
  /// The agency's support text (or the default): `support` shows it, and play shows it in the
  /// pause after a hard ending.
  let support: SupportNote

  public static let commands = [
    "play", "list", "info", "resume", "history", "debrief", "path", "guidance", "guides", "support", "help", "quit",
  ]

  public convenience init(
    library: ScenarioLibrary, store: any LocalRecordStore, console: any Console,
    clock: any SessionClock = SystemClock(), trainee: String, debriefDirectory: String?,
    defaultMode: PlayMode? = nil, support: SupportNote = .builtIn, group: String? = nil
  ) {
    self.init(
      load: LibraryLoad(library: library), store: store, console: console, clock: clock, trainee: trainee,
      debriefDirectory: debriefDirectory, defaultMode: defaultMode, support: support, group: group)
  }

  /// A shell over a library that may still be loading: the welcome and the listing need only its
  /// summary; anything that plays, replays or reads guidance waits for the whole library.
  public init(
    load: LibraryLoad, store: any LocalRecordStore, console: any Console,
    clock: any SessionClock = SystemClock(), trainee: String, debriefDirectory: String?,
    defaultMode: PlayMode? = nil, support: SupportNote = .builtIn, group: String? = nil
  ) {
    self.group = group
    self.load = load
    self.store = store
    self.console = console
    self.clock = clock
    self.trainee = trainee
    self.debriefDirectory = debriefDirectory
    self.defaultMode = defaultMode
    self.support = support
  }

  /// The whole library (waiting for it if it is still loading).
  var library: ScenarioLibrary { load.library }

  private var style: TerminalStyle { TerminalStyle(enabled: console.colour) }
  /// Text taller than the screen (the long listing, guidance, history, a debrief) is paged.
  private var pager: Pager { Pager(console: console) }
  /// Debriefs and paths read again at the prompt, fitted to the terminal.
  private var renderer: DebriefRenderer { DebriefRenderer(width: console.width, colour: console.colour) }
  /// Writes a message, fitted to the screen (``Console/fitted(_:)``).
  private func say(_ text: String = "") { console.write(console.fitted(text) + "\n") }

  /// What Tab offers at the library prompt.
  public var completionTable: CompletionTable {
    let summary = load.summary
    let scenarios = summary.playable.map(\.id)
    let recorded = (try? store.sessions(trainee: trainee, includeDrafts: false)) ?? []
    let sessions = recorded.map { String($0.id.prefix(8)) }
    let unfinished = recorded.filter { !$0.isFinished }.map { String($0.id.prefix(8)) }
    return CompletionTable(
      commands: Self.commands + scenarios,
      arguments: [
        "play": scenarios, "p": scenarios, "info": scenarios, "i": scenarios, "guidance": summary.principleIDs,
        "g": summary.principleIDs, "debrief": sessions, "path": recorded.filter(\.isFinished).map { String($0.id.prefix(8)) },
        "resume": unfinished,
      ],
      roles: Dictionary(summary.playable.map { ($0.id, $0.roles) }, uniquingKeysWith: { first, _ in first }))
  }

  /// Runs until the trainee quits or input ends.
  public func run() {
    console.setCompletions(completionTable)
    welcome()
    // The first screen is out: the library (if it came from the cache) loads while the trainee reads.
    load.loadInBackground()
    while true {
      switch console.readLine(prompt: "casesim> ") {
      case .endOfInput:
        say("Goodbye.")
        return
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { continue }
        let (command, argument) = PlaySession.split(line)
        switch command {
        case "quit", "q", "exit":
          say("Goodbye.")
          return
        case "help", "?": help()
        case "list", "ls":
          say()
          if argument == "--long" || argument == "-l" {
            pager.page(LibraryViews.scenarioList(load.summary.playable, width: console.width, colour: console.colour))
          } else {
            // Paged with its heading: a library taller than the screen would push the heading off.
            pager.page(
              LibraryViews.scenarioTable(load.summary.playable, width: console.width)
                + TextWrapper.wrap(
                  "Type 'info ID' for a scenario's summary and content note, or 'list --long' for all of them.",
                  width: console.width) + "\n")
          }
        case "info", "i":
          info(argument)
        case "play", "p":
          switch PlayRequest.parse(argument) {
          case .failure(let problem): say(problem.message)
          case .success(let request): play(request)
          }
          console.setCompletions(completionTable)
        case "resume":
          resume(argument.isEmpty ? nil : argument)
          console.setCompletions(completionTable)
        case "history": history()
        case "debrief": debrief(argument)
        case "path": path(argument)
        case "guidance", "g": guidance(argument)
        case "guides":
          say()
          pager.page(LibraryViews.guideList(library.guidance.library, width: console.width, colour: console.colour))
        case "support":
          say()
          console.write(support.rendered(width: max(40, console.width), colour: console.colour))
        default:
          let playable = load.summary.playable.map(\.id)
          if playable.contains(command) {
            play(PlayRequest(id: command))
            console.setCompletions(completionTable)
          } else {
            let suggestion = Suggestions.closest(to: command, among: Self.commands + playable)
            say("'\(UntrustedText.escaped(command))' is not a command.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") Type 'help' for the list.")
          }
        }
      }
    }
  }

  /// The greeting, any unfinished session, and the library one line per scenario, all on one
  /// screen: when the library is taller than the rows left, as many scenarios as fit are listed
  /// and the line after them says how many more 'list' shows. Piped output lists them all.
  private func welcome() {
    let summary = load.summary
    let playable = summary.playable
    var top: [String] = [
      TextWrapper.wrap(
        style.bold("CaseSim") + ": practise child-safeguarding decisions on cases informed by real reviews.",
        width: console.width),
      "",
    ]
    var bottom: [String] = []
    let broken = summary.brokenCount
    if broken > 0 {
      bottom.append(
        TextWrapper.wrap(
          style.yellow(
            "\(broken) scenario file\(broken == 1 ? " has" : "s have") errors and cannot be played; run 'casesim check' to see them."),
          width: console.width))
    }
    if let unfinished = try? store.latestUnfinishedSession(trainee: trainee) {
      let title = summary.title(of: unfinished.scenarioID) ?? unfinished.scenarioID
      bottom.append(
        TextWrapper.wrap(
          style.cyan(
            "You have an unfinished session: \(UntrustedText.escaped(title)), started \(LibraryViews.timestamp(unfinished.startedAt)) UTC. Type 'resume' to continue it."),
          width: console.width))
    }
    bottom.append("")
    bottom.append(
      TextWrapper.wrap(
        "Type 'play ID' to start a scenario, 'info ID' to read about one first, 'help' for all commands, 'quit' to leave.",
        width: console.width))
    if playable.isEmpty {
      top.append("No playable scenarios found in \(UntrustedText.escaped(load.scenariosDirectory)).")
    } else {
      // Rows for the table: the screen less the greeting, what follows it and the prompt's row.
      let used = Pager.rows((top + bottom).joined(separator: "\n") + "\n", width: console.width) + 1
      let room = console.height == Int.max ? Int.max : console.height - used
      let table = LibraryViews.scenarioTable(playable, width: console.width).split(separator: "\n").map(String.init)
      if table.count <= room {
        top += table
      } else {
        // The heading, as many scenarios as fit with the line that follows, then that line.
        let shown = max(1, room - 2)
        top += table.prefix(1 + shown)
        let more = playable.count - shown
        top.append("  ... and \(more) more: 'list' shows them all, 'info ID' any one.")
      }
    }
    say((top + bottom).joined(separator: "\n"))
  }

  /// What to say about an id no playable scenario has, with the one probably meant: the only id
  /// it begins ('hungry'), else the closest spelling.
  static func noSuchScenario(_ typed: String, among ids: [String]) -> String {
    let starting = ids.filter { $0.hasPrefix(typed.lowercased()) }
    let meant = starting.count == 1 ? starting[0] : Suggestions.closest(to: typed, among: ids)
    return "No scenario '\(UntrustedText.escaped(typed))'.\(meant.map { " Did you mean '\($0)'?" } ?? "")"
  }

  /// One scenario's listing in full: summary, roles, minutes, themes and content note.
  private func info(_ id: String) {
    let playable = load.summary.playable
    guard !id.isEmpty else {
      say("Which scenario? Type 'info ID' (Tab completes ids), or 'list --long' for every one.")
      return
    }
    guard let entry = playable.first(where: { $0.id == id }) else {
      say(Self.noSuchScenario(id, among: playable.map(\.id)))
      return
    }
    say()
    console.write(LibraryViews.scenarioList([entry], width: console.width, colour: console.colour))
  }

  private func help() {
    say()
    let lines = [
      ("play ID [ROLE]", "start a scenario (Tab completes ids); a role as shown, e.g. 'police officer'"),
      ("  --mode MODE", "practice or assessment, where the scenario offers it"),
      ("  --order written", "show the options as written, not shuffled"),
      ("list [--long]", "the scenario library, one line each (--long: with summaries and content notes)"),
      ("info ID", "a scenario's summary, roles, time and content note"),
      ("resume [SESSION]", "pick up an unfinished session (default: your latest)"),
      ("history", "your past sessions and scores"),
      ("debrief SESSION", "show a session's debrief again"),
      ("path [SESSION]", "the path a session took against the branches not taken (default: your last finished one)"),
      ("guidance [ID]", "read a good-practice principle"),
      ("guides", "the guidance catalog: every principle's id and title"),
      ("support", "who to talk to if a scenario has upset you"),
      ("quit", "leave (Ctrl-D also works)"),
    ]
    for (command, text) in lines {
      // Wrapped under its own column, so the list reads at 80 columns too.
      let column = "  " + command.padding(toLength: 18, withPad: " ", startingAt: 0)
      say(TextWrapper.wrap(text, width: console.width, indent: column, hangingIndent: String(repeating: " ", count: column.count)))
    }
  }

  private func play(_ request: PlayRequest) {
    let id = request.id
    guard let loaded = library.scenario(id: id) else {
      say(Self.noSuchScenario(id, among: library.playable.map(\.id)))
      return
    }
    guard loaded.isPlayable else {
      say("'\(id)' has errors and cannot be played; run 'casesim check \(loaded.scenario.path)'.")
      return
    }
    let scenario = loaded.scenario
    let chosenRole: String
    switch RoleNames.chosen(request.role, in: scenario) {
    case .success(let role): chosenRole = role
    case .failure(let problem):
      say(problem.message)
      return
    }
    if let wanted = request.mode, !scenario.header.modes.contains(wanted) {
      say("'\(scenario.id)' does not offer \(wanted.rawValue) mode; it offers \(scenario.header.modes.map(\.rawValue).joined(separator: " and ")).")
      return
    }
    var team: [Participant] = []
    if let list = request.team {
      switch TeamRoster.participants(list, in: scenario) {
      case .success(let found): team = found
      case .failure(let problem):
        say(problem.message)
        return
      }
    }
    let mode = PlaySessionCommands.mode(for: scenario, preferred: request.mode ?? defaultMode)
    let session = PlaySession(
      scenario: scenario, guidance: library.guidance.library, store: store, console: console,
      clock: clock, trainee: trainee, role: chosenRole, mode: mode, debriefDirectory: debriefDirectory,
      writtenOrder: request.writtenOrder, sourceFiles: loaded.files, support: support, team: team,
      group: group)
    console.setCompletions(PlaySessionCommands.completionTable(guidance: library.guidance.library))
    report(session.runNew())
  }

  private func resume(_ idOrPrefix: String?) {
    do {
      let record: SessionRecord
      if let idOrPrefix {
        record = try store.resolveSession(idOrPrefix)
      } else {
        guard let latest = try store.latestUnfinishedSession(trainee: trainee) else {
          say("You have no unfinished session.")
          return
        }
        record = latest
      }
      guard !record.isFinished else {
        say("That session has finished; type 'debrief \(record.id.prefix(8))' to see its debrief.")
        return
      }
      guard let scenario = scenarioForRecord(record) else { return }
      let session = PlaySession(
        resumingOn: scenario, guidance: library.guidance.library, store: store, console: console,
        clock: clock, debriefDirectory: debriefDirectory, support: support)
      console.setCompletions(PlaySessionCommands.completionTable(guidance: library.guidance.library))
      report(session.runResumed(record))
    } catch {
      say("\(error)")
    }
  }

  /// The scenario a session was played on: from the library by id, else from its recorded path.
  func scenarioForRecord(_ record: SessionRecord) -> Scenario? {
    guard let scenario = SessionLog.scenario(for: record, store: store, library: library) else {
      say("The scenario '\(UntrustedText.escaped(record.scenarioID))' of this session cannot be loaded (looked in the library and at \(UntrustedText.escaped(record.scenarioPath))).")
      return nil
    }
    return scenario
  }

  private func report(_ result: PlaySession.Result) {
    switch result {
    case .failed(let reason): say(style.red("The session stopped: \(reason)"))
    case .refused(let reason): say(style.red("This scenario cannot be played: \(reason)"))
    case .steppedOut: say("Back at the library.")
    case .finished:
      say()
      say("Type 'path' to see the path you took against the branches you did not take.")
    case .suspended: break
    }
  }

  private func history() {
    do {
      let sessions = try store.sessions(trainee: trainee, includeDrafts: false)
      var titles: [String: String] = [:]
      for loaded in library.scenarios { titles[loaded.scenario.id] = loaded.scenario.header.title }
      pager.page(LibraryViews.history(sessions, titles: titles, width: console.width))
    } catch {
      say("\(error)")
    }
  }

  private func debrief(_ idOrPrefix: String) {
    guard !idOrPrefix.isEmpty else {
      say("Which session? Type 'debrief SESSION' (see 'history' for ids).")
      return
    }
    do {
      let record = try store.resolveSession(idOrPrefix)
      guard let scenario = scenarioForRecord(record) else { return }
      if SessionLog.isTeam(record) {
        let team = try SessionLog.teamDebrief(
          record: record, events: store.events(forSession: record.id), scenario: scenario,
          guidance: library.guidance.library)
        pager.page(TeamDebriefRenderer(width: max(40, console.width)).text(team))
        return
      }
      let debrief = try SessionLog.debrief(
        record: record, events: store.events(forSession: record.id), scenario: scenario,
        guidance: library.guidance.library)
      pager.page(renderer.text(debrief))
    } catch {
      say("\(error)")
    }
  }

  /// The path a session took (default: the trainee's latest finished session) against the
  /// branches it did not take.
  private func path(_ idOrPrefix: String) {
    do {
      let record: SessionRecord
      if idOrPrefix.isEmpty {
        guard let latest = try store.sessions(trainee: trainee, includeDrafts: false).filter(\.isFinished)
          .max(by: { $0.startedAt < $1.startedAt })
        else {
          say("You have no finished session yet; 'path' shows one after its debrief.")
          return
        }
        record = latest
      } else {
        record = try store.resolveSession(idOrPrefix)
      }
      guard let scenario = scenarioForRecord(record) else { return }
      let taken = try SessionLog.path(record: record, events: store.events(forSession: record.id), scenario: scenario)
      pager.page(renderer.path(taken))
    } catch {
      say("\(error)")
    }
  }

  private func guidance(_ id: String) {
    let guidance = library.guidance.library
    guard !id.isEmpty else {
      say("Type 'guidance ID'. The catalog has \(guidance.principles.count) principles; Tab completes ids.")
      return
    }
    pager.page(LibraryViews.principle(id, guidance: guidance, width: console.width, colour: console.colour))
  }
}

/// What the play loop accepts, shared with completion.
public enum PlaySessionCommands {
  public static let words = [
    "help", "look", "case", "note", "guidance", "guides", "feedback", "support", "undo", "retry", "score", "quit",
  ]

  /// What Tab offers during play: the commands, then principle ids after `guidance`.
  public static func completionTable(guidance: GuidanceLibrary) -> CompletionTable {
    let ids = guidance.principles.map(\.id)
    return CompletionTable(commands: words, arguments: ["guidance": ids, "g": ids])
  }

  /// Practice when the scenario allows it (or the preferred mode when it is allowed).
  public static func mode(for scenario: Scenario, preferred: PlayMode?) -> PlayMode {
    if let preferred, scenario.header.modes.contains(preferred) { return preferred }
    return scenario.header.modes.contains(.practice) ? .practice : (scenario.header.modes.first ?? .practice)
  }
}
