import BigInt

/// Counting over the independent reference's state graph (`ReferencePlay.moves`), with no code
/// from `ScenarioAnalysis`, `StateSpace` or `PathOptimum`: each move is its own path (two
/// choices into the same state are two paths), and an ending state ends exactly one path.
extension ReferencePlay {
  /// The states in an order where every state comes after all the states its moves reach, or nil
  /// if some cycle can be reached (then the number of paths is unbounded).
  private func reverseTopologicalOrder() -> [State]? {
    enum Mark { case open, done }
    var mark: [State: Mark] = [:]
    var order: [State] = []
    // Iterative depth-first search: a recursion 10,000 states deep would overflow the stack.
    var stack: [(State, Int)] = [(start, 0)]
    mark[start] = .open
    while let (state, next) = stack.popLast() {
      let out = moves[state] ?? []
      if next < out.count {
        stack.append((state, next + 1))
        let target = out[next].target
        switch mark[target] {
        case .open: return nil
        case .done: continue
        case nil:
          mark[target] = .open
          stack.append((target, 0))
        }
      } else {
        mark[state] = .done
        order.append(state)
      }
    }
    return order
  }

  /// The number of complete paths from the start to an ending; nil if a loop makes it unbounded.
  func pathCount() -> BigUInt? {
    guard let order = reverseTopologicalOrder() else { return nil }
    var paths: [State: BigUInt] = [:]
    for state in order {
      paths[state] = isEnding(state) ? 1 : (moves[state] ?? []).reduce(BigUInt(0)) { $0 + (paths[$1.target] ?? 0) }
    }
    return paths[start]
  }

  /// Every total that some complete path scores; nil if a loop can be reached.
  func achievableTotals() -> Set<Int>? {
    guard let order = reverseTopologicalOrder() else { return nil }
    var totals: [State: Set<Int>] = [:]
    for state in order {
      if isEnding(state) {
        totals[state] = [0]
        continue
      }
      var here: Set<Int> = []
      for move in moves[state] ?? [] {
        for rest in totals[move.target] ?? [] { here.insert(move.points + rest) }
      }
      totals[state] = here
    }
    return totals[start]
  }
}
