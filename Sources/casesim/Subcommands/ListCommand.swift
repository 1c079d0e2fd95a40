import ArgumentParser
import CaseFormat
import CaseShell
import Foundation

/// `casesim list [--json]`: the scenario library.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the scenario library.")

  @Flag(help: "Print JSON: id, title, roles, minutes, themes, reviews and guidance ids of each scenario.")
  var json = false

  @Flag(help: "Each scenario's summary, themes and content note too, not one line per scenario.")
  var long = false

  @OptionGroup var global: GlobalOptions

  struct Entry: Encodable {
    var id: String
    var title: String
    var summary: String
    var roles: [String]
    var minutes: Int
    var modes: [String]
    var themes: [String]
    var contentNote: String
    /// `low`, `moderate` or `high`; null when the scenario does not say.
    var intensity: String?
    var reviews: [String]
    var guides: [String]
    var guidance: [String]
    var path: String
  }

  func run() throws {
    let environment = Environment(options: global)
    let library = try environment.loadLibrary()
    let scenarios = library.playable
    if json {
      let entries = scenarios.map { s in
        Entry(
          id: s.id, title: s.header.title, summary: s.header.summary, roles: s.header.roles,
          minutes: s.header.minutes, modes: s.header.modes.map(\.rawValue), themes: s.header.themes,
          contentNote: s.header.contentNote, intensity: s.header.intensity?.rawValue, reviews: s.header.reviews, guides: s.header.guides,
          guidance: s.guidanceIDsUsed, path: s.path)
      }
      try Output.printJSON(entries)
      return
    }
    let summary = library.summary
    if long {
      Output.print(LibraryViews.scenarioList(summary.playable, width: 80, colour: environment.colourAllowed))
    } else {
      Output.print(LibraryViews.scenarioTable(summary.playable, width: Output.tableWidth))
    }
    let broken = summary.brokenCount
    if broken > 0 {
      Output.error("\(broken) scenario file(s) have errors and are not listed; run 'casesim check'")
    }
  }
}
