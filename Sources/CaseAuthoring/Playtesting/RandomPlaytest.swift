import CaseEngine
public import CaseFormat

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

  /// How many decisions the playthroughs took in all.
  public let decisionCount: Int

  public init(scenario: Scenario, role: String, runs: Int, seed: UInt64) {
    self.init(compiled: CompiledScenario(scenario: scenario, role: role), runs: runs, seed: seed)
  }

  /// Plays over a scenario already compiled for the role (benchmarks compile once).
  package init(compiled: CompiledScenario, runs: Int, seed: UInt64) {
    self.runs = runs
    self.seed = seed
    self.role = compiled.role
    let scenario = compiled.scenario
    let play = RandomPlay(compiled, runs: runs, seed: seed, stepLimit: Self.stepLimit)
    for (passage, count) in play.endingCounts.enumerated() where count > 0 {
      endings[compiled.passageIDs[passage]] = count
    }
    for (passage, count) in play.visits.enumerated() where count > 0 {
      visitCounts[compiled.passageIDs[passage]] = count
    }
    scores = play.scores
    failures = play.failures.map { failure in
      let message: String
      switch failure.reason {
      case .nothingOffered: message = "no choice is available here"
      case .stepLimit: message = "no ending after \(Self.stepLimit) decisions"
      case .missingTarget(let choice): message = "\(PlayError.noSuchPassage(compiled.choice(choice).target))"
      }
      return Failure(run: failure.run, passageID: compiled.passageIDs[failure.passage], message: message, typed: failure.typed)
    }
    decisionCount = play.decisions
    let visited = visitCounts
    neverVisited = scenario.passageOrder.filter { visited[$0] == nil }
  }

  public var minimumScore: Int? { scores.min() }
  public var maximumScore: Int? { scores.max() }
  public var meanScore: Double? { scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count) }
}
