import CaseFormat
import CaseRecords
import CaseReports
import CaseSessions
import Foundation

/// What the reports are computed from: sessions with their logs, the scenario each was played on
/// (by content hash), and the guidance they were scored against. The one place `casesim report`
/// reads the record store.
struct ReportRecords {
  var sessions: [RecordedSession]
  var scenarios: [String: Scenario]
  var guidance: GuidanceLibrary

  /// Every non-draft session (only `trainee`'s when given; only those started at or after
  /// `since` when given) with its events, read from the records wherever they are kept (a file,
  /// or the agency's PostgreSQL store), the events in one query. Exits 66 when the library cannot
  /// be found, 69 when a shared store cannot be reached and 74 when the store cannot be read.
  static func load(environment: Environment, trainee: String?, since: Date? = nil) async throws -> ReportRecords {
    let library = ScenarioLibrary(root: try environment.requireLibraryRoot())
    let store = try await environment.openRecords()
    var sessions: [RecordedSession] = []
    var scenarios: [String: Scenario] = [:]
    do {
      var events: [String: [EventRecord]] = [:]
      for event in try await store.events(ofSessionsBy: trainee, startedSince: since, includeDrafts: false) {
        events[event.sessionID, default: []].append(event)
      }
      for record in try await store.sessions(trainee: trainee, includeDrafts: false) {
        if let since, record.startedAt < since { continue }
        sessions.append(RecordedSession(record: record, events: events[record.id] ?? []))
        if scenarios[record.scenarioHash] == nil,
          let scenario = SessionLog.scenario(
            for: record, version: try await store.scenarioVersion(hash: record.scenarioHash), library: library)
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
