public import CaseRecords

/// One recorded session with its whole log: what every report is computed from.
///
/// Reports take plain values rather than a store, so that they are computed the same way from
/// SQLite, PostgreSQL or a test's fixture, and the one place that reads a store is the command's
/// loader.
public struct RecordedSession: Sendable, Equatable {
  public var record: SessionRecord
  /// The session's events in sequence order, undos and retries included: the reports fold them
  /// into the decisions that stand through the sessions' one decoder (`RecordedPlay`).
  public var events: [EventRecord]

  public init(record: SessionRecord, events: [EventRecord]) {
    self.record = record
    self.events = events
  }
}
