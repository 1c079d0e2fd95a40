@testable import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Testing

/// The semantic checks are rules over one pass of the state space: each rule owns its codes,
/// and reports nothing else.
@Suite("Semantic rules over one pass")
struct SemanticRuleTests {
  @Test("no code belongs to two rules")
  func codesAreDisjoint() {
    let codes = SemanticChecker.rules.flatMap { $0.codes }
    #expect(codes.count == Set(codes).count, "a code claimed twice: \(codes)")
  }

  @Test("each rule reports only its own codes, and the rules together report what the checker does", arguments: SemanticCheckTests.cases)
  func rulesKeepToTheirCodes(_ c: SemanticCheckTests.Case) {
    let loaded = Fixtures.load(MarkedText(c.text).text, path: "s.case")
    let findings = SpaceFindings(loaded.scenario, stateLimit: nil, transitionLimit: nil)
    var all: [Diagnostic] = []
    for rule in SemanticChecker.rules {
      let reported = rule.diagnostics(loaded.scenario, findings, guidance: Fixtures.guidance)
      for diagnostic in reported {
        #expect(rule.codes.contains(diagnostic.code), "\(rule) reported \(diagnostic.code), not one of its codes")
      }
      all += reported
    }
    #expect(all == SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance))
    #expect(all.contains { $0.code == c.code })
  }
}
