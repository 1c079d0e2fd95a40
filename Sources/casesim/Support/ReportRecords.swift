import CaseFormat
import CaseRecords
import CaseReports
import CaseSessions

/// What the reports are computed from: sessions with their logs, the scenario each was played on
/// (by content hash), and the guidance they were scored against. The one place `casesim report`
/// reads the record store.
struct ReportRecords {
  var sessions: [RecordedSession]
  var scenarios: [String: Scenario]
  var guidance: GuidanceLibrary

  /// Every non-draft session (only `trainee`'s when given) with its events, read through the
  /// store the other commands use. Exits 66 when the library cannot be found and 74 when the
  /// store cannot be read.
  static func load(environment: Environment, trainee: String?) throws -> ReportRecords {
    let library = ScenarioLibrary(root: try environment.requireLibraryRoot())
    let store = try environment.openStore()
    var sessions: [RecordedSession] = []
    var scenarios: [String: Scenario] = [:]
    do {
      for record in try store.sessions(trainee: trainee, includeDrafts: false) {
        sessions.append(RecordedSession(record: record, events: try store.events(forSession: record.id)))
        if scenarios[record.scenarioHash] == nil,
          let scenario = SessionLog.scenario(for: record, store: store, library: library)
        {
          scenarios[record.scenarioHash] = scenario
        }
      }
    } catch {
      Output.error("cannot read the record store: \(error)")
      throw Exit.ioError
    }
    return ReportRecords(sessions: sessions, scenarios: scenarios, guidance: library.guidance.library)
  }
}
