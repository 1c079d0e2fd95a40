import ArgumentParser
import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseSessions
import CaseShell
import Foundation

/// `casesim play ID|PATH`: play one scenario directly.
struct PlayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "play",
    abstract: "Play a scenario from the library (by id) or from a file anywhere.")

  @Argument(help: ArgumentHelp("A scenario id from the library, or the path of a .case file.", valueName: "id-or-path"))
  var scenario: String

  @Argument(
    help: ArgumentHelp(
      "The role to play, as shown or typed, after the scenario ('casesim play ID police officer'), as the shell's 'play ID ROLE' takes it; the same as --role.",
      valueName: "role"))
  var roleWords: [String] = []

  @Option(help: "The role to play, as shown or typed ('police officer', 'police'); default: the scenario's first role.")
  var role: String?

  /// The role asked for, after the scenario or with --role (not both), as typed.
  private func typedRole() throws -> String? {
    let positional = roleWords.isEmpty ? nil : roleWords.joined(separator: " ")
    if positional != nil && role != nil {
      throw Exit.usage("give the role once: 'casesim play ID ROLE' or 'casesim play ID --role ROLE'")
    }
    return positional ?? role
  }

  @Option(help: "practice (feedback after each decision, undo) or assessment (feedback in the debrief only).")
  var mode: PlayMode?

  @Option(
    help: ArgumentHelp(
      "Play as a team at one table, passing the keyboard: the roles, comma-separated, as shown or typed ('police officer, social worker'); ROLE=NAME names the person. List a role twice for two people in it.",
      valueName: "roles"))
  var team: String?

  @Option(
    help: ArgumentHelp(
      "shuffled (each session its own option order, the default) or written (as in the file: for a facilitated discussion or a scripted run).",
      valueName: "order"))
  var order: OrderChoice = .shuffled

  enum OrderChoice: String, ExpressibleByArgument, CaseIterable {
    case shuffled, written
  }

  @Option(
    help: ArgumentHelp(
      "Preview from this passage: an author's run, kept in memory and never in anyone's history ('check --watch' plays it again on every save).",
      valueName: "passage"))
  var from: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("With a preview: start with this flag set (FLAG, or FLAG=false to clear it). Repeatable.", valueName: "flag"))
  var flags: [String] = []

  @Option(
    name: .customLong("counter"),
    help: ArgumentHelp("With a preview: start this counter at N. Repeatable.", valueName: "name=n"))
  var counters: [String] = []

  /// True when this is an author's preview rather than a session.
  private var isPreview: Bool { from != nil || !flags.isEmpty || !counters.isEmpty }

  /// The preview's start, from the options (the scenario's start when `--from` is left out).
  private func previewStart(_ scenario: Scenario) throws -> PreviewStart {
    var start = PreviewStart(passageID: from ?? scenario.startPassageID)
    for flag in flags {
      let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
      guard let name = parts.first, !name.isEmpty, parts.count == 1 || ["true", "false"].contains(parts[1]) else {
        throw ValidationError("--set takes FLAG or FLAG=false, not '\(flag)'")
      }
      start.flags[name] = parts.count == 1 || parts[1] == "true"
    }
    for counter in counters {
      let parts = counter.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, let value = Int(parts[1]) else {
        throw ValidationError("--counter takes NAME=N, a whole number, not '\(counter)'")
      }
      start.counters[parts[0]] = value
    }
    return start
  }

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    let loaded = try ScenarioResolver(environment: environment).load(scenario)
    let scenario = loaded.scenario.scenario
    let role = try typedRole()
    let chosenRole: String
    switch RoleNames.chosen(role, in: scenario) {
    case .success(let resolved): chosenRole = resolved
    case .failure(let problem): throw Exit.usage(problem.message)
    }
    if let mode, !scenario.header.modes.contains(mode) {
      throw Exit.usage("'\(scenario.id)' does not offer \(mode.rawValue) mode")
    }
    if isPreview {
      guard team == nil else { throw ValidationError("--team is for a session, not an author's preview") }
      try preview(loaded, role: chosenRole, environment: environment)
      return
    }
    // A team is read before the store is opened: a mistyped team records nothing.
    var participants: [Participant] = []
    if let team {
      guard role == nil else { throw Exit.usage("give the roles with --team, or one role, not both") }
      switch TeamRoster.participants(team, in: scenario) {
      case .success(let found): participants = found
      case .failure(let problem): throw Exit.usage(problem.message)
      }
    }
    let store = try environment.openStore()
    defer { environment.finishForwarding(store) }
    let console = environment.makeConsole()
    if !participants.isEmpty {
      let session = PlaySession(
        scenario: scenario, guidance: loaded.guidance, store: store, console: console,
        trainee: environment.trainee(askingOn: console), role: participants[0].role,
        mode: PlaySessionCommands.mode(for: scenario, preferred: mode),
        debriefDirectory: environment.debriefDirectory, writtenOrder: order == .written,
        isDraft: loaded.isDraft, sourceFiles: loaded.scenario.files, support: environment.support, team: participants,
        group: environment.group)
      try finish(session.runNew())
      return
    }
    let session = PlaySession(
      scenario: scenario, guidance: loaded.guidance, store: store,
      console: console, trainee: environment.trainee(askingOn: console), role: chosenRole,
      mode: PlaySessionCommands.mode(for: scenario, preferred: mode),
      debriefDirectory: environment.debriefDirectory, writtenOrder: order == .written,
      isDraft: loaded.isDraft, sourceFiles: loaded.scenario.files, support: environment.support,
      group: environment.group)
    try finish(session.runNew())
  }

  /// An author's preview: the scenario from a passage with state set, played in a store held in
  /// memory (nothing is written to anyone's records), and kept as the last preview so that
  /// `check --watch` can play its decisions again on every save.
  private func preview(
    _ loaded: (scenario: LoadedScenario, guidance: GuidanceLibrary, isDraft: Bool), role: String, environment: Environment
  ) throws {
    let start = try previewStart(loaded.scenario.scenario)
    let scenario: Scenario
    do {
      scenario = try start.applied(to: loaded.scenario.scenario)
    } catch {
      throw ValidationError(error.description)
    }
    let store = InMemoryRecordStore()
    Output.print("Preview of '\(scenario.id)' from \(start.summary), as \(role): an author's run; nothing is recorded.\n")
    let session = PlaySession(
      scenario: scenario, guidance: loaded.guidance, store: store,
      console: environment.makeConsole(), trainee: environment.trainee, role: role,
      mode: PlaySessionCommands.mode(for: scenario, preferred: mode ?? .practice),
      debriefDirectory: nil, writtenOrder: true, isDraft: true, sourceFiles: loaded.scenario.files, isPreview: true,
      support: environment.support)
    let result = session.runNew()
    if let record = try store.sessions(trainee: environment.trainee, includeDrafts: true).first {
      let events = try store.events(forSession: record.id)
      let play = try? RecordedPlay(record: record, events: events, engine: Engine(scenario: scenario, role: role))
      let decisions = play?.standingDecisions ?? []
      LastPreview(
        path: SourceFile.standardizedPath(scenario.path), role: role, start: start, decisions: decisions
      ).save(environment)
    }
    try finish(result)
  }

  private func finish(_ result: PlaySession.Result) throws {
    switch result {
    case .failed(let reason):
      Output.error(reason)
      throw Exit.ioError
    case .refused(let reason):
      Output.error(reason)
      throw Exit.dataError
    case .finished, .suspended, .steppedOut:
      break
    }
  }
}

