import CaseFormat

/// Flags and counters set but never read, or read but never set.
enum StateUseRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.unusedState, .neverSet]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    stateUse(scenario)
  }

  /// Flags and counters set but never read, or read but never set.
  private static func stateUse(_ scenario: Scenario) -> [Diagnostic] {
    var read: Set<String> = []
    var written: Set<String> = []
    for passage in scenario.orderedPassages {
      for line in passage.prose { line.condition.map { read.formUnion($0.names) } }
      for choice in passage.choices {
        choice.condition.map { read.formUnion($0.names) }
        for effect in choice.effects { written.insert(effect.name) }
      }
    }
    var diagnostics: [Diagnostic] = []
    for declaration in scenario.declarations.values.sorted(by: { $0.location < $1.location }) {
      let name = declaration.name
      let kind = declaration.kind.rawValue
      if !read.contains(name) {
        diagnostics.append(
          .warning(
            .unusedState,
            written.contains(name)
              ? "\(kind) '\(name)' is set but never read by any condition"
              : "\(kind) '\(name)' is declared but never used",
            at: declaration.location, length: name.count))
      } else if !written.contains(name) {
        diagnostics.append(
          .warning(
            .neverSet,
            "\(kind) '\(name)' is read but never changed, so the conditions on it never vary",
            at: declaration.location, length: name.count))
      }
    }
    return diagnostics
  }

}
