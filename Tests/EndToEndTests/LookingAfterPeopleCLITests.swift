import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The real binary: the calm pause after an unsafe ending at a terminal (in a pseudo-terminal,
/// through `Interactive/calm_pause.py`), the same play through a pipe with no pause at all, the
/// agency's support file found through XDG_CONFIG_HOME and CASESIM_SUPPORT_FILE, and the
/// intensity in the library listing.
@Suite("Looking after people, end to end", .serialized, .timeLimit(.minutes(3)), .tags(.slow))
struct LookingAfterPeopleCLITests {
  static var scriptPath: String { Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/calm_pause.py" }

  /// The worst path of duty-desk-friday as written in its .tests file (it ends unsafe).
  static func worstChoices() throws -> [Int] {
    let file = Fixtures.scenariosDirectory + "/duty-desk-friday.tests"
    let expectation = try #require(
      ExpectationFile.parse(try String(contentsOfFile: file, encoding: .utf8), path: file).0.expectations
        .first { $0.name == "worst" })
    #expect(expectation.outcome == .unsafe)
    return expectation.choices
  }

  @Test("at a terminal: the unsafe ending, the calm note and the support file's text, then the debrief only after Enter")
  func pauseInAPseudoTerminal() throws {
    let pexpectCheck = CommandRunner.run(["python3", "-c", "import pexpect"], in: Fixtures.repositoryRoot)
    guard pexpectCheck.status == 0 else {
      Issue.record("This test needs Python 3 with pexpect (`python3 -m pip install pexpect`).\n\(pexpectCheck.output)")
      return
    }
    let choices = try Self.worstChoices().map(String.init).joined(separator: ",")
    let result = CommandRunner.run(
      ["python3", Self.scriptPath, CaseSimProcess.binary, Fixtures.repositoryRoot, choices], in: Fixtures.repositoryRoot)
    #expect(result.status == 0, "calm_pause.py exited with status \(result.status):\n\(result.output)")
    #expect(result.output.contains("pty: calm pause checked"))
  }

  @Test("through a pipe the same unsafe ending goes straight to the debrief, and no extra line is read")
  func noPauseThroughAPipe() throws {
    let supportFile = Fixtures.temporaryDirectory() + "/support.txt"
    try "Talk to the duty manager.\n".write(toFile: supportFile, atomically: true, encoding: .utf8)
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["CASESIM_SUPPORT_FILE"] = supportFile
    let (steps, _, _) = try CLITests.script("duty-desk-friday", path: "worst", mode: .assessment)
    // Exactly the lines play read before the pause existed: none is left over for a pause.
    let input = ([""] + steps.flatMap { $0 }).joined(separator: "\n") + "\n"
    let result = try CaseSimProcess.run(
      ["play", "duty-desk-friday", "--mode", "assessment", "--order", "written"], input: input, sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("The scenario has ended. Outcome: Unsafe.\n\nDEBRIEF: Duty desk"))
    #expect(!result.stdout.contains("Take a moment"))
    #expect(!result.stdout.contains("Press Enter when you are ready"))
    #expect(!result.stdout.contains("Talk to the duty manager."))
  }

  @Test("'support' at the shell shows the file named by CASESIM_SUPPORT_FILE, else XDG_CONFIG_HOME's, else the default")
  func supportCommand() throws {
    let folder = Fixtures.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder + "/config/casesim", withIntermediateDirectories: true)
    try "From the config folder: talk to your team manager.\n".write(
      toFile: folder + "/config/casesim/support.txt", atomically: true, encoding: .utf8)
    try "Named explicitly: ring the wellbeing team.\n".write(toFile: folder + "/named.txt", atomically: true, encoding: .utf8)

    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["XDG_CONFIG_HOME"] = folder + "/config"
    let fromConfig = try CaseSimProcess.run([], input: "support\nquit\n", sandbox: sandbox)
    #expect(fromConfig.stdout.contains("Support\n  From the config folder: talk to your team manager."), "\(fromConfig.stdout)")

    sandbox.extraEnvironment["CASESIM_SUPPORT_FILE"] = folder + "/named.txt"
    let named = try CaseSimProcess.run([], input: "support\nhelp\nquit\n", sandbox: sandbox)
    #expect(named.stdout.contains("Named explicitly: ring the wellbeing team."))
    #expect(named.stdout.contains("support           who to talk to if a scenario has upset you"))

    sandbox.extraEnvironment["XDG_CONFIG_HOME"] = folder + "/nowhere"
    sandbox.extraEnvironment["CASESIM_SUPPORT_FILE"] = nil
    sandbox.extraEnvironment["HOME"] = folder + "/home"
    let fallback = try CaseSimProcess.run([], input: "support\nquit\n", sandbox: sandbox)
    #expect(fallback.stdout.contains("employee assistance programme"))
    #expect(!fallback.stdout.contains("could not be used"))
  }

  @Test("the library listing and list --json show each scenario's intensity")
  func listing() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let text = try CaseSimProcess.run(["list", "--long"], sandbox: sandbox)
    #expect(text.stdout.contains("Intensity: moderate — harm to a child named plainly, never described."))
    #expect(text.stdout.contains("Intensity: high — "))
    let compact = try CaseSimProcess.run(["list"], sandbox: sandbox)
    #expect(compact.stdout.split(separator: "\n").contains { $0.hasPrefix("smell-of-cannabis ") && $0.hasSuffix(" moderate") })
    let json = try CaseSimProcess.run(["list", "--json"], sandbox: sandbox)
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(!entries.isEmpty)
    #expect(entries.allSatisfy { ["low", "moderate", "high"].contains($0["intensity"] as? String ?? "") })
    #expect(entries.first { $0["id"] as? String == "smell-of-cannabis" }?["intensity"] as? String == "moderate")
  }
}
