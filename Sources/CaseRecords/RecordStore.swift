#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where records live.
///
/// The shell records every decision through this protocol before it shows the next passage, so
/// a session killed at any moment resumes from its log. It is `Sendable` because the shell may
/// call it from any thread; implementations serialise access themselves.
///
/// Dates are kept to the millisecond (see ``RecordTimestamp``): records read back equal the
/// records written, because the record types truncate their dates when they are set.
public protocol RecordStore: Sendable {
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
  /// for a role its participant does not play; a refused event leaves nothing behind.
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
}
