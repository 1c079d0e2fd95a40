import ArgumentParser
import CaseAuthoring
import CaseFormat
import CaseInterchange
import Foundation

/// `casesim export`: a scenario for other tools (the default), or the records for a learning
/// record store (`export xapi`).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a scenario as JSON for other tools, or the records as xAPI statements ('export xapi').",
    subcommands: [ExportScenarioCommand.self, ExportXAPICommand.self],
    defaultSubcommand: ExportScenarioCommand.self)
}

/// `casesim export [scenario] ID|PATH --format json [--output FILE]`: a scenario for other tools.
struct ExportScenarioCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "Write a scenario as JSON for other tools (schema: Documentation/scenario.schema.json).",
    discussion: """
      The JSON holds the compiled scenario: header, declarations with their ranges, and every passage in order with its prose, conditions, facts, roles, ending and choices (scores, feedback, critical marks, prompts and effects). Comments and source positions are not exported; included passages are exported with the rest. The same scenario always exports to the same bytes. 'casesim import' reads the file back.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json
  }

  @Argument(help: ArgumentHelp("A scenario id from the library, or a .case file.", valueName: "id-or-path"))
  var scenario: String

  @Option(help: "The format to write (json).")
  var format: Format = .json

  @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    let loaded = try ScenarioResolver(environment: environment).load(scenario).scenario
    let text: String
    switch format {
    case .json: text = ScenarioExporter.json(loaded.scenario)
    }
    try Output.deliver(text, to: output)
    if let output {
      Output.print("exported \(UntrustedText.escaped(loaded.scenario.id)) to \(UntrustedText.escaped(output))\n")
    }
  }
}
