import CaseFormat

/// One semantic check. Each rule reads the findings of the one pass over the state space
/// (``SpaceFindings``) and says what they mean for the trainer, so adding a check is adding a
/// rule, not another walk over the states.
protocol SemanticRule: Sendable {
  /// The codes the rule reports; each code belongs to one rule.
  static var codes: [DiagnosticCode] { get }

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic]
}
