import CaseEngine
public import CaseFormat
import CaseScoring

/// Random play-testing in the spirit of ChoiceScript's randomtest: many playthroughs with choices
/// picked at random (seeded, so a failure can be replayed), reporting where play breaks, what is
/// never seen, and how endings and scores are distributed.
public struct RandomPlaytest: Sendable {
  public struct Failure: Sendable, Equatable {
    public var run: Int
    public var passageID: String
    public var message: String
    /// The numbers typed up to the failure, to reproduce it.
    public var typed: [Int]
  }

  public let runs: Int
  public let seed: UInt64
  public let role: String
  public private(set) var endings: [String: Int] = [:]
  public private(set) var scores: [Int] = []
  public private(set) var failures: [Failure] = []
  public private(set) var visitCounts: [String: Int] = [:]
  /// Passages no random playthrough visited, in file order.
  public let neverVisited: [String]

  /// A playthrough that has not ended after this many decisions is reported as looping.
  public static let stepLimit = 10_000

  public init(scenario: Scenario, role: String, runs: Int, seed: UInt64) {
    self.runs = runs
    self.seed = seed
    self.role = role
    let engine = Engine(scenario: scenario, role: role)
    var random = SeededGenerator(seed: seed)
    for run in 1...max(1, runs) {
      var state = engine.start()
      var typed: [Int] = []
      visitCounts[state.passageID, default: 0] += 1
      var failed = false
      while !engine.isFinished(state) {
        let visible = engine.visibleChoices(state)
        guard !visible.isEmpty else {
          failures.append(Failure(run: run, passageID: state.passageID, message: "no choice is available here", typed: typed))
          failed = true
          break
        }
        guard typed.count < Self.stepLimit else {
          failures.append(Failure(run: run, passageID: state.passageID, message: "no ending after \(Self.stepLimit) decisions", typed: typed))
          failed = true
          break
        }
        let pick = Int.random(in: 0..<visible.count, using: &random)
        typed.append(pick + 1)
        do {
          state = try engine.choose(visible[pick].index, in: state)
        } catch {
          failures.append(Failure(run: run, passageID: state.passageID, message: "\(error)", typed: typed))
          failed = true
          break
        }
        visitCounts[state.passageID, default: 0] += 1
      }
      if !failed {
        endings[state.passageID, default: 0] += 1
        scores.append(ScoreSheet(engine: engine, decisions: state.decisions).total)
      }
    }
    let visited = visitCounts
    neverVisited = scenario.passageOrder.filter { visited[$0] == nil }
  }

  public var minimumScore: Int? { scores.min() }
  public var maximumScore: Int? { scores.max() }
  public var meanScore: Double? { scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count) }
}
