import CaseFormat

/// Scores a trainee could earn without judgement (see ``ScoringIntegrity`` and ``SurfaceCues``).
enum JudgementRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.naiveStrategy, .criticalScoresHigh, .criticalReachesSafe, .surfaceCue]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    judgement(scenario, integrity: findings.integrity, roles: findings.roles)
  }

  /// Scores that a trainee could earn without judgement: naive strategies above the limit, a best
  /// option that stands out by its surface, critical choices that still score well or end safely.
  private static func judgement(
    _ scenario: Scenario, integrity: [(role: String, report: ScoringIntegrity)], roles: [String]
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let top = SourceLocation(file: scenario.path, line: 1, column: 1)
    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
    for (role, report) in integrity {
      let who = roles == [""] ? "" : " as \(role)"
      for result in report.strategiesOverLimit {
        diagnostics.append(
          .warning(
            .naiveStrategy,
            "\(result.strategy.description)\(who) scores \(percent(result.share ?? 0)) of the score range (the limit is \(percent(ScoringIntegrity.naiveShareLimit))); make the options equal in length and register and vary which one is best ('casesim analyze' shows the strategies)",
            at: scenario.header.locations["roles"] ?? top))
      }
      if let share = report.bestWithCriticalShare, share > ScoringIntegrity.criticalShareLimit + 1e-9 {
        diagnostics.append(
          .warning(
            .criticalScoresHigh,
            "a playthrough\(who) that takes a critical choice can still score \(percent(share)) of the range (the limit is \(percent(ScoringIntegrity.criticalShareLimit))); weigh critical choices so that they cost the grade",
            at: scenario.header.locations["roles"] ?? top))
      }
      if let path = report.criticalToSafe {
        let critical = path.steps.first { step in
          scenario.passages[step.passageID]?.choices.first { $0.index == step.choiceIndex }?.isCritical == true
        }
        let location = critical.flatMap { step in
          scenario.passages[step.passageID]?.choices.first { $0.index == step.choiceIndex }?.location
        }
        diagnostics.append(
          .warning(
            .criticalReachesSafe,
            "a playthrough\(who) that takes this critical choice still reaches the safe ending '\(path.endPassageID)' (choices: \(path.typed.map(String.init).joined(separator: ", "))); a decision that leaves the child unsafe should not end safely",
            at: location ?? top))
      }
    }
    let cues = SurfaceCues(scenario: scenario)
    for passage in scenario.orderedPassages where passage.choices.count >= 2 {
      let ranked = passage.choices.sorted { $0.totalPoints > $1.totalPoints }
      guard let best = ranked.first, best.totalPoints > ranked[1].totalPoints else { continue }
      let others = passage.choices.filter { $0.index != best.index }
      let longestOther = others.map { SurfaceCues.length($0.text) }.max() ?? 0
      if Double(SurfaceCues.length(best.text)) > Double(longestOther) * SurfaceCues.lengthWarningRatio {
        diagnostics.append(
          .warning(
            .surfaceCue,
            "the best option here is much the longest (\(SurfaceCues.length(best.text)) characters against at most \(longestOther)); a trainee could pick it by its length alone",
            at: best.location))
      }
      let words = cues.matchedWords(in: best.text)
      if !words.isEmpty, others.allSatisfy({ cues.hits(in: $0.text) == 0 }) {
        diagnostics.append(
          .warning(
            .surfaceCue,
            "only the best option here uses the words \(words.map { "'\($0)'" }.joined(separator: ", ")); a trainee could pick it by those words alone",
            at: best.location))
      }
    }
    return diagnostics
  }

}
