import CaseEngine
import CaseFormat
import CaseRecords
import CaseScoring
import Foundation
import GRDB
import Testing

@testable import CaseReports

/// Every figure of the cohort report, checked against SQL run directly on the fixture's SQLite
/// file. The SQL is written independently of the report's code: it folds undos and retries itself
/// (a recursive query keeping the standing choices' sequence numbers), and reads points from the
/// events' recorded score deltas. Only properties of the scenarios themselves (the best
/// playthrough's points per principle and area, its choices, which choices are critical, how
/// principles map to areas) are given to it, as temporary tables made from the scenario model.
@Suite("Cohort report against SQL")
struct CohortReportSQLTests {
  let fixture = CohortFixture.built

  func report(minimumCell: Int = 5, filter: CohortFilter = CohortFilter()) -> CohortReport {
    CohortReport(
      sessions: fixture.sessions, scenarios: fixture.scenarios, guidance: fixture.guidance, filter: filter,
      minimumCell: minimumCell)
  }

  @Test("the fixture is the cohort it claims: 35 trainees, undos, retries, unfinished and short reasons")
  func fixtureShape() throws {
    let sql = SQLCohort.shared
    #expect(try sql.int("SELECT count(DISTINCT trainee) FROM session") == 35)
    #expect(try sql.int("SELECT count(*) FROM event WHERE kind = 'undo'") > 5)
    #expect(try sql.int("SELECT count(*) FROM event WHERE kind = 'retry'") > 2)
    #expect(try sql.int("SELECT count(*) FROM session WHERE finished_at IS NULL") > 2)
    #expect(try sql.int("SELECT count(*) FROM event WHERE rationale = ''") > 2)
    #expect(try sql.int("SELECT count(*) FROM session WHERE mode = 'assessment'") > 2)
    #expect(try sql.int("SELECT count(DISTINCT trainee) FROM session WHERE scenario_id = 'not-in-school'") == 3)
  }

  @Test("every figure of every scenario equals the SQL computation", arguments: [1, 5, 12])
  func everyFigure(minimumCell: Int) throws {
    let sql = SQLCohort.shared
    let report = report(minimumCell: minimumCell)
    #expect(report.scenarios.map(\.id) == CohortFixture.scenarioIDs)
    #expect(report.sessionsWithoutScenario == 0)
    // The comparison below means something only if the figures are there to compare.
    let breakTime = try #require(report.scenarios.first?.figures.figure)
    #expect(!breakTime.principles.isEmpty && !breakTime.areas.isEmpty && !breakTime.criticalDecisions.isEmpty)
    #expect(breakTime.principles.contains { ($0.figures.figure?.met ?? 0) > 0 })
    #expect(breakTime.principles.contains { $0.figures.figure.map { $0.met < $0.trainees } ?? false })
    #expect(breakTime.decisionPoints.contains { ($0.figures.figure?.tookStrongest ?? 0) > 0 })
    #expect((breakTime.repeatedAttempts.figure?.trainees ?? 0) >= 5 && (breakTime.rationales.figure?.empty ?? 0) > 0)
    for cohort in report.scenarios {
      let expected = try sql.figures(scenario: cohort.id, minimum: minimumCell)
      guard let figures = cohort.figures.figure, let expected else {
        #expect(cohort.figures.figure == nil && expected == nil, "\(cohort.id): withheld in one and not the other")
        #expect(cohort.figures == .suppressed(reason: "fewer than \(minimumCell) trainees"))
        continue
      }
      #expect(figures.trainees == expected.trainees, "\(cohort.id)")
      #expect(figures.sessionsStarted == expected.sessionsStarted, "\(cohort.id)")
      #expect(figures.sessionsFinished == expected.sessionsFinished, "\(cohort.id)")
      #expect(figures.results == expected.results, "\(cohort.id)")
      #expect(figures.principles == expected.principles, "\(cohort.id)")
      #expect(figures.areas == expected.areas, "\(cohort.id)")
      #expect(figures.criticalDecisions == expected.criticalDecisions, "\(cohort.id)")
      #expect(figures.decisionPoints == expected.decisionPoints, "\(cohort.id)")
      #expect(figures.decisionTime == expected.decisionTime, "\(cohort.id)")
      #expect(figures.rationales == expected.rationales, "\(cohort.id)")
      #expect(figures.repeatedAttempts == expected.repeatedAttempts, "\(cohort.id)")
    }
  }

  @Test("a scenario played by fewer trainees than the minimum shows no number, and says why")
  func smallScenarioWithheld() throws {
    let report = report()
    let small = try #require(report.scenarios.first { $0.id == "not-in-school" })
    #expect(small.figures == .suppressed(reason: "fewer than 5 trainees"))
    let json = try CohortJSONRenderer().render(report)
    #expect(json.contains("\"suppressed\" : \"fewer than 5 trainees\""))
    let text = CohortTextRenderer().render(report)
    #expect(text.contains("Withheld: fewer than 5 trainees"))
    let csv = CohortCSVRenderer().render(report)
    #expect(csv.contains("not-in-school,\"A child not in school\"") || csv.contains("not-in-school,"))
    let smallRows = csv.split(separator: "\r\n").filter { $0.hasPrefix("not-in-school,") }
    #expect(smallRows.count == 1 && smallRows[0].hasSuffix(",suppressed,fewer than 5 trainees"))
    let html = CohortHTMLRenderer().render(report)
    #expect(html.contains("All figures: withheld, fewer than 5 trainees."))
  }

  @Test("the small group alone: every scenario withheld; the large group: figures shown")
  func groups() throws {
    let small = report(filter: CohortFilter(group: "small"))
    #expect(!small.scenarios.isEmpty)
    #expect(small.scenarios.allSatisfy { $0.figures == .suppressed(reason: "fewer than 5 trainees") })
    let spring = report(filter: CohortFilter(group: "spring"))
    #expect(spring.scenarios.map(\.id) == ["break-time", "hungry-in-class"])
    #expect(spring.scenarios.allSatisfy { $0.figures.figure?.trainees ?? 0 >= 5 })
    #expect(spring.scenarios.first?.figures.figure?.trainees == 32)
  }

  @Test("--since and --scenario narrow the sessions covered")
  func filters() throws {
    let sql = SQLCohort.shared
    let middle = try #require(
      try sql.queue.read { try String.fetchOne($0, sql: "SELECT started_at FROM session ORDER BY started_at LIMIT 1 OFFSET 60") })
    let since = try #require(ISO8601DateFormatter.withMilliseconds.date(from: middle))
    let narrowed = report(filter: CohortFilter(scenarioID: "break-time", since: since))
    #expect(narrowed.scenarios.map(\.id) == ["break-time"])
    let started = try sql.int(
      "SELECT count(*) FROM session WHERE scenario_id = 'break-time' AND started_at >= ?", [middle])
    #expect(narrowed.scenarios[0].figures.figure?.sessionsStarted == started)
  }
}

extension ISO8601DateFormatter {
  static var withMilliseconds: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }
}
