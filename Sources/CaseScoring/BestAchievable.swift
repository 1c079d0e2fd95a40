public import CaseEngine
public import CaseFormat

/// The most a trainee could earn on a scenario as one role, computed exactly over the reachable
/// state space (so conditions and roles are respected), with one best playthrough to measure
/// against.
///
/// The per-principle and per-area figures are those of that one best playthrough, so they add up
/// to the best total: a debrief row "3 of 6" means "you earned 3 where the best path earns 6",
/// never a maximum taken from some other path.
public struct BestAchievable: Sendable {
  public var total: Int
  public var worstTotal: Int
  /// Points the best playthrough earns for each principle (principles it does not touch: 0).
  public var byPrinciple: [String: Int]
  /// The choices of one playthrough that reaches `total`, taking as few critical choices as it
  /// can.
  public var bestPath: [TakenDecision]
  /// True if the state space was too large to explore completely; figures are then lower bounds.
  public var isApproximate: Bool
  /// Scoring choices one playthrough can take twice (`scored-loop`): play refuses such a scenario.
  public var repeatableScoredChoices: [Choice]
  /// The explored states, and the best total still to be had from each.
  public let space: StateSpace
  private let bestToGo: [Int?]

  public init(engine: Engine, guidance: GuidanceLibrary) {
    let space = StateSpace(engine: engine)
    self.space = space
    let best = space.bestPathPreferringSafety()
    let choices = best.map { space.choices(along: $0.steps) } ?? []
    total = best?.total ?? 0
    worstTotal = space.optimum(maximise: false) { $0.totalPoints }?.total ?? 0
    bestPath = best.map { space.decisions(along: $0.steps) } ?? []
    var principles: [String: Int] = [:]
    for choice in choices {
      for score in choice.scores { principles[score.guidanceID, default: 0] += score.points }
    }
    byPrinciple = principles
    isApproximate = space.isTruncated
    repeatableScoredChoices = space.repeatableScoredChoices()
    let points = space.compiled.choices.map(\.points)
    bestToGo = PathOptimum.values(
      nodeCount: space.stateCount, start: 0, edgeStart: space.edgeStart, edgeTarget: space.edgeTarget,
      edgeLabel: space.edgeChoice, labelValue: points, isTerminal: space.isEnding, maximise: true,
      components: space.components)
  }

  /// The score range (best minus worst).
  public var range: Int { total - worstTotal }

  /// A total as a share of the range: 0 at the worst total, 1 at the best; nil if the range is
  /// empty.
  public func share(of earned: Int) -> Double? {
    range > 0 ? Double(earned - worstTotal) / Double(range) : nil
  }

  /// Points per competency area along the best playthrough, for the areas given.
  public func byArea(_ areas: [GuidanceEntry], guidance: GuidanceLibrary) -> [String: Int] {
    ScoreSheet.points(byPrinciple, inAreas: areas, guidance: guidance)
  }

  /// At `state`, the option that leads to the most points from here on, if `chosen` leads to
  /// fewer; with how many more it can lead to.
  public func strongerOption(than chosen: Choice, at state: PlayState) -> (choice: Choice, gain: Int)? {
    guard let number = space.number(of: state.key) else { return nil }
    func value(_ edge: StateSpace.Edge) -> Int? {
      bestToGo.indices.contains(edge.target) ? bestToGo[edge.target].map { $0 + edge.choice.totalPoints } : nil
    }
    let out = space.successors[number]
    guard let taken = out.first(where: { $0.choice.index == chosen.index }), let takenValue = value(taken) else {
      return nil
    }
    var best: (choice: Choice, value: Int)?
    for edge in out {
      guard let candidate = value(edge), candidate > takenValue, candidate > (best?.value ?? .min) else { continue }
      best = (edge.choice, candidate)
    }
    return best.map { ($0.choice, $0.value - takenValue) }
  }
}
