import CaseAuthoring
import CaseEngine
import CaseFormat
import CaseScoring
import CaseTestSupport
import Foundation
import Testing

@Suite("casesim new: the scenario scaffold")
struct ScaffoldTests {
  func scaffold(_ id: String = "new-scenario", role: String = "social-worker") throws -> ScenarioScaffold {
    try ScenarioScaffold(id: id, role: role)
  }

  func load(_ scaffold: ScenarioScaffold) -> LoadedScenario {
    ScenarioLoader.load(text: scaffold.caseText, path: "\(scaffold.id).case", guidance: Fixtures.guidance)
  }

  @Test("the scaffold checks with no errors and no warnings", arguments: ["social-worker", "police"])
  func checksCleanly(role: String) throws {
    let scaffold = try scaffold(role: role)
    let loaded = load(scaffold)
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
    // The semantic checks `casesim check` also runs.
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let written = try ScaffoldWriter.write(scaffold, into: directory)
    let checked = ScenarioChecker.check(path: written.casePath, guidance: Fixtures.guidance)
    #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map(\.description))")
  }

  @Test("its best, worst and typical paths pass", arguments: ["social-worker", "police"])
  func expectationsPass(role: String) throws {
    let scaffold = try scaffold(role: role)
    let loaded = load(scaffold)
    let (file, diagnostics) = ExpectationFile.parse(scaffold.testsText, path: "\(scaffold.id).tests")
    #expect(diagnostics.isEmpty)
    #expect(file.expectations.map(\.name) == ["best", "worst", "typical"])
    #expect(file.expectations.map(\.outcome) == [.safe, .unsafe, .partlySafe])
    #expect(file.expectations.allSatisfy { $0.role == role && $0.score != nil && $0.ending != nil })
    for expectation in file.expectations {
      let report = PlaytestRunner.run(expectation, scenario: loaded.scenario)
      #expect(report.passed, "\(expectation.name): \(report.failures)")
    }
    // The best path really is the best and the worst the worst.
    let best = PlaytestRunner.run(file.expectations[0], scenario: loaded.scenario)
    let worst = PlaytestRunner.run(file.expectations[1], scenario: loaded.scenario)
    #expect(best.criticalTaken == 0)
    #expect(worst.criticalTaken > 0)
    let achievable = BestAchievable(engine: Engine(scenario: loaded.scenario, role: role), guidance: Fixtures.guidance)
    #expect(file.expectations[0].score == achievable.total...achievable.total)
    #expect(file.expectations[1].score == achievable.worstTotal...achievable.worstTotal)
  }

  @Test("every header field is there, in the reference order") func headerFields() throws {
    let parsed = ScenarioParser.parse(try scaffold().caseText, path: "s.case")
    #expect(parsed.headerEntries.map(\.key) == CaseSyntax.headerKeyOrder)
    let contentNote = parsed.headerEntries.first { $0.key == "content-note" }?.value ?? ""
    #expect(contentNote.hasPrefix("Describe plainly what the material contains"))
  }

  @Test("every construct of the format has a worked example") func everyConstruct() throws {
    let scenario = load(try scaffold()).scenario
    let passages = scenario.orderedPassages
    let choices = passages.flatMap(\.choices)
    #expect(scenario.declarations.values.contains { $0.kind == .flag })
    #expect(scenario.declarations.values.contains { $0.kind == .counter && $0.range != StateDeclaration.defaultCounterRange })
    #expect(passages.contains { !$0.facts.isEmpty && $0.facts[0].when != nil })
    #expect(passages.contains { $0.prose.contains { $0.condition != nil } })
    #expect(passages.contains { $0.prose.contains(where: \.isParagraphBreak) })
    let guidance = Set(choices.flatMap(\.scores).map(\.guidanceID))
    #expect(guidance == Set(ScenarioScaffold.exampleGuidance))
    #expect(ScenarioScaffold.exampleGuidance.allSatisfy { Fixtures.guidance.entry($0) != nil })
    #expect(choices.contains { $0.scores.contains { $0.points > 0 } })
    #expect(choices.contains { $0.scores.contains { $0.points < 0 } })
    #expect(choices.contains { !$0.feedback.isEmpty })
    #expect(choices.contains { $0.rationalePrompt != nil })
    #expect(choices.contains { $0.critical?.reason != nil })
    #expect(choices.contains { $0.effects.contains { if case .set = $0 { true } else { false } } })
    #expect(choices.contains { $0.effects.contains { if case .add = $0 { true } else { false } } })
    #expect(choices.contains { $0.condition != nil })
    let endings = passages.compactMap(\.ending)
    #expect(Set(endings.map(\.outcome)) == Set(Outcome.allCases))
    #expect(endings.allSatisfy { !$0.lessons.isEmpty && !$0.reflections.isEmpty })
    #expect(!scenario.header.lessons.isEmpty && !scenario.header.reflections.isEmpty)
    // Each construct is explained by a comment.
    let comments = scaffoldComments(try scaffold().caseText)
    for mark in ["@fact", "\"+ PRINCIPLE", "\"- PRINCIPLE", "\"> text\"", "\"? text\"", "\"! critical", "\"~\"", "@if", "@ending", "@lesson", "@reflect", "in 0..3", "braces"] {
      #expect(comments.contains { $0.contains(mark) }, "no comment explains \(mark)")
    }
  }

  func scaffoldComments(_ text: String) -> [String] {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("//") }
  }

  @Test("the scaffold is already in the canonical layout") func canonical() throws {
    let text = try scaffold().caseText
    #expect(ScenarioFormatter.isCanonical(text, path: "s.case"))
  }

  @Test("ids and roles that are not kebab-case are refused", arguments: ["Bad_Id", "1st-case", "case-", "", "duty desk", "Duty"])
  func badIDs(id: String) {
    #expect(throws: ScaffoldError.invalidID(id)) { try ScenarioScaffold(id: id) }
    #expect(throws: ScaffoldError.invalidRole(id)) { try ScenarioScaffold(id: "fine", role: id) }
  }

  @Test("writing creates both files, and never overwrites") func writing() throws {
    let directory = Fixtures.temporaryDirectory() + "/nested/Scenarios"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let scaffold = try scaffold("first-case")
    let written = try ScaffoldWriter.write(scaffold, into: directory)
    #expect(try String(contentsOfFile: written.casePath, encoding: .utf8) == scaffold.caseText)
    #expect(try String(contentsOfFile: written.testsPath, encoding: .utf8) == scaffold.testsText)

    try "// mine\n".write(toFile: written.casePath, atomically: true, encoding: .utf8)
    #expect(throws: ScaffoldError.alreadyExists(written.casePath)) { try ScaffoldWriter.write(scaffold, into: directory) }
    #expect(try String(contentsOfFile: written.casePath, encoding: .utf8) == "// mine\n")

    // An existing .tests file alone also stops it, and no .case file is left behind.
    let other = try self.scaffold("second-case")
    let testsOnly = directory + "/second-case.tests"
    try "== mine\n".write(toFile: testsOnly, atomically: true, encoding: .utf8)
    #expect(throws: ScaffoldError.alreadyExists(testsOnly)) { try ScaffoldWriter.write(other, into: directory) }
    #expect(!FileManager.default.fileExists(atPath: directory + "/second-case.case"))
  }
}
