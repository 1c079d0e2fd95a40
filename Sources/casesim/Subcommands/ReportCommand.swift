import ArgumentParser
import CaseReports
import Foundation

/// `casesim report`: what a cohort did, or one trainee's portfolio of evidence.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Reports for agencies and trainees: a cohort's figures, or one trainee's portfolio.",
    discussion: "Documentation/reports.md says what each figure means and how small groups are withheld. With --group NAME a cohort report covers only sessions recorded in that group (CASESIM_GROUP is not applied to reports).",
    subcommands: [CohortReportCommand.self, TraineeReportCommand.self])
}

/// `casesim report cohort`: the figures of every trainee's sessions.
struct CohortReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cohort",
    abstract: "What a cohort did on the scenarios: completions, grades, principles met, decisions, reasons.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, html, csv, json
  }

  @Option(help: ArgumentHelp("Only this scenario (by id).", valueName: "id"))
  var scenario: String?

  @Option(help: ArgumentHelp("Only sessions started on or after this day (YYYY-MM-DD, UTC) or moment (ISO 8601).", valueName: "date"))
  var since: String?

  @Option(
    name: .customLong("min-cell"),
    help: ArgumentHelp("Withhold every figure drawn from fewer than this many trainees (at least 1).", valueName: "n"))
  var minimumCell = 5

  @Option(help: ArgumentHelp("The report's format: text, html, csv or json.", valueName: "format"))
  var format: Format = .text

  @Option(help: ArgumentHelp("Write the report to this file (made readable by you only) instead of printing it.", valueName: "file"))
  var output: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if minimumCell < 1 { throw ValidationError("--min-cell must be at least 1") }
    _ = try DateArgument.since(since)
  }

  func run() throws { try Blocking.wait { try await self.runAsync() } }

  func runAsync() async throws {
    let environment = Environment(options: global)
    let start = try DateArgument.since(since)
    // Only an explicit --group narrows a report: CASESIM_GROUP says where new sessions go, and a
    // report must never be narrowed without the reader asking.
    let group = global.group?.trimmingCharacters(in: .whitespaces)
    let filter = CohortFilter(scenarioID: scenario, since: start, group: group?.isEmpty == true ? nil : group)
    let report = try await ReportRecords.cohortReport(environment: environment, filter: filter, minimumCell: minimumCell)
    let text: String
    switch format {
    case .text: text = CohortTextRenderer().render(report)
    case .json: text = try CohortJSONRenderer().render(report)
    case .csv: text = CohortCSVRenderer().render(report)
    case .html: text = CohortHTMLRenderer().render(report)
    }
    try Output.deliver(text, to: output, personal: true)
  }
}

