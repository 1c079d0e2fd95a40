import CaseFormat
import Foundation
import Testing

@testable import CaseReports

/// Hostile names and reasons (`<script>`, a spreadsheet formula) reach every format inert.
@Suite("Report escaping")
struct ReportEscapingTests {
  let fixture = CohortFixture.built

  var portfolio: TraineePortfolio {
    TraineePortfolio(
      trainee: CohortFixture.hostileName, sessions: fixture.sessions, scenarios: fixture.scenarios,
      guidance: fixture.guidance)
  }

  @Test("a trainee called <script> and their hostile reasons are escaped in the HTML portfolio")
  func portfolioHTML() {
    let p = portfolio
    #expect(!p.sessions.isEmpty)
    #expect(p.sessions.flatMap(\.decisions).contains { $0.rationale?.contains("<script>") == true })
    let html = PortfolioRenderer().html(p)
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    #expect(html.contains("&lt;script&gt;alert(&#39;reason&#39;)&lt;/script&gt; then told the DSL"))
  }

  @Test("the Markdown portfolio escapes HTML and Markdown in names and reasons")
  func portfolioMarkdown() {
    let md = PortfolioRenderer().markdown(portfolio)
    #expect(!md.contains("<script>"))
    #expect(md.contains("\\<script\\>alert\\(\'x\'\\)\\</script\\>"))
  }

  @Test("CSV fields are quoted as RFC 4180 says and formulas are defused")
  func csvFields() {
    #expect(UntrustedText.csvField("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
    #expect(UntrustedText.csvField("+1") == "'+1")
    #expect(UntrustedText.csvField("-2") == "'-2")
    #expect(UntrustedText.csvField("@SUM(A1)") == "'@SUM(A1)")
    #expect(UntrustedText.csvField("\tx") == "\"'\tx\"" || UntrustedText.csvField("\tx") == "'\tx")
    #expect(UntrustedText.csvField("a, \"b\"") == "\"a, \"\"b\"\"\"")
    #expect(UntrustedText.csvField("line\nbreak") == "\"line\nbreak\"")
    #expect(UntrustedText.csvField("plain") == "plain")
  }

  @Test("the cohort CSV keeps numbers as numbers and every row has the header's seven fields")
  func cohortCSV() throws {
    let report = CohortReport(
      sessions: fixture.sessions, scenarios: fixture.scenarios, guidance: fixture.guidance, filter: CohortFilter(),
      minimumCell: 5)
    let csv = CohortCSVRenderer().render(report)
    let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.first == "scenario,title,section,item,item_title,measure,value")
    // No field is quoted in this report except titles with commas; count fields outside quotes.
    for line in lines {
      var fields = 1
      var quoted = false
      for c in line {
        if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields += 1 }
      }
      #expect(fields == 7, "\(line)")
    }
    #expect(lines.contains { $0.hasSuffix(",median_score,") == false && $0.contains(",results,,,median_score,") })
  }

  @Test("HTML escaping covers the five special characters and unsafe controls")
  func html() {
    #expect(UntrustedText.html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    #expect(UntrustedText.html("a\u{1B}[2Jb") == "a^[[2Jb")
  }
}
