public import CaseFormat

/// The reachable states of a team playing a scenario together: every role's track, the shared
/// flags and counters, and who knows what. The checker reads it for what only team play shows:
/// a meeting some role can never reach (a deadlock), passages and conditions that only a team
/// reaches, and facts nobody ever learns.
///
/// Tracks interleave freely, so the space is the product of the roles' own progress: far larger
/// than one role's. It is explored over the compiled form, as one role's space is: the scenario
/// is compiled once for each role (their layouts are the same: the flags, counters and the
/// knowledge conditions ask about), a team state is that layout's words plus a word for each
/// track's passage, each role's conditions and effects run on the shared words, and states are
/// found again through a hash table of packed words. Exploration is breadth first, up to a bound
/// on states and on transitions that is reported (``truncation``) rather than silent.
public struct TeamSpace: Sendable {
  /// How many team states exploration visits at most, unless told otherwise.
  public static let defaultLimit = 200_000
  /// How many transitions exploration follows at most (four a state on average), unless the
  /// state bound is raised.
  public static let transitionsPerState = 4
  /// The most roles explored together: beyond it, states and time grow with every role added.
  public static let maximumRoles = 8
  /// The most words the explored states may take in all (128 MB): a team of many roles gets
  /// fewer states, so memory stays bounded whatever a file declares.
  public static let wordBudget = 16_000_000

  public let engine: Engine
  /// Each role's compiled scenario, in team order.
  package let compiled: [CompiledScenario]
  /// Words a state takes: the shared layout, then one word per track.
  let wordCount: Int
  /// For each passage number: whether it is a meeting, and the track that decides it.
  let isJoint: [Bool]
  let deciders: [Int]
  private var words: [UInt64] = []
  /// The edges out of state `s` are `edgeStart[s]..<edgeStart[s + 1]`: the track that decides,
  /// its compiled choice, and the state it leads to, in flat arrays.
  private var edgeStart: [Int] = [0]
  private var edgeTrack: [Int32] = []
  private var edgeChoice: [Int32] = []
  private var edgeTarget: [Int32] = []
  /// For each state but the start, the edge it was first reached by (-1 for the start).
  private var parentEdge: [Int32] = []
  /// The state each edge leaves, for walking back a witness.
  private var edgeSource: [Int32] = []
  /// Why exploration stopped early, or nil when every reachable state was visited.
  public private(set) var truncation: String?

  public var isTruncated: Bool { truncation != nil }
  public var stateCount: Int { parentEdge.count }

