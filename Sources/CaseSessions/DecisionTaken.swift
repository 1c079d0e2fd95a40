public import CaseEngine

/// A decision committed to the record, with what the trainee is told about it now.
public struct DecisionTaken: Sendable, Equatable {
  public var decision: TakenDecision
  /// Shown at once in practice mode; nil in assessment, where it waits for the debrief.
  public var feedback: DecisionFeedback?
  /// True when the decision reached an ending: the next step is ``SessionController/finish()``.
  public var reachedEnding: Bool
}
