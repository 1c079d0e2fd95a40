import CaseRecords
import Foundation
import Synchronization

/// The store the cohort generator plays into: an in-memory store for one session at a time, so
/// that one session controller per scenario can play session after session (working out the best
/// achievable once) and each session's records are taken as the store kept them.
final class CapturingStore: LocalRecordStore {
  private let current = Mutex(InMemoryRecordStore())

  private var store: InMemoryRecordStore { current.withLock { $0 } }

  /// Starts afresh for the next session.
  func reset() { current.withLock { $0 = InMemoryRecordStore() } }

  /// The one session played since the last reset, as stored, with its events.
  func contents() throws -> (record: SessionRecord, events: [EventRecord]) {
    guard let record = try store.sessions(trainee: nil, includeDrafts: true).first else {
      throw RecordStoreError.sessionNotFound("(none played)")
    }
    return (record, try store.events(forSession: record.id))
  }

  func createSession(_ session: SessionRecord) throws { try store.createSession(session) }
  @discardableResult func append(_ event: EventRecord) throws -> EventRecord { try store.append(event) }
  func events(forSession id: String) throws -> [EventRecord] { try store.events(forSession: id) }
  func session(id: String) throws -> SessionRecord? { try store.session(id: id) }
  func resolveSession(_ idOrPrefix: String) throws -> SessionRecord { try store.resolveSession(idOrPrefix) }
  func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String, at: Date
  ) throws {
    try store.finishSession(
      id: id, endingID: endingID, outcome: outcome, totalScore: totalScore, bestTotal: bestTotal, grade: grade, at: at)
  }
  func sessions(trainee: String?, includeDrafts: Bool) throws -> [SessionRecord] {
    try store.sessions(trainee: trainee, includeDrafts: includeDrafts)
  }
  func saveScenarioVersion(_ version: ScenarioVersion) throws { try store.saveScenarioVersion(version) }
  func scenarioVersion(hash: String) throws -> ScenarioVersion? { try store.scenarioVersion(hash: hash) }
  func latestUnfinishedSession(trainee: String) throws -> SessionRecord? {
    try store.latestUnfinishedSession(trainee: trainee)
  }
  @discardableResult func deleteSession(id: String) throws -> Bool { try store.deleteSession(id: id) }
  @discardableResult func purgeSessions(startedBefore date: Date) throws -> Int {
    try store.purgeSessions(startedBefore: date)
  }
  func events(of selection: SessionSelection) throws -> [EventRecord] {
    try store.events(of: selection)
  }
}