  /// Explores the team's states from the start, up to `limit` states (and four times as many
  /// transitions). `mergingDeadValues` false keeps every value (for the tests that check the
  /// merging changes no finding).
  public init(engine: Engine, limit: Int? = nil, transitionLimit: Int? = nil, mergingDeadValues: Bool = true) {
    self.engine = engine
    let tooMany = engine.team.count > Self.maximumRoles
    // A team too large to explore is compiled for its first role only, to describe the start.
    let compiled = (tooMany ? [engine.role] : engine.team).map { CompiledScenario(scenario: engine.scenario, role: $0) }
    self.compiled = compiled
    let layout = compiled[0].layout
    let shared = layout.wordCount
    let tracks = compiled.count
    wordCount = shared + tracks
    let limit = min(max(1, limit ?? Self.defaultLimit), max(1, Self.wordBudget / wordCount))
    let transitionLimit = max(1, transitionLimit ?? limit * Self.transitionsPerState)
    let isJoint = compiled[0].passageIDs.map { engine.scenario.passages[$0]?.isJoint ?? false }
    let deciders = compiled[0].passageIDs.map { id in
      engine.scenario.passages[id].map { engine.track(of: engine.decider(of: $0)) ?? 0 } ?? 0
    }
    self.isJoint = isJoint
    self.deciders = deciders

    // The start: every role's starting knowledge on the shared words, every track at the start.
    var start = [UInt64](repeating: 0, count: wordCount)
    for role in compiled {
      for word in 0..<shared { start[word] |= role.initialWords[word] }
    }
    layout.passage.write(0, &start)
    for track in 0..<tracks { start[shared + track] = UInt64(compiled[0].start) }
    // Values no track can read before they are overwritten are cleared, so states with the same
    // future are one state (as for one role; see ``Liveness/init(everyRoleOf:)``).
    let live = Liveness(everyRoleOf: engine.scenario).masks
    func clearDead(_ state: inout [UInt64]) {
      guard mergingDeadValues else { return }
      for word in 0..<shared {
        var mask: UInt64 = 0
        for track in 0..<tracks { mask |= live[Int(state[shared + track]) * shared + word] }
        state[word] &= mask
      }
    }
    clearDead(&start)
    var table = StateTable(wordCount: wordCount)
    var words: [UInt64] = []
    var parentEdge: [Int32] = [-1]
    var edgeStart = [0]
    var edgeTrack: [Int32] = []
    var edgeChoice: [Int32] = []
    var edgeTarget: [Int32] = []
    var edgeSource: [Int32] = []
    var truncation: String?
    _ = table.insert(start, into: &words)
    let wordCount = self.wordCount

    var transitions = 0
    if tooMany {
      truncation = "\(engine.team.count) roles, more than the \(Self.maximumRoles) a team analysis explores together"
    }
    var next = 0
    var state = [UInt64](repeating: 0, count: wordCount)
    var after = [UInt64](repeating: 0, count: wordCount)
    explore: while !tooMany && next < parentEdge.count {
      for word in 0..<wordCount { state[word] = words[next * wordCount + word] }
      let positions = (0..<tracks).map { Int(state[shared + $0]) }
      let finished = positions.contains { compiled[0].isEnding[$0] }
      for track in 0..<tracks where !finished {
        let passage = positions[track]
        if isJoint[passage] {
          // A meeting: begun only when every track is there, and decided by one of them.
          guard positions.allSatisfy({ $0 == passage }), deciders[passage] == track else { continue }
        }
        let role = compiled[track]
        role.withBuffers { buffers in
          for choice in role.choices(of: passage) {
            let compiledChoice = role.choices[choice]
            guard compiledChoice.target >= 0 else { continue }
            let holds = state.withUnsafeBufferPointer { buffers.holds(choice, $0.baseAddress!) }
            guard holds else { continue }
            for word in 0..<wordCount { after[word] = state[word] }
            let target = Int(compiledChoice.target)
            after.withUnsafeMutableBufferPointer { buffers.applyEffects(of: choice, $0.baseAddress!) }
            // The effects moved the layout's passage field; the tracks hold where each is.
            layout.passage.write(0, &after)
            if isJoint[passage] {
              for other in 0..<tracks {
                after[shared + other] = UInt64(target)
                for field in compiled[other].learned[target] { layout.flags[field].write(1, &after) }
              }
            } else {
              after[shared + track] = UInt64(target)
            }
            clearDead(&after)
            transitions += 1
            var found = table.find(after, in: words)
            if found < 0 && parentEdge.count < limit && transitions <= transitionLimit {
              found = table.insert(after, into: &words)
              parentEdge.append(Int32(edgeTarget.count))
            }
            if found >= 0 {
              edgeTrack.append(Int32(track))
              edgeChoice.append(Int32(choice))
              edgeTarget.append(Int32(found))
              edgeSource.append(Int32(next))
            } else {
              truncation =
                parentEdge.count >= limit
                ? "more than \(limit) reachable team states (every role playing together)"
                : "more than \(transitionLimit) team transitions (every role playing together)"
            }
          }
        }
      }
      edgeStart.append(edgeTarget.count)
      next += 1
      if truncation != nil && transitions > transitionLimit { break explore }
    }
    // States whose successors were never worked out (exploration stopped) have none listed.
    while edgeStart.count <= parentEdge.count { edgeStart.append(edgeTarget.count) }
    self.words = words
    self.parentEdge = parentEdge
    self.edgeStart = edgeStart
    self.edgeTrack = edgeTrack
    self.edgeChoice = edgeChoice
    self.edgeTarget = edgeTarget
    self.edgeSource = edgeSource
    self.truncation = truncation
  }

  /// State `number` as play would hold it (with no history: only what decides the future; the
  /// knowledge is what some condition asks about).
  public func state(_ number: Int) -> PlayState {
    let shared = compiled[0].layout.wordCount
    let slice = Array(words[(number * wordCount)..<(number * wordCount + wordCount)])
    let key = slice.withUnsafeBufferPointer { compiled[0].unpack($0.baseAddress!) }
    return PlayState(
      tracks: (0..<engine.team.count).map { PlayState.Track(passageID: compiled[0].passageIDs[Int(slice[shared + $0])]) },
      flags: key.flags, counters: key.counters, knowledge: key.knowledge)
  }

  /// Runs `body` on state `number`'s shared words (the layout's: flags, counters, knowledge),
  /// for evaluating compiled conditions.
  package func withSharedWords<Result>(of number: Int, _ body: (UnsafePointer<UInt64>) -> Result) -> Result {
    words.withUnsafeBufferPointer { body($0.baseAddress! + number * wordCount) }
  }

  /// The passage number each track is at in state `number`, in team order.
  package func passageNumbers(_ number: Int) -> [Int] {
    let shared = compiled[0].layout.wordCount
    return (0..<engine.team.count).map { Int(words[number * wordCount + shared + $0]) }
  }


  /// The edges out of state `number`: positions for ``decision(_:)`` and ``target(_:)``.
  public func edges(of number: Int) -> Range<Int> { edgeStart[number]..<edgeStart[number + 1] }

