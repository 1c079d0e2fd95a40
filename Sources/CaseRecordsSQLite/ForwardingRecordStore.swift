import CaseRecords
import Foundation

/// The store play records to when records are kept in a shared store: the local SQLite outbox,
/// which commits every decision on this machine before returning, then nudges the forwarder to
/// send it on in the background. A decision is therefore never lost to a bad network; what could
/// not be sent is sent by the next nudge, by the forward the program waits for at its end, or by
/// `casesim sync`.
public final class ForwardingRecordStore: LocalRecordStore {
  public let outbox: SQLiteRecordStore
  public let forwarder: RecordForwarder

  public init(outbox: SQLiteRecordStore, forwarder: RecordForwarder) {
    self.outbox = outbox
    self.forwarder = forwarder
  }

  /// Starts a forward in the background (none when one is already waiting to start).
  private func nudge() {
    let forwarder = self.forwarder
    Task.detached { await forwarder.nudge() }
  }

  public func createSession(_ session: SessionRecord) throws {
    try outbox.createSession(session)
    nudge()
  }

  @discardableResult
  public func append(_ event: EventRecord) throws -> EventRecord {
    let stored = try outbox.append(event)
    nudge()
    return stored
  }

  public func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String, at: Date
  ) throws {
    try outbox.finishSession(
      id: id, endingID: endingID, outcome: outcome, totalScore: totalScore, bestTotal: bestTotal, grade: grade, at: at)
    nudge()
  }

  public func events(forSession id: String) throws -> [EventRecord] { try outbox.events(forSession: id) }
  public func session(id: String) throws -> SessionRecord? { try outbox.session(id: id) }
  public func resolveSession(_ idOrPrefix: String) throws -> SessionRecord { try outbox.resolveSession(idOrPrefix) }
  public func sessions(trainee: String?, includeDrafts: Bool) throws -> [SessionRecord] {
    try outbox.sessions(trainee: trainee, includeDrafts: includeDrafts)
  }
  public func saveScenarioVersion(_ version: ScenarioVersion) throws { try outbox.saveScenarioVersion(version) }
  public func scenarioVersion(hash: String) throws -> ScenarioVersion? { try outbox.scenarioVersion(hash: hash) }
  public func latestUnfinishedSession(trainee: String) throws -> SessionRecord? {
    try outbox.latestUnfinishedSession(trainee: trainee)
  }
  @discardableResult
  public func deleteSession(id: String) throws -> Bool { try outbox.deleteSession(id: id) }
  @discardableResult
  public func purgeSessions(startedBefore date: Date) throws -> Int { try outbox.purgeSessions(startedBefore: date) }
  public func events(of selection: SessionSelection) throws -> [EventRecord] {
    try outbox.events(of: selection)
  }
}

