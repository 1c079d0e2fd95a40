import ArgumentParser
import CaseAuthoring

/// `casesim generate`: a synthetic scenario of any size, for benchmarks and tests.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic scenario (seeded, reproducible) to stdout.",
    discussion: """
      The scenario scores against the shipped guidance catalogs (working-together, practice-lessons), so save it under Scenarios/ or check it with --library pointing at the project. The same options always give the same file, so anyone can reproduce a benchmark.
      """)

  @Option(help: "How many passages (at least 8).")
  var passages: Int = 100

  @Option(help: "How many flags (each is set in one stretch of the story and read later).")
  var flags: Int = 4

  @Option(help: "The random seed.")
  var seed: UInt64 = 1

  func run() throws {
    do {
      Output.print(try ScenarioGenerator(passages: passages, flags: flags, seed: seed).generate())
    } catch {
      throw ValidationError(error.description)
    }
  }
}