  /// The decision an edge takes: which role, in which passage, took which choice.
  public func decision(_ edge: Int) -> TakenDecision {
    let role = compiled[Int(edgeTrack[edge])]
    let choice = Int(edgeChoice[edge])
    return TakenDecision(
      passageID: role.passageIDs[Int(role.choices[choice].passage)], choiceIndex: role.choice(choice).index,
      role: engine.team[Int(edgeTrack[edge])])
  }

  /// The state an edge leads to.
  public func target(_ edge: Int) -> Int { Int(edgeTarget[edge]) }

  /// The points an edge's choice is worth.
  public func points(_ edge: Int) -> Int { compiled[Int(edgeTrack[edge])].choices[Int(edgeChoice[edge])].points }

  /// The decisions of the first playthrough found that reaches state `number`, in order.
  public func witness(_ number: Int) -> [TakenDecision] {
    var decisions: [TakenDecision] = []
    var at = number
    while parentEdge[at] >= 0 {
      let edge = Int(parentEdge[at])
      decisions.append(decision(edge))
      at = Int(edgeSource[edge])
    }
    return decisions.reversed()
  }

  /// True when some track is at an ending in state `number`.
  public func isFinished(_ number: Int) -> Bool {
    let shared = compiled[0].layout.wordCount
    return (0..<engine.team.count).contains { compiled[0].isEnding[Int(words[number * wordCount + shared + $0])] }
  }

  /// States where play has not ended and nobody has a decision to take: every role is waiting at
  /// a meeting that cannot begin, or at a passage with nothing on offer to it. (Only states whose
  /// successors were worked out: none is called stuck for want of exploring it.)
  /// Nothing is reported from a space cut short: a state whose successors were dropped at the
  /// bound would look stuck.
  public var deadlocks: [Int] {
    guard !isTruncated else { return [] }
    return (0..<stateCount).filter { edges(of: $0).isEmpty && !isFinished($0) }
  }

  /// The best and worst totals a team can reach from the start to an ending, worked out as one
  /// role's are (``PathOptimum``: exact on a graph with loops, where no scoring choice can be
  /// taken twice); nil when no ending is reachable or the space was cut short by its bound.
  public func scoreRange() -> ClosedRange<Int>? {
    guard !isTruncated else { return nil }
    let labels = (0..<Int32(edgeTarget.count)).map { $0 }
    let values = (0..<edgeTarget.count).map(points)
    let terminal = (0..<stateCount).map(isFinished)
    func optimum(_ maximise: Bool) -> Int? {
      PathOptimum.solve(
        nodeCount: stateCount, start: 0, edgeStart: edgeStart, edgeTarget: edgeTarget, edgeLabel: labels,
        labelValue: values, isTerminal: terminal, maximise: maximise)?.total
    }
    guard let low = optimum(false), let high = optimum(true) else { return nil }
    return low...high
  }

  /// What the team's states show the checker, in one pass: the passages some track reaches, the
  /// conditions (by where they are written) seen to hold and to fail, each read as the role of
  /// the track where it is (prose where a track is; the choices of the track that decides), and
  /// the named facts some role learns (told in a passage for it, or shared by a choice taken).
  package struct Observations {
    package var reached: Set<String> = []
    package var held: Set<SourceLocation> = []
    package var failed: Set<SourceLocation> = []
    package var learnedFacts: Set<String> = []
  }

  package func observations() -> Observations {
    var seen = Observations()
    let ids = compiled[0].passageIDs
    var visited = Set<Int>()
    for number in 0..<stateCount {
      let positions = passageNumbers(number)
      let finished = isFinished(number)
      for (track, passage) in positions.enumerated() {
        let role = compiled[track]
        if visited.insert(track * ids.count + passage).inserted {
          seen.reached.insert(ids[passage])
          if role.isForRole[passage] {
            for fact in engine.scenario.passages[ids[passage]]?.facts ?? [] {
              if let id = fact.id { seen.learnedFacts.insert(id) }
            }
          }
        }
        role.withBuffers { buffers in
          withSharedWords(of: number) { words in
            for line in Int(role.proseStart[passage])..<Int(role.proseStart[passage + 1]) {
              let prose = role.proseLines[line]
              if buffers.holds(condition: prose.condition, words) {
                seen.held.insert(prose.location)
              } else {
                seen.failed.insert(prose.location)
              }
            }
            let decides = !isJoint[passage] || (positions.allSatisfy { $0 == passage } && deciders[passage] == track)
            guard decides, !finished else { return }
            for choice in role.choices(of: passage) {
              let readable = role.choice(choice)
              guard readable.condition != nil else { continue }
              if buffers.holds(choice, words) { seen.held.insert(readable.location) } else { seen.failed.insert(readable.location) }
            }
          }
        }
      }
      for edge in edges(of: number) {
        for case .share(let fact, _) in compiled[Int(edgeTrack[edge])].choice(Int(edgeChoice[edge])).effects {
          seen.learnedFacts.insert(fact)
        }
      }
    }
    return seen
  }
}
