import CaseEngine
import CaseFormat

/// Says when exploration stopped at its bound, and so which checks were not made.
enum TruncationRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.analysisTruncated]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    guard findings.truncated else { return [] }
    return [
      .warning(
        .analysisTruncated,
        "the scenario has \(findings.truncation), so only part of it was explored: the checks that need every state (unreachable passages and endings, no way out, conditions that never or always hold, the scoring checks) were not made, rather than guessed; bound counters with 'in LOW..HIGH' or use fewer flags, or raise the bound ('casesim check --max-states N --max-transitions N'; at most \(StateSpace.Bounds.maximum.states) and \(StateSpace.Bounds.maximum.transitions))",
        at: scenario.header.locations["id"] ?? SourceLocation(file: scenario.path, line: 1, column: 1))
    ]
  }
}
