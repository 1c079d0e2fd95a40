#if canImport(FoundationEssentials)
  public import FoundationEssentials
#else
  public import Foundation
#endif

/// A local store that passes every request on to another (`underlying`), so a store that adds
/// one thing (forwarding after a write, capturing a session, a fault to test against) writes only
/// the requests it changes. Every request it does not write goes to `underlying` unchanged.
public protocol DelegatingLocalRecordStore: LocalRecordStore {
  /// The store requests go to.
  var underlying: any LocalRecordStore { get }
}

extension DelegatingLocalRecordStore {
  public func createSession(_ session: SessionRecord) throws { try underlying.createSession(session) }

  @discardableResult
  public func append(_ event: EventRecord) throws -> EventRecord { try underlying.append(event) }

  public func events(forSession id: String) throws -> [EventRecord] { try underlying.events(forSession: id) }

  public func session(id: String) throws -> SessionRecord? { try underlying.session(id: id) }

  public func resolveSession(_ idOrPrefix: String) throws -> SessionRecord {
    try underlying.resolveSession(idOrPrefix)
  }

  public func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String, at: Date
  ) throws {
    try underlying.finishSession(
      id: id, endingID: endingID, outcome: outcome, totalScore: totalScore, bestTotal: bestTotal, grade: grade, at: at)
  }

  public func sessions(trainee: String?, includeDrafts: Bool) throws -> [SessionRecord] {
    try underlying.sessions(trainee: trainee, includeDrafts: includeDrafts)
  }

  public func saveScenarioVersion(_ version: ScenarioVersion) throws { try underlying.saveScenarioVersion(version) }

  public func scenarioVersion(hash: String) throws -> ScenarioVersion? { try underlying.scenarioVersion(hash: hash) }

  public func latestUnfinishedSession(trainee: String) throws -> SessionRecord? {
    try underlying.latestUnfinishedSession(trainee: trainee)
  }

  @discardableResult
  public func deleteSession(id: String) throws -> Bool { try underlying.deleteSession(id: id) }

  @discardableResult
  public func purgeSessions(startedBefore date: Date) throws -> Int { try underlying.purgeSessions(startedBefore: date) }

  public func events(of selection: SessionSelection) throws -> [EventRecord] { try underlying.events(of: selection) }
}
