public import BigInt
public import CaseEngine
public import CaseFormat
import CaseScoring

/// Exhaustive analysis of a scenario for one role over its whole state space (passage x flags x
/// counters): what can happen, how many ways, and what the scoring rewards.
public struct ScenarioAnalysis: Sendable {
  public struct Counts: Sendable, Equatable, Codable {
    public var passages: Int
    public var choices: Int
    public var decisionPoints: Int
    public var endings: Int
    public var reachableStates: Int
    public var stateEdges: Int
  }

  public struct EndingReport: Sendable, Equatable, Codable {
    public var passageID: String
    public var outcome: Outcome
    public var reachable: Bool
    /// The shortest playthrough reaching it.
    public var witness: WitnessPath?
  }

  public struct ScoreExtreme: Sendable, Equatable, Codable {
    public var total: Int
    public var witness: WitnessPath
  }

  public struct PrincipleRange: Sendable, Equatable, Codable {
    public var guidanceID: String
    public var best: ScoreExtreme?
    public var worst: ScoreExtreme?
  }

  public struct CriticalReport: Sendable, Equatable, Codable {
    public var passageID: String
    public var choiceIndex: Int
    public var text: String
    public var reason: String?
    /// Whether any playthrough can take it.
    public var reachable: Bool
    public var onBestPath: Bool
  }

  public let scenarioID: String
  public let role: String
  public let counts: Counts
  /// Distinct complete paths (start to an ending); nil when loops make the number unbounded.
  public let pathCount: BigUInt?
  /// Fewest and most decisions on a complete path; `longest` is nil when loops make it unbounded.
  public let shortestPath: Int?
  public let longestPath: Int?
  public let endings: [EndingReport]
  public let best: ScoreExtreme?
  public let worst: ScoreExtreme?
  public let principles: [PrincipleRange]
  public let critical: [CriticalReport]
  /// True when some best-scoring path takes no critical choice.
  public let bestPathAvoidsCritical: Bool
  /// True when the state space was too large to explore completely.
  public let isTruncated: Bool
  /// Which bound stopped exploration, in words ("more than 1000000 reachable states"), or nil.
  public let truncation: String?
  /// What naive strategies and critical choices can score (see ``ScoringIntegrity``).
  public let integrity: ScoringIntegrity
  /// Scoring choices a playthrough can take twice (an error: the points would count twice).
  public let repeatableScoredChoices: [CriticalReport]

