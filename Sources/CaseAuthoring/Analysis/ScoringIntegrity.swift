public import CaseEngine
public import CaseFormat

/// Whether a scenario's score measures judgement for one role: what naive strategies would score,
/// and how far a path that takes a critical choice can still get.
///
/// Shares are of the score range: 0 is the worst total any playthrough can reach and 1 the best,
/// so "always the longest option scores 0.45" means 45% of the way from worst to best.
public struct ScoringIntegrity: Sendable, Equatable, Codable {
  /// The most any naive strategy may score, as a share of the range, in a scenario that measures
  /// judgement (the library's bar; `check` warns above it).
  public static let naiveShareLimit = 0.6
  /// The most a playthrough that takes a critical choice may score, as a share of the range.
  public static let criticalShareLimit = 0.5

  /// A way of choosing without judgement.
  public enum Strategy: String, Sendable, Equatable, Codable, CaseIterable {
    case longest, firstWritten = "first-written", keyword, random

    public var description: String {
      switch self {
      case .longest: "always the longest option"
      case .firstWritten: "always the first option as written"
      case .keyword: "always the option with the most safeguarding keywords or the child's name"
      case .random: "choosing at random (the average over all plays)"
      }
    }
  }

  public struct StrategyResult: Sendable, Equatable, Codable {
    public var strategy: Strategy
    /// The total it scores (the expected total for random play); nil if it never ends.
    public var score: Double?
    /// `score` as a share of the range; nil if it never ends or the range is empty.
    public var share: Double?
    /// The ending a deterministic strategy reaches.
    public var endingID: String?
  }

  public var best: Int
  public var worst: Int
  public var strategies: [StrategyResult]
  /// The best total of any playthrough that takes at least one critical choice, with its share;
  /// nil when no such playthrough reaches an ending.
  public var bestWithCritical: Int?
  public var bestWithCriticalShare: Double?
  /// A playthrough that takes a critical choice and still reaches a `safe` ending, if any.
  public var criticalToSafe: WitnessPath?

  public var range: Int { best - worst }

  public func share(_ total: Double) -> Double? {
    range > 0 ? (total - Double(worst)) / Double(range) : nil
  }

  /// The strategies over the limit.
  public var strategiesOverLimit: [StrategyResult] {
    strategies.filter { ($0.share ?? 0) > Self.naiveShareLimit + 1e-9 }
  }

  /// - Parameters:
  ///   - best, worst: the space's best and worst totals, when the caller has them already.
  public init(space: StateSpace, scenario: Scenario, best knownBest: Int? = nil, worst knownWorst: Int? = nil) {
    let best = knownBest ?? space.optimum(maximise: true) { $0.totalPoints }?.total ?? 0
    let worst = knownWorst ?? space.optimum(maximise: false) { $0.totalPoints }?.total ?? 0
    let range = best - worst
    self.best = best
    self.worst = worst
    let cues = SurfaceCues(scenario: scenario)
    var results: [StrategyResult] = []
    for strategy in Strategy.allCases {
      let score: Double?
      var ending: String?
      switch strategy {
      case .random:
        score = Self.expectedRandomTotal(space)
      case .longest, .firstWritten, .keyword:
        let walk = Self.follow(space) { edges in
          switch strategy {
          case .longest: Self.firstMaximum(edges) { SurfaceCues.length($0.choice.text) }
          case .keyword: Self.firstMaximum(edges) { cues.hits(in: $0.choice.text) }
          default: 0
          }
        }
        score = walk.map { Double($0.total) }
        ending = walk?.ending
      }
      results.append(
        StrategyResult(strategy: strategy, score: score, share: score.flatMap { range > 0 ? ($0 - Double(worst)) / Double(range) : nil }, endingID: ending))
    }
    strategies = results

    // Paths that take a critical choice: the state space twice over, once before a critical
    // choice and once after (node = state * 2 + taken).
    let edges = { (node: Int) -> [(target: Int, value: Int)] in
      let taken = node & 1
      return space.successors[node >> 1].map { edge in
        (target: edge.target * 2 + (edge.choice.isCritical ? 1 : taken), value: edge.choice.totalPoints)
      }
    }
    let afterCritical = PathOptimum.solve(
      nodeCount: space.stateCount * 2, start: 0, edges: edges,
      isTerminal: { $0 & 1 == 1 && space.isEnding[$0 >> 1] }, maximise: true)
    bestWithCritical = afterCritical?.total
    bestWithCriticalShare = afterCritical.flatMap { range > 0 ? (Double($0.total) - Double(worst)) / Double(range) : nil }
    let toSafe = PathOptimum.solve(
      nodeCount: space.stateCount * 2, start: 0, edges: edges,
      isTerminal: { node in
        node & 1 == 1 && space.isEnding[node >> 1]
          && scenario.passages[space.keys[node >> 1].passageID]?.ending?.outcome == .safe
      }, maximise: false)
    criticalToSafe = toSafe.map { path in
      WitnessPath(space: space, steps: path.steps.map { StateSpace.Step(state: $0.node >> 1, edge: $0.edge) })
    }
  }

