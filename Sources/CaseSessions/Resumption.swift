/// What a presenter says when a session is picked up: the decisions that stand so far, and
/// whether the scenario's text differs from the version the session began on.
public struct Resumption: Sendable, Equatable {
  /// The standing decisions' option texts, in order.
  public var decisions: [String]
  /// True when the decisions are replayed on a newer version of the scenario.
  public var scenarioChanged: Bool
}
