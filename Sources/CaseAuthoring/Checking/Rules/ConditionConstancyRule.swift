import CaseFormat

/// Conditions that never hold, or always hold, wherever their passage is reached, with the values
/// their names take there (so the warning says why).
enum ConditionConstancyRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.conditionNeverTrue, .conditionAlwaysTrue]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    guard !findings.truncated else { return [] }
    var diagnostics: [Diagnostic] = []
    let alwaysStuck = findings.alwaysStuck
    for passage in scenario.orderedPassages where findings.reachedPassages.contains(passage.id) {
      let ranges = findings.valueRanges[passage.id] ?? [:]
      for line in passage.prose where line.condition != nil {
        let names = line.condition?.names ?? []
        diagnostics += constancy(
          line.location, findings, what: "this line is", at: line.conditionSpan,
          because: describe(ranges.filter { names.contains($0.key) }, in: scenario))
      }
      // (A stuck passage's choices are in its error's notes.)
      for choice in passage.choices where choice.condition != nil && !alwaysStuck.contains(passage.id) {
        let names = choice.condition?.names ?? []
        diagnostics += constancy(
          choice.location, findings, what: "this choice is", at: choice.conditionSpan,
          because: describe(ranges.filter { names.contains($0.key) }, in: scenario))
      }
    }
    return diagnostics
  }

  /// `location` identifies the condition's line in the outcomes; the warning underlines
  /// `conditionSpan` when given (the `{...}` or `@if ...` that wrote it), and says `because`.
  private static func constancy(
    _ location: SourceLocation, _ findings: SpaceFindings, what: String, at conditionSpan: SourceSpan? = nil,
    because reason: String? = nil
  ) -> [Diagnostic] {
    let why = reason.map { " (there, \($0))" } ?? ""
    let held = findings.seenTrue.contains(location)
    let failed = findings.seenFalse.contains(location)
    if !held && failed {
      return [
        .warning(
          .conditionNeverTrue, "the condition is never true where it is reached\(why), so \(what) never shown",
          at: conditionSpan?.start ?? location, length: conditionSpan?.length ?? 1)
      ]
    }
    if held && !failed {
      return [
        .warning(
          .conditionAlwaysTrue, "the condition is always true where it is reached\(why); it can be removed",
          at: conditionSpan?.start ?? location, length: conditionSpan?.length ?? 1)
      ]
    }
    return []
  }

  /// The values a condition's names take where it is reached, in words: "'seen' is always
  /// false", "'evidence' is between 0 and 4".
  static func describe(_ ranges: [String: ClosedRange<Int>], in scenario: Scenario) -> String? {
    let parts = ranges.keys.sorted().compactMap { name -> String? in
      guard let range = ranges[name] else { return nil }
      if scenario.declarations[name]?.kind == .flag {
        return range.lowerBound == range.upperBound ? "'\(name)' is always \(range.lowerBound == 1)" : nil
      }
      return range.lowerBound == range.upperBound
        ? "'\(name)' is always \(range.lowerBound)" : "'\(name)' is between \(range.lowerBound) and \(range.upperBound)"
    }
    return parts.isEmpty ? nil : parts.joined(separator: " and ")
  }
}
