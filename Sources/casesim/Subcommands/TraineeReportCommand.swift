import ArgumentParser
import CaseReports
import Foundation

/// `casesim report trainee NAME`: a trainee's portfolio of evidence (ASYE, CPD).
struct TraineeReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trainee",
    abstract: "A trainee's portfolio of evidence: sessions, decisions with their reasons, mapped to their framework.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case md, html
  }

  @Argument(help: ArgumentHelp("The trainee's name as recorded.", valueName: "name"))
  var name: String

  @Option(help: ArgumentHelp("The portfolio's format: md (Markdown) or html.", valueName: "format"))
  var format: Format = .md

  @Option(help: ArgumentHelp("Write the portfolio to this file (made readable by you only) instead of printing it.", valueName: "file"))
  var output: String?

  @OptionGroup var global: GlobalOptions

  func run() throws { try Blocking.wait { try await self.runAsync() } }

  func runAsync() async throws {
    let environment = Environment(options: global)
    let records = try await ReportRecords.portfolio(environment: environment, trainee: name)
    let portfolio = TraineePortfolio(
      trainee: name, sessions: records.sessions, scenarios: records.scenarios, guidance: records.guidance)
    let text = format == .md ? PortfolioRenderer().markdown(portfolio) : PortfolioRenderer().html(portfolio)
    try Output.deliver(text, to: output, personal: true)
  }
}
