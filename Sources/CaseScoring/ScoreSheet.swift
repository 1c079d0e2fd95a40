public import CaseEngine
public import CaseFormat

/// The points a playthrough earned, per guidance principle, added up from its decisions.
///
/// A choice's points count once per session, the first time it is taken. `casesim check` makes
/// it an error (`scored-loop`) for a scoring choice to be takeable twice and play refuses such a
/// scenario, so this rule only guards the sum: no session can show more than the best achievable.
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
    var counted: Set<TakenDecision> = []
    for decision in decisions {
      guard let choice = engine.choice(for: decision), counted.insert(decision).inserted else { continue }
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

  /// Points per competency area, for the areas given (a role's own profession's): each
  /// principle's points count toward every one of those areas it maps to.
  public func byArea(_ areas: [GuidanceEntry], guidance: GuidanceLibrary) -> [String: Int] {
    Self.points(byPrinciple, inAreas: areas, guidance: guidance)
  }

  static func points(
    _ byPrinciple: [String: Int], inAreas areas: [GuidanceEntry], guidance: GuidanceLibrary
  ) -> [String: Int] {
    let wanted = Set(areas.map(\.id))
    var totals: [String: Int] = [:]
    for (principle, points) in byPrinciple {
      for area in guidance.entry(principle)?.areas ?? [] where wanted.contains(area) {
        totals[area, default: 0] += points
      }
    }
    return totals
  }

  /// The score deltas of one choice, by principle, as records store them.
  public static func deltas(of choice: Choice) -> [String: Int] {
    var deltas: [String: Int] = [:]
    for score in choice.scores { deltas[score.guidanceID, default: 0] += score.points }
    return deltas
  }
}
