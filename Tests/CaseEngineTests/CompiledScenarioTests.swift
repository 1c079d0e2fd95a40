import CaseEngine
import CaseFormat
import CaseTestSupport
import Testing

/// The compiled form plays by the engine's rules: every reachable state's edges, taken by the
/// readable engine from the decoded state, lead to the states the compiled exploration found.
@Suite("Compiled scenarios: the dense form agrees with the readable engine")
struct CompiledScenarioTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)

  /// Checks every state of a space against the readable engine: the choices it offers (with an
  /// existing target) are the edges, in order, and each leads to the state the engine reaches.
  static func agree(_ scenario: Scenario, role: String) throws {
    let engine = Engine(scenario: scenario, role: role)
    let space = StateSpace(engine: engine)
    #expect(!space.isTruncated)
    for state in 0..<space.stateCount {
      let key = space.keys[state]
      let play = PlayState(passageID: key.passageID, flags: key.flags, counters: key.counters, knowledge: key.knowledge)
      let offered = engine.visibleChoices(play).filter { scenario.passages[$0.target] != nil }
      let edges = space.successors[state]
      if engine.isFinished(play) {
        #expect(edges.isEmpty)
        continue
      }
      #expect(offered.map(\.index) == edges.map(\.choice.index), "\(scenario.id) as \(role) at \(key.passageID)")
      for (choice, edge) in zip(offered, edges) {
        let next = try engine.choose(choice.index, in: play)
        #expect(space.number(of: next.key) == edge.target, "\(scenario.id) at \(key.passageID), choice \(choice.index)")
      }
    }
  }

  @Test("every shipped scenario, every role, every reachable state: the same choices and the same next states")
  func shippedScenariosAgree() throws {
    let scenarios = Self.library.playable
    #expect(scenarios.count >= 12)
    for scenario in scenarios {
      for role in scenario.header.roles.isEmpty ? [""] : scenario.header.roles {
        try Self.agree(scenario, role: role)
      }
    }
  }

  @Test("counters at their limits: saturating sums, clamping, starting values outside the range, and compound conditions")
  func countersAtTheirLimits() throws {
    let text = Fixtures.header(id: "limits", guides: "practice-lessons") + """
      counter big = 0
      counter small = 3 in 0..4
      counter wide = -5 in -9223372036854775808..9223372036854775807
      flag seen
      flag told = true
      == start
      * Add the most -> middle
        ~ big += 9223372036854775807
        ~ wide += 9223372036854775807
      * Take the most -> middle
        ~ wide -= 9223372036854775807
        ~ small -= 9
      * {not told or seen} Never at first -> middle
        ~ small = 4
      == middle
      * {big > 99 and small < 4} Big -> done
        ~ big += 9223372036854775807
        ~ set seen
      * {wide < -100 or (small == 0 and not seen)} Wide -> done
        ~ clear told
      * {wide >= -5 and told} Neither -> done
      == done
      @ending safe | Done
      {seen} Seen.
      Done.
      @lesson L.
      """
    let loaded = Fixtures.load(text, path: "limits.case")
    try Self.agree(loaded.scenario, role: "social-worker")
  }

  @Test("a packed field holds every value of its range, and fields never share bits")
  func layoutRoundTrips() {
    let ranges = [Int.min...Int.max, 0...0, -100...100, 0...1, -9...(-3), 0...Int.max, Int.min...0]
    let layout = StateLayout(passageCount: 1_000, flagCount: 70, counterRanges: ranges)
    var used = [UInt64](repeating: 0, count: layout.wordCount)
    for field in [layout.passage] + layout.flags + layout.counters {
      #expect(used[field.word] & field.mask == 0)
      used[field.word] |= field.mask
    }
    var words = [UInt64](repeating: 0, count: layout.wordCount)
    words.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      for (field, range) in zip(layout.counters, ranges) {
        for value in [range.lowerBound, range.upperBound, min(max(0, range.lowerBound), range.upperBound)] {
          field.write(value, base)
          #expect(field.read(base) == value)
        }
      }
      layout.passage.write(999, base)
      layout.flags[69].write(1, base)
      #expect(layout.passage.read(base) == 999)
      #expect(layout.flags[69].read(base) == 1)
      #expect(layout.flags[68].read(base) == 0)
    }
  }
}
