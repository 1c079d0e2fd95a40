import CaseFormat

/// Scoring that does not teach: catalogs listed but unused, decisions without scores.
enum ScoringRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.unusedCatalog, .unscoredChoice]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    scoring(scenario, guidance: guidance)
  }

  /// Scoring that does not teach: catalogs listed but unused, decisions without scores, and a best
  /// score that needs a critical choice.
  private static func scoring(_ scenario: Scenario, guidance: GuidanceLibrary?) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if let guidance {
      let used = Set(scenario.guidanceIDsUsed.compactMap { guidance.entry($0)?.catalogID })
      for catalog in scenario.header.guides where guidance.catalog(catalog) != nil && !used.contains(catalog) {
        diagnostics.append(
          .warning(
            .unusedCatalog, "'guides:' lists catalog '\(catalog)' but no choice scores any of its principles",
            at: scenario.header.location(of: catalog, in: "guides"), length: catalog.count))
      }
    }
    for passage in scenario.orderedPassages where passage.choices.count >= 2 {
      for choice in passage.choices where choice.scores.isEmpty {
        diagnostics.append(
          .warning(
            .unscoredChoice,
            "this decision scores no principle; add '+ id N' or '- id N' so the debrief can explain it",
            at: choice.location))
      }
    }
    return diagnostics
  }
}
