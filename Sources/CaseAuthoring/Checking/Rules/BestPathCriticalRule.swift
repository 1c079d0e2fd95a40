import CaseFormat

/// A best score that can only be had by taking a critical choice: the scoring rewards leaving the
/// child unsafe.
enum BestPathCriticalRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.bestPathCritical]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    findings.criticalBestPaths.map { role, choice in
      let who = findings.hasRoles ? " (as \(role))" : ""
      return .warning(
        .bestPathCritical,
        "the best score\(who) can only be had by taking a critical choice; the scoring rewards leaving the child unsafe",
        at: choice?.location ?? SourceLocation(file: scenario.path, line: 1, column: 1))
    }
  }
}
