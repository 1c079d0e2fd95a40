import BigInt
import CaseAuthoring
import CaseInterchange
import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The analysis is checked against a brute-force enumeration of every path on small scenarios:
/// the clever state-space passes must give exactly what walking every path gives.
@Suite("Analysis against brute-force enumeration")
struct AnalysisTests {
  struct BruteForce {
    var paths = 0
    var shortest = Int.max
    var longest = 0
    var best = Int.min
    var worst = Int.max
    var endings: Set<String> = []
    var principleBest: [String: Int] = [:]

    init(scenario: Scenario, role: String) {
      let engine = Engine(scenario: scenario, role: role)
      var stack: [(PlayState, Int, [String: Int])] = [(engine.start(), 0, [:])]
      while let (state, total, perPrinciple) = stack.popLast() {
        if engine.isFinished(state) {
          paths += 1
          shortest = min(shortest, state.decisions.count)
          longest = max(longest, state.decisions.count)
          best = max(best, total)
          worst = min(worst, total)
          endings.insert(state.passageID)
          for id in scenario.guidanceIDsUsed {
            principleBest[id] = max(principleBest[id] ?? .min, perPrinciple[id] ?? 0)
          }
          continue
        }
        for choice in engine.visibleChoices(state) {
          guard let next = try? engine.choose(choice.index, in: state) else { continue }
          var scores = perPrinciple
          for s in choice.scores { scores[s.guidanceID, default: 0] += s.points }
          stack.append((next, total + choice.totalPoints, scores))
        }
      }
    }
  }

  static func generated(_ passages: Int, _ flags: Int, _ seed: UInt64) throws -> Scenario {
    let text = try ScenarioGenerator(passages: passages, flags: flags, seed: seed).generate()
    let loaded = Fixtures.load(text, path: "generated.case")
    #expect(loaded.diagnostics == [], "\(loaded.diagnostics.prefix(3))")
    return loaded.scenario
  }

  @Test("generated scenarios: path counts, lengths, score ranges and endings match brute force",
    arguments: [(20, 2, UInt64(1)), (24, 2, 7), (30, 3, 42), (16, 1, 99)])
  func generatedMatches(_ size: Int, _ flags: Int, _ seed: UInt64) throws {
    let scenario = try Self.generated(size, flags, seed)
    let analysis = ScenarioAnalysis(scenario: scenario, role: "social-worker")
    let brute = BruteForce(scenario: scenario, role: "social-worker")
    #expect(analysis.pathCount == BigUInt(brute.paths))
    #expect(analysis.shortestPath == brute.shortest)
    #expect(analysis.longestPath == brute.longest)
    #expect(analysis.best?.total == brute.best)
    #expect(analysis.worst?.total == brute.worst)
    #expect(Set(analysis.endings.filter(\.reachable).map(\.passageID)) == brute.endings)
    for range in analysis.principles {
      #expect(range.best?.total == brute.principleBest[range.guidanceID], "\(range.guidanceID)")
    }
  }

  static func replay(_ engine: Engine, _ typed: [Int]) throws -> PlayState {
    var state = engine.start()
    for number in typed { state = try engine.choose(engine.visibleChoices(state)[number - 1].index, in: state) }
    return state
  }

  enum ScoreTotal {
    static func of(_ engine: Engine, _ state: PlayState) -> Int {
      state.decisions.compactMap { engine.choice(for: $0)?.totalPoints }.reduce(0, +)
    }
  }

  @Test("loops make the path count and the longest path unbounded, and are reported as such")
  func loops() {
    let text = Fixtures.header() + "== start\n* Ask again -> start\n  + see-child-alone 1\n* Finish -> done\n  + see-child-alone 2\n== done\n@ending safe\nOk.\n@lesson L.\n"
    let analysis = ScenarioAnalysis(scenario: Fixtures.load(text).scenario, role: "social-worker")
    #expect(analysis.pathCount == nil)
    #expect(analysis.longestPath == nil)
    #expect(analysis.shortestPath == 1)
    #expect(analysis.best?.total == 2, "going round the loop adds nothing")
  }

