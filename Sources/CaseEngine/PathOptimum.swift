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
/// The graph is given in compressed form (the edges of node `n` are `edgeStart[n]..<edgeStart[n
/// + 1]`), as the state space holds it; the cost is linear in nodes and edges, with no allocation
/// per node.
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
  ///   - edgeStart, edgeTarget: the edges out of node `n` are `edgeStart[n]..<edgeStart[n + 1]`,
  ///     in a fixed order, each leading to `edgeTarget[e]`.
  ///   - edgeLabel, labelValue: the value of edge `e` is `labelValue[edgeLabel[e]]` (a state
  ///     space labels its edges with their choices, so one array of values per choice serves).
  ///   - isTerminal: where a path may stop (a terminal node's own edges are never taken).
  ///   - maximise: best (true) or worst (false).
  /// - Returns: nil when no terminal node can be reached from `start`.
  ///   - components: the graph's components from `start` with terminal nodes' edges left out,
  ///     when the caller has them (several optima over one graph need them once).
  public static func solve(
    nodeCount: Int, start: Int, edgeStart: [Int], edgeTarget: [Int32], edgeLabel: [Int32], labelValue: [Int],
    isTerminal: [Bool], maximise: Bool, components: StronglyConnectedComponents? = nil
  ) -> PathOptimum? {
    guard nodeCount > 0, start >= 0, start < nodeCount else { return nil }
    let solution = Solution(
      nodeCount: nodeCount, start: start, edgeStart: edgeStart, edgeTarget: edgeTarget, edgeLabel: edgeLabel, labelValue: labelValue,
      isTerminal: isTerminal, maximise: maximise, components: components)
    let components = solution.components
    let first = Int(components.component[start])
    guard solution.value[first] != Solution.unsolved else { return nil }

    // The witness: inside each component, the shortest way to its best exit, then the exit.
    var steps: [Step] = []
    var cursor = start
    while true {
      let index = Int(components.component[cursor])
      let target = solution.exitNode[index]
      steps += components.walk(from: cursor, to: target, within: index, edgeStart: edgeStart, edgeTarget: edgeTarget)
        .map { Step(node: $0.node, edge: $0.edge) }
      guard solution.exitEdge[index] >= 0 else { break }
      steps.append(Step(node: target, edge: solution.exitEdge[index]))
      cursor = Int(edgeTarget[edgeStart[target] + solution.exitEdge[index]])
    }
    return PathOptimum(total: solution.value[first], steps: steps)
  }

  /// The optimum from every node reachable from `start` to a terminal node (nil where none can be
  /// reached, or the node is not reachable from `start`).
  public static func values(
    nodeCount: Int, start: Int, edgeStart: [Int], edgeTarget: [Int32], edgeLabel: [Int32], labelValue: [Int],
    isTerminal: [Bool], maximise: Bool, components: StronglyConnectedComponents? = nil
  ) -> [Int?] {
    guard nodeCount > 0, start >= 0, start < nodeCount else { return [] }
    let solution = Solution(
      nodeCount: nodeCount, start: start, edgeStart: edgeStart, edgeTarget: edgeTarget, edgeLabel: edgeLabel, labelValue: labelValue,
      isTerminal: isTerminal, maximise: maximise, components: components)
    return solution.components.component.map { index in
      index < 0 || solution.value[Int(index)] == Solution.unsolved ? nil : solution.value[Int(index)]
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
      nodeCount: Int, start: Int, edgeStart: [Int], edgeTarget: [Int32], edgeLabel: [Int32], labelValue: [Int],
      isTerminal: [Bool], maximise: Bool, components known: StronglyConnectedComponents?
    ) {
      components = known ?? StronglyConnectedComponents(
        nodeCount: nodeCount, start: start, edgeStart: edgeStart, edgeTarget: edgeTarget, isTerminal: isTerminal)
      value = [Int](repeating: Self.unsolved, count: components.count)
      exitNode = [Int](repeating: -1, count: components.count)
      exitEdge = [Int](repeating: -1, count: components.count)
      // Tarjan completes a component only after every component it leads to: sinks come first.
      let componentOf = components.component
      components.withMembers { memberList, memberStart in
        edgeStart.withUnsafeBufferPointer { edgeStart in
          edgeTarget.withUnsafeBufferPointer { edgeTarget in
          edgeLabel.withUnsafeBufferPointer { edgeLabel in
          labelValue.withUnsafeBufferPointer { labelValue in
            isTerminal.withUnsafeBufferPointer { isTerminal in
              componentOf.withUnsafeBufferPointer { componentOf in
                for index in 0..<(memberStart.count - 1) {
                  var best = Self.unsolved
                  for position in memberStart[index]..<memberStart[index + 1] {
                    let node = Int(memberList[position])
                    if isTerminal[node] {
                      if best == Self.unsolved || (maximise ? 0 > best : 0 < best) {
                        best = 0
                        exitNode[index] = node
                        exitEdge[index] = -1
                      }
                      continue
                    }
                    for edge in edgeStart[node]..<edgeStart[node + 1] {
                      let target = Int(componentOf[Int(edgeTarget[edge])])
                      guard target != index, value[target] != Self.unsolved else { continue }
                      let worth = labelValue[Int(edgeLabel[edge])]
                      let (sum, overflow) = worth.addingReportingOverflow(value[target])
                      let candidate = overflow ? (worth > 0 ? Int.max - 1 : Int.min + 1) : sum
                      if best == Self.unsolved || (maximise ? candidate > best : candidate < best) {
                        best = candidate
                        exitNode[index] = node
                        exitEdge[index] = edge - edgeStart[node]
                      }
                    }
                  }
                  value[index] = best
                }
              }
            }
          }
          }
          }
        }
      }
    }
  }
}

