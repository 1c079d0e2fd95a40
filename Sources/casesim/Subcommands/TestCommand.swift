import ArgumentParser
import CaseFormat
import CaseScoring
import Foundation

/// `casesim test ID|PATH`: automated play-testing of a scenario.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Play-test scenarios: the scripted paths in NAME.tests beside each scenario.",
    discussion: """
      Each block of NAME.tests names a path (the choice numbers a trainee would type) and the
      ending, outcome and score it must reach. With no argument, tests every scenario in the
      library. Exits 1 if any expectation fails, 65 if a scenario or expectation file has errors.
      """)

  @Argument(help: ArgumentHelp("Scenario ids or .case paths (default: the whole library).", valueName: "id-or-path"))
  var scenarios: [String] = []

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
      let file = (path as NSString).deletingPathExtension + ".tests"
      guard FileManager.default.fileExists(atPath: file) else {
        Output.print("\(loaded.scenario.id): no expectation file (\(file))\n")
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
    if broken { throw Exit.dataError }
    if failures > 0 { throw ExitCode.failure }
  }
}
