public import CaseEngine
import CaseFormat

/// The reachable state space in an order fit for dynamic programming: every state after all the
/// states it leads to (a post-order), with the edges that close loops marked.
///
/// Everything the analysis computes (path counts, shortest and longest paths, reachability) is a
/// pass over this order, so its cost grows with the number of reachable states, never with the
/// number of paths.
public struct StateGraph: Sendable {
  public let space: StateSpace
  /// State numbers such that each comes after every state its forward edges lead to.
  public let postOrder: [Int]
  /// For each state, the positions of its edges that close a loop.
  public let loopEdges: [Set<Int>]
  public let hasLoops: Bool
  /// How many (state, choice) transitions exist.
  public let edgeCount: Int

  public init(engine: Engine) {
    self.init(space: StateSpace(engine: engine))
  }

  public init(space: StateSpace) {
    self.space = space
    let count = space.stateCount
    var order: [Int] = []
    order.reserveCapacity(count)
    var loops = [Set<Int>](repeating: [], count: count)
    var done = [Bool](repeating: false, count: count)
    var onStack = [Bool](repeating: false, count: count)
    var anyLoop = false
    var stack: [(state: Int, edge: Int)] = [(0, 0)]
    onStack[0] = true
    while let top = stack.last {
      let out = space.successors[top.state]
      if top.edge < out.count {
        stack[stack.count - 1].edge += 1
        let target = out[top.edge].target
        if onStack[target] {
          loops[top.state].insert(top.edge)
          anyLoop = true
        } else if !done[target] {
          stack.append((target, 0))
          onStack[target] = true
        }
        continue
      }
      stack.removeLast()
      onStack[top.state] = false
      done[top.state] = true
      order.append(top.state)
    }
    postOrder = order
    loopEdges = loops
    hasLoops = anyLoop
    edgeCount = space.successors.reduce(0) { $0 + $1.count }
  }

  /// The edges out of a state that do not close a loop.
  public func forwardEdges(_ state: Int) -> [StateSpace.Edge] {
    let out = space.successors[state]
    guard !loopEdges[state].isEmpty else { return out }
    return out.enumerated().filter { !loopEdges[state].contains($0.offset) }.map(\.element)
  }

  /// For each state, whether some ending can be reached from it (loops included).
  public func reachesAnEnding() -> [Bool] {
    var reverse = [[Int]](repeating: [], count: space.stateCount)
    var queue: [Int] = []
    var reached = [Bool](repeating: false, count: space.stateCount)
    for state in 0..<space.stateCount {
      if space.isEnding[state] {
        queue.append(state)
        reached[state] = true
      }
      for edge in space.successors[state] { reverse[edge.target].append(state) }
    }
    while let state = queue.popLast() {
      for source in reverse[state] where !reached[source] {
        reached[source] = true
        queue.append(source)
      }
    }
    return reached
  }
}
