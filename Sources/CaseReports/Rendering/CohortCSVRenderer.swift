import CaseFormat

/// The cohort report as CSV (RFC 4180, CRLF line ends) in long form: one row per figure, with
/// the columns `scenario, title, section, item, item_title, measure, value`. A withheld figure
/// has the measure `suppressed` and the value "fewer than N trainees", never a number. Text
/// fields are guarded against spreadsheet formula injection (``UntrustedText/csvField(_:)``).
public struct CohortCSVRenderer: Sendable {
  public init() {}

  public static let header = ["scenario", "title", "section", "item", "item_title", "measure", "value"]

  public func render(_ report: CohortReport) -> String {
    var rows: [[String]] = [Self.header]
    for cohort in report.scenarios {
      func row(_ section: String, _ item: String, _ itemTitle: String, _ measure: String, _ value: String) {
        rows.append([cohort.id, cohort.title, section, item, itemTitle, measure, value].map(UntrustedText.csvField))
      }
      func number(_ section: String, _ item: String, _ itemTitle: String, _ measure: String, _ value: some Numeric) {
        // Numbers are the report's own, never prefixed: a negative score stays a number.
        rows.append(
          [cohort.id, cohort.title, section, item, itemTitle, measure].map(UntrustedText.csvField) + ["\(value)"])
      }
      func withheld<F>(_ section: String, _ item: String, _ itemTitle: String, _ figure: Suppressible<F>) -> F? {
        switch figure {
        case .shown(let shown): return shown
        case .suppressed(let reason):
          row(section, item, itemTitle, "suppressed", reason)
          return nil
        }
      }
      guard let f = withheld("scenario", "", "", cohort.figures) else { continue }
      number("scenario", "", "", "trainees", f.trainees)
      number("scenario", "", "", "sessions_started", f.sessionsStarted)
      number("scenario", "", "", "sessions_finished", f.sessionsFinished)
      if let r = withheld("results", "", "", f.results) {
        number("results", "", "", "trainees", r.trainees)
        for band in ReportNumbers.gradeBands { number("grades", band.id, band.label, "sessions", r.grades[band.id] ?? 0) }
        number("results", "", "", "minimum_score", r.minimumScore)
        number("results", "", "", "median_score", r.medianScore)
        number("results", "", "", "maximum_score", r.maximumScore)
        if let best = r.bestTotal { number("results", "", "", "best_total", best) }
        for count in r.scoreCounts { number("scores", "\(count.score)", "", "sessions", count.sessions) }
      }
      for (section, metRows) in [("principle", f.principles), ("area", f.areas)] {
        for met in metRows {
          guard let m = withheld(section, met.id, met.title, met.figures) else { continue }
          number(section, met.id, met.title, "trainees", m.trainees)
          number(section, met.id, met.title, "met", m.met)
          number(section, met.id, met.title, "share", m.share)
        }
      }
      for c in f.criticalDecisions {
        let item = "\(c.passage)#\(c.choice)"
        number("critical", item, c.text, "sessions", c.sessions)
        number("critical", item, c.text, "trainees", c.trainees)
      }
      for point in f.decisionPoints {
        guard let d = withheld("decision_point", point.passage, "", point.figures) else { continue }
        number("decision_point", point.passage, "", "decisions", d.decisions)
        number("decision_point", point.passage, "", "trainees", d.trainees)
        if let strongest = d.tookStrongest { number("decision_point", point.passage, "", "took_strongest", strongest) }
        for option in d.options {
          let item = "\(point.passage)#\(option.choice)"
          number("option", item, option.text, option.isStrongest ? "decisions_strongest" : "decisions", option.decisions)
        }
      }
      if let t = withheld("decision_time", "", "", f.decisionTime) {
        number("decision_time", "", "", "decisions", t.decisions)
        number("decision_time", "", "", "trainees", t.trainees)
        number("decision_time", "", "", "median_milliseconds", t.medianMilliseconds)
      }
      if let r = withheld("rationales", "", "", f.rationales) {
        number("rationales", "", "", "asked", r.asked)
        number("rationales", "", "", "trainees", r.trainees)
        number("rationales", "", "", "empty", r.empty)
        number("rationales", "", "", "one_word", r.oneWord)
        number("rationales", "", "", "short_share", r.shortShare)
      }
      if let a = withheld("repeated_attempts", "", "", f.repeatedAttempts) {
        number("repeated_attempts", "", "", "trainees", a.trainees)
        number("repeated_attempts", "", "", "first_mean_score", a.firstMeanScore)
        number("repeated_attempts", "", "", "latest_mean_score", a.latestMeanScore)
        number("repeated_attempts", "", "", "improved", a.improved)
        number("repeated_attempts", "", "", "unchanged", a.unchanged)
        number("repeated_attempts", "", "", "declined", a.declined)
      }
    }
    return rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }
}