/// Finds a scenario by id in the library or by path, loads it with the library's guidance, and
/// refuses (exit 65, with the diagnostics) if it has errors.
struct ScenarioResolver {
  let environment: Environment

  /// - Returns: the scenario, the guidance it is scored with, and whether it is a draft (a file
  ///   outside the library, whose plays are kept apart from a trainee's history).
  func load(_ idOrPath: String) throws -> (scenario: LoadedScenario, guidance: GuidanceLibrary, isDraft: Bool) {
    let looksLikePath = idOrPath.contains("/") || idOrPath.hasSuffix(".case")
    if looksLikePath || FileManager.default.fileExists(atPath: idOrPath) {
      guard FileManager.default.fileExists(atPath: idOrPath) else {
        Output.error("no scenario file at \(idOrPath)")
        throw Exit.noInput
      }
      let root = environment.libraryRoot(near: idOrPath)
      let guidance = ScenarioLoader.loadGuidance(files: environment.guideFiles(for: [idOrPath], libraryRoot: root))
      let loaded = ScenarioLoader.load(path: idOrPath, guidance: guidance.library)
      try refuseIfBroken(loaded)
      let scenariosFolder = root.map { SourceFile.canonicalPath(($0 as NSString).appendingPathComponent("Scenarios")) + "/" }
      let inLibrary = scenariosFolder.map { SourceFile.canonicalPath(idOrPath).hasPrefix($0) } ?? false
      return (loaded, guidance.library, !inLibrary)
    }
    let library = try environment.loadLibrary()
    guard let loaded = library.scenario(id: idOrPath) else {
      let suggestion = Suggestions.closest(to: idOrPath, among: library.scenarios.map(\.scenario.id))
      Output.error(
        "no scenario '\(idOrPath)' in \(library.scenariosDirectory)\(suggestion.map { "; did you mean '\($0)'?" } ?? "")")
      throw Exit.noInput
    }
    try refuseIfBroken(loaded)
    return (loaded, library.guidance.library, false)
  }

  private func refuseIfBroken(_ loaded: LoadedScenario) throws {
    guard !loaded.isPlayable else { return }
    let renderer = DiagnosticRenderer(sources: loaded.sources)
    FileHandle.standardError.write(Data(renderer.render(loaded.diagnostics.sortedForDisplay).utf8))
    Output.error("the scenario has errors and cannot be played")
    throw Exit.dataError
  }
}
