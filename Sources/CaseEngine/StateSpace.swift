public import CaseFormat

/// The reachable states of a scenario for one role, explored once: passage x flags x counters,
/// not the (possibly astronomical) set of paths. Scoring and analysis run over it.
///
/// Built over the compiled scenario: a state is a few packed words (``StateLayout``) with the
/// values no later condition can read cleared (``Liveness``), so states with the same future are
/// one state and counts and optima stay exact; a hash table of state numbers finds a state again,
/// and edges are (choice, target) pairs in flat arrays. About 40 bytes a state, so tens of
/// millions fit in memory. States are numbered (the start is 0) and the passes over the space
/// work on arrays; their cost grows linearly with the number of reachable states and edges.
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

  /// How far exploration goes before it stops and says the space is truncated.
  ///
  /// The default grows with the scenario: room for 4,096 states and 12,288 transitions a
  /// passage (a written scenario has a handful of live flags at any passage, so a few states a
  /// passage; the generator's 1,000-passage game with 12 lasting flags has 750 a passage), but
  /// never less than 1 million states and 10 million transitions (a few seconds and a few hundred
  /// megabytes at most) nor more than ``maximum``. So a short file written to multiply states
  /// (a few kilobytes of looping flags: 2^40 states) costs seconds, not minutes and gigabytes,
  /// while a 10,000-passage game is still analysed exactly. `check` and `analyze` take
  /// `--max-states` and `--max-transitions` to go further.
  public struct Bounds: Sendable, Equatable {
    public var states: Int
    public var transitions: Int

    public init(states: Int, transitions: Int) {
      self.states = states
      self.transitions = transitions
    }

    /// The most any exploration is allowed: about 3 GB of state space.
    public static let maximum = Bounds(states: 40_000_000, transitions: 120_000_000)
    /// The least the default allows, whatever the scenario's size.
    public static let floor = Bounds(states: 1_000_000, transitions: 10_000_000)
    /// What the default allows for each passage, between ``floor`` and ``maximum``.
    public static let perPassage = Bounds(states: 4_096, transitions: 12_288)

    /// The default bounds for a scenario of `passages` passages.
    public static func scaled(passages: Int) -> Bounds {
      let passages = max(0, min(passages, maximum.states))
      return Bounds(
        states: min(maximum.states, max(floor.states, perPassage.states * passages)),
        transitions: min(maximum.transitions, max(floor.transitions, perPassage.transitions * passages)))
    }
  }

  public let engine: Engine
  package let compiled: CompiledScenario
  package let liveness: Liveness
  /// True for states at an ending.
  public let isEnding: [Bool]
  /// True when exploration stopped at a bound.
  public var isTruncated: Bool { truncation != nil }
  /// Which bound stopped exploration, in words ("more than 40000000 reachable states"), or nil.
  public let truncation: String?
  /// The strongly connected components from the start (endings' edges left out), found once for
  /// every optimum taken over the space.
  public let components: StronglyConnectedComponents
  /// The packed states, `wordCount` words each.
  let words: [UInt64]
  let wordCount: Int
  /// Finds a packed state's number.
  private let table: StateTable
  /// Edges out of state `s` are `edgeStart[s]..<edgeStart[s + 1]`.
  public let edgeStart: [Int]
  /// The compiled choice (see ``CompiledScenario/choices``) of each edge.
  public let edgeChoice: [Int32]
  /// The state each edge leads to.
  public let edgeTarget: [Int32]

  /// Explores the states of `engine`'s scenario and role, up to `limit` states and
  /// `transitionLimit` transitions; either left out takes its bound from
  /// ``Bounds/scaled(passages:)``.
  public init(engine: Engine, limit: Int? = nil, transitionLimit: Int? = nil) {
    self.engine = engine
    let compiled = CompiledScenario(scenario: engine.scenario, role: engine.role)
    self.compiled = compiled
    let liveness = Liveness(compiled)
    self.liveness = liveness
    wordCount = compiled.layout.wordCount
    let scaled = Bounds.scaled(passages: engine.scenario.passages.count)
    let explored = Self.explore(
      compiled, liveness, limit: max(1, min(limit ?? scaled.states, Int(Int32.max) / 2 - 1)),
      transitionLimit: max(1, min(transitionLimit ?? scaled.transitions, Int(Int32.max) - 1)))
    words = explored.words
    table = explored.table
    edgeStart = explored.edgeStart
    edgeChoice = explored.edgeChoice
    edgeTarget = explored.edgeTarget
    isEnding = explored.isEnding
    truncation = explored.truncation
    components = StronglyConnectedComponents(
      nodeCount: isEnding.count, start: 0, edgeStart: edgeStart, edgeTarget: edgeTarget, isTerminal: isEnding)
  }

  /// What a breadth-first exploration from the start found.
  private struct Exploration {
    var words: [UInt64] = []
    var table: StateTable
    var edgeStart: [Int] = [0]
    var edgeChoice: [Int32] = []
    var edgeTarget: [Int32] = []
    var isEnding: [Bool] = []
    var truncation: String?
  }

  private static func explore(
    _ compiled: CompiledScenario, _ liveness: Liveness, limit: Int, transitionLimit: Int
  ) -> Exploration {
    let width = compiled.layout.wordCount
    let layout = compiled.layout
    let masks = liveness.masks
    var table = StateTable(wordCount: width)
    var words: [UInt64] = []
    var edgeStart: [Int] = [0]
    var edgeChoice: [Int32] = []
    var edgeTarget: [Int32] = []
    var isEnding: [Bool] = []
    var truncation: String?
    var current = [UInt64](repeating: 0, count: width)
    var next = [UInt64](repeating: 0, count: width)

    func masked(_ state: inout [UInt64], passage: Int) {
      for word in 0..<width { state[word] &= masks[passage * width + word] }
    }
    var start = compiled.initialWords
    masked(&start, passage: compiled.start)
    _ = table.insert(start, into: &words)
    isEnding.append(compiled.isEnding[compiled.start])

    compiled.withBuffers { buffers in
      var state = 0
      while state < table.count {
        guard edgeChoice.count < transitionLimit else {
          // Stop here: every state from this one on is left with no edges, and said to be unexplored.
          truncation = "more than \(transitionLimit) transitions between states"
          while edgeStart.count <= table.count { edgeStart.append(edgeChoice.count) }
          break
        }
        for word in 0..<width { current[word] = words[state * width + word] }
        let passage = current.withUnsafeBufferPointer { layout.passage.read($0.baseAddress!) }
        if !buffers.isEnding[passage] {
          for choice in Int(buffers.choiceStart[passage])..<Int(buffers.choiceStart[passage + 1]) {
            let target = Int(buffers.choices[choice].target)
            guard target >= 0, current.withUnsafeBufferPointer({ buffers.holds(choice, $0.baseAddress!) }) else { continue }
            for word in 0..<width { next[word] = current[word] }
            next.withUnsafeMutableBufferPointer { pointer in
              buffers.applyEffects(of: choice, pointer.baseAddress!)
              layout.passage.write(target, pointer.baseAddress!)
            }
            masked(&next, passage: target)
            let found = table.find(next, in: words)
            if found >= 0 {
              edgeChoice.append(Int32(choice))
              edgeTarget.append(Int32(found))
            } else if table.count < limit {
              let added = table.insert(next, into: &words)
              isEnding.append(buffers.isEnding[target])
              edgeChoice.append(Int32(choice))
              edgeTarget.append(Int32(added))
            } else {
              truncation = "more than \(limit) reachable states"
            }
          }
        }
        edgeStart.append(edgeChoice.count)
        state += 1
        if truncation != nil {
          // A state was left out: the space is partial whatever follows, so exploring the states
          // already found (a million of them, each offering dozens of choices that lead nowhere
          // new) would cost time and tell no more. They are left with no edges, as above.
          while edgeStart.count <= table.count { edgeStart.append(edgeChoice.count) }
          break
        }
      }
    }
    return Exploration(
      words: words, table: table, edgeStart: edgeStart, edgeChoice: edgeChoice, edgeTarget: edgeTarget,
      isEnding: isEnding, truncation: truncation)
  }

  public var stateCount: Int { isEnding.count }
  public var edgeCount: Int { edgeChoice.count }
  public var start: StateKey { keys[0] }

  /// The passage (by compiled number) of a state.
  public func passage(of state: Int) -> Int {
    words.withUnsafeBufferPointer { compiled.layout.passage.read($0.baseAddress! + state * wordCount) }
  }

  /// The name of a state's passage.
  public func passageID(of state: Int) -> String {
    compiled.passageIDs[passage(of: state)]
  }

  /// The edges out of a state, as positions in ``edgeChoice`` and ``edgeTarget``.
  public func edges(of state: Int) -> Range<Int> { edgeStart[state]..<edgeStart[state + 1] }

  /// Each reachable state by number in readable form; state 0 is the start. Flags and counters
  /// that no later condition can read (see ``Liveness``) read as 0 / false.
  public var keys: Keys { Keys(space: self) }

  /// Edges out of each state, in the order the choices are shown.
  public var successors: Successors { Successors(space: self) }

  public struct Keys: RandomAccessCollection, Sendable {
    let space: StateSpace
    public var startIndex: Int { 0 }
    public var endIndex: Int { space.stateCount }
    public subscript(state: Int) -> StateKey {
      space.words.withUnsafeBufferPointer { space.compiled.unpack($0.baseAddress! + state * space.wordCount) }
    }
  }

  public struct Successors: RandomAccessCollection, Sendable {
    let space: StateSpace
    public var startIndex: Int { 0 }
    public var endIndex: Int { space.stateCount }
    public subscript(state: Int) -> [Edge] {
      space.edges(of: state).map {
        Edge(choice: space.compiled.choice(Int(space.edgeChoice[$0])), target: Int(space.edgeTarget[$0]))
      }
    }
  }

  /// The choices some playthrough can take, each once, with the passage that offers it.
  public var takenChoices: [(passageID: String, choice: Choice)] {
    var seen = [Bool](repeating: false, count: compiled.choices.count)
    var taken: [(passageID: String, choice: Choice)] = []
    for number in edgeChoice where !seen[Int(number)] {
      seen[Int(number)] = true
      taken.append((compiled.passageIDs[Int(compiled.choices[Int(number)].passage)], compiled.choice(Int(number))))
    }
    return taken
  }

  /// Passages some playthrough reaches.
  public var reachablePassageIDs: Set<String> {
    var reached = [Bool](repeating: false, count: compiled.passageIDs.count)
    for state in 0..<stateCount { reached[passage(of: state)] = true }
    return Set(compiled.passageIDs.indices.filter { reached[$0] }.map { compiled.passageIDs[$0] })
  }

  /// The number of a reachable state, or nil.
  public func number(of key: StateKey) -> Int? {
    guard var packed = compiled.pack(key) else { return nil }
    let passage = compiled.passageNumbers[key.passageID]!
    for word in 0..<wordCount { packed[word] &= liveness.masks[passage * wordCount + word] }
    let found = table.find(packed, in: words)
    return found >= 0 ? found : nil
  }

  /// The best (or worst) total of `value` over the choices from state `from` to any ending, with
  /// a path that achieves it; nil when no ending can be reached. Exact with loops (see
  /// ``PathOptimum``): a loop is never gone round to add its value again.
  public func optimum(from: Int = 0, maximise: Bool, value: (Choice) -> Int) -> (total: Int, steps: [Step])? {
    let values = compiled.choices.indices.map { value(compiled.choice($0)) }
    return optimum(from: from, maximise: maximise, values: values)
  }

  /// The same with a value for each compiled choice (``CompiledScenario/choices``).
  public func optimum(from: Int = 0, maximise: Bool, values: [Int]) -> (total: Int, steps: [Step])? {
    guard let result = PathOptimum.solve(
      nodeCount: stateCount, start: from, edgeStart: edgeStart, edgeTarget: edgeTarget,
      edgeLabel: edgeChoice, labelValue: values, isTerminal: isEnding, maximise: maximise,
      components: from == 0 ? components : nil)
    else { return nil }
    return (result.total, result.steps.map { Step(state: $0.node, edge: $0.edge) })
  }

  /// A best-scoring playthrough that takes as few critical choices as it can: the best total
  /// first, then the fewest critical choices. A path takes at most one choice per state it
  /// visits, so weighting totals by the state count keeps them first; the total is recomputed
  /// from the path. Analysis, the checker and the debrief all measure against this one path.
  public func bestPathPreferringSafety() -> (total: Int, steps: [Step])? {
    let penalty = stateCount + 1
    let values = compiled.choices.map { $0.points.multipliedReportingOverflow(by: penalty).partialValue - ($0.isCritical ? 1 : 0) }
    guard let path = optimum(maximise: true, values: values) else { return nil }
    return (choices(along: path.steps).reduce(0) { $0 + $1.totalPoints }, path.steps)
  }

  /// The scoring choices that one playthrough can take more than once, each with a state from
  /// which it is taken again: a loop that would let a trainee collect the same points twice.
  ///
  /// A choice can come round again only if its passage lies on a loop of passages, so only those
  /// choices are searched, each with one pass over the states reachable after it.
  public func repeatableScoredChoices() -> [Choice] {
    let passageLoop = passagesOnLoops()
    var byChoice: [Int: (sources: Set<Int>, targets: [Int])] = [:]
    var order: [Int] = []
    for state in 0..<stateCount where passageLoop[passage(of: state)] {
      for edge in edges(of: state) where compiled.choices[Int(edgeChoice[edge])].scoringSlot >= 0 {
        let choice = Int(edgeChoice[edge])
        if byChoice[choice] == nil {
          byChoice[choice] = ([], [])
          order.append(choice)
        }
        byChoice[choice]?.sources.insert(state)
        byChoice[choice]?.targets.append(Int(edgeTarget[edge]))
      }
    }
    var repeatable: [Choice] = []
    for choice in order {
      guard let entry = byChoice[choice] else { continue }
      var seen = Set(entry.targets)
      var pending = entry.targets
      var found = false
      while let state = pending.popLast(), !found {
        if entry.sources.contains(state) {
          found = true
          break
        }
        for edge in edges(of: state) where seen.insert(Int(edgeTarget[edge])).inserted { pending.append(Int(edgeTarget[edge])) }
      }
      if found { repeatable.append(compiled.choice(choice)) }
    }
    return repeatable
  }

  /// For each passage (by number), whether it lies on a loop of reachable passage-to-passage moves.
  private func passagesOnLoops() -> [Bool] {
    let count = compiled.passageIDs.count
    var moves = [Set<Int32>](repeating: [], count: count)
    for state in 0..<stateCount {
      let from = passage(of: state)
      for edge in edges(of: state) { moves[from].insert(Int32(passage(of: Int(edgeTarget[edge])))) }
    }
    var moveStart = [0]
    var moveTarget: [Int32] = []
    for targets in moves {
      moveTarget += targets.sorted()
      moveStart.append(moveTarget.count)
    }
    // Every reachable passage is reached from the start passage.
    let components = StronglyConnectedComponents(
      nodeCount: count, start: compiled.start, edgeStart: moveStart, edgeTarget: moveTarget)
    return (0..<count).map { components.isOnLoop($0, edgeStart: moveStart, edgeTarget: moveTarget) }
  }

  /// The choices along a path.
  public func choices(along steps: [Step]) -> [Choice] {
    steps.map { compiled.choice(Int(edgeChoice[edgeStart[$0.state] + $0.edge])) }
  }

  /// The decisions along a path, as the engine records them.
  public func decisions(along steps: [Step]) -> [TakenDecision] {
    steps.map { step in
      let choice = compiled.choices[Int(edgeChoice[edgeStart[step.state] + step.edge])]
      return TakenDecision(
        passageID: compiled.passageIDs[Int(choice.passage)],
        choiceIndex: compiled.choice(Int(edgeChoice[edgeStart[step.state] + step.edge])).index)
    }
  }
}
