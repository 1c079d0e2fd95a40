public import CaseFormat
public import CaseRecords

/// What the xAPI export is made from, as plain values: sessions with their logs, the scenarios
/// they were played on, and the guidance they were scored against. How they were loaded (which
/// store, which library) is the caller's business, so the statements can be built and tested
/// without a store.
public struct LearningRecords: Sendable {
  /// One session and its events, in sequence order.
  public struct Session: Sendable {
    public var record: SessionRecord
    public var events: [EventRecord]

    public init(record: SessionRecord, events: [EventRecord]) {
      self.record = record
      self.events = events
    }
  }

  public var sessions: [Session]
  /// Scenarios by content hash: exactly the versions the sessions were played on. A session whose
  /// version is missing is still exported, with less said about its decision points (no options).
  public var scenarios: [String: Scenario]
  public var guidance: GuidanceLibrary

  public init(sessions: [Session], scenarios: [String: Scenario], guidance: GuidanceLibrary) {
    self.sessions = sessions
    self.scenarios = scenarios
    self.guidance = guidance
  }
}
