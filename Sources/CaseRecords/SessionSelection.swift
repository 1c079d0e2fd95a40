#if canImport(FoundationEssentials)
  public import FoundationEssentials
#else
  public import Foundation
#endif

/// Which sessions a bulk read of events covers: a trainee's or everyone's, one scenario's or
/// every scenario's, those started since a moment or all, with or without drafts.
///
/// Reports and exports read events by selection rather than session by session, and a store
/// turns a selection into one query, so a report on one scenario reads that scenario's events
/// and no others.
public struct SessionSelection: Sendable, Equatable {
  /// Only this trainee's sessions; nil for every trainee's.
  public var trainee: String?
  /// Only sessions of this scenario (by id); nil for every scenario.
  public var scenarioID: String?
  /// Only sessions started at or after this moment; nil for all time.
  public var startedSince: Date?
  /// Whether plays of drafts (files outside the library) are covered.
  public var includeDrafts: Bool

  public init(trainee: String? = nil, scenarioID: String? = nil, startedSince: Date? = nil, includeDrafts: Bool = false) {
    self.trainee = trainee
    self.scenarioID = scenarioID
    self.startedSince = startedSince
    self.includeDrafts = includeDrafts
  }

  /// True when the selection covers `session`: the rule every store's query keeps.
  public func admits(_ session: SessionRecord) -> Bool {
    (includeDrafts || !session.isDraft) && (trainee.map { session.trainee == $0 } ?? true)
      && (scenarioID.map { session.scenarioID == $0 } ?? true) && (startedSince.map { session.startedAt >= $0 } ?? true)
  }
}
