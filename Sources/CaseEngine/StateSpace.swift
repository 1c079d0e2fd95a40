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
  /// choices that achieve it; nil when no ending can be reached.
  ///
  /// Iterative (no recursion), so a chain of tens of thousands of passages cannot overflow the
  /// stack. An edge back to a state still being explored (a loop) is ignored: going round a loop
  /// cannot add to the optimum.
  public func optimum(
    from: StateKey? = nil, maximise: Bool, value: (Choice) -> Int
  ) -> (total: Int, choices: [Choice])? {
    struct Best {
      var total: Int
      var choice: Choice?
      var next: StateKey?
    }
    let origin = from ?? start
    var solved: [StateKey: Best?] = [:]
    var onStack: Set<StateKey> = []
    // Each frame: a state and how many of its edges have been looked at.
    var stack: [(key: StateKey, edge: Int)] = [(origin, 0)]
    onStack.insert(origin)
    while let top = stack.last {
      let key = top.key
      if engine.scenario.passages[key.passageID]?.isEnding == true {
        solved[key] = .some(Best(total: 0, choice: nil, next: nil))
        stack.removeLast()
        onStack.remove(key)
        continue
      }
      let out = edges[key] ?? []
      if top.edge < out.count {
        stack[stack.count - 1].edge += 1
        let target = out[top.edge].target
        if solved[target] == nil && !onStack.contains(target) {
          stack.append((target, 0))
          onStack.insert(target)
        }
        continue
      }
      var best: Best?
      for edge in out {
        guard let solvedTarget = solved[edge.target], let rest = solvedTarget else { continue }
        let total = value(edge.choice) + rest.total
        if let current = best, maximise ? total <= current.total : total >= current.total { continue }
        best = Best(total: total, choice: edge.choice, next: edge.target)
      }
      solved[key] = .some(best)
      stack.removeLast()
      onStack.remove(key)
    }
    guard let first = solved[origin], let result = first else { return nil }
    var choices: [Choice] = []
    var cursor: Best? = result
    var seen: Set<StateKey> = []
    while let step = cursor, let choice = step.choice, let next = step.next, seen.insert(next).inserted {
      choices.append(choice)
      cursor = solved[next] ?? nil
    }
    return (result.total, choices)
  }
}
