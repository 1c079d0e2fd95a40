import ArgumentParser
import CaseAuthoring
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
    case .failure(let problem): throw ValidationError(problem.message)
    }
    let analysis = ScenarioAnalysis(
      scenario: scenario, role: role, stateLimit: exploration.maxStates, transitionLimit: exploration.maxTransitions)
    if json {
      try Output.printJSON(AnalysisReport(analysis))
    } else {
      Output.print(AnalysisReport(analysis).text)
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
    return out
  }
}
