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
  /// N flags, each set by a choice that loops back: 2^N states, every one able to finish.
  static func loopingFlags(_ count: Int) -> String {
    var text = Fixtures.header(id: "many-flags", guides: "practice-lessons")
    for n in 1...count { text += "flag f\(n)\n" }
    text += "== start\n* Finish -> done\n  + see-child-alone 1\n"
    for n in 1...count { text += "* Note point \(n) -> start\n  ~ set f\(n)\n" }
    text += "== done\n@ending safe | Done\n"
    for n in 1...count { text += "{f\(n)} Point \(n) noted.\n" }
    text += "Done.\n@lesson L.\n"
    return text
  }

  @Test("past the state limit: no false no-way-out, unreachable or condition errors, and a warning that says what was not checked")
  func truncatedAnalysisNeverLies() throws {
    let loaded = Fixtures.load(Self.loopingFlags(12), path: "flags.case")
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
    let text = Self.loopingFlags(12).replacingOccurrences(
      of: "* Finish -> done\n", with: "* {not f12} Finish -> done\n")
      .replacingOccurrences(of: "* Note point 12 -> start\n  ~ set f12\n", with: "* Note point 12 -> stop\n  ~ set f12\n")
      + "== stop\n* {not f12} Leave -> done\n"
    let loaded = Fixtures.load(text, path: "stuck.case")
    let diagnostics = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance, stateLimit: 100_000)
    #expect(diagnostics.contains { $0.code == .stuckPassage })
  }
}