  @Test("the generator is deterministic and its output passes every check")
  func generator() throws {
    let a = try ScenarioGenerator(passages: 200, flags: 6, seed: 5).generate()
    let b = try ScenarioGenerator(passages: 200, flags: 6, seed: 5).generate()
    let c = try ScenarioGenerator(passages: 200, flags: 6, seed: 6).generate()
    #expect(a == b)
    #expect(a != c)
    let loaded = Fixtures.load(a, path: "g.case")
    #expect(loaded.diagnostics == [])
    #expect(loaded.scenario.passages.count == 200)
    #expect(loaded.scenario.declarations.count == 6)
    // Synthetic, so it silences the judgement checks in its own text; everything else is clean.
    let checked = WarningSuppression.apply(
      SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance), to: loaded)
    #expect(checked == [])
    #expect(throws: ScenarioGenerator.Problem.tooFewPassages(minimum: 8)) { try ScenarioGenerator(passages: 3, flags: 0, seed: 1).generate() }
  }
}

/// The analysis over the whole shipped library and a 10,000-passage scenario: seconds each, so
/// tagged slow and kept out of the fast set (see the README).
@Suite("Analysis of the whole library and of a large scenario", .tags(.slow))
struct LibraryAnalysisSlowTests {
  @Test("the shipped scenarios match brute force, and every witness path really reaches what it claims")
  func shippedMatches() throws {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    for scenario in library.playable.prefix(2) {
      let role = scenario.header.roles[0]
      let analysis = ScenarioAnalysis(scenario: scenario, role: role)
      let brute = AnalysisTests.BruteForce(scenario: scenario, role: role)
      #expect(analysis.pathCount == BigUInt(brute.paths), "\(scenario.id)")
      #expect(analysis.best?.total == brute.best && analysis.worst?.total == brute.worst, "\(scenario.id)")
      #expect(analysis.longestPath == brute.longest && analysis.shortestPath == brute.shortest)
      let engine = Engine(scenario: scenario, role: role)
      for ending in analysis.endings {
        let witness = try #require(ending.witness, "\(ending.passageID) unreachable")
        #expect(try AnalysisTests.replay(engine, witness.typed).passageID == ending.passageID)
      }
      let best = try #require(analysis.best)
      let reached = try AnalysisTests.replay(engine, best.witness.typed)
      #expect(AnalysisTests.ScoreTotal.of(engine, reached) == best.total)
    }
  }

  @Test("every shipped scenario: every ending reachable by some role; for each role the best score needs no critical choice and the worst ends unsafe")
  func everyShippedScenario() throws {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    #expect(library.playable.count >= 12)
    for scenario in library.playable {
      var reached: Set<String> = []
      for role in scenario.header.roles {
        let analysis = ScenarioAnalysis(scenario: scenario, role: role)
        #expect(!analysis.isTruncated)
        reached.formUnion(analysis.endings.filter(\.reachable).map(\.passageID))
        #expect(analysis.bestPathAvoidsCritical, "\(scenario.id) as \(role)")
        let engine = Engine(scenario: scenario, role: role)
        let best = try #require(analysis.best)
        let worst = try #require(analysis.worst)
        let bestEnd = try AnalysisTests.replay(engine, best.witness.typed)
        #expect(scenario.passages[bestEnd.passageID]?.ending?.outcome == .safe, "\(scenario.id) as \(role): the best score should end safe")
        let worstEnd = try AnalysisTests.replay(engine, worst.witness.typed)
        #expect(scenario.passages[worstEnd.passageID]?.ending?.outcome == .unsafe, "\(scenario.id) as \(role): the lowest score should end unsafe")
        #expect(analysis.counts.decisionPoints >= 8)
      }
      let endings = Set(scenario.orderedPassages.filter(\.isEnding).map(\.id))
      #expect(reached == endings, "\(scenario.id): endings no role reaches: \(endings.subtracting(reached))")
    }
  }