/// The strongly connected components of the part of a graph reachable from one node, found by
/// an iterative Tarjan's algorithm over the graph in compressed form. Components are numbered in
/// the order Tarjan completes them, which is a reverse topological order: every edge between two
/// components points to a lower number.
public struct StronglyConnectedComponents: Sendable {
  /// The component of each node; -1 for nodes not reachable from the start.
  public private(set) var component: [Int32]
  /// The members of all components, grouped by component: those of component `c` are
  /// `memberStart[c]..<memberStart[c + 1]`.
  private var memberList: [Int32] = []
  private var memberStart: [Int] = [0]

  public var count: Int { memberStart.count - 1 }

  /// The members of one component.
  public func members(_ index: Int) -> ArraySlice<Int32> { memberList[memberStart[index]..<memberStart[index + 1]] }

  /// Every component's members at once, for passes over all of them: the members of component
  /// `c` are `list[start[c]..<start[c + 1]]`.
  func withMembers<Result>(_ body: (_ list: UnsafeBufferPointer<Int32>, _ start: UnsafeBufferPointer<Int>) -> Result) -> Result {
    memberList.withUnsafeBufferPointer { list in memberStart.withUnsafeBufferPointer { start in body(list, start) } }
  }

  /// - Parameter isTerminal: nodes whose edges are not followed (nil: none).
  public init(nodeCount: Int, start: Int, edgeStart: [Int], edgeTarget: [Int32], isTerminal: [Bool]? = nil) {
    component = [Int32](repeating: -1, count: nodeCount)
    var index = [Int32](repeating: -1, count: nodeCount)
    var low = [Int32](repeating: 0, count: nodeCount)
    var onStack = [Bool](repeating: false, count: nodeCount)
    var stack: [Int32] = []
    var next: Int32 = 0
    var frames: [(node: Int32, position: Int, end: Int)] = []
    func open(_ node: Int) {
      index[node] = next
      low[node] = next
      next += 1
      stack.append(Int32(node))
      onStack[node] = true
      let stops = isTerminal?[node] ?? false
      frames.append((Int32(node), edgeStart[node], stops ? edgeStart[node] : edgeStart[node + 1]))
    }
    open(start)
    while let top = frames.last {
      let node = Int(top.node)
      if top.position < top.end {
        let target = Int(edgeTarget[top.position])
        frames[frames.count - 1].position += 1
        if index[target] < 0 {
          open(target)
        } else if onStack[target] {
          low[node] = min(low[node], index[target])
        }
        continue
      }
      frames.removeLast()
      if let parent = frames.last.map({ Int($0.node) }) { low[parent] = min(low[parent], low[node]) }
      guard low[node] == index[node] else { continue }
      let number = Int32(count)
      while let member = stack.popLast() {
        onStack[Int(member)] = false
        component[Int(member)] = number
        memberList.append(member)
        if Int(member) == node { break }
      }
      memberStart.append(memberList.count)
    }
  }

  /// True when the node lies on a loop: its component has several members, or it leads to itself.
  public func isOnLoop(_ node: Int, edgeStart: [Int], edgeTarget: [Int32]) -> Bool {
    let index = Int(component[node])
    guard index >= 0 else { return false }
    return memberStart[index + 1] - memberStart[index] > 1
      || edgeTarget[edgeStart[node]..<edgeStart[node + 1]].contains(Int32(node))
  }

  /// The shortest walk between two members of one component, as (node, edge position) steps.
  func walk(from: Int, to: Int, within index: Int, edgeStart: [Int], edgeTarget: [Int32]) -> [(node: Int, edge: Int)] {
    guard from != to else { return [] }
    var parent: [Int: (node: Int, edge: Int)] = [from: (-1, -1)]
    var frontier = [from]
    search: while !frontier.isEmpty {
      var following: [Int] = []
      for node in frontier {
        for edge in edgeStart[node]..<edgeStart[node + 1] {
          let target = Int(edgeTarget[edge])
          guard component[target] == Int32(index), parent[target] == nil else { continue }
          parent[target] = (node, edge - edgeStart[node])
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
