import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("Semantic checks over the state space")
struct SemanticCheckTests {
  /// Compiles and runs the semantic checks, with markers giving expected positions.
  func check(_ marked: String) -> (diagnostics: [Diagnostic], text: MarkedText) {
    let text = MarkedText(marked)
    let loaded = Fixtures.load(text.text, path: "s.case")
    #expect(!loaded.diagnostics.hasErrors, "fixture must compile: \(loaded.diagnostics.map(\.description))")
    let all = loaded.diagnostics + SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance)
    return (WarningSuppression.apply(all, to: loaded), text)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var code: DiagnosticCode
    var severity: Severity
    var text: String
    var testDescription: String { code.rawValue }
  }

  static let cases: [Case] = [
    Case(
      code: .unreachablePassage, severity: .error,
      text: Fixtures.header() + "flag never\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ clear never\n* {never} Secret -> hidden\n  + see-child-alone 1\n  ~ set never\n== ⟦1⟧hidden\n* On -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .unreachableEnding, severity: .error,
      text: Fixtures.header() + "flag never\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ clear never\n* {never} Secret -> secret-end\n  + see-child-alone 1\n  ~ set never\n== done\n@ending safe\nOk.\n@lesson L.\n== ⟦1⟧secret-end\n@ending unsafe\nNo.\n@lesson L.\n"),
    Case(
      code: .stuckPassage, severity: .error,
      text: Fixtures.header() + "flag ready\n== start\n* Wait -> ⟦1⟧middle\n  + see-child-alone 1\n* Prepare -> middle\n  + see-child-alone 1\n  ~ set ready\n== middle\n* {ready} Finish -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n".replacingOccurrences(of: "* Wait -> ⟦1⟧middle", with: "* Wait -> middle").replacingOccurrences(of: "== middle", with: "== ⟦1⟧middle")),
    Case(
      code: .noWayOut, severity: .error,
      text: Fixtures.header() + "== start\n* Loop -> ⟦1⟧loop\n  + see-child-alone 1\n* End -> done\n  + see-child-alone 1\n== loop\n* Again -> loop\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n".replacingOccurrences(of: "* Loop -> ⟦1⟧loop", with: "* Loop -> loop").replacingOccurrences(of: "== loop", with: "== ⟦1⟧loop")),
    Case(
      code: .conditionNeverTrue, severity: .warning,
      text: Fixtures.header() + "counter worry = 0 in 0..3\n== start\n* Worry -> done\n  + see-child-alone 1\n  ~ worry += 1\n* ⟦1⟧{worry > 5} Panic -> done\n  + see-child-alone 1\n* Fine -> done\n  + see-child-alone 1\n== done\n@ending safe\n{worry >= 1} Worried.\n@lesson L.\n"),
    Case(
      code: .conditionAlwaysTrue, severity: .warning,
      text: Fixtures.header() + "flag seen\n== start\n* See -> middle\n  + see-child-alone 1\n  ~ set seen\n== middle\n* ⟦1⟧{seen} Continue -> done\n  + see-child-alone 1\n* Also -> done\n  + see-child-alone 1\n  ~ clear seen\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .unusedState, severity: .warning,
      text: Fixtures.header() + "flag ⟦1⟧noted\n== start\n* Note -> done\n  + see-child-alone 1\n  ~ set noted\n* Skip -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .neverSet, severity: .warning,
      text: Fixtures.header() + "flag ⟦1⟧known\n== start\n* {not known} Ask -> done\n  + see-child-alone 1\n* Skip -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .unusedCatalog, severity: .warning,
      text: Fixtures.header(guides: "practice-lessons, working-together").replacingOccurrences(of: "working-together", with: "⟦1⟧working-together") + "== start\n* Go -> done\n  + see-child-alone 1\n* Stay -> done\n  - see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .unscoredChoice, severity: .warning,
      text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n⟦1⟧* Shrug -> done\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .bestPathCritical, severity: .warning,
      text: Fixtures.header() + "== start\n⟦1⟧* Close it -> bad\n  + see-child-alone 5\n  ! critical: Nobody saw the child.\n* Visit -> good\n  + see-child-alone 1\n== bad\n@ending unsafe\nBad.\n@lesson L.\n== good\n@ending safe\nGood.\n@lesson L.\n"),
    Case(
      code: .missingLesson, severity: .warning,
      text: Fixtures.header() + "== start\n* Go -> ⟦x⟧done\n  + see-child-alone 1\n* Stay -> other\n  - see-child-alone 1\n== ⟦1⟧done\n@ending safe\nOk.\n== other\n@ending unsafe\nNo.\n@lesson L.\n"),
    Case(
      code: .teamDeadlock, severity: .error,
      text: Fixtures.header(roles: "social-worker, police") + "== start\n* To the other meeting -> other\n  @role social-worker\n  + see-child-alone 1\n* To the meeting -> meeting\n  @role police\n  + see-child-alone 1\n== ⟦1⟧other\n@joint\n* Close -> done\n  + see-child-alone 1\n== meeting\n@joint\n* Close -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"),
    Case(
      code: .unlearnableFact, severity: .warning,
      text: Fixtures.header(roles: "social-worker, police") + "== start\n* Go -> secret\n  @role social-worker\n  + see-child-alone 1\n* Stay -> done\n  + see-child-alone 1\n== secret\n@role police\n@fact #⟦1⟧hidden Mon | Only the police could know.\n* On -> done\n  + see-child-alone 1\n== done\n@ending safe\n{police knows hidden} Known.\nOk.\n@lesson L.\n"),
  ]

  @Test("each check reports its code at the right place", arguments: cases)
  func reports(_ c: Case) throws {
    let (diagnostics, text) = check(c.text)
    let found = diagnostics.filter { $0.code == c.code }
    #expect(found.count >= 1, "expected \(c.code); got \(diagnostics.map(\.description))")
    #expect(found.allSatisfy { $0.severity == c.severity })
    let expected = try #require(text.location("1", file: "s.case"))
    #expect(found.contains { $0.location == expected }, "expected at \(expected); got \(found.map(\.description))")
  }

  @Test("a clean scenario gets no semantic diagnostics")
  func clean() {
    // Options of equal register, the best never first, longest or keyword-marked; a critical
    // choice that can score at most 40% of the range and never ends safe; titled endings.
    let text = Fixtures.header() + "flag seen\n== start\n* Leave it for now -> middle\n  - see-child-alone 1\n* See the child -> middle\n  + see-child-alone 1\n  ~ set seen\n== middle\n{seen} You saw the child.\n* Close the case -> bad\n  - share-information-to-safeguard 2\n  ! critical: Nothing was shared.\n* {seen} Pass it on -> done\n  + share-information-to-safeguard 1\n== done\n@ending safe | Seen and safe\nOk.\n@lesson L.\n== bad\n@ending unsafe | Closed unseen\nNo.\n@lesson L.\n"
    let (diagnostics, _) = check(text)
    #expect(diagnostics == [])
  }

  @Test("a role that gets stuck is named; other roles may pass")
  func stuckForOneRole() {
    let text = Fixtures.header(roles: "social-worker, police") + "== start\n* Police act -> done\n  @role police\n  + see-child-alone 1\n* Both act -> done\n  @role police\n  - see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"
    let (diagnostics, _) = check(text)
    let stuck = diagnostics.filter { $0.code == .stuckPassage }
    #expect(stuck.count == 1)
    #expect(stuck.first?.message.contains("for social-worker") == true)
  }

  @Test("a considered warning can be silenced by a comment above its line; errors cannot")
  func suppression() {
    let text = Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n// casesim-ignore: unscored-choice\n* Shrug -> done\n== done\n@ending safe\nOk.\n@lesson L.\n"
    #expect(check(text).diagnostics.filter { $0.code == .unscoredChoice }.isEmpty)
    let unsilenced = text.replacingOccurrences(of: "// casesim-ignore: unscored-choice\n", with: "// casesim-ignore: missing-lesson\n")
    #expect(check(unsilenced).diagnostics.filter { $0.code == .unscoredChoice }.count == 1)
    let error = Fixtures.header() + "flag never\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ clear never\n// casesim-ignore: unreachable-passage\n* {never} Secret -> hidden\n  + see-child-alone 1\n  ~ set never\n== hidden\n* On -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n@lesson L.\n"
    #expect(check(error).diagnostics.contains { $0.code == .unreachablePassage })
  }

  @Test("a state space larger than the limit is reported as truncated, not explored forever")
  func truncated() {
    let text = Fixtures.header() + "counter a = 0 in 0..50\ncounter b = 0 in 0..50\n== start\n* {a < 50} More a -> start\n  + see-child-alone 1\n  ~ a += 1\n* {b < 50} More b -> start\n  + see-child-alone 1\n  ~ b += 1\n* Stop -> done\n  + see-child-alone 1\n== done\n@ending safe\n{a >= 1 and b >= 1} Both.\n@lesson L.\n"
    let loaded = Fixtures.load(text)
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance, stateLimit: 100)
    let found = diagnostics.filter { $0.code == .analysisTruncated }
    #expect(found.count == 1)
    // Reported at the scenario's id, the value of the header's first line "id: fixture": line
    // 1, column 5 (where the checker has put it since the hardening change, 9ce2504).
    #expect(found.first?.location == SourceLocation(file: "fixture.case", line: 1, column: 5))
    #expect(SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance).filter { $0.code == .analysisTruncated }.isEmpty)
  }

  @Test("a missing content note has its own code")
  func contentNote() {
    let text = Fixtures.header().replacingOccurrences(of: "content-note: Test material.\n", with: "") + "== start\n@ending safe\nOk.\n"
    let loaded = Fixtures.load(text)
    #expect(loaded.diagnostics.map(\.code).contains(.missingContentNote))
    #expect(!loaded.diagnostics.contains { $0.code == .missingHeader })
  }


}

/// Every semantic check over every shipped scenario and role: seconds, so tagged slow.
@Suite("Semantic checks over the whole shipped library", .tags(.slow))
struct ShippedSemanticCheckSlowTests {
  @Test("every shipped scenario passes every semantic check with no warnings")
  func shippedScenariosAreClean() {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    for loaded in library.scenarios {
      let diagnostics = ScenarioChecker.check(path: loaded.scenario.path, guidance: library.guidance.library).diagnostics
      #expect(diagnostics == [], "\(loaded.scenario.path): \(diagnostics.map(\.description))")
    }
  }
}
