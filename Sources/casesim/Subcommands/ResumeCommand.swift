import ArgumentParser
import CaseFormat
import CaseRecords
import CaseScoring
import CaseSessions
import CaseShell
import Foundation

/// `casesim resume [SESSION]`: pick an unfinished session up exactly where it stopped.
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Resume an unfinished session (default: your latest one).")

  @Argument(help: ArgumentHelp("A session id or its first characters (see 'casesim history').", valueName: "session"))
  var session: String?

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    let store = try environment.openStore()
    defer { environment.finishForwarding(store) }
    let record: SessionRecord
    if let session {
      record = try environment.resolveSession(session, in: store)
    } else {
      guard let latest = try store.latestUnfinishedSession(trainee: environment.trainee) else {
        Output.error("\(environment.trainee) has no unfinished session")
        throw Exit.noInput
      }
      record = latest
    }
    guard !record.isFinished else {
      Output.error("session \(record.id.prefix(8)) has finished; 'casesim debrief \(record.id.prefix(8))' shows its debrief")
      throw Exit.noInput
    }
    let (scenario, guidance) = try SessionScenario(environment: environment).load(for: record, store: store)
    let play = PlaySession(
      resumingOn: scenario, guidance: guidance, store: store, console: environment.makeConsole(),
      debriefDirectory: environment.debriefDirectory, support: environment.support)
    switch play.runResumed(record) {
    case .failed(let reason), .refused(let reason):
      Output.error(reason)
      throw Exit.software
    case .finished, .suspended, .steppedOut:
      break
    }
  }
}

/// Finds the exact scenario a recorded session was played on (see `SessionLog.scenario`).
struct SessionScenario {
  let environment: Environment

  func load(for record: SessionRecord, store: any LocalRecordStore) throws -> (Scenario, GuidanceLibrary) {
    // The library here, else the one beside the recorded file (it holds the guidance it scores).
    let root = environment.libraryRoot() ?? environment.libraryRoot(near: record.scenarioPath)
    let library = root.map(ScenarioLibrary.init(root:))
    guard let library, let scenario = SessionLog.scenario(for: record, store: store, library: library) else {
      Output.error(
        "cannot load scenario '\(record.scenarioID)' for session \(record.id.prefix(8)) (not in the library, and \(record.scenarioPath) is missing or broken)")
      throw Exit.noInput
    }
    return (scenario, library.guidance.library)
  }

  /// The scenario a session was played on and the path it took there (`debrief --path`, `graph
  /// --session`); exit 70 when the record cannot be replayed on it.
  func path(for record: SessionRecord, store: any LocalRecordStore) throws -> (Scenario, PathTaken) {
    let (scenario, _) = try load(for: record, store: store)
    do {
      return (scenario, try SessionLog.path(record: record, events: store.events(forSession: record.id), scenario: scenario))
    } catch {
      Output.error("the session's record cannot be replayed on the scenario: \(error)")
      throw Exit.software
    }
  }
}
