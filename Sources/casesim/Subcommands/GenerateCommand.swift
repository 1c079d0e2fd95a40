import ArgumentParser
import CaseFormat
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

  @Flag(help: "Flags that are read only at the end and never cleared, so every combination set so far is a different future: the state space grows to millions of states (for analysis benchmarks).")
  var lastingFlags = false

  func run() throws {
    let text: String
    do {
      text = try ScenarioGenerator(
        passages: passages, flags: flags, seed: seed, flagStyle: lastingFlags ? .lasting : .windowed
      ).generate()
    } catch {
      throw ValidationError(error.description)
    }
    // Never write what check would refuse to read.
    guard text.utf8.count <= SourceLimits.maximumFileBytes else {
      throw ValidationError(
        "\(passages) passages make a \(text.utf8.count)-byte file, over the \(SourceLimits.maximumFileSize) a scenario file may have (about \(passages * SourceLimits.maximumFileBytes / text.utf8.count) passages fit)")
    }
    Output.print(text)
  }
}
