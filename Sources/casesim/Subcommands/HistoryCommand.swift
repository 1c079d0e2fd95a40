import ArgumentParser
import CaseFormat
import CaseRecords
import CaseShell
import Foundation

/// `casesim history`: a trainee's past sessions with their scores.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "List your past sessions, newest first, with scores.")

  @Flag(help: "Every trainee's sessions, not just yours.")
  var all = false

  @Flag(help: "Include plays of files outside the library (an author's drafts), which are kept apart by default.")
  var drafts = false

  @Flag(help: "Print JSON: each session's id, scenario, role, mode, dates, ending, grade and score.")
  var json = false

  @OptionGroup var global: GlobalOptions

  /// One session as `history --json` prints it.
  struct Entry: Encodable {
    var session: String
    var trainee: String
    var scenario: String
    var title: String
    var role: String
    var mode: String
    var started: String
    var finished: String?
    var ending: String?
    var outcome: String?
    var grade: String?
    var score: Int?
    var bestTotal: Int?
    var draft: Bool
  }

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
    if json {
      let formatter = ISO8601DateFormatter()
      try Output.printJSON(
        sessions.map { s in
          Entry(
            session: s.id, trainee: s.trainee, scenario: s.scenarioID, title: titles[s.scenarioID] ?? s.scenarioID,
            role: s.role, mode: s.mode, started: formatter.string(from: s.startedAt),
            finished: s.finishedAt.map(formatter.string(from:)), ending: s.endingID, outcome: s.outcome,
            grade: s.grade, score: s.totalScore, bestTotal: s.bestTotal, draft: s.isDraft)
        })
      return
    }
    Output.print(LibraryViews.history(sessions, titles: titles, width: Output.tableWidth))
  }
}
