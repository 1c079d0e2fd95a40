import ArgumentParser
import CaseAuthoring
import CaseEngine
import CaseFormat
import CaseSessions
import Foundation

/// `casesim analyze ID|PATH`: exhaustive analysis over the scenario's state space.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Analyse a scenario over its whole state space: paths, endings, score ranges, critical choices.",
    discussion: """
      Explores every reachable state (passage x flags x counters) once, so the cost grows with the number of states, never with the number of paths. Witness paths are given as the numbers a trainee would type, ready for a .tests file.
      """)

  @Argument(help: ArgumentHelp("A scenario id from the library, or the path of a .case file.", valueName: "id-or-path"))
  var scenario: String

  @Option(help: "Analyse for this role (default: the scenario's first role).")
  var role: String?

  @Flag(help: "Print JSON.")
  var json = false

  @OptionGroup var exploration: ExplorationOptions

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    let scenario = try ScenarioResolver(environment: environment).load(self.scenario).scenario.scenario
    let role: String
    switch RoleNames.chosen(self.role, in: scenario) {
    case .success(let resolved): role = resolved
    case .failure(let problem): throw Exit.usage(problem.message)
    }
    let analysis = ScenarioAnalysis(
      scenario: scenario, role: role, stateLimit: exploration.maxStates, transitionLimit: exploration.maxTransitions)
    var report = AnalysisReport(analysis)
    if scenario.isTeamScenario {
      report.team = AnalysisReport.TeamReport(
        TeamSpace(
          engine: Engine(scenario: scenario, team: scenario.header.roles),
          limit: exploration.maxStates.map { max($0, TeamSpace.defaultLimit) }, transitionLimit: exploration.maxTransitions))
    }
    if json {
      try Output.printJSON(report)
    } else {
      Output.print(report.text)
    }
  }
}

/// The analysis as the command prints it.
struct AnalysisReport: Encodable {
  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

  var scenario: String
  var role: String
  var counts: ScenarioAnalysis.Counts
  /// A decimal string: the number can be far larger than any integer type.
  var paths: String
  var shortestPath: Int?
  var longestPath: Int?
  var endings: [ScenarioAnalysis.EndingReport]
  var bestTotal: ScenarioAnalysis.ScoreExtreme?
  var worstTotal: ScenarioAnalysis.ScoreExtreme?
  var principles: [ScenarioAnalysis.PrincipleRange]
  var critical: [ScenarioAnalysis.CriticalReport]
  var bestPathAvoidsCritical: Bool
  var integrity: ScoringIntegrity
  var repeatableScoredChoices: [ScenarioAnalysis.CriticalReport]
  var truncated: Bool
  /// Which bound stopped exploration, in words, when it stopped early.
  var truncation: String?
  /// Every role playing together, for a scenario with a meeting; nil otherwise.
  var team: TeamReport?

  /// The team's state space: its size and its bound, the states where nobody can act, the
  /// endings a team reaches and the range of the team's total.
  struct TeamReport: Encodable {
    var roles: [String]
    var reachableStates: Int
    var truncation: String?
    var deadlocks: Int
    var endings: [String]
    var bestTotal: Int?
    var worstTotal: Int?

    init(_ space: TeamSpace) {
      roles = space.engine.team
      reachableStates = space.stateCount
      truncation = space.truncation
      deadlocks = space.deadlocks.count
      endings = Array(Set((0..<space.stateCount).compactMap { space.engine.endingPassage(space.state($0))?.id })).sorted()
      let range = space.scoreRange()
      bestTotal = range?.upperBound
      worstTotal = range?.lowerBound
    }

    var text: String {
      var out = "\nTeam play (\(roles.joined(separator: ", ")) together, up to \(TeamSpace.defaultLimit) states unless --max-states is higher)\n"
      out += "  reachable team states \(reachableStates)\(truncation.map { " (TRUNCATED: \($0))" } ?? "")\n"
      out += "  states where nobody can act \(deadlocks)\(deadlocks > 0 ? "  ('casesim check' reports them as team-deadlock)" : "")\n"
      out += "  endings reached \(endings.isEmpty ? "none" : endings.joined(separator: ", "))\n"
      out += "  team total: best \(bestTotal.map(String.init) ?? "-"), worst \(worstTotal.map(String.init) ?? "-")\n"
      return out
    }
  }

