import CaseFormat
import CaseLearningRecords
import CaseRecords
import CaseSessions

/// Reads what the xAPI export is made from out of the record store: the one place that knows
/// how records are loaded, so the statements themselves are built over plain values.
enum LearningRecordsLoader {
  /// Sessions (one trainee's, or every trainee's when `trainee` is nil) with their events, read
  /// from the records wherever they are kept (a file, or the agency's PostgreSQL store), the
  /// events in one query; the exact scenario versions they were played on (kept in the store,
  /// else the library's copy when its content hash matches), and the library's guidance (none
  /// without a library).
  static func load(
    from store: any RecordStore, trainee: String?, includeDrafts: Bool, library: ScenarioLibrary?
  ) async throws -> LearningRecords {
    let guidance = library?.guidance.library ?? .empty
    var libraryVersions: [String: Scenario] = [:]
    for scenario in library?.playable ?? [] { libraryVersions[scenario.contentHash] = scenario }
    var sessions: [LearningRecords.Session] = []
    var scenarios: [String: Scenario] = [:]
    var events: [String: [EventRecord]] = [:]
    for event in try await store.events(of: SessionSelection(trainee: trainee, includeDrafts: includeDrafts)) {
      events[event.sessionID, default: []].append(event)
    }
    var tried: Set<String> = []
    for record in try await store.sessions(trainee: trainee, includeDrafts: includeDrafts) {
      sessions.append(.init(record: record, events: events[record.id] ?? []))
      let hash = record.scenarioHash
      guard tried.insert(hash).inserted else { continue }
      scenarios[hash] =
        SessionLog.keptScenario(try await store.scenarioVersion(hash: hash), hash: hash, guidance: guidance)
        ?? libraryVersions[hash]
    }
    return LearningRecords(sessions: sessions, scenarios: scenarios, guidance: guidance)
  }
}
