import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// A path from a scenario's .tests file as a trainee types it (options in written order,
/// `--order written`), with the decisions it records and the ending and score the author wrote.
struct PlayScript {
  let scenarioID: String
  let role: String
  /// Per decision: the choice number, then its reason where play asks for one.
  let steps: [[String]]
  /// Per decision: the passage it is taken at and the choice's written index.
  let decisions: [(passageID: String, choiceIndex: Int)]
  let ending: String
  /// The exact score the .tests file expects (not computed by the scoring code).
  let score: Int

  init(_ scenarioID: String, path name: String, mode: PlayMode = .practice) throws {
    let (steps, ending, scenario) = try CLITests.script(scenarioID, path: name, mode: mode)
    let file = Fixtures.scenariosDirectory + "/\(scenarioID).tests"
    let expectation = try #require(
      ExpectationFile.parse(try String(contentsOfFile: file, encoding: .utf8), path: file).0.expectations
        .first { $0.name == name })
    role = expectation.role ?? scenario.header.roles[0]
    let engine = Engine(scenario: scenario, role: role)
    var state = engine.start()
    var decisions: [(String, Int)] = []
    for number in expectation.choices {
      let choice = engine.visibleChoices(state)[number - 1]
      decisions.append((state.passageID, choice.index))
      state = try engine.choose(choice.index, in: state)
    }
    self.scenarioID = scenarioID
    self.steps = steps
    self.decisions = decisions
    self.ending = ending
    self.score = try CLITests.expectedScore(scenarioID, path: name)
  }

  /// Input for `play`: Enter at the content note, then every step.
  var playInput: String { "\n" + input(from: 0) }

  /// Input for `resume` after `taken` decisions: the remaining steps.
  func input(from taken: Int) -> String {
    steps.dropFirst(taken).flatMap { $0 }.map { $0 + "\n" }.joined()
  }

  /// The reason typed for decision `n` (0-based), if play asks for one.
  func reason(_ n: Int) -> String? { steps[n].count > 1 ? steps[n][1] : nil }
}

/// What the piped screen shows, read the way a trainee would.
enum Screens {
  static let contentNotePrompt = "Press Enter to begin, or type 'back' to return: "

  /// Text that rules out the screen a scripted run waits for: the input was not understood,
  /// nothing could be saved, or play stopped. A wait that sees it fails at once.
  static func wrong(_ stdout: String) -> Bool {
    [
      "Choose a number from", "is not a command here", "Could not save", "Could not start",
      "Saved. Pick up where", "offers no way forward", "Press Enter to begin, or type 'back'.\n",
    ].contains { stdout.contains($0) }
  }

  /// The decisions play has shown as taken: play draws a rule of dashes above every passage
  /// (the first at the start, then one after each decision it has saved, the ending's
  /// included), and draws it only after the decision's record has been written.
  static func acknowledged(_ stdout: String) -> Int {
    let play = stdout.components(separatedBy: "The scenario has ended.")[0]
    let rules = play.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
      line.count >= 40 && line.allSatisfy { $0 == "-" }
    }.count
    // A finished play's last rule sits just before "The scenario has ended."
    return max(0, rules - 1)
  }
}
