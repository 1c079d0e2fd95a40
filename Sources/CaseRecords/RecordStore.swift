#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where records live: the interface every store keeps (SQLite, in memory, PostgreSQL).
///
/// It is asynchronous because a shared store is reached over the network (PostgresNIO is
/// async); a local store answers at once and conforms through ``LocalRecordStore``. Every store
/// applies the same rules, which one conformance suite checks against each: an append is one
/// transaction, sequence numbers are allocated safely under concurrent writers, an event id the
/// store already holds is answered with the stored event and never kept twice, and a refused
/// request leaves nothing behind.
///
/// Dates are kept to the millisecond (see ``RecordTimestamp``): records read back equal the
/// records written, because the record types truncate their dates when they are set.
public protocol RecordStore: Sendable {
  /// Stores a new, usually unfinished, session with its participants. The id must not exist
  /// yet. Throws ``RecordStoreError/invalidParticipants(session:reason:)`` unless the session has
  /// at least one participant and their ordinals are distinct and at least 1; nothing is kept then.
  func createSession(_ session: SessionRecord) async throws

  /// Appends durably: when this returns, the event is committed to disk (kill -9 cannot lose it).
  ///
  /// The store assigns the event's `sequence` (one more than the session's last) and returns the
  /// event as stored, with its participant and role filled in when they were left nil (the
  /// session's only participant; the participant's role). Throws
  /// ``RecordStoreError/sessionNotFound(_:)`` for an unknown session,
  /// ``RecordStoreError/sessionFinished(_:)`` for a finished one,
  /// ``RecordStoreError/participantNotInSession(session:participant:)`` for a participant the
  /// session does not have, and ``RecordStoreError/roleNotParticipants(session:participant:role:participantRole:)``
  /// for a role its participant does not play; a refused event leaves nothing behind. An event
  /// whose ``EventRecord/id`` the session already holds is answered with the stored event and
  /// adds nothing (forwarding is idempotent); an id another session holds is refused with
  /// ``RecordStoreError/eventIDTaken(id:session:)``.
  @discardableResult func append(_ event: EventRecord) async throws -> EventRecord

  /// The session's events in sequence order. Throws ``RecordStoreError/sessionNotFound(_:)``
  /// for an unknown session, so a mistyped id is not mistaken for an empty log.
  func events(forSession id: String) async throws -> [EventRecord]

  /// The session with exactly this id, or nil.
  func session(id: String) async throws -> SessionRecord?

  /// Exact id or a unique prefix (at least 4 characters), like git; throws ambiguousSession /
  /// sessionNotFound.
  func resolveSession(_ idOrPrefix: String) async throws -> SessionRecord

  /// Records the ending. Throws ``RecordStoreError/sessionNotFound(_:)`` for an unknown session
  /// and ``RecordStoreError/sessionFinished(_:)`` if it already has one: an outcome, once
  /// recorded, is never overwritten.
  func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String,
    at: Date
  ) async throws

  /// Sessions, newest first (by start time); nil lists every trainee's. Plays of drafts (files
  /// outside the library) are included only when `includeDrafts` is set.
  func sessions(trainee: String?, includeDrafts: Bool) async throws -> [SessionRecord]

  /// Keeps a scenario's text under its hash (once: a version already kept is left as it is).
  func saveScenarioVersion(_ version: ScenarioVersion) async throws

  /// The scenario text kept under a hash, or nil.
  func scenarioVersion(hash: String) async throws -> ScenarioVersion?

  /// The trainee's most recently started session that has no ending yet: the one to resume.
  func latestUnfinishedSession(trainee: String) async throws -> SessionRecord?

  /// Deletes one session with its participants and events (and its scenario text, if no other
  /// session was played on it): what `casesim store migrate` does to the source once the
  /// destination holds the session. Returns false when there was no such session.
  @discardableResult func deleteSession(id: String) async throws -> Bool

  /// Deletes every session started before `date`, with its participants and events, and the
  /// kept scenario texts no remaining session was played on: the retention rule an agency sets
  /// (`casesim purge --before DATE`). Returns how many sessions were deleted. One transaction:
  /// a purge interrupted part-way deletes nothing.
  @discardableResult func purgeSessions(startedBefore date: Date) async throws -> Int

  /// Every event of the sessions `selection` covers, ordered by session (by id) and sequence:
  /// what reports and exports read, in one query rather than one per session, and no more than
  /// they show.
  func events(of selection: SessionSelection) async throws -> [EventRecord]
}

