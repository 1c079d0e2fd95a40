import CaseFormat
import Foundation

/// A trainee's portfolio as Markdown (for a portfolio system or a supervisor's e-mail) or as one
/// self-contained, printable HTML page. Every piece of text is the trainee's or a scenario's and
/// is escaped for the format.
public struct PortfolioRenderer: Sendable {
  public init() {}

  static func day(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: date)
  }

  static func result(_ s: TraineePortfolio.Session) -> String {
    guard let ending = s.ending else { return "unfinished" }
    let grade = ReportNumbers.gradeBands.first { $0.id == s.grade }?.label ?? s.grade ?? "no grade"
    let score = s.total.map { t in s.bestTotal.map { "\(t) of \($0)" } ?? "\(t)" } ?? ""
    return "\(ending) (\(s.outcome ?? "")); \(grade)\(score.isEmpty ? "" : ", \(score) points")"
  }

  public func markdown(_ p: TraineePortfolio) -> String {
    func md(_ text: String) -> String {
      var out = ""
      for c in UntrustedText.escaped(text) {
        if "\\`*_{}[]<>()#+-.!|".contains(c) { out.append("\\") }
        out.append(c == "\n" ? " " : c)
      }
      return out
    }
    var out = ["# Portfolio of evidence: \(md(p.trainee))", ""]
    out.append("Frameworks: " + (p.frameworks.isEmpty ? "none mapped" : p.frameworks.map(md).joined(separator: "; ")))
    out.append("")
    if !p.evidence.isEmpty {
      out.append("| Competency area | Decisions as evidence |")
      out.append("|---|---:|")
      for area in p.evidence { out.append("| \(md(area.title)) | \(area.decisions) |") }
      out.append("")
    }
    if p.sessions.isEmpty { out.append("No sessions recorded.") }
    for s in p.sessions {
      out.append("## \(md(s.title)), \(Self.day(s.startedAt))")
      out.append("")
      out.append("Role: \(md(s.role)); mode: \(md(s.mode)); result: \(md(Self.result(s))). Session \(md(String(s.id.prefix(8)))).")
      out.append("")
      for d in s.decisions {
        out.append("\(d.number). \(md(d.choice))")
        out.append("   - Reason given: " + (d.rationale.map { $0.isEmpty ? "(empty)" : md($0) } ?? "(none asked)"))
        if !d.principles.isEmpty {
          out.append("   - Principles: " + d.principles.map { "\(md($0.title)) (\($0.points > 0 ? "+" : "")\($0.points))" }.joined(separator: "; "))
        }
        if !d.areas.isEmpty { out.append("   - Evidence for: " + d.areas.map(md).joined(separator: "; ")) }
      }
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  public func html(_ p: TraineePortfolio) -> String {
    let h = HTMLPage.h
    var body = ["<h1>Portfolio of evidence: \(h(p.trainee))</h1>"]
    body.append("<p>Frameworks: \(p.frameworks.isEmpty ? "none mapped" : p.frameworks.map(h).joined(separator: "; ")).</p>")
    if !p.evidence.isEmpty {
      body.append(
        HTMLPage.barChart(
          caption: "Decisions that are evidence for each competency area", labelHeading: "Competency area",
          valueHeading: "Decisions",
          bars: p.evidence.map { HTMLPage.Bar(label: $0.title, value: Double($0.decisions), shown: "\($0.decisions)") }))
    }
    body.append(
      HTMLPage.table(
        caption: "Sessions", headings: ["Scenario", "Date", "Role", "Mode", "Result"],
        rows: p.sessions.map { [$0.title, Self.day($0.startedAt), $0.role, $0.mode, Self.result($0)] }))
    for s in p.sessions {
      body.append("<section class=\"session\">")
      body.append("<h2>\(h(s.title)), \(h(Self.day(s.startedAt)))</h2>")
      body.append("<p>Role: \(h(s.role)); mode: \(h(s.mode)); result: \(h(Self.result(s))).</p>")
      if s.decisions.isEmpty { body.append("<p>No decision of theirs stands in this session.</p>") }
      body.append("<ol>")
      for d in s.decisions {
        var item = "<li value=\"\(d.number)\"><p>\(h(d.choice))</p>"
        item += "<blockquote>" + (d.rationale.map { $0.isEmpty ? "<em>Reason left empty.</em>" : h($0) } ?? "<em>No reason asked.</em>") + "</blockquote>"
        if !d.principles.isEmpty {
          item += "<p>Principles: " + d.principles.map { "\(h($0.title)) (\($0.points > 0 ? "+" : "")\($0.points))" }.joined(separator: "; ") + "</p>"
        }
        if !d.areas.isEmpty { item += "<p>Evidence for: " + d.areas.map(h).joined(separator: "; ") + "</p>" }
        body.append(item + "</li>")
      }
      body.append("</ol></section>")
    }
    return HTMLPage.document(title: "Portfolio of evidence: \(p.trainee)", body: body.joined(separator: "\n"))
  }
}
