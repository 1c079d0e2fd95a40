import ArgumentParser
import CaseAuthoring
import CaseFormat
import CaseScoring
import Foundation

/// `casesim test ID|PATH`: automated play-testing of a scenario.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Play-test scenarios: scripted paths, random playthroughs, exhaustive coverage.",
    discussion: """
      By default runs the scripted paths in NAME.tests beside each scenario: each block names a path (the choice numbers a trainee would type) and the ending, outcome and score it must reach. --random N plays N random playthroughs (seeded; a failure prints the numbers to reproduce it) and reports endings, scores and passages never visited. --exhaustive takes every choice at every reachable state and reports what no play can reach. With no argument, tests every scenario in the library. Exits 1 if anything fails, 65 if a file has errors.
      """)

  @Argument(help: ArgumentHelp("Scenario ids or .case paths (default: the whole library).", valueName: "id-or-path"))
  var scenarios: [String] = []

  @Option(help: "Play this many random playthroughs instead of the scripted paths.")
  var random: Int?

  @Option(help: "The seed for --random (the same seed replays the same playthroughs).")
  var seed: UInt64 = 1

  @Flag(help: "Take every choice at every reachable state and report coverage.")
  var exhaustive = false

  @Option(help: "The role for --random and --exhaustive (default: every role in turn).")
  var role: String?

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    var targets: [(LoadedScenario, String)] = []
    if scenarios.isEmpty {
      let library = try environment.loadLibrary()
      targets = library.scenarios.map { ($0, $0.scenario.path) }
    } else {
      for item in scenarios {
        let loaded = try ScenarioResolver(environment: environment).load(item).scenario
        targets.append((loaded, loaded.scenario.path))
      }
    }
    var failures = 0
    var passes = 0
    var broken = false
    for (loaded, path) in targets {
      guard loaded.isPlayable else {
        Output.print("\(path): has errors; run 'casesim check \(path)'\n")
        broken = true
        continue
      }
      if random != nil || exhaustive {
        let roles = role.map { [$0] } ?? loaded.scenario.header.roles
        for role in roles {
          if let runs = random {
            let ok = reportRandom(RandomPlaytest(scenario: loaded.scenario, role: role, runs: runs, seed: seed), loaded.scenario)
            if ok { passes += 1 } else { failures += 1 }
          }
          if exhaustive {
            let ok = reportCoverage(ExhaustiveCoverage(scenario: loaded.scenario, role: role), loaded.scenario)
            if ok { passes += 1 } else { failures += 1 }
          }
        }
        continue
      }
      let file = (path as NSString).deletingPathExtension + ".tests"
      // An untested scenario is a failure, not a pass of nothing: every scenario has its best,
      // worst and typical paths written down.
      guard FileManager.default.fileExists(atPath: file) else {
        failures += 1
        Output.print(
          "FAIL \(loaded.scenario.id): no expectation file; write \(file) with its best, worst and typical paths (see the trainer's guide, 'Play-testing a scenario'), or use --random or --exhaustive\n")
        continue
      }
      let text: String
      switch ScenarioLoader.readText(file) {
      case .success(let read): text = read
      case .failure(let problem):
        Output.print("\(problem)\n")
        broken = true
        continue
      }
      let (expectations, diagnostics) = ExpectationFile.parse(text, path: file)
      if !diagnostics.isEmpty {
        var sources = SourceStore()
        sources.add(path: file, text: text)
        Output.print(DiagnosticRenderer(sources: sources).render(diagnostics))
        broken = true
      }
      if expectations.expectations.isEmpty && diagnostics.isEmpty {
        failures += 1
        Output.print("FAIL \(loaded.scenario.id): \(file) holds no paths; add its best, worst and typical paths\n")
      }
      for expectation in expectations.expectations {
        let report = PlaytestRunner.run(expectation, scenario: loaded.scenario)
        let where_ = "\(file):\(expectation.location.line)"
        if report.passed {
          passes += 1
          Output.print(
            "PASS \(loaded.scenario.id) \(expectation.name): \(report.endingID ?? "?") (\(report.outcome?.rawValue ?? "?")), score \(report.score)\n")
        } else {
          failures += 1
          Output.print("FAIL \(loaded.scenario.id) \(expectation.name) (\(where_))\n")
          for failure in report.failures { Output.print("     \(failure)\n") }
        }
      }
    }
    Output.print("\(passes) passed, \(failures) failed\n")
    if random != nil || exhaustive {
      if broken { throw Exit.dataError }
      if failures > 0 { throw ExitCode.failure }
      return
    }
    if broken { throw Exit.dataError }
    if failures > 0 { throw ExitCode.failure }
  }

  private func reportRandom(_ test: RandomPlaytest, _ scenario: Scenario) -> Bool {
    Output.print("\(scenario.id) as \(test.role): \(test.runs) random playthroughs, seed \(test.seed)\n")
    for failure in test.failures.prefix(10) {
      Output.print(
        "  FAIL run \(failure.run) at '\(failure.passageID)': \(failure.message); replay with choices: \(failure.typed.map(String.init).joined(separator: ", "))\n")
    }
    if test.failures.isEmpty { Output.print("  no failures\n") }
    Output.print("  endings:\n")
    for passage in scenario.orderedPassages where passage.isEnding {
      let count = test.endings[passage.id] ?? 0
      let share = test.runs > 0 ? Double(count) * 100 / Double(test.runs) : 0
      Output.print("    \(passage.id) (\(passage.ending?.outcome.rawValue ?? "")): \(count) (\(String(format: "%.1f", share))%)\n")
    }
    if let low = test.minimumScore, let high = test.maximumScore, let mean = test.meanScore {
      Output.print("  scores: min \(low), mean \(String(format: "%.1f", mean)), max \(high)\n")
    }
    Output.print(
      test.neverVisited.isEmpty
        ? "  every passage was visited\n" : "  never visited: \(test.neverVisited.joined(separator: ", "))\n")
    return test.failures.isEmpty
  }

  private func reportCoverage(_ coverage: ExhaustiveCoverage, _ scenario: Scenario) -> Bool {
    Output.print(
      "\(scenario.id) as \(coverage.role): \(coverage.states) states, \(coverage.transitions) transitions explored\(coverage.isTruncated ? " (TRUNCATED)" : "")\n")
    Output.print("  passages reached \(coverage.passagesReached) of \(coverage.passagesTotal); choices taken \(coverage.choicesTaken) of \(coverage.choicesTotal)\n")
    Output.print("  endings reached: \(coverage.endingsReached.joined(separator: ", "))\n")
    for passage in coverage.unreachedPassages { Output.print("  UNREACHED passage \(passage)\n") }
    for choice in coverage.untakenChoices {
      Output.print("  NEVER OFFERED \(choice.location): \(choice.passageID) #\(choice.index) \"\(UntrustedText.escaped(String(choice.text.prefix(50))))\"\n")
    }
    for passage in coverage.stuckPassages { Output.print("  STUCK at \(passage): some states offer no choice\n") }
    return coverage.stuckPassages.isEmpty && !coverage.isTruncated
  }
}
