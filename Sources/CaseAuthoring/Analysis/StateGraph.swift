public import CaseEngine
import CaseFormat

/// The reachable state space in an order fit for dynamic programming: every state after all the
/// states it leads to (a post-order), with the edges that close loops marked.
///
/// Everything the analysis computes (path counts, shortest and longest paths, reachability) is a
/// pass over this order, so its cost grows with the number of reachable states and edges, never
/// with the number of paths. Edges are the space's (see ``StateSpace/edges(of:)``), marked in a
/// flat array, so the graph adds a few bytes a state.
public struct StateGraph: Sendable {
  public let space: StateSpace
  /// State numbers such that each comes after every state its forward edges lead to.
  public let postOrder: [Int32]
  /// For each edge of the space, whether it closes a loop (leads back to a state on the current
  /// depth-first path).
  public let closesLoop: [Bool]
  public let hasLoops: Bool
  /// How many (state, choice) transitions exist.
  public var edgeCount: Int { space.edgeCount }

  public init(engine: Engine) {
    self.init(space: StateSpace(engine: engine))
  }

  public init(space: StateSpace) {
    self.space = space
    let count = space.stateCount
    var order: [Int32] = []
    order.reserveCapacity(count)
    var loops = [Bool](repeating: false, count: space.edgeCount)
    // 0: not yet seen, 1: on the depth-first path, 2: done.
    var mark = [UInt8](repeating: 0, count: count)
    var anyLoop = false
    var stack: [(state: Int32, edge: Int)] = [(0, space.edgeStart[0])]
    mark[0] = 1
    while let top = stack.last {
      let state = Int(top.state)
      if top.edge < space.edgeStart[state + 1] {
        stack[stack.count - 1].edge += 1
        let target = Int(space.edgeTarget[top.edge])
        if mark[target] == 1 {
          loops[top.edge] = true
          anyLoop = true
        } else if mark[target] == 0 {
          stack.append((Int32(target), space.edgeStart[target]))
          mark[target] = 1
        }
        continue
      }
      stack.removeLast()
      mark[state] = 2
      order.append(Int32(state))
    }
    postOrder = order
    closesLoop = loops
    hasLoops = anyLoop
  }

  /// For each state, whether some ending can be reached from it (loops included).
  public func reachesAnEnding() -> [Bool] {
    let count = space.stateCount
    // The reversed edges in compressed form.
    var reverseStart = [Int](repeating: 0, count: count + 1)
    for edge in 0..<space.edgeCount { reverseStart[Int(space.edgeTarget[edge]) + 1] += 1 }
    for state in 0..<count { reverseStart[state + 1] += reverseStart[state] }
    var fill = reverseStart
    var reverseSource = [Int32](repeating: 0, count: space.edgeCount)
    for state in 0..<count {
      for edge in space.edges(of: state) {
        let target = Int(space.edgeTarget[edge])
        reverseSource[fill[target]] = Int32(state)
        fill[target] += 1
      }
    }
    var reached = [Bool](repeating: false, count: count)
    var queue: [Int32] = []
    for state in 0..<count where space.isEnding[state] {
      reached[state] = true
      queue.append(Int32(state))
    }
    while let state = queue.popLast() {
      for source in reverseSource[reverseStart[Int(state)]..<reverseStart[Int(state) + 1]] where !reached[Int(source)] {
        reached[Int(source)] = true
        queue.append(source)
      }
    }
    return reached
  }
}