/// A store on this machine, answering synchronously: what play records to.
///
/// The shell records every decision through this protocol before it shows the next passage, so
/// a session killed at any moment resumes from its log. With a shared store, play still
/// records here first (the outbox) and forwards afterwards, so a bad network never loses a
/// decision. It is `Sendable` because the shell may call it from any thread; implementations
/// serialise access themselves.
public protocol LocalRecordStore: RecordStore {
  /// Stores a new, usually unfinished, session with its participants. The id must not exist
  /// yet. Throws ``RecordStoreError/invalidParticipants(session:reason:)`` unless the session has
  /// at least one participant and their ordinals are distinct and at least 1; nothing is kept then.
  func createSession(_ session: SessionRecord) throws

  /// Appends durably: when this returns, the event is committed to disk (kill -9 cannot lose it).
  ///
  /// The store assigns the event's `sequence` (one more than the session's last) and returns the
  /// event as stored, with its participant and role filled in when they were left nil (the
  /// session's only participant; the participant's role). Throws
  /// ``RecordStoreError/sessionNotFound(_:)`` for an unknown session,
  /// ``RecordStoreError/sessionFinished(_:)`` for a finished one,
  /// ``RecordStoreError/participantNotInSession(session:participant:)`` for a participant the
  /// session does not have, and ``RecordStoreError/roleNotParticipants(session:participant:role:participantRole:)``
  /// for a role its participant does not play; a refused event leaves nothing behind. An event
  /// whose ``EventRecord/id`` the session already holds is answered with the stored event and
  /// adds nothing (forwarding is idempotent); an id another session holds is refused with
  /// ``RecordStoreError/eventIDTaken(id:session:)``.
  @discardableResult func append(_ event: EventRecord) throws -> EventRecord

  /// The session's events in sequence order. Throws ``RecordStoreError/sessionNotFound(_:)``
  /// for an unknown session, so a mistyped id is not mistaken for an empty log.
  func events(forSession id: String) throws -> [EventRecord]

  /// The session with exactly this id, or nil.
  func session(id: String) throws -> SessionRecord?

  /// Exact id or a unique prefix (at least 4 characters), like git; throws ambiguousSession /
  /// sessionNotFound.
  func resolveSession(_ idOrPrefix: String) throws -> SessionRecord

  /// Records the ending. Throws ``RecordStoreError/sessionNotFound(_:)`` for an unknown session
  /// and ``RecordStoreError/sessionFinished(_:)`` if it already has one: an outcome, once
  /// recorded, is never overwritten.
  func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String,
    at: Date
  ) throws

  /// Sessions, newest first (by start time); nil lists every trainee's. Plays of drafts (files
  /// outside the library) are included only when `includeDrafts` is set.
  func sessions(trainee: String?, includeDrafts: Bool) throws -> [SessionRecord]

  /// Keeps a scenario's text under its hash (once: a version already kept is left as it is).
  func saveScenarioVersion(_ version: ScenarioVersion) throws

  /// The scenario text kept under a hash, or nil.
  func scenarioVersion(hash: String) throws -> ScenarioVersion?

  /// The trainee's most recently started session that has no ending yet: the one to resume.
  func latestUnfinishedSession(trainee: String) throws -> SessionRecord?

  /// Deletes one session with its participants and events (and its scenario text, if no other
  /// session was played on it): what `casesim store migrate` does to the source once the
  /// destination holds the session. Returns false when there was no such session.
  @discardableResult func deleteSession(id: String) throws -> Bool

  /// Deletes every session started before `date`, with its participants and events, and the
  /// kept scenario texts no remaining session was played on: the retention rule an agency sets
  /// (`casesim purge --before DATE`). Returns how many sessions were deleted. One transaction:
  /// a purge interrupted part-way deletes nothing.
  @discardableResult func purgeSessions(startedBefore date: Date) throws -> Int

  /// Every event of the sessions `selection` covers, ordered by session (by id) and sequence:
  /// what reports and exports read, in one query rather than one per session, and no more than
  /// they show.
  func events(of selection: SessionSelection) throws -> [EventRecord]
}
