import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// `retry N` in the real binary with piped input, then the path taken: `casesim debrief --path`
/// as text and `casesim graph --session` with the path drawn over the scenario.
@Suite("Learning by trying again, end to end")
struct LearningByTryingAgainCLITests {
  /// Piped input for a practice play: the worst path's first decision, taken back with retry,
  /// then the best path to its end.
  static func retryThenBest(_ scenarioID: String) throws -> String {
    let worst = try CLITests.script(scenarioID, path: "worst").lines
    let best = try CLITests.script(scenarioID, path: "best").lines
    return ([""] + worst[0] + ["retry 1"] + best.flatMap { $0 }).joined(separator: "\n") + "\n"
  }

  @Test("retry 1 goes back and is recorded; the debrief says so; --path and graph --session show the standing path")
  func retryThenPath() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let best = try CLITests.script("duty-desk-friday", path: "best")
    let input = try Self.retryThenBest("duty-desk-friday")
    let played = try CaseSimProcess.run(
      ["play", "duty-desk-friday", "--mode", "practice", "--order", "written"], input: input, sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stdout.contains("Back to decision 1, to take it again"))
    #expect(played.stdout.contains("The scenario has ended. Outcome: Safe."))
    #expect(played.stdout.contains("You went back to try decision 1 again (retry)"))
    let bestScore = try CLITests.expectedScore("duty-desk-friday", path: "best")
    #expect(played.stdout.contains("You earned \(bestScore) points"), "the retried attempt does not count")

    let history = try CaseSimProcess.run(["history"], sandbox: sandbox)
    let session = try #require(history.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first)

    let path = try CaseSimProcess.run(["debrief", String(session), "--path"], sandbox: sandbox)
    #expect(path.status == 0, "\(path.stderr)")
    #expect(path.stdout.hasPrefix("YOUR PATH: Duty desk, Friday 16:40 (social worker)"))
    let decisions = path.stdout.components(separatedBy: "\nDecision ").count - 1
    #expect(decisions == best.lines.count, "one section per standing decision, the retried one not among them")
    #expect(path.stdout.components(separatedBy: "\n  > ").count - 1 == best.lines.count, "one taken mark per decision")
    #expect(path.stdout.contains("Ended at \(best.ending): Safe."))

    let directory = Fixtures.temporaryDirectory()
    let graph = try CaseSimProcess.run(
      ["graph", "--session", String(session), "--output", directory + "/path.dot"], sandbox: sandbox)
    #expect(graph.status == 0, "\(graph.stderr)")
    let dot = try String(contentsOfFile: directory + "/path.dot", encoding: .utf8)
    for number in 1...best.lines.count {
      #expect(dot.contains("label=\"[\(number)] "), "decision \(number) labels its arrow")
    }
    #expect(dot.contains("the session's path: decision n took this choice"))
    let mode = try FileManager.default.attributesOfItem(atPath: directory + "/path.dot")[.posixPermissions] as? Int
    #expect(mode == 0o600, "a picture of someone's session is kept private")
    // A file that is already there keeps the mode its owner gave it.
    let shared = directory + "/shared.dot"
    #expect(FileManager.default.createFile(atPath: shared, contents: Data(), attributes: [.posixPermissions: 0o640]))
    let again = try CaseSimProcess.run(["graph", "--session", String(session), "--output", shared], sandbox: sandbox)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try FileManager.default.attributesOfItem(atPath: shared)[.posixPermissions] as? Int == 0o640)
    #expect(try String(contentsOfFile: shared, encoding: .utf8).contains("label=\"[1] "))
    let both = try CaseSimProcess.run(["debrief", String(session), "--path", "--markdown"], sandbox: sandbox)
    #expect(both.status == 64 && both.stderr.contains("--path prints text; leave out --markdown"))

    let scenarioAndSession = try CaseSimProcess.run(["graph", "duty-desk-friday", "--session", String(session)], sandbox: sandbox)
    #expect(scenarioAndSession.status == 64)
    let assessmentRetry = try CaseSimProcess.run(
      ["play", "duty-desk-friday", "--mode", "assessment", "--order", "written"],
      input: ([""] + (try CLITests.script("duty-desk-friday", path: "worst", mode: .assessment).lines[0]) + ["retry 1", "quit"])
        .joined(separator: "\n") + "\n", sandbox: sandbox)
    #expect(assessmentRetry.stdout.contains("Retry is for practice mode; in assessment every decision stands."))
  }
}
