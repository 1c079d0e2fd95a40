import CaseFormat

/// Endings the debrief cannot present well: without a title, or without a lesson from the review.
enum EndingWritingRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.untitledEnding, .missingLesson]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    let endings = scenario.orderedPassages.filter(\.isEnding)
    var diagnostics: [Diagnostic] = []
    for passage in endings where passage.ending?.title == nil {
      diagnostics.append(
        .warning(
          .untitledEnding,
          "ending '\(passage.id)' has no title; name it for the debrief and history, e.g. '@ending \(passage.ending?.outcome.rawValue ?? "safe") | Alfie seen and heard'",
          at: passage.location, length: passage.id.count))
    }
    for passage in endings where (passage.ending?.lessons ?? []).isEmpty {
      diagnostics.append(
        .warning(
          .missingLesson,
          "ending '\(passage.id)' has no '@lesson': say what the real review found, for the debrief",
          at: passage.location, length: passage.id.count))
    }
    return diagnostics
  }
}
