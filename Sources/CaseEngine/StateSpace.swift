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
      for choice in engine.visibleChoices(state) {
        guard let reached = try? engine.choose(choice.index, in: state) else { continue }
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

  /// The best (or worst) total of `value` over the choices from state `from` to any ending, with
  /// a path that achieves it; nil when no ending can be reached.
  ///
  /// Iterative (no recursion), so chains of tens of thousands of passages cannot overflow the
  /// stack. An edge back to a state still being explored (a loop) is ignored: going round a loop
  /// cannot add to the optimum.
  public func optimum(from: Int = 0, maximise: Bool, value: (Choice) -> Int) -> (total: Int, steps: [Step])? {
    let unsolved = Int.min
    var total = [Int](repeating: unsolved, count: keys.count)
    var chosen = [Int](repeating: -1, count: keys.count)
    var solved = [Bool](repeating: false, count: keys.count)
    var onStack = [Bool](repeating: false, count: keys.count)
    var stack: [(state: Int, edge: Int)] = [(from, 0)]
    onStack[from] = true
    while let top = stack.last {
      let state = top.state
      if isEnding[state] {
        total[state] = 0
        solved[state] = true
        stack.removeLast()
        onStack[state] = false
        continue
      }
      let out = successors[state]
      if top.edge < out.count {
        stack[stack.count - 1].edge += 1
        let target = out[top.edge].target
        if !solved[target] && !onStack[target] {
          stack.append((target, 0))
          onStack[target] = true
        }
        continue
      }
      var best = unsolved
      var bestEdge = -1
      for (position, edge) in out.enumerated() where solved[edge.target] && total[edge.target] != unsolved {
        let candidate = value(edge.choice) + total[edge.target]
        if bestEdge < 0 || (maximise ? candidate > best : candidate < best) {
          best = candidate
          bestEdge = position
        }
      }
      total[state] = best
      chosen[state] = bestEdge
      solved[state] = true
      stack.removeLast()
      onStack[state] = false
    }
    guard total[from] != unsolved else { return nil }
    var steps: [Step] = []
    var cursor = from
    var visited = Set<Int>()
    while !isEnding[cursor], chosen[cursor] >= 0, visited.insert(cursor).inserted {
      steps.append(Step(state: cursor, edge: chosen[cursor]))
      cursor = successors[cursor][chosen[cursor]].target
    }
    return (total[from], steps)
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
