public import CaseFormat

/// The reachable states of a scenario for one role, explored once: passage x flags x counters,
/// not the (possibly astronomical) set of paths. Scoring and analysis run over it.
///
/// States are numbered (the start is 0) and edges point at numbers, so the passes over the space
/// work on arrays rather than hashing states again and again; their cost grows linearly with the
/// number of reachable states and transitions.
public struct StateSpace: Sendable {
  /// An edge out of a state: the choice taken and the number of the state it leads to.
  public struct Edge: Sendable {
    public var choice: Choice
    public var target: Int
  }

  /// One step of a path through the space: the state and the position of the edge taken, which is
  /// also the choice's position among those visible (so `edge + 1` is what a trainee types).
  public struct Step: Sendable, Equatable {
    public var state: Int
    public var edge: Int

    public init(state: Int, edge: Int) {
      self.state = state
      self.edge = edge
    }
  }

  public let engine: Engine
  /// Each reachable state by number; state 0 is the start.
  public private(set) var keys: [StateKey] = []
  /// Edges out of each state, in the order the choices are shown.
  public private(set) var successors: [[Edge]] = []
  /// True for states at an ending.
  public private(set) var isEnding: [Bool] = []
  /// True when exploration stopped at `limit` states.
  public private(set) var isTruncated = false
  private var numbers: [StateKey: Int] = [:]

  public init(engine: Engine, limit: Int = 500_000) {
    self.engine = engine
    let initial = engine.start()
    var pending = [Self.strip(initial)]
    add(initial.key)
    var next = 0
    while next < pending.count {
      let state = pending[next]
      var out: [Edge] = []
      for choice in engine.visibleChoices(state) where engine.scenario.passages[choice.target] != nil {
        let reached = engine.taking(choice, from: state)
        if let known = numbers[reached.key] {
          out.append(Edge(choice: choice, target: known))
        } else if keys.count < limit {
          out.append(Edge(choice: choice, target: add(reached.key)))
          pending.append(Self.strip(reached))
        } else {
          isTruncated = true
        }
      }
      successors[next] = out
      next += 1
    }
  }

  @discardableResult
  private mutating func add(_ key: StateKey) -> Int {
    let number = keys.count
    keys.append(key)
    numbers[key] = number
    successors.append([])
    isEnding.append(engine.scenario.passages[key.passageID]?.isEnding == true)
    return number
  }

  /// Exploration needs only the future-deciding part of a state; dropping history keeps memory
  /// proportional to the number of states.
  private static func strip(_ state: PlayState) -> PlayState {
    PlayState(passageID: state.passageID, flags: state.flags, counters: state.counters)
  }

  public var stateCount: Int { keys.count }
  public var start: StateKey { keys[0] }

  /// Passages some playthrough reaches.
  public var reachablePassageIDs: Set<String> { Set(keys.map(\.passageID)) }

  /// The number of a reachable state, or nil.
  public func number(of key: StateKey) -> Int? { numbers[key] }

  /// The best (or worst) total of `value` over the choices from state `from` to any ending, with
  /// a path that achieves it; nil when no ending can be reached. Exact with loops (see
  /// ``PathOptimum``): a loop is never gone round to add its value again.
  public func optimum(from: Int = 0, maximise: Bool, value: (Choice) -> Int) -> (total: Int, steps: [Step])? {
    guard let result = PathOptimum.solve(
      nodeCount: stateCount, start: from,
      edges: { state in successors[state].map { (target: $0.target, value: value($0.choice)) } },
      isTerminal: { isEnding[$0] }, maximise: maximise)
    else { return nil }
    return (result.total, result.steps.map { Step(state: $0.node, edge: $0.edge) })
  }

  /// A best-scoring playthrough that takes as few critical choices as it can: the best total
  /// first, then the fewest critical choices. A path takes at most one choice per state it
  /// visits, so weighting totals by the state count keeps them first; the total is recomputed
  /// from the path. Analysis, the checker and the debrief all measure against this one path.
  public func bestPathPreferringSafety() -> (total: Int, steps: [Step])? {
    let penalty = stateCount + 1
    guard let path = optimum(maximise: true, value: { $0.totalPoints * penalty - ($0.isCritical ? 1 : 0) })
    else { return nil }
    return (choices(along: path.steps).reduce(0) { $0 + $1.totalPoints }, path.steps)
  }

  /// The scoring choices that one playthrough can take more than once, each with a state from
  /// which it is taken again: a loop that would let a trainee collect the same points twice.
  ///
  /// A choice can come round again only if its passage lies on a loop of passages, so only those
  /// choices are searched, each with one pass over the states reachable after it.
  public func repeatableScoredChoices() -> [Choice] {
    let passageLoop = passagesOnLoops()
    var byChoice: [SourceLocation: (choice: Choice, sources: Set<Int>, targets: [Int])] = [:]
    var order: [SourceLocation] = []
    for (state, out) in successors.enumerated() where passageLoop.contains(keys[state].passageID) {
      for edge in out where !edge.choice.scores.isEmpty {
        let location = edge.choice.location
        if byChoice[location] == nil {
          byChoice[location] = (edge.choice, [], [])
          order.append(location)
        }
        byChoice[location]?.sources.insert(state)
        byChoice[location]?.targets.append(edge.target)
      }
    }
    var repeatable: [Choice] = []
    for location in order {
      guard let entry = byChoice[location] else { continue }
      var seen = Set(entry.targets)
      var pending = entry.targets
      var found = false
      while let state = pending.popLast(), !found {
        if entry.sources.contains(state) {
          found = true
          break
        }
        for edge in successors[state] where seen.insert(edge.target).inserted { pending.append(edge.target) }
      }
      if found { repeatable.append(entry.choice) }
    }
    return repeatable
  }

  /// Passages that lie on a loop of reachable passage-to-passage moves.
  private func passagesOnLoops() -> Set<String> {
    var ids: [String: Int] = [:]
    var names: [String] = []
    for key in keys where ids[key.passageID] == nil {
      ids[key.passageID] = names.count
      names.append(key.passageID)
    }
    var moves = [Set<Int>](repeating: [], count: names.count)
    for (state, out) in successors.enumerated() {
      let from = ids[keys[state].passageID]!
      for edge in out { moves[from].insert(ids[keys[edge.target].passageID]!) }
    }
    let sorted = moves.map { Array($0).sorted() }
    var onLoop: Set<String> = []
    var remaining = Set(0..<names.count)
    while let start = remaining.first {
      let components = StronglyConnectedComponents(nodeCount: names.count, start: start, edges: { sorted[$0] })
      for (node, index) in components.component.enumerated() where index >= 0 {
        remaining.remove(node)
        if components.isOnLoop(node, edges: { sorted[$0] }) { onLoop.insert(names[node]) }
      }
    }
    return onLoop
  }

  /// The choices along a path.
  public func choices(along steps: [Step]) -> [Choice] {
    steps.map { successors[$0.state][$0.edge].choice }
  }

  /// The decisions along a path, as the engine records them.
  public func decisions(along steps: [Step]) -> [TakenDecision] {
    steps.map { TakenDecision(passageID: keys[$0.state].passageID, choiceIndex: successors[$0.state][$0.edge].choice.index) }
  }
}
