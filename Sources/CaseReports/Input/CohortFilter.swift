public import Foundation
public import CaseRecords

/// Which sessions a cohort report covers. Plays of drafts (files outside the library) are never
/// covered: they are an author's tries, not a trainee's practice.
public struct CohortFilter: Sendable, Equatable {
  /// Only sessions of this scenario (by id); nil for every scenario.
  public var scenarioID: String?
  /// Only sessions started at or after this moment; nil for all time.
  public var since: Date?
  /// Only sessions recorded in this training group (``SessionRecord/group``); nil for all.
  public var group: String?

  public init(scenarioID: String? = nil, since: Date? = nil, group: String? = nil) {
    self.scenarioID = scenarioID
    self.since = since
    self.group = group
  }

  /// True when the report covers `record`.
  public func admits(_ record: SessionRecord) -> Bool {
    if record.isDraft { return false }
    if let scenarioID, record.scenarioID != scenarioID { return false }
    if let since, record.startedAt < since { return false }
    if let group, record.group != group { return false }
    return true
  }
}
