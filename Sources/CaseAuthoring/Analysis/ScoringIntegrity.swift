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
        // A measure per compiled choice; the first edge with the largest is taken.
        let measure: [Int] = (0..<space.compiled.choices.count).map { number in
          switch strategy {
          case .longest: SurfaceCues.length(space.compiled.choice(number).text)
          case .keyword: cues.hits(in: space.compiled.choice(number).text)
          default: 0
          }
        }
        let walk = Self.follow(space, measure: measure)
        score = walk.map { Double($0.total) }
        ending = walk?.ending
      }
      results.append(
        StrategyResult(strategy: strategy, score: score, share: score.flatMap { range > 0 ? ($0 - Double(worst)) / Double(range) : nil }, endingID: ending))
    }
    strategies = results

    // Paths that take a critical choice: the state space twice over, once before a critical
    // choice and once after (node = state * 2 + taken).
    let doubled = Self.criticalLayers(space)
    let points = space.compiled.choices.map(\.points)
    // Which endings count as terminal changes nothing about the components: endings have no edges.
    let layers = StronglyConnectedComponents(
      nodeCount: space.stateCount * 2, start: 0, edgeStart: doubled.edgeStart, edgeTarget: doubled.edgeTarget)
    let afterCritical = PathOptimum.solve(
      nodeCount: space.stateCount * 2, start: 0, edgeStart: doubled.edgeStart, edgeTarget: doubled.edgeTarget,
      edgeLabel: doubled.edgeChoice, labelValue: points, isTerminal: doubled.endsAfterCritical, maximise: true, components: layers)
    bestWithCritical = afterCritical?.total
    bestWithCriticalShare = afterCritical.flatMap { range > 0 ? (Double($0.total) - Double(worst)) / Double(range) : nil }
    var safeAfterCritical = doubled.endsAfterCritical
    for node in safeAfterCritical.indices where safeAfterCritical[node] {
      safeAfterCritical[node] = scenario.passages[space.passageID(of: node >> 1)]?.ending?.outcome == .safe
    }
    let toSafe = PathOptimum.solve(
      nodeCount: space.stateCount * 2, start: 0, edgeStart: doubled.edgeStart, edgeTarget: doubled.edgeTarget,
      edgeLabel: doubled.edgeChoice, labelValue: points, isTerminal: safeAfterCritical, maximise: false, components: layers)
    criticalToSafe = toSafe.map { path in
      WitnessPath(space: space, steps: path.steps.map { StateSpace.Step(state: $0.node >> 1, edge: $0.edge) })
    }
  }

  /// The state space twice over (node = state * 2 + whether a critical choice has been taken),
  /// in compressed form: each node's edges are its state's edges in the same order, so an edge's
  /// position is the same in both, each labelled with its choice.
  static func criticalLayers(_ space: StateSpace) -> (edgeStart: [Int], edgeTarget: [Int32], edgeChoice: [Int32], endsAfterCritical: [Bool]) {
    var edgeStart = [0]
    edgeStart.reserveCapacity(space.stateCount * 2 + 1)
    var edgeTarget: [Int32] = []
    edgeTarget.reserveCapacity(space.edgeCount * 2)
    var edgeChoice: [Int32] = []
    edgeChoice.reserveCapacity(space.edgeCount * 2)
    var ends = [Bool](repeating: false, count: space.stateCount * 2)
    for state in 0..<space.stateCount {
      for taken in 0..<2 {
        for edge in space.edges(of: state) {
          let target = Int(space.edgeTarget[edge])
          let choice = space.compiled.choices[Int(space.edgeChoice[edge])]
          edgeTarget.append(Int32(target * 2 + (choice.isCritical ? 1 : taken)))
          edgeChoice.append(space.edgeChoice[edge])
        }
        edgeStart.append(edgeTarget.count)
      }
      ends[state * 2 + 1] = space.isEnding[state]
    }
    return (edgeStart, edgeTarget, edgeChoice, ends)
  }

  /// Plays one deterministic strategy, taking at each state the first edge whose choice has the
  /// largest measure (ties go to the first as written); nil if it goes round a loop for ever.
  static func follow(_ space: StateSpace, measure: [Int]) -> (total: Int, ending: String)? {
    var state = 0
    var total = 0
    var visited: Set<Int> = []
    while !space.isEnding[state] {
      let edges = space.edges(of: state)
      guard !edges.isEmpty, visited.insert(state).inserted else { return nil }
      var best = edges.lowerBound
      for edge in edges.dropFirst() where measure[Int(space.edgeChoice[edge])] > measure[Int(space.edgeChoice[best])] {
        best = edge
      }
      total += space.compiled.choices[Int(space.edgeChoice[best])].points
      state = Int(space.edgeTarget[best])
    }
    return (total, space.passageID(of: state))
  }

  /// The expected total when every visible option is equally likely at every decision. Solved
  /// exactly component by component in reverse topological order; inside a loop the expectation
  /// is the fixed point of the averaging equations, found by iteration (it converges because an
  /// ending can be reached from every state of a scenario that checks clean). Nil when play can
  /// get stuck away from an ending.
  static func expectedRandomTotal(_ space: StateSpace) -> Double? {
    // Endings have no edges, so the space's own components (endings' edges left out) serve.
    let components = space.components
    let points = space.compiled.choices.map(\.points)
    var expected = [Double](repeating: .nan, count: space.stateCount)
    for index in 0..<components.count {
      let members = components.members(index)
      if members.count == 1, let member = members.first {
        // One state, perhaps with choices that stay in it (a flag set twice): solved exactly,
        // E = (sum of the ways out + sum of the loops' points) / (choices - loops).
        let state = Int(member)
        if space.isEnding[state] {
          expected[state] = 0
          continue
        }
        let edges = space.edges(of: state)
        var loops = 0
        var sum = 0.0
        for edge in edges {
          let target = Int(space.edgeTarget[edge])
          let worth = Double(points[Int(space.edgeChoice[edge])])
          if target == state {
            loops += 1
            sum += worth
          } else {
            guard !expected[target].isNaN else { return nil }
            sum += worth + expected[target]
          }
        }
        guard loops < edges.count else { return nil }
        expected[state] = sum / Double(edges.count - loops)
        continue
      }
      for member in members { expected[Int(member)] = 0 }
      for _ in 0..<100_000 {
        var change = 0.0
        for member in members where !space.isEnding[Int(member)] {
          let state = Int(member)
          let edges = space.edges(of: state)
          guard !edges.isEmpty else { return nil }
          var sum = 0.0
          for edge in edges {
            let next = expected[Int(space.edgeTarget[edge])]
            guard !next.isNaN else { return nil }
            sum += Double(points[Int(space.edgeChoice[edge])]) + next
          }
          let value = sum / Double(edges.count)
          change = max(change, abs(value - expected[state]))
          expected[state] = value
        }
        if change < 1e-10 { break }
      }
    }
    return expected[0].isNaN ? nil : expected[0]
  }
}
