import CaseAuthoring
import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// Resource bounds that never lie: past the state limit the checker says what it did not check,
/// and reports no error it could not prove.
@Suite("Hardening: bounds that never turn into false errors")
struct HardeningTests {
  @Test("past the state limit: no false no-way-out, unreachable or condition errors, and a warning that says what was not checked")
  func truncatedAnalysisNeverLies() throws {
    let loaded = Fixtures.load(Fixtures.loopingFlags(12), path: "flags.case")
    #expect(loaded.diagnostics.filter { $0.severity == .error } == [])
    // 2^12 = 4096 states; a limit of 500 explores part of them.
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance, stateLimit: 500)
    #expect(diagnostics.filter { $0.severity == .error } == [], "\(diagnostics.map(\.description))")
    let truncated = try #require(diagnostics.first { $0.code == .analysisTruncated })
    #expect(truncated.message.contains("were not made, rather than guessed"))
    #expect(truncated.message.contains("more than 500 reachable states"))
    #expect(!diagnostics.contains { [.conditionNeverTrue, .conditionAlwaysTrue, .unreachableEnding, .noWayOut].contains($0.code) })
    // With room for every state, the same scenario checks clean of errors.
    let whole = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance, stateLimit: 10_000)
    #expect(whole.filter { $0.severity == .error } == [])
    #expect(!whole.contains { $0.code == .analysisTruncated })
  }

  @Test("a stuck state is still reported past the limit: it is observed, not inferred")
  func stuckIsStillFound() throws {
    let text = Fixtures.loopingFlags(12).replacingOccurrences(
      of: "* Finish -> done\n", with: "* {not f12} Finish -> done\n")
      .replacingOccurrences(of: "* Note point 12 -> start\n  ~ set f12\n", with: "* Note point 12 -> stop\n  ~ set f12\n")
      + "== stop\n* {not f12} Leave -> done\n"
    let loaded = Fixtures.load(text, path: "stuck.case")
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance, stateLimit: 100_000)
    #expect(diagnostics.contains { $0.code == .stuckPassage })
  }

  @Test("the default bounds grow with the scenario's passages, between a floor and the maximum")
  func scaledBounds() {
    #expect(StateSpace.Bounds.scaled(passages: 2) == .floor)
    #expect(StateSpace.Bounds.scaled(passages: 1_000) == StateSpace.Bounds(states: 4_096_000, transitions: 12_288_000))
    #expect(StateSpace.Bounds.scaled(passages: 100_000) == .maximum)
    #expect(StateSpace.Bounds.scaled(passages: Int.max) == .maximum)
    #expect(StateSpace.Bounds.floor.states <= StateSpace.Bounds.maximum.states)
  }

  @Test("exploration stops at the first state past the bound instead of exploring everything it found")
  func stopsAtTheBound() {
    let loaded = Fixtures.load(Fixtures.loopingFlags(16), path: "flags.case")
    let space = StateSpace(engine: Engine(scenario: loaded.scenario, role: "social-worker"), limit: 1_000)
    #expect(space.isTruncated)
    #expect(space.truncation == "more than 1000 reachable states")
    #expect(space.stateCount == 1_000)
    // Each explored state offers 17 choices; exploring all 1,000 states found would record
    // about 17,000 edges, stopping at the bound a small part of that.
    #expect(space.edgeCount < 1_000 * 17 / 4, "\(space.edgeCount) edges")
  }
}

/// The hostile file of the issue at full size, under the default bounds.
@Suite("Hardening: a short file built to multiply states", .tags(.slow))
struct HardeningSlowTests {
  @Test("40 looping flags (2^41 states, under 3 KB) stop at the default bound for two passages: a warning, no error")
  func fortyFlags() throws {
    let text = Fixtures.loopingFlags(40)
    #expect(text.utf8.count < 3_000)
    let loaded = Fixtures.load(text, path: "flags.case")
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance)
    #expect(diagnostics.filter { $0.severity == .error } == [], "\(diagnostics.filter { $0.severity == .error }.map(\.description))")
    let truncated = try #require(diagnostics.first { $0.code == .analysisTruncated })
    #expect(truncated.message.contains("more than \(StateSpace.Bounds.floor.states) reachable states"))
    #expect(truncated.message.contains("--max-states"))
  }
}
