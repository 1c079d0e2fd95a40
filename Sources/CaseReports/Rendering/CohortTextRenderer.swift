import CaseFormat

/// The cohort report as plain text for a terminal or an e-mail: every piece of scenario and
/// trainee text passes through ``UntrustedText/escaped(_:)``.
public struct CohortTextRenderer: Sendable {
  public init() {}

  public func render(_ report: CohortReport) -> String {
    var out: [String] = []
    func e(_ text: String) -> String { UntrustedText.escaped(text) }
    out.append("Cohort report")
    out.append(String(repeating: "=", count: 13))
    var scope = ["scenarios: " + (report.scenario.map(e) ?? "all")]
    if let since = report.since { scope.append("since \(since)") }
    if let group = report.group { scope.append("group: " + e(group)) }
    out.append(scope.joined(separator: "; "))
    out += report.notes
    if report.scenarios.isEmpty { out.append("\nNo sessions match.") }
    for cohort in report.scenarios {
      out.append("")
      let heading = "\(e(cohort.title)) (\(e(cohort.id)))"
      out.append(heading)
      out.append(String(repeating: "-", count: heading.count))
      guard case .shown(let figures) = cohort.figures else {
        out.append("Withheld: \(Self.reason(cohort.figures))")
        continue
      }
      out += section(figures, e)
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func section(_ f: ScenarioFigures, _ e: (String) -> String) -> [String] {
    var out: [String] = []
    out.append("Trainees: \(f.trainees); sessions started: \(f.sessionsStarted); finished: \(f.sessionsFinished)")
    out.append("")
    out.append("Grades and scores (finished sessions):")
    switch f.results {
    case .suppressed(let reason): out.append("  withheld: \(reason)")
    case .shown(let r):
      for band in ReportNumbers.gradeBands {
        out.append("  \(band.label): \(ReportNumbers.part(r.grades[band.id] ?? 0, of: f.sessionsFinished))")
      }
      let best = r.bestTotal.map { " (best achievable \($0))" } ?? ""
      out.append(
        "  Scores: lowest \(r.minimumScore), median \(ReportNumbers.decimal(r.medianScore)), highest \(r.maximumScore)\(best)")
      out.append("  Distribution: " + r.scoreCounts.map { "\($0.score): \($0.sessions)" }.joined(separator: ", "))
    }
    out.append("")
    out.append("Principles met (latest finished solo session of each trainee):")
    out += rows(f.principles, e)
    out.append("")
    out.append("Competency areas met:")
    out += rows(f.areas, e)
    out.append("")
    out.append("Critical decisions taken:")
    if f.criticalDecisions.isEmpty { out.append("  none") }
    for c in f.criticalDecisions {
      out.append("  \(c.sessions) sessions, \(c.trainees) trainees: \"\(e(c.text))\" (\(e(c.passage)), option \(c.choice))")
    }
    out.append("")
    out.append("Decision points (* marks the strongest option):")
    for point in f.decisionPoints {
      guard case .shown(let d) = point.figures else {
        out.append("  \(e(point.passage)): withheld, \(Self.reason(point.figures))")
        continue
      }
      let strongest = d.tookStrongest.map { "; took the strongest option: \(ReportNumbers.part($0, of: d.decisions))" } ?? ""
      out.append("  \(e(point.passage)): \(d.decisions) decisions by \(d.trainees) trainees\(strongest)")
      for option in d.options {
        out.append("    \(option.isStrongest ? "*" : " ") \(option.choice). \(e(option.text)): \(option.decisions)")
      }
    }
    out.append("")
    switch f.decisionTime {
    case .suppressed(let reason): out.append("Median time to decide: withheld, \(reason)")
    case .shown(let t):
      out.append("Median time to decide: \(ReportNumbers.seconds(t.medianMilliseconds)) over \(t.decisions) decisions")
    }
    switch f.rationales {
    case .suppressed(let reason): out.append("Reasons given: withheld, \(reason)")
    case .shown(let r):
      out.append(
        "Reasons asked for: \(r.asked); empty: \(r.empty); one word: \(r.oneWord) (\(ReportNumbers.percent(r.shortShare)) short)")
    }
    switch f.repeatedAttempts {
    case .suppressed(let reason): out.append("Repeated attempts: withheld, \(reason)")
    case .shown(let a):
      out.append(
        "Repeated attempts: \(a.trainees) trainees; mean score first \(ReportNumbers.decimal(a.firstMeanScore)), latest \(ReportNumbers.decimal(a.latestMeanScore)); improved \(a.improved), unchanged \(a.unchanged), declined \(a.declined)"
      )
    }
    return out
  }

  private func rows(_ rows: [ScenarioFigures.MetRow], _ e: (String) -> String) -> [String] {
    if rows.isEmpty { return ["  none"] }
    return rows.map { row in
      switch row.figures {
      case .suppressed(let reason): "  \(e(row.title)): withheld, \(reason)"
      case .shown(let m): "  \(e(row.title)): \(ReportNumbers.part(m.met, of: m.trainees))"
      }
    }
  }

  static func reason<F>(_ figure: Suppressible<F>) -> String {
    if case .suppressed(let reason) = figure { return reason }
    return ""
  }
}
