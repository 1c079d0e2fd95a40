import CaseFormat
import CaseAuthoring
/// The links between imported passages, as a graph of node indices, with the two questions the
/// importer must answer for the result to compile and play: which passages the start reaches,
/// and where play could loop forever without an ending.
///
/// Every walk is iterative, so a hostile story with a hundred thousand chained passages cannot
/// overflow the stack.
struct TweeStoryGraph: Sendable {
  /// Successors of each node.
  var edges: [[Int]]

  init(nodeCount: Int) {
    edges = Array(repeating: [], count: nodeCount)
  }

  var nodeCount: Int { edges.count }

  mutating func addNode() -> Int {
    edges.append([])
    return edges.count - 1
  }

  mutating func addEdge(from: Int, to: Int) {
    edges[from].append(to)
  }

  /// Nodes reachable from `start`, including it.
  func reachable(from start: Int) -> Set<Int> {
    var seen: Set<Int> = [start]
    var stack = [start]
    while let node = stack.popLast() {
      for next in edges[node] where seen.insert(next).inserted {
        stack.append(next)
      }
    }
    return seen
  }

  /// Nodes in `nodes` from which some node in `targets` can be reached.
  func canReach(_ targets: Set<Int>, within nodes: Set<Int>) -> Set<Int> {
    var reverse: [Int: [Int]] = [:]
    for node in nodes {
      for next in edges[node] where nodes.contains(next) {
        reverse[next, default: []].append(node)
      }
    }
    var seen = targets.intersection(nodes)
    var stack = Array(seen)
    while let node = stack.popLast() {
      for previous in reverse[node] ?? [] where seen.insert(previous).inserted {
        stack.append(previous)
      }
    }
    return seen
  }

  /// For the nodes in `trapped` (a set closed under successors: nodes that cannot reach an
  /// ending), one representative (the smallest index) of each strongly connected component with
  /// no way out. Giving each representative an exit lets every trapped node reach an ending: each
  /// trapped node reaches some such component.
  func exitlessComponents(in trapped: Set<Int>) -> [[Int]] {
    // Tarjan's algorithm with an explicit stack; -1 marks a node not yet visited.
    var index = Array(repeating: -1, count: nodeCount)
    var lowlink = Array(repeating: 0, count: nodeCount)
    var onStack = Array(repeating: false, count: nodeCount)
    var stack: [Int] = []
    var counter = 0
    var components: [[Int]] = []

    func visit(_ node: Int) {
      index[node] = counter
      lowlink[node] = counter
      counter += 1
      stack.append(node)
      onStack[node] = true
    }

    for root in trapped.sorted() where index[root] < 0 {
      var work: [(node: Int, edge: Int)] = [(root, 0)]
      visit(root)
      while let (node, edge) = work.last {
        if edge < edges[node].count {
          work[work.count - 1].edge += 1
          let next = edges[node][edge]
          guard trapped.contains(next) else { continue }
          if index[next] < 0 {
            visit(next)
            work.append((next, 0))
          } else if onStack[next] {
            lowlink[node] = min(lowlink[node], index[next])
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node {
          lowlink[parent] = min(lowlink[parent], lowlink[node])
        }
        if lowlink[node] == index[node] {
          var component: [Int] = []
          while let member = stack.popLast() {
            onStack[member] = false
            component.append(member)
            if member == node { break }
          }
          components.append(component.sorted())
        }
      }
    }

    var componentOf = Array(repeating: -1, count: nodeCount)
    for (number, component) in components.enumerated() {
      for node in component { componentOf[node] = number }
    }
    return components.enumerated().filter { number, component in
      component.allSatisfy { node in
        edges[node].allSatisfy { !trapped.contains($0) || componentOf[$0] == number }
      }
    }.map(\.element).sorted { $0[0] < $1[0] }
  }
}