  init(_ a: ScenarioAnalysis) {
    scenario = a.scenarioID
    role = a.role
    counts = a.counts
    paths = a.pathCount.map { String($0) } ?? "unbounded"
    shortestPath = a.shortestPath
    longestPath = a.longestPath
    endings = a.endings
    bestTotal = a.best
    worstTotal = a.worst
    principles = a.principles
    critical = a.critical
    bestPathAvoidsCritical = a.bestPathAvoidsCritical
    integrity = a.integrity
    repeatableScoredChoices = a.repeatableScoredChoices
    truncated = a.isTruncated
    truncation = a.truncation
  }

  var text: String {
    func path(_ w: WitnessPath?) -> String {
      guard let w else { return "-" }
      return w.typed.isEmpty ? "(at the start)" : "choices: " + w.typed.map(String.init).joined(separator: ", ")
    }
    let digits = paths.count > 30 ? "\(paths.prefix(12))...(\(paths.count) digits)" : paths
    var out = """
      Analysis of \(scenario) as \(role)
        passages \(counts.passages), choices \(counts.choices), decision points \(counts.decisionPoints), endings \(counts.endings)
        reachable states \(counts.reachableStates), state transitions \(counts.stateEdges)\(truncated ? " (TRUNCATED: \(truncation ?? "too many states"); only part of the scenario was explored, so the figures below are for that part; raise the bound with --max-states N --max-transitions N)" : "")
        complete paths \(digits)
        shortest path \(shortestPath.map(String.init) ?? "-") decisions, longest \(longestPath.map(String.init) ?? "unbounded (loops)") decisions

      Endings
      """
    out += "\n"
    for e in endings {
      out += "  \(e.reachable ? "reachable  " : "UNREACHABLE") \(e.passageID) (\(e.outcome.rawValue))  \(path(e.witness))\n"
    }
    out += "\nScore range\n"
    out += "  best total  \(bestTotal.map { String($0.total) } ?? "-")  \(path(bestTotal?.witness))\n"
    out += "  worst total \(worstTotal.map { String($0.total) } ?? "-")  \(path(worstTotal?.witness))\n"
    out += "\nPer principle (best / worst)\n"
    for p in principles {
      out += "  \(p.guidanceID): \(p.best.map { String($0.total) } ?? "-") / \(p.worst.map { String($0.total) } ?? "-")\n"
    }
    out += "\nCritical choices\n"
    if critical.isEmpty { out += "  none\n" }
    for c in critical {
      out += "  \(c.passageID) #\(c.choiceIndex) \"\(UntrustedText.escaped(String(c.text.prefix(60))))\"\(c.reachable ? "" : " (never reachable)")\(c.onBestPath ? " ON THE BEST PATH" : "")\n"
    }
    out += bestPathAvoidsCritical
      ? "  The best score can be reached without any critical choice.\n"
      : "  WARNING: the best score cannot be reached without a critical choice.\n"
    if let best = integrity.bestWithCritical {
      let share = integrity.bestWithCriticalShare.map(Self.percent) ?? "-"
      let over = (integrity.bestWithCriticalShare ?? 0) > ScoringIntegrity.criticalShareLimit + 1e-9
      out += "  A playthrough that takes a critical choice scores at most \(best) (\(share) of the range)\(over ? "  ABOVE \(Self.percent(ScoringIntegrity.criticalShareLimit))" : "").\n"
    }
    if let safe = integrity.criticalToSafe {
      out += "  WARNING: a playthrough with a critical choice reaches a safe ending (\(safe.endPassageID)): \(path(safe))\n"
    }
    for choice in repeatableScoredChoices {
      out += "  ERROR: \(choice.passageID) #\(choice.choiceIndex) scores and can be taken twice in one playthrough\n"
    }
    out += "\nNaive strategies (share of the range from worst \(integrity.worst) to best \(integrity.best); limit \(Self.percent(ScoringIntegrity.naiveShareLimit)))\n"
    for result in integrity.strategies {
      let score = result.score.map { String(format: "%.1f", $0) } ?? "never ends"
      let share = result.share.map(Self.percent) ?? "-"
      let over = (result.share ?? 0) > ScoringIntegrity.naiveShareLimit + 1e-9 ? "  OVER THE LIMIT" : ""
      out += "  \(share.padding(toLength: 5, withPad: " ", startingAt: 0)) \(result.strategy.description): \(score)\(result.endingID.map { " -> \($0)" } ?? "")\(over)\n"
    }
    if let team { out += team.text }
    return out
  }
}
