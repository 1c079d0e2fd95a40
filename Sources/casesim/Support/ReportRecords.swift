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

  /// Every non-draft session of `trainee` with its events, read from the records wherever they
  /// are kept (a file, or the agency's PostgreSQL store), the events in one query: what a
  /// trainee's portfolio is drawn from. Exits 66 when the library cannot be found, 69 when a
  /// shared store cannot be reached and 74 when the store cannot be read.
  static func portfolio(environment: Environment, trainee: String) async throws -> ReportRecords {
    let library = ScenarioLibrary(root: try environment.requireLibraryRoot())
    let store = try await environment.openRecords()
    return try await StoreReading.reading {
      let records = try await store.sessions(trainee: trainee, includeDrafts: false)
      let events = Dictionary(grouping: try await store.events(of: SessionSelection(trainee: trainee)), by: \.sessionID)
      return ReportRecords(
        sessions: records.map { RecordedSession(record: $0, events: events[$0.id] ?? []) },
        scenarios: try await versions(of: records, in: store, library: library), guidance: library.guidance.library)
    }
  }

  /// The cohort report, read and drawn a scenario at a time: each scenario's events are read in
  /// one query and its figures drawn while the next scenario's events are read. Two readers (two
  /// connections to a server, two read handles on a file) take turns over the scenarios, so a
  /// server sends two scenarios' rows at once while their figures are drawn on the machine's
  /// cores, and only a few scenarios' events are held at a time. The same report as
  /// ``CohortReport/init(sessions:scenarios:guidance:filter:minimumCell:)`` drawn from everything
  /// at once. Exits as ``portfolio(environment:trainee:)`` does.
  static func cohortReport(environment: Environment, filter: CohortFilter, minimumCell: Int) async throws -> CohortReport {
    let library = ScenarioLibrary(root: try environment.requireLibraryRoot())
    let guidance = library.guidance.library
    let readers = try await environment.openRecords(readers: 2)
    return try await StoreReading.reading {
      let covered = try await readers[0].sessions(trainee: nil, includeDrafts: false).filter(filter.admits)
      let scenarios = try await versions(of: covered, in: readers[0], library: library)
      let byScenario = Dictionary(grouping: covered, by: \.scenarioID)
      let ids = byScenario.keys.sorted()
      let cohorts = try await withThrowingTaskGroup(of: [ScenarioCohort].self) { readings in
        for (turn, reader) in readers.enumerated() {
          let mine = ids.enumerated().filter { $0.offset % readers.count == turn }.map(\.element)
          readings.addTask {
            try await withThrowingTaskGroup(of: ScenarioCohort?.self) { drawings in
              for id in mine {
                let events = Dictionary(
                  grouping: try await reader.events(of: SessionSelection(scenarioID: id, startedSince: filter.since)),
                  by: \.sessionID)
                let sessions = (byScenario[id] ?? []).map { RecordedSession(record: $0, events: events[$0.id] ?? []) }
                drawings.addTask {
                  ScenarioCohort(
                    id: id, sessions: sessions, scenarios: scenarios, guidance: guidance, minimumCell: minimumCell)
                }
              }
              return try await drawings.reduce(into: []) { drawn, cohort in cohort.map { drawn.append($0) } }
            }
          }
        }
        return try await readings.reduce(into: []) { $0 += $1 }
      }
      return CohortReport(
        filter: filter, minimumCell: minimumCell,
        sessionsWithoutScenario: covered.filter { scenarios[$0.scenarioHash] == nil }.count, scenarios: cohorts)
    }
  }

  /// The scenario each record was played on, by content hash: the version kept with the records,
  /// else the library's copy.
  private static func versions(
    of records: [SessionRecord], in store: any RecordStore, library: ScenarioLibrary
  ) async throws -> [String: Scenario] {
    var scenarios: [String: Scenario] = [:]
    var tried: Set<String> = []
    for record in records where tried.insert(record.scenarioHash).inserted {
      scenarios[record.scenarioHash] = SessionLog.scenario(
        for: record, version: try await store.scenarioVersion(hash: record.scenarioHash), library: library)
    }
    return scenarios
  }
}
