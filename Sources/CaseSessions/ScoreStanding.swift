/// Points so far against the best achievable on the scenario (practice mode only).
public struct ScoreStanding: Sendable, Equatable {
  public var total: Int
  public var best: Int
}
