#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import Synchronization

/// A store that keeps records in memory only, for tests and dry runs (`casesim play --path`).
///
/// It keeps every rule the durable stores keep, which the conformance suite checks against all
/// of them, so a test that plays through it exercises the same behaviour a trainee's file would,
/// without linking a database. Nothing survives the process.
public final class InMemoryRecordStore: LocalRecordStore {
  private struct Contents {
    /// Sessions in the order they were created (the tie-break of newest-first listings).
    var sessions: [SessionRecord] = []
    var events: [String: [EventRecord]] = [:]
    /// Event id -> session id.
    var eventSessions: [String: String] = [:]
    var versions: [String: ScenarioVersion] = [:]

    func index(of id: String) -> Int? { sessions.firstIndex { $0.id == id } }
  }

  private let contents = Mutex(Contents())

  public init() {}

  public func createSession(_ session: SessionRecord) throws {
    if let problem = Participant.problem(with: session.participants) {
      throw RecordStoreError.invalidParticipants(session: session.id, reason: problem)
    }
    try contents.withLock { contents in
      guard contents.index(of: session.id) == nil else {
        throw RecordStoreError.notWritten(path: ":memory:", reason: "a session with the id \(session.id) already exists")
      }
      contents.sessions.append(session)
      contents.events[session.id] = []
    }
  }

  @discardableResult
  public func append(_ event: EventRecord) throws -> EventRecord {
    try contents.withLock { contents in
      if let owner = contents.eventSessions[event.id] {
        guard owner == event.sessionID else {
          throw RecordStoreError.eventIDTaken(id: event.id, session: owner)
        }
        if let stored = contents.events[owner]?.first(where: { $0.id == event.id }) {
          return stored
        }
      }
      guard let index = contents.index(of: event.sessionID) else {
        throw RecordStoreError.sessionNotFound(event.sessionID)
      }
      let session = contents.sessions[index]
      guard !session.isFinished else { throw RecordStoreError.sessionFinished(session.id) }
      let maker = try Participant.maker(of: event, among: session.participants)
      var stored = event
      stored.sequence = (contents.events[session.id]?.count ?? 0) + 1
      stored.participant = maker.ordinal
      stored.role = maker.role
      contents.events[session.id, default: []].append(stored)
      contents.eventSessions[stored.id] = session.id
      return stored
    }
  }

  public func events(forSession id: String) throws -> [EventRecord] {
    try contents.withLock { contents in
      guard let events = contents.events[id] else { throw RecordStoreError.sessionNotFound(id) }
      return events
    }
  }

  public func session(id: String) throws -> SessionRecord? {
    contents.withLock { contents in contents.index(of: id).map { contents.sessions[$0] } }
  }

  public func resolveSession(_ idOrPrefix: String) throws -> SessionRecord {
    if let exact = try session(id: idOrPrefix) { return exact }
    try RecordStoreError.requirePrefixLength(idOrPrefix)
    let prefix = idOrPrefix.lowercased()
    let matches = contents.withLock { contents in
      contents.sessions.filter { $0.id.lowercased().hasPrefix(prefix) }
    }
    return try RecordStoreError.onlyMatch(matches, of: idOrPrefix)
  }

  public func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String,
    at: Date
  ) throws {
    try contents.withLock { contents in
      guard let index = contents.index(of: id) else { throw RecordStoreError.sessionNotFound(id) }
      guard !contents.sessions[index].isFinished else { throw RecordStoreError.sessionFinished(id) }
      contents.sessions[index].finishedAt = at
      contents.sessions[index].endingID = endingID
      contents.sessions[index].outcome = outcome
      contents.sessions[index].totalScore = totalScore
      contents.sessions[index].bestTotal = bestTotal
      contents.sessions[index].grade = grade
    }
  }

  public func sessions(trainee: String?, includeDrafts: Bool) throws -> [SessionRecord] {
    contents.withLock { contents in
      Self.newestFirst(
        contents.sessions.filter { session in
          (trainee == nil || session.trainee == trainee) && (includeDrafts || !session.isDraft)
        })
    }
  }

  public func saveScenarioVersion(_ version: ScenarioVersion) throws {
    contents.withLock { contents in
      if contents.versions[version.hash] == nil { contents.versions[version.hash] = version }
    }
  }

  public func scenarioVersion(hash: String) throws -> ScenarioVersion? {
    contents.withLock { $0.versions[hash] }
  }

  public func latestUnfinishedSession(trainee: String) throws -> SessionRecord? {
    try sessions(trainee: trainee, includeDrafts: true).first { !$0.isFinished }
  }

  @discardableResult
  public func deleteSession(id: String) throws -> Bool {
    contents.withLock { contents in
      guard let index = contents.index(of: id) else { return false }
      for event in contents.events[id] ?? [] { contents.eventSessions[event.id] = nil }
      contents.events[id] = nil
      let hash = contents.sessions.remove(at: index).scenarioHash
      if !contents.sessions.contains(where: { $0.scenarioHash == hash }) { contents.versions[hash] = nil }
      return true
    }
  }

  @discardableResult
  public func purgeSessions(startedBefore date: Date) throws -> Int {
    contents.withLock { contents in
      let purged = contents.sessions.filter { $0.startedAt < date }
      for session in purged {
        for event in contents.events[session.id] ?? [] { contents.eventSessions[event.id] = nil }
        contents.events[session.id] = nil
      }
      contents.sessions.removeAll { $0.startedAt < date }
      let kept = Set(contents.sessions.map(\.scenarioHash))
      contents.versions = contents.versions.filter { kept.contains($0.key) }
      return purged.count
    }
  }

  public func events(of selection: SessionSelection) throws -> [EventRecord] {
    contents.withLock { contents in
      contents.sessions
        .filter(selection.admits)
        .sorted { $0.id < $1.id }
        .flatMap { contents.events[$0.id] ?? [] }
    }
  }

  /// Newest first by start time, later-created first among equal times: the order every store
  /// lists sessions in.
  private static func newestFirst(_ sessions: [SessionRecord]) -> [SessionRecord] {
    sessions.enumerated()
      .sorted { ($0.element.startedAt, $0.offset) > ($1.element.startedAt, $1.offset) }
      .map(\.element)
  }
}
