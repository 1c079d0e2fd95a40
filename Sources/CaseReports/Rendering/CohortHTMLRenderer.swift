import CaseFormat

/// The cohort report as one self-contained, printable HTML page: a bar chart for each set of
/// figures with the accessible table it is drawn from, and withheld figures said in words.
public struct CohortHTMLRenderer: Sendable {
  public init() {}

  public func render(_ report: CohortReport) -> String {
    let h = HTMLPage.h
    var body = ["<h1>Cohort report</h1>"]
    var scope = ["Scenarios: " + h(report.scenario ?? "all")]
    if let since = report.since { scope.append("since " + h(since)) }
    if let group = report.group { scope.append("group: " + h(group)) }
    body.append("<p>\(scope.joined(separator: "; ")).</p>")
    body += report.notes.map { "<p>\(h($0))</p>" }
    if report.scenarios.isEmpty { body.append("<p>No sessions match.</p>") }
    for cohort in report.scenarios {
      body.append("<section>")
      body.append("<h2>\(h(cohort.title)) <small>(\(h(cohort.id)))</small></h2>")
      switch cohort.figures {
      case .suppressed(let reason): body.append(HTMLPage.withheld("All figures", reason))
      case .shown(let figures): body.append(section(figures))
      }
      body.append("</section>")
    }
    return HTMLPage.document(title: "CaseSim cohort report", body: body.joined(separator: "\n"))
  }

  private func section(_ f: ScenarioFigures) -> String {
    var out: [String] = []
    out.append(
      HTMLPage.table(
        caption: "Completions", headings: ["Figure", "Count"],
        rows: [
          ["Trainees", "\(f.trainees)"], ["Sessions started", "\(f.sessionsStarted)"],
          ["Sessions finished", "\(f.sessionsFinished)"],
        ], numeric: [1]))
    out.append("<h3>Grades and scores</h3>")
    switch f.results {
    case .suppressed(let reason): out.append(HTMLPage.withheld("Grades and scores", reason))
    case .shown(let r):
      out.append(
        HTMLPage.barChart(
          caption: "Grade bands of finished sessions", labelHeading: "Grade band", valueHeading: "Sessions",
          bars: ReportNumbers.gradeBands.map {
            HTMLPage.Bar(label: $0.label, value: Double(r.grades[$0.id] ?? 0), shown: "\(r.grades[$0.id] ?? 0)")
          }))
      out.append(
        "<p>Scores: lowest \(r.minimumScore), median \(ReportNumbers.decimal(r.medianScore)), highest \(r.maximumScore)\(r.bestTotal.map { " (best achievable \($0))" } ?? "").</p>"
      )
      out.append(
        HTMLPage.barChart(
          caption: "Score distribution of finished sessions", labelHeading: "Total score", valueHeading: "Sessions",
          bars: r.scoreCounts.map { HTMLPage.Bar(label: "\($0.score)", value: Double($0.sessions), shown: "\($0.sessions)") }))
    }
    out.append("<h3>Principles and competency areas met</h3>")
    out.append(metChart("Share of trainees who met each guidance principle", "Principle", f.principles))
    out.append(metChart("Share of trainees who met each competency area", "Competency area", f.areas))
    out.append("<h3>Critical decisions most often taken</h3>")
    if f.criticalDecisions.isEmpty {
      out.append("<p>No critical decision stands in any session.</p>")
    } else {
      out.append(
        HTMLPage.barChart(
          caption: "Critical decisions, by sessions in which they stand", labelHeading: "Decision",
          valueHeading: "Sessions (trainees)",
          bars: f.criticalDecisions.map {
            HTMLPage.Bar(
              label: "\($0.text) (\($0.passage), option \($0.choice))", value: Double($0.sessions),
              shown: "\($0.sessions) (\($0.trainees))")
          }))
    }
    out.append("<h3>Choices at each decision point</h3>")
    for point in f.decisionPoints {
      switch point.figures {
      case .suppressed(let reason): out.append(HTMLPage.withheld("Decision point \(point.passage)", reason))
      case .shown(let d):
        let strongest = d.tookStrongest.map { " took the strongest option in \(ReportNumbers.part($0, of: d.decisions))." } ?? "."
        out.append("<p>\(HTMLPage.h(point.passage)): \(d.decisions) decisions by \(d.trainees) trainees;\(strongest)</p>")
        out.append(
          HTMLPage.barChart(
            caption: "Choices at \(point.passage)", labelHeading: "Option", valueHeading: "Decisions",
            bars: d.options.map {
              HTMLPage.Bar(label: "\($0.choice). \($0.text)", value: Double($0.decisions), shown: "\($0.decisions)", isStrong: $0.isStrongest)
            }))
      }
    }
    out.append("<h3>Time to decide, reasons and repeated attempts</h3>")
    var rows: [[String]] = []
    let reason = { (figure: String, why: String) in rows.append([figure, "withheld, \(why)"]) }
    switch f.decisionTime {
    case .suppressed(let why): reason("Median time to decide", why)
    case .shown(let t): rows.append(["Median time to decide", "\(ReportNumbers.seconds(t.medianMilliseconds)) over \(t.decisions) decisions"])
    }
    switch f.rationales {
    case .suppressed(let why): reason("Reasons asked for", why)
    case .shown(let r):
      rows.append(["Reasons asked for", "\(r.asked)"])
      rows.append(["Empty reasons", "\(r.empty)"])
      rows.append(["One-word reasons", "\(r.oneWord)"])
      rows.append(["Share empty or one word", ReportNumbers.percent(r.shortShare)])
    }
    switch f.repeatedAttempts {
    case .suppressed(let why): reason("Repeated attempts", why)
    case .shown(let a):
      rows.append(["Trainees who finished more than once", "\(a.trainees)"])
      rows.append(["Mean score, first attempt", ReportNumbers.decimal(a.firstMeanScore)])
      rows.append(["Mean score, latest attempt", ReportNumbers.decimal(a.latestMeanScore)])
      rows.append(["Improved / unchanged / declined", "\(a.improved) / \(a.unchanged) / \(a.declined)"])
    }
    out.append(HTMLPage.table(caption: "Decisions and attempts", headings: ["Figure", "Value"], rows: rows))
    return out.joined(separator: "\n")
  }

  private func metChart(_ caption: String, _ heading: String, _ rows: [ScenarioFigures.MetRow]) -> String {
    var bars: [HTMLPage.Bar] = []
    var withheld: [String] = []
    for row in rows {
      switch row.figures {
      case .suppressed(let reason): withheld.append(HTMLPage.withheld(row.title, reason))
      case .shown(let m):
        bars.append(HTMLPage.Bar(label: row.title, value: m.share, shown: ReportNumbers.part(m.met, of: m.trainees)))
      }
    }
    let chart = bars.isEmpty ? "" : HTMLPage.barChart(caption: caption, labelHeading: heading, valueHeading: "Met", bars: bars, maximum: 1)
    return ([chart] + withheld).joined(separator: "\n")
  }
}
