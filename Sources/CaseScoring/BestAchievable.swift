public import CaseEngine
public import CaseFormat

/// The most a trainee could earn on a scenario, overall, per principle and per competency area,
/// each computed over the reachable state space (so conditions and roles are respected).
///
/// Each figure is a maximum over complete playthroughs on its own: the path that earns the most
/// for one principle is not always the one that earns the most overall.
public struct BestAchievable: Sendable, Equatable {
  public var total: Int
  public var worstTotal: Int
  public var byPrinciple: [String: Int]
  public var byArea: [String: Int]
  /// The choices of one playthrough that reaches `total`.
  public var bestPath: [TakenDecision]
  /// True if the state space was too large to explore completely; figures are then lower bounds.
  public var isApproximate: Bool

  public init(engine: Engine, guidance: GuidanceLibrary) {
    let space = StateSpace(engine: engine)
    let scenario = engine.scenario
    let best = space.optimum(maximise: true) { $0.totalPoints }
    total = best?.total ?? 0
    worstTotal = space.optimum(maximise: false) { $0.totalPoints }?.total ?? 0
    bestPath = best.map { space.decisions(along: $0.steps) } ?? []
    var principles: [String: Int] = [:]
    for id in scenario.guidanceIDsUsed {
      principles[id] =
        space.optimum(maximise: true) { choice in
          choice.scores.filter { $0.guidanceID == id }.reduce(0) { $0 + $1.points }
        }?.total ?? 0
    }
    byPrinciple = principles
    var areas: [String: Int] = [:]
    let areaIDs = Set(scenario.guidanceIDsUsed.flatMap { guidance.entry($0)?.areas ?? [] })
    for area in areaIDs {
      areas[area] =
        space.optimum(maximise: true) { choice in
          choice.scores.filter { guidance.entry($0.guidanceID)?.areas.contains(area) == true }
            .reduce(0) { $0 + $1.points }
        }?.total ?? 0
    }
    byArea = areas
    isApproximate = space.isTruncated
  }
}
