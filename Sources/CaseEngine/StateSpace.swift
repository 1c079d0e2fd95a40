public import CaseFormat

/// The reachable states of a scenario for one role, explored once: passage x flags x counters,
/// not the (possibly astronomical) set of paths. Scoring uses it for "best achievable" figures.
public struct StateSpace: Sendable {
  /// Edges out of each reachable state: the choice taken and the state it leads to.
  public struct Edge: Sendable {
    public var choice: Choice
    public var target: StateKey
  }

  public let engine: Engine
  public private(set) var start: StateKey
  public private(set) var edges: [StateKey: [Edge]] = [:]
  /// True when exploration stopped at `limit` states (counters that grow in a loop).
  public private(set) var isTruncated = false

  public init(engine: Engine, limit: Int = 500_000) {
    self.engine = engine
    let initial = engine.start()
    start = initial.key
    var stack = [initial]
    var seen: Set<StateKey> = [initial.key]
    while let state = stack.popLast() {
      var out: [Edge] = []
      for choice in engine.visibleChoices(state) {
        guard let next = try? engine.choose(choice.index, in: stateForExploration(state)) else { continue }
        out.append(Edge(choice: choice, target: next.key))
        if seen.insert(next.key).inserted {
          if seen.count > limit {
            isTruncated = true
            continue
          }
          stack.append(stateForExploration(next))
        }
      }
      edges[state.key] = out
    }
  }

  /// Exploration only needs the future-deciding part of the state; dropping history keeps memory
  /// proportional to the number of states.
  private func stateForExploration(_ state: PlayState) -> PlayState {
    PlayState(passageID: state.passageID, flags: state.flags, counters: state.counters)
  }

  public var stateCount: Int { edges.count }

  /// The best (or worst) total of `value` over choices from `from` to any ending, with the
  /// choices that achieve it. A cycle contributes nothing more once a state repeats on the path.
  public func optimum(
    from: StateKey? = nil, maximise: Bool, value: (Choice) -> Int
  ) -> (total: Int, choices: [Choice])? {
    var memo: [StateKey: (Int, [Choice])?] = [:]
    var onPath: Set<StateKey> = []

    func solve(_ key: StateKey) -> (Int, [Choice])? {
      if let known = memo[key] { return known }
      if engine.scenario.passages[key.passageID]?.isEnding == true {
        memo[key] = (0, [])
        return (0, [])
      }
      guard onPath.insert(key).inserted else { return nil }
      defer { onPath.remove(key) }
      var best: (Int, [Choice])?
      for edge in edges[key] ?? [] {
        guard let (rest, restChoices) = solve(edge.target) else { continue }
        let total = value(edge.choice) + rest
        if let current = best, maximise ? total <= current.0 : total >= current.0 { continue }
        best = (total, [edge.choice] + restChoices)
      }
      memo[key] = .some(best)
      return best
    }
    return solve(from ?? start)
  }
}
