public import CaseFormat

/// The reachable states of a team playing a scenario together: every role's track, the shared
/// flags and counters, and who knows what. The checker reads it for what only team play shows:
/// a meeting some role can never reach (a deadlock), passages and conditions that only a team
/// reaches, and facts nobody ever learns.
///
/// Tracks interleave freely, so the space is the product of the roles' own progress: far larger
/// than one role's. It is explored over the readable engine, breadth first, up to a bound that is
/// reported (``truncation``) rather than silent; a state is its ``StateKey``, so two orders of the
/// same independent decisions meet in one state.
public struct TeamSpace: Sendable {
  /// How many team states exploration visits at most, unless told otherwise.
  public static let defaultLimit = 200_000

  public let engine: Engine
  /// The states, numbered in the order found (the start is 0).
  public private(set) var keys: [StateKey] = []
  /// For each state, the decisions on offer and the state each leads to.
  public private(set) var successors: [[(decision: TakenDecision, target: Int)]] = []
  /// For each state but the start, the state it was first reached from and the decision taken.
  private var parents: [(state: Int, decision: TakenDecision)?] = []
  /// Why exploration stopped early, or nil when every reachable state was visited.
  public private(set) var truncation: String?

  public var isTruncated: Bool { truncation != nil }
  public var stateCount: Int { keys.count }

  /// Explores the team's states from the start, up to `limit` states.
  public init(engine: Engine, limit: Int? = nil) {
    self.engine = engine
    let limit = max(1, limit ?? Self.defaultLimit)
    var numbers: [StateKey: Int] = [:]
    let start = engine.start().key
    numbers[start] = 0
    keys = [start]
    parents = [nil]
    var next = 0
    while next < keys.count {
      let state = self.state(next)
      var edges: [(decision: TakenDecision, target: Int)] = []
      for (track, role) in engine.team.enumerated() where !engine.isFinished(state) {
        for choice in engine.visibleChoices(state, for: role) where engine.scenario.passages[choice.target] != nil {
          guard let after = try? engine.choose(choice.index, for: role, in: state) else { continue }
          let decision = TakenDecision(passageID: state.tracks[track].passageID, choiceIndex: choice.index, role: role)
          let key = after.key
          if let known = numbers[key] {
            edges.append((decision, known))
          } else if keys.count < limit {
            numbers[key] = keys.count
            keys.append(key)
            parents.append((next, decision))
            edges.append((decision, keys.count - 1))
          } else {
            truncation = "more than \(limit) reachable team states (every role playing together)"
          }
        }
      }
      successors.append(edges)
      next += 1
    }
  }

  /// State `number` as play would hold it (with no history: only what decides the future).
  public func state(_ number: Int) -> PlayState {
    let key = keys[number]
    return PlayState(
      tracks: key.positions.map { PlayState.Track(passageID: $0) }, flags: key.flags, counters: key.counters,
      knowledge: key.knowledge)
  }

  /// The decisions of the first playthrough found that reaches state `number`, in order.
  public func witness(_ number: Int) -> [TakenDecision] {
    var decisions: [TakenDecision] = []
    var at = number
    while let (parent, decision) = parents[at] {
      decisions.append(decision)
      at = parent
    }
    return decisions.reversed()
  }

  /// States where play has not ended and nobody has a decision to take: every role is waiting at
  /// a meeting that cannot begin, or at a passage with nothing on offer to it.
  public var deadlocks: [Int] {
    keys.indices.filter { number in
      let state = self.state(number)
      return !engine.isFinished(state) && engine.rolesToAct(state).isEmpty
    }
  }

  /// The best and worst totals a team can reach from the start to an ending (a choice's points
  /// counted each time it is taken, as no scoring choice can be taken twice in a playable
  /// scenario); nil when no ending is reachable or the space was cut short by its bound.
  public func scoreRange() -> ClosedRange<Int>? {
    guard !isTruncated else { return nil }
    var best = [Int?](repeating: nil, count: stateCount)
    var worst = [Int?](repeating: nil, count: stateCount)
    var done = [Bool](repeating: false, count: stateCount)
    var onStack = [Bool](repeating: false, count: stateCount)
    // Depth first, after the successors: a state's range is its edges' points plus their ranges.
    // An edge back to a state still on the stack closes a loop, which can add nothing to the
    // best or worst path to an ending, so it is left out.
    var stack: [(state: Int, next: Int)] = [(0, 0)]
    onStack[0] = true
    while let (state, next) = stack.last {
      let edges = successors[state]
      if next < edges.count {
        stack[stack.count - 1].next += 1
        let target = edges[next].target
        if !done[target] && !onStack[target] {
          onStack[target] = true
          stack.append((target, 0))
        }
        continue
      }
      stack.removeLast()
      onStack[state] = false
      done[state] = true
      if engine.isFinished(self.state(state)) {
        best[state] = 0
        worst[state] = 0
        continue
      }
      for edge in edges where done[edge.target] {
        let points = engine.choice(for: edge.decision)?.totalPoints ?? 0
        if let high = best[edge.target] { best[state] = max(best[state] ?? Int.min, high + points) }
        if let low = worst[edge.target] { worst[state] = min(worst[state] ?? Int.max, low + points) }
      }
    }
    guard let low = worst[0], let high = best[0] else { return nil }
    return low...high
  }
}