  /// Analyses `role`'s play of `scenario`, exploring up to `stateLimit` states and
  /// `transitionLimit` transitions (nil: the default for the scenario's size, see
  /// ``StateSpace/Bounds``).
  public init(scenario: Scenario, role: String, stateLimit: Int? = nil, transitionLimit: Int? = nil) {
    let engine = Engine(scenario: scenario, role: role)
    let graph = StateGraph(space: StateSpace(engine: engine, limit: stateLimit, transitionLimit: transitionLimit))
    let space = graph.space
    scenarioID = scenario.id
    self.role = role
    isTruncated = space.isTruncated
    truncation = space.truncation
    let passages = scenario.orderedPassages
    counts = Counts(
      passages: passages.count, choices: passages.reduce(0) { $0 + $1.choices.count },
      decisionPoints: scenario.decisionPointCount, endings: passages.filter(\.isEnding).count,
      reachableStates: space.stateCount, stateEdges: graph.edgeCount)

    // Path counts and lengths: one pass in post-order over numbered states. Counts are added in
    // 64 bits and again in arbitrary precision only if some count overflows.
    let n = space.stateCount
    var shortest = [Int32](repeating: -1, count: n)
    var longest = [Int32](repeating: -1, count: n)
    var paths = [UInt64](repeating: 0, count: n)
    var overflowed = false
    for member in graph.postOrder {
      let state = Int(member)
      if space.isEnding[state] {
        paths[state] = 1
        shortest[state] = 0
        longest[state] = 0
        continue
      }
      var count: UInt64 = 0
      var low: Int32 = -1
      var high: Int32 = -1
      for edge in space.edges(of: state) where !graph.closesLoop[edge] {
        let target = Int(space.edgeTarget[edge])
        let (sum, overflow) = count.addingReportingOverflow(paths[target])
        count = sum
        overflowed = overflowed || overflow
        if shortest[target] >= 0, low < 0 || shortest[target] + 1 < low { low = shortest[target] + 1 }
        if longest[target] >= 0, longest[target] + 1 > high { high = longest[target] + 1 }
      }
      paths[state] = count
      shortest[state] = low
      longest[state] = high
    }
    if graph.hasLoops || n == 0 {
      pathCount = nil
    } else if !overflowed {
      pathCount = BigUInt(paths[0])
    } else {
      var big = [BigUInt](repeating: 0, count: n)
      for member in graph.postOrder {
        let state = Int(member)
        if space.isEnding[state] {
          big[state] = 1
          continue
        }
        var count: BigUInt = 0
        for edge in space.edges(of: state) where !graph.closesLoop[edge] { count += big[Int(space.edgeTarget[edge])] }
        big[state] = count
      }
      pathCount = big[0]
    }
    shortestPath = n > 0 && shortest[0] >= 0 ? Int(shortest[0]) : nil
    longestPath = graph.hasLoops || n == 0 || longest[0] < 0 ? nil : Int(longest[0])

    // Ending reachability, each with its shortest witness (breadth-first from the start).
    var parent = [StateSpace.Step?](repeating: nil, count: n)
    var seen = [Bool](repeating: false, count: n)
    var firstReach: [String: Int] = [:]
    seen[0] = true
    if space.isEnding[0] { firstReach[space.passageID(of: 0)] = 0 }
    var frontier = [0]
    while !frontier.isEmpty {
      var next: [Int] = []
      for state in frontier {
        for edge in space.edges(of: state) {
          let target = Int(space.edgeTarget[edge])
          guard !seen[target] else { continue }
          seen[target] = true
          parent[target] = StateSpace.Step(state: state, edge: edge - space.edgeStart[state])
          if space.isEnding[target] {
            let id = space.passageID(of: target)
            if firstReach[id] == nil { firstReach[id] = target }
          }
          next.append(target)
        }
      }
      frontier = next
    }
    func witness(to state: Int) -> WitnessPath {
      var steps: [StateSpace.Step] = []
      var cursor = state
      while let step = parent[cursor] {
        steps.append(step)
        cursor = step.state
      }
      return WitnessPath(space: space, steps: steps.reversed())
    }
    endings = passages.filter(\.isEnding).map { passage in
      let reached = firstReach[passage.id]
      return EndingReport(
        passageID: passage.id, outcome: passage.ending?.outcome ?? .unsafe, reachable: reached != nil,
        witness: reached.map(witness(to:)))
    }

    // Score extremes, overall and per principle: one value per compiled choice for each.
    func extreme(_ maximise: Bool, _ values: [Int]) -> ScoreExtreme? {
      space.optimum(maximise: maximise, values: values).map {
        ScoreExtreme(total: $0.total, witness: WitnessPath(space: space, steps: $0.steps))
      }
    }
    // The best total, reached with as few critical choices as possible: one optimum serves the
    // score range, the witness and the critical-choice questions below.
    let bestPath = space.bestPathPreferringSafety()
    best = bestPath.map { ScoreExtreme(total: $0.total, witness: WitnessPath(space: space, steps: $0.steps)) }
    worst = extreme(false, space.compiled.choices.map(\.points))
    let used = scenario.guidanceIDsUsed
    var byPrinciple = [String: [Int]](uniqueKeysWithValues: used.map { ($0, [Int](repeating: 0, count: space.compiled.choices.count)) })
    for number in space.compiled.choices.indices {
      for score in space.compiled.choice(number).scores { byPrinciple[score.guidanceID]?[number] += score.points }
    }
    principles = used.map { id in
      let values = byPrinciple[id] ?? []
      return PrincipleRange(guidanceID: id, best: extreme(true, values), worst: extreme(false, values))
    }

    // Critical choices: reachable at all? on the best path? Can the best total be had without one?
    let takeable = Set(space.takenChoices.map(\.choice).filter(\.isCritical).map(\.location))
    let onBest = Set(bestPath.map { space.choices(along: $0.steps) }?.filter(\.isCritical).map(\.location) ?? [])
    critical = passages.flatMap { passage in
      passage.choices.filter(\.isCritical).map { choice in
        CriticalReport(
          passageID: passage.id, choiceIndex: choice.index, text: choice.text,
          reason: choice.critical?.reason, reachable: takeable.contains(choice.location),
          onBestPath: onBest.contains(choice.location))
      }
    }
    bestPathAvoidsCritical = onBest.isEmpty
    integrity = ScoringIntegrity(space: space, scenario: scenario, best: best?.total, worst: worst?.total)
    repeatableScoredChoices = space.repeatableScoredChoices().map { choice in
      let passage = passages.first { $0.choices.contains(choice) }?.id ?? ""
      return CriticalReport(
        passageID: passage, choiceIndex: choice.index, text: choice.text, reason: nil, reachable: true,
        onBestPath: false)
    }
  }

  /// True when some best-scoring playthrough takes no critical choice.
  public static func bestPathAvoidsCritical(_ space: StateSpace) -> Bool {
    !bestPathPreferringSafety(space).contains(where: \.isCritical)
  }

  /// The choices of a best-scoring playthrough that takes as few critical choices as it can.
  public static func bestPathPreferringSafety(_ space: StateSpace) -> [Choice] {
    space.bestPathPreferringSafety().map { space.choices(along: $0.steps) } ?? []
  }
}
