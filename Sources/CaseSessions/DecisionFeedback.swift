/// What practice mode tells the trainee after a decision: whether it was critical and why, the
/// author's feedback, and the points it earned against each principle.
public struct DecisionFeedback: Sendable, Equatable {
  /// Why the decision on its own leaves the child unsafe; nil when it is not critical.
  public var critical: String?
  public var lines: [String]
  public var scores: [Line]

  /// Points against one principle, with the principle's title (its id when the catalog has none).
  public struct Line: Sendable, Equatable {
    public var guidanceID: String
    public var title: String
    public var points: Int
    public var explanation: String?
  }
}
