/// The best (or worst) total over the paths of a finite graph from one node to any terminal node,
/// with a path that achieves it.
///
/// Exact on graphs with loops: the strongly connected components are found first (Tarjan's
/// algorithm, iterative so that chains of millions of nodes cannot overflow the stack), and the
/// optimum is a pass over the components in reverse topological order. Inside a component every
/// node reaches every other, so a path may wander to whichever member has the best way out; the
/// edges inside a component must therefore carry no value, which is what the `scored-loop` check
/// guarantees for scenarios (a choice that scores can never be taken twice in one playthrough).
/// Values on such edges are ignored, never summed round and round.
///
/// The cost is linear in nodes and edges.
public struct PathOptimum: Sendable {
  /// One step of the path: the node and the position of the edge taken out of it.
  public struct Step: Sendable, Equatable {
    public var node: Int
    public var edge: Int
  }

  public var total: Int
  public var steps: [Step]

  /// - Parameters:
  ///   - nodeCount: nodes are numbered `0..<nodeCount`.
  ///   - start: where paths begin.
  ///   - edges: the edges out of a node, in a fixed order, each with the node it leads to and its
  ///     value.
  ///   - isTerminal: where a path may stop (a terminal node's own edges are never taken).
  ///   - maximise: best (true) or worst (false).
  /// - Returns: nil when no terminal node can be reached from `start`.
  public static func solve(
    nodeCount: Int, start: Int, edges: (Int) -> [(target: Int, value: Int)],
    isTerminal: (Int) -> Bool, maximise: Bool
  ) -> PathOptimum? {
    guard nodeCount > 0, start >= 0, start < nodeCount else { return nil }
    let solution = Solution(nodeCount: nodeCount, start: start, edges: edges, isTerminal: isTerminal, maximise: maximise)
    let components = solution.components
    let first = components.component[start]
    guard solution.value[first] != Solution.unsolved else { return nil }

    // The witness: inside each component, the shortest way to its best exit, then the exit.
    var steps: [Step] = []
    var cursor = start
    let targets = { (node: Int) in isTerminal(node) ? [] : edges(node).map(\.target) }
    while true {
      let index = components.component[cursor]
      let target = solution.exitNode[index]
      steps += components.walk(from: cursor, to: target, within: index, edges: targets)
        .map { Step(node: $0.node, edge: $0.edge) }
      guard solution.exitEdge[index] >= 0 else { break }
      steps.append(Step(node: target, edge: solution.exitEdge[index]))
      cursor = edges(target)[solution.exitEdge[index]].target
    }
    return PathOptimum(total: solution.value[first], steps: steps)
  }

  /// The optimum from every node reachable from `start` to a terminal node (nil where none can be
  /// reached, or the node is not reachable from `start`).
  public static func values(
    nodeCount: Int, start: Int, edges: (Int) -> [(target: Int, value: Int)],
    isTerminal: (Int) -> Bool, maximise: Bool
  ) -> [Int?] {
    guard nodeCount > 0, start >= 0, start < nodeCount else { return [] }
    let solution = Solution(nodeCount: nodeCount, start: start, edges: edges, isTerminal: isTerminal, maximise: maximise)
    return solution.components.component.map { index in
      index < 0 || solution.value[index] == Solution.unsolved ? nil : solution.value[index]
    }
  }

  /// Each component's optimum, and the member and edge by which it is best left.
  private struct Solution {
    static let unsolved = Int.min
    let components: StronglyConnectedComponents
    var value: [Int]
    /// The member by which the component is best left, and the position of that edge (-1 at a
    /// terminal member: stop there).
    var exitNode: [Int]
    var exitEdge: [Int]

