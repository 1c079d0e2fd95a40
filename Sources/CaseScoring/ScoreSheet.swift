public import CaseEngine
public import CaseFormat

/// The points a playthrough earned, per guidance principle, added up from its decisions.
public struct ScoreSheet: Sendable, Equatable {
  /// Principle id -> points earned (may be negative).
  public var byPrinciple: [String: Int]
  public var total: Int
  /// The critical choices taken, in order.
  public var criticalTaken: [TakenDecision]

  public init(engine: Engine, decisions: [TakenDecision]) {
    var byPrinciple: [String: Int] = [:]
    var total = 0
    var critical: [TakenDecision] = []
    for decision in decisions {
      guard let choice = engine.choice(for: decision) else { continue }
      for score in choice.scores {
        byPrinciple[score.guidanceID, default: 0] += score.points
        total += score.points
      }
      if choice.isCritical { critical.append(decision) }
    }
    self.byPrinciple = byPrinciple
    self.total = total
    self.criticalTaken = critical
  }

  /// Points per competency area: each principle's points count toward every area it maps to.
  public func byArea(guidance: GuidanceLibrary) -> [String: Int] {
    var areas: [String: Int] = [:]
    for (principle, points) in byPrinciple {
      for area in guidance.entry(principle)?.areas ?? [] { areas[area, default: 0] += points }
    }
    return areas
  }

  /// The score deltas of one choice, by principle, as records store them.
  public static func deltas(of choice: Choice) -> [String: Int] {
    var deltas: [String: Int] = [:]
    for score in choice.scores { deltas[score.guidanceID, default: 0] += score.points }
    return deltas
  }
}