  /// The position of the first edge with the largest measure (ties go to the first as written).
  static func firstMaximum(_ edges: [StateSpace.Edge], _ measure: (StateSpace.Edge) -> Int) -> Int {
    var best = 0
    for position in edges.indices.dropFirst() where measure(edges[position]) > measure(edges[best]) {
      best = position
    }
    return best
  }

  /// Plays one deterministic strategy; nil if it goes round a loop for ever.
  static func follow(_ space: StateSpace, pick: ([StateSpace.Edge]) -> Int) -> (total: Int, ending: String)? {
    var state = 0
    var total = 0
    var visited: Set<Int> = []
    while !space.isEnding[state] {
      let out = space.successors[state]
      guard !out.isEmpty, visited.insert(state).inserted else { return nil }
      let edge = out[pick(out)]
      total += edge.choice.totalPoints
      state = edge.target
    }
    return (total, space.keys[state].passageID)
  }

  /// The expected total when every visible option is equally likely at every decision. Solved
  /// exactly component by component in reverse topological order; inside a loop the expectation
  /// is the fixed point of the averaging equations, found by iteration (it converges because an
  /// ending can be reached from every state of a scenario that checks clean). Nil when play can
  /// get stuck away from an ending.
  static func expectedRandomTotal(_ space: StateSpace) -> Double? {
    let components = StronglyConnectedComponents(
      nodeCount: space.stateCount, start: 0, edges: { space.successors[$0].map(\.target) })
    var expected = [Double?](repeating: nil, count: space.stateCount)
    for members in components.members {
      if members.count == 1, let state = members.first {
        // One state, perhaps with choices that stay in it (a flag set twice): solved exactly,
        // E = (sum of the ways out + sum of the loops' points) / (choices - loops).
        if space.isEnding[state] {
          expected[state] = 0
          continue
        }
        let out = space.successors[state]
        let loops = out.filter { $0.target == state }
        guard loops.count < out.count else { return nil }
        var sum = loops.reduce(0.0) { $0 + Double($1.choice.totalPoints) }
        for edge in out where edge.target != state {
          guard let next = expected[edge.target] else { return nil }
          sum += Double(edge.choice.totalPoints) + next
        }
        expected[state] = sum / Double(out.count - loops.count)
        continue
      }
      for state in members { expected[state] = space.isEnding[state] ? 0 : 0 }
      for _ in 0..<100_000 {
        var change = 0.0
        for state in members where !space.isEnding[state] {
          guard let value = average(space, state, expected) else { return nil }
          change = max(change, abs(value - (expected[state] ?? 0)))
          expected[state] = value
        }
        if change < 1e-10 { break }
      }
    }
    return expected[0] ?? nil
  }

  private static func average(_ space: StateSpace, _ state: Int, _ expected: [Double?]) -> Double? {
    if space.isEnding[state] { return 0 }
    let out = space.successors[state]
    guard !out.isEmpty else { return nil }
    var sum = 0.0
    for edge in out {
      guard let next = expected[edge.target] else { return nil }
      sum += Double(edge.choice.totalPoints) + next
    }
    return sum / Double(out.count)
  }
}
