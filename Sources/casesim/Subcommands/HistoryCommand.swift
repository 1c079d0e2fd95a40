import ArgumentParser
import CaseFormat
import CaseRecords
import CaseShell

/// `casesim history`: a trainee's past sessions with their scores.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "List your past sessions, newest first, with scores.")

  @Flag(help: "Every trainee's sessions, not just yours.")
  var all = false

  @Flag(help: "Include plays of files outside the library (an author's drafts), which are kept apart by default.")
  var drafts = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    let store = try environment.openStore()
    let sessions = try store.sessions(trainee: all ? nil : environment.trainee, includeDrafts: drafts)
    var titles: [String: String] = [:]
    if let root = environment.libraryRoot() {
      for loaded in ScenarioLibrary(root: root).scenarios {
        titles[loaded.scenario.id] = loaded.scenario.header.title
      }
    }
    Output.print(LibraryViews.history(sessions, titles: titles))
  }
}