    init(
      nodeCount: Int, start: Int, edges: (Int) -> [(target: Int, value: Int)],
      isTerminal: (Int) -> Bool, maximise: Bool
    ) {
      components = StronglyConnectedComponents(
        nodeCount: nodeCount, start: start, edges: { isTerminal($0) ? [] : edges($0).map(\.target) })
      value = [Int](repeating: Self.unsolved, count: components.count)
      exitNode = [Int](repeating: -1, count: components.count)
      exitEdge = [Int](repeating: -1, count: components.count)
      // Tarjan completes a component only after every component it leads to: sinks come first.
      for (index, members) in components.members.enumerated() {
        var best = Self.unsolved
        for node in members {
          if isTerminal(node) {
            if best == Self.unsolved || (maximise ? 0 > best : 0 < best) {
              best = 0
              exitNode[index] = node
              exitEdge[index] = -1
            }
            continue
          }
          for (position, edge) in edges(node).enumerated() {
            let target = components.component[edge.target]
            guard target != index, value[target] != Self.unsolved else { continue }
            let (sum, overflow) = edge.value.addingReportingOverflow(value[target])
            let candidate = overflow ? (edge.value > 0 ? Int.max - 1 : Int.min + 1) : sum
            if best == Self.unsolved || (maximise ? candidate > best : candidate < best) {
              best = candidate
              exitNode[index] = node
              exitEdge[index] = position
            }
          }
        }
        value[index] = best
      }
    }
  }
}

/// The strongly connected components of the part of a graph reachable from one node, found by
/// an iterative Tarjan's algorithm. Components are numbered in the order Tarjan completes them,
/// which is a reverse topological order: every edge between two components points to a lower
/// number.
public struct StronglyConnectedComponents: Sendable {
  /// The component of each node; -1 for nodes not reachable from the start.
  public private(set) var component: [Int]
  /// The members of each component.
  public private(set) var members: [[Int]] = []

  public var count: Int { members.count }

  public init(nodeCount: Int, start: Int, edges: (Int) -> [Int]) {
    component = [Int](repeating: -1, count: nodeCount)
    var index = [Int](repeating: -1, count: nodeCount)
    var low = [Int](repeating: 0, count: nodeCount)
    var onStack = [Bool](repeating: false, count: nodeCount)
    var stack: [Int] = []
    var next = 0
    var frames: [(node: Int, targets: [Int], position: Int)] = []
    func open(_ node: Int) {
      index[node] = next
      low[node] = next
      next += 1
      stack.append(node)
      onStack[node] = true
      frames.append((node, edges(node), 0))
    }
    open(start)
    while !frames.isEmpty {
      let top = frames.count - 1
      let node = frames[top].node
      if frames[top].position < frames[top].targets.count {
        let target = frames[top].targets[frames[top].position]
        frames[top].position += 1
        if index[target] < 0 {
          open(target)
        } else if onStack[target] {
          low[node] = min(low[node], index[target])
        }
        continue
      }
      frames.removeLast()
      if let parent = frames.last?.node { low[parent] = min(low[parent], low[node]) }
      guard low[node] == index[node] else { continue }
      var group: [Int] = []
      while let member = stack.popLast() {
        onStack[member] = false
        component[member] = members.count
        group.append(member)
        if member == node { break }
      }
      members.append(group)
    }
  }

  /// True when the node lies on a loop: its component has several members, or it leads to itself.
  public func isOnLoop(_ node: Int, edges: (Int) -> [Int]) -> Bool {
    let index = component[node]
    guard index >= 0 else { return false }
    return members[index].count > 1 || edges(node).contains(node)
  }

  /// The shortest walk between two members of one component, as (node, edge position) steps.
  func walk(from: Int, to: Int, within index: Int, edges: (Int) -> [Int]) -> [(node: Int, edge: Int)] {
    guard from != to else { return [] }
    var parent: [Int: (node: Int, edge: Int)] = [from: (-1, -1)]
    var frontier = [from]
    search: while !frontier.isEmpty {
      var following: [Int] = []
      for node in frontier {
        for (position, target) in edges(node).enumerated()
        where component[target] == index && parent[target] == nil {
          parent[target] = (node, position)
          if target == to { break search }
          following.append(target)
        }
      }
      frontier = following
    }
    var path: [(node: Int, edge: Int)] = []
    var cursor = to
    while cursor != from, let step = parent[cursor] {
      path.append(step)
      cursor = step.node
    }
    return path.reversed()
  }
}