  @Test("a 10,000-passage scenario with 12 flags is analysed by states, with a path count far beyond any integer")
  func large() throws {
    let scenario = try AnalysisTests.generated(10_000, 12, 1)
    let analysis = ScenarioAnalysis(scenario: scenario, role: "social-worker")
    // The expected values come from the independent reference walking the JSON export (its own
    // states and its own path count by dynamic programming over them); they are the figures
    // the README's benchmark table states for this scenario (generate --passages 10000
    // --flags 12 --seed 1): 19,936 reachable states and a 755-digit number of paths.
    let reference = try ReferencePlay(json: ScenarioExporter.json(scenario), role: "social-worker")
    #expect(reference.stateCount == 19_936)
    let paths = try #require(reference.pathCount())
    #expect(paths.description.count == 755)
    #expect(analysis.counts.passages == 10_000)
    #expect(analysis.counts.reachableStates == reference.stateCount)
    #expect(analysis.pathCount == paths)
    #expect(analysis.endings.allSatisfy { $0.reachable })
    #expect(analysis.bestPathAvoidsCritical)
  }
}

@Suite("Random and exhaustive play-testing")
struct PlaytestTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)

  @Test("random play is reproducible from its seed, and every ending it reports is real")
  func random() throws {
    let scenario = try #require(Self.library.scenario(id: "duty-desk-friday")?.scenario)
    let a = RandomPlaytest(scenario: scenario, role: "social-worker", runs: 300, seed: 11)
    let b = RandomPlaytest(scenario: scenario, role: "social-worker", runs: 300, seed: 11)
    #expect(a.endings == b.endings && a.scores == b.scores)
    #expect(a.failures.isEmpty)
    #expect(a.endings.values.reduce(0, +) == 300)
    #expect(a.scores.count == 300)
    // Checked against the independent reference: every ending reached is one the reference
    // reaches, and every score is the total of some complete path under the reference's rules.
    let reference = try ReferencePlay(json: ScenarioExporter.json(scenario), role: "social-worker")
    #expect(Set(a.endings.keys).isSubset(of: reference.reachableEndings))
    let achievable = try #require(reference.achievableTotals())
    #expect(a.scores.allSatisfy { achievable.contains($0) }, "\(Set(a.scores).subtracting(achievable))")
    let low = try #require(a.minimumScore)
    let high = try #require(a.maximumScore)
    #expect(low >= (try #require(reference.extreme(maximise: false))))
    #expect(high <= (try #require(reference.extreme(maximise: true))))
    #expect(low < high, "300 random playthroughs do not all score the same")
  }

  @Test("random play reports a stuck passage with the choices that reproduce it")
  func randomFindsStuck() {
    let text = Fixtures.header() + "flag ready\n== start\n* Wait -> middle\n  + see-child-alone 1\n* Prepare -> middle\n  + see-child-alone 1\n  ~ set ready\n== middle\n* {ready} Finish -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"
    let test = RandomPlaytest(scenario: Fixtures.load(text).scenario, role: "social-worker", runs: 50, seed: 1)
    #expect(!test.failures.isEmpty)
    #expect(test.failures.allSatisfy { $0.passageID == "middle" && $0.typed == [1] })
  }

  @Test("exhaustive coverage takes every offered choice and lists what is never offered")
  func exhaustive() throws {
    let scenario = try #require(Self.library.scenario(id: "hungry-in-class")?.scenario)
    let coverage = ExhaustiveCoverage(scenario: scenario, role: "school-dsl")
    #expect(coverage.isComplete)
    #expect(coverage.choicesTaken == coverage.choicesTotal)
    let text = Fixtures.header() + "flag never\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ clear never\n* {never} Secret -> done\n  + see-child-alone 1\n  ~ set never\n== done\n@ending safe\nOk.\n"
    let partial = ExhaustiveCoverage(scenario: Fixtures.load(text).scenario, role: "social-worker")
    #expect(partial.untakenChoices.map(\.index) == [2])
    #expect(!partial.isComplete)
  }
}
