import CaseFormat

/// A scored choice one playthrough can take more than once, so its points could be farmed.
enum ScoredLoopRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.scoredLoop]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    findings.repeatable.values.sorted { $0.location < $1.location }.map { choice in
      .error(
        .scoredLoop,
        "this choice scores, and one playthrough can take it more than once (its passage is on a loop), so its points would count again; move the points to a choice that is taken once, or make the loop's choices unscored",
        at: choice.location)
    }
  }
}
