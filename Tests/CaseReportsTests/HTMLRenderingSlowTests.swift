import CaseTestSupport
import Foundation
import Testing

@testable import CaseReports

/// The HTML reports rendered by a real browser engine: headless Chromium (Debian's `chromium`)
/// draws each to a screenshot and prints it to PDF. Without Chromium the tests say they were
/// skipped, and why.
@Suite("HTML reports in Chromium", .tags(.slow))
struct HTMLRenderingSlowTests {
  let fixture = CohortFixture.built

  static let chromium: String? = ["chromium", "chromium-browser"].first {
    CommandRunner.run(["which", $0]).status == 0
  }

  var pages: [(name: String, html: String)] {
    let report = CohortReport(
      sessions: fixture.sessions, scenarios: fixture.scenarios, guidance: fixture.guidance, filter: CohortFilter(),
      minimumCell: 5)
    let portfolio = TraineePortfolio(
      trainee: CohortFixture.hostileName, sessions: fixture.sessions, scenarios: fixture.scenarios,
      guidance: fixture.guidance)
    return [("cohort", CohortHTMLRenderer().render(report)), ("portfolio", PortfolioRenderer().html(portfolio))]
  }

  @Test("each page is one self-contained file: no external reference, a table behind every chart, print styles")
  func selfContained() {
    for (name, html) in pages {
      for reference in ["http:", "https:", "src=", "<link", "@import", "url(", "<script"] {
        #expect(!html.lowercased().contains(reference), "\(name) contains \(reference)")
      }
      let charts = html.components(separatedBy: "<svg").count - 1
      #expect(charts > 0, "\(name) has no chart")
      #expect(html.components(separatedBy: "<caption>").count - 1 >= charts, "\(name): a chart without its table")
      #expect(html.contains("scope=\"col\"") && html.contains("scope=\"row\""))
      #expect(html.contains("@media print"))
    }
  }

  @Test("Chromium renders each page to a non-trivial screenshot and PDF", .timeLimit(.minutes(3)))
  func rendered() throws {
    guard let chromium = Self.chromium else {
      print("HTMLRenderingSlowTests: skipped: no chromium on PATH (Debian's package 'chromium'; .ci/run installs it)")
      return
    }
    let directory = Fixtures.temporaryDirectory()
    for (name, html) in pages {
      let page = directory + "/\(name).html"
      try html.write(toFile: page, atomically: true, encoding: .utf8)
      let common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(directory)/profile"]
      let png = directory + "/\(name).png"
      let pdf = directory + "/\(name).pdf"
      let shot = CommandRunner.run(common + ["--screenshot=\(png)", "--window-size=1280,2000", "file://" + page])
      #expect(shot.status == 0, "\(shot.output)")
      let printed = CommandRunner.run(common + ["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", "file://" + page])
      #expect(printed.status == 0, "\(printed.output)")
      let pngData = try Data(contentsOf: URL(fileURLWithPath: png))
      let pdfData = try Data(contentsOf: URL(fileURLWithPath: pdf))
      #expect(pngData.starts(with: [0x89, 0x50, 0x4E, 0x47]) && pngData.count > 20_000, "\(name).png: \(pngData.count) bytes")
      #expect(pdfData.starts(with: Array("%PDF".utf8)) && pdfData.count > 10_000, "\(name).pdf: \(pdfData.count) bytes")
    }
  }
}
