public import CaseFormat

/// The checks a trainer needs beyond syntax, run over the reachable state space of every role:
/// what no play can reach, where play gets stuck, conditions that never (or always) hold, state
/// that is set but never read, and scoring that teaches the wrong thing.
///
/// The state space is explored once (``SpaceFindings``); each check is a rule over what that pass
/// found (``SemanticRule``), reported in the order of ``rules``.
///
/// Run it on scenarios that compiled without errors; it adds to the compiler's diagnostics.
public enum SemanticChecker {
  /// Every semantic rule, in the order their diagnostics are reported: the bound first, then
  /// what breaks play, then what weakens it.
  static let rules: [any SemanticRule.Type] = [
    TruncationRule.self, ReachabilityRule.self, TeamRule.self, ConditionConstancyRule.self, StateUseRule.self, ScoringRule.self,
    BestPathCriticalRule.self, ScoredLoopRule.self, JudgementRule.self, EndingWritingRule.self, ChronologyRule.self,
  ]

  /// - Parameters:
  ///   - stateLimit: how many states to explore per role before reporting the analysis as
  ///     truncated; nil for the default for the scenario's size (``StateSpace/Bounds``).
  ///   - transitionLimit: the same for transitions.
  public static func check(
    _ scenario: Scenario, guidance: GuidanceLibrary?, stateLimit: Int? = nil, transitionLimit: Int? = nil
  ) -> [Diagnostic] {
    let findings = SpaceFindings(scenario, stateLimit: stateLimit, transitionLimit: transitionLimit)
    return rules.flatMap { $0.diagnostics(scenario, findings, guidance: guidance) }
  }
}

extension Condition {
  /// Every flag and counter the condition reads.
  var names: Set<String> {
    switch self {
    case .flag(let n): [n]
    case .compare(let n, _, _): [n]
    case .role, .knows: []
    case .not(let c): c.names
    case .and(let a, let b), .or(let a, let b): a.names.union(b.names)
    }
  }
}
