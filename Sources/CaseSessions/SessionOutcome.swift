public import CaseScoring

/// A finished session: its debrief, derived from the record exactly as `casesim debrief` will
/// recompute it.
public struct SessionOutcome: Sendable, Equatable {
  public var sessionID: String
  public var debrief: Debrief
  /// Why the ending could not be marked in the record, if it could not; the debrief still stands
  /// (it is recomputed from the decisions, which are all recorded).
  public var notMarkedFinished: String?
}

/// A finished team session: its team debrief (who knew what, when), derived from the record
/// exactly as `casesim debrief` will recompute it.
public struct TeamSessionOutcome: Sendable, Equatable {
  public var sessionID: String
  public var debrief: TeamDebrief
  /// Why the ending could not be marked in the record, if it could not.
  public var notMarkedFinished: String?
}
