import CaseReports
import CaseTestSupport
import Foundation
import Testing

/// `casesim report` end to end: the real binary on the fixture's store file.
@Suite("casesim report, end to end", .tags(.slow))
struct ReportCommandSlowTests {
  let fixture = CohortFixture.built

  /// The binary beside the test bundle, else the repository's debug build.
  static let binary: String = {
    let beside = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("casesim").path
    return FileManager.default.isExecutableFile(atPath: beside) ? beside : Fixtures.repositoryRoot + "/.build/debug/casesim"
  }()

  func run(_ arguments: [String]) -> (status: Int32, output: String) {
    CommandRunner.run(
      ["env", "-u", "CASESIM_GROUP", "-u", "CASESIM_LIBRARY", Self.binary] + arguments + ["--store", fixture.path],
      in: Fixtures.repositoryRoot)
  }

  @Test("report cohort --format json prints the figures SQL computes, and withholds the small scenario")
  func cohortJSON() throws {
    let result = run(["report", "cohort", "--format", "json"])
    #expect(result.status == 0, "\(result.output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(json["minimumCell"] as? Int == 5)
    let scenarios = try #require(json["scenarios"] as? [[String: Any]])
    #expect(scenarios.compactMap { $0["id"] as? String } == ["break-time", "hungry-in-class", "not-in-school"])
    let sql = SQLCohort.shared
    let breakTime = try #require(scenarios[0]["figures"] as? [String: Any])
    #expect(breakTime["trainees"] as? Int == 35)
    #expect(
      breakTime["sessionsStarted"] as? Int
        == (try sql.int("SELECT count(*) FROM session WHERE scenario_id = 'break-time'")))
    #expect(
      breakTime["sessionsFinished"] as? Int
        == (try sql.int("SELECT count(*) FROM session WHERE scenario_id = 'break-time' AND finished_at IS NOT NULL")))
    let rationales = try #require(breakTime["rationales"] as? [String: Any])
    #expect(
      rationales["asked"] as? Int
        == (try sql.int("SELECT count(*) FROM standing WHERE scenario_id = 'break-time' AND rationale IS NOT NULL")))
    let small = try #require(scenarios[2]["figures"] as? [String: Any])
    #expect(small as? [String: String] == ["suppressed": "fewer than 5 trainees"])
  }

  @Test(
    "the command reads and draws a scenario at a time, on two readers, and prints the very report drawn from all the sessions at once",
    arguments: [[], ["--scenario", "hungry-in-class"], ["--group", "small"], ["--since", "middle"]])
  func sameAsAllAtOnce(options: [String]) throws {
    var options = options
    var filter = CohortFilter()
    if options.first == "--scenario" { filter.scenarioID = options[1] }
    if options.first == "--group" { filter.group = options[1] }
    if options.first == "--since" {
      let starts = fixture.sessions.map(\.record.startedAt).sorted()
      let middle = starts[starts.count / 2]
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      options[1] = formatter.string(from: middle)
      filter.since = middle
    }
    let result = run(["report", "cohort", "--format", "json", "--min-cell", "1"] + options)
    #expect(result.status == 0, "\(result.output)")
    let expected = try CohortJSONRenderer().render(
      CohortReport(
        sessions: fixture.sessions, scenarios: fixture.scenarios, guidance: fixture.guidance, filter: filter,
        minimumCell: 1))
    #expect(result.output.trimmingCharacters(in: .newlines) == expected.trimmingCharacters(in: .newlines))
    #expect(expected.contains("\"decisionPoints\""), "the comparison holds figures")
  }

  @Test("a records file others can read is warned about once, though the report reads it through two handles; its mode is left as it is")
  func looseModeWarnedOnce() throws {
    let copy = Fixtures.temporaryDirectory() + "/loose.sqlite"
    try FileManager.default.copyItem(atPath: fixture.path, toPath: copy)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
    let result = CommandRunner.run(
      ["env", "-u", "CASESIM_GROUP", "-u", "CASESIM_LIBRARY", Self.binary, "report", "cohort", "--store", copy],
      in: Fixtures.repositoryRoot)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.components(separatedBy: "can be read by other users").count - 1 == 1, "\(result.output.prefix(600))")
    let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
    #expect(mode == 0o644)
  }

  @Test("--group small withholds everything; --output writes a file only its owner can read")
  func groupAndOutput() throws {
    let file = Fixtures.temporaryDirectory() + "/cohort.csv"
    let result = run(["report", "cohort", "--group", "small", "--min-cell", "5", "--format", "csv", "--output", file])
    #expect(result.status == 0, "\(result.output)")
    let csv = try String(contentsOfFile: file, encoding: .utf8)
    let rows = csv.split(separator: "\r\n").dropFirst()
    #expect(!rows.isEmpty && rows.allSatisfy { $0.hasSuffix(",suppressed,fewer than 5 trainees") })
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test("bad options are usage errors (64)")
  func usage() {
    #expect(run(["report", "cohort", "--since", "last week"]).status == 64)
    // Dates are read alike by every command, and a day that does not exist is refused rather
    // than rolled over into the next month.
    #expect(run(["report", "cohort", "--since", "2025-02-30"]).status == 64)
    #expect(run(["export", "xapi", "--since", "2025-02-30"]).status == 64)
    #expect(run(["purge", "--before", "2025-02-30"]).status == 64)
    #expect(run(["report", "cohort", "--since", "2025-02-28T09:00:00.5Z", "--format", "json"]).status == 0)
    #expect(run(["report", "cohort", "--min-cell", "0"]).status == 64)
    #expect(run(["report", "cohort", "--format", "pdf"]).status == 64)
    #expect(run(["report", "trainee", "someone", "--format", "csv"]).status == 64)
  }

  @Test("report trainee prints the portfolio with the trainee's own reasons, escaped")
  func trainee() {
    let result = run(["report", "trainee", CohortFixture.hostileName, "--format", "html"])
    #expect(result.status == 0)
    #expect(result.output.contains("Portfolio of evidence: &lt;script&gt;"))
    #expect(!result.output.contains("<script"))
    let md = run(["report", "trainee", "trainee-05", "--format", "md"])
    #expect(md.status == 0 && md.output.contains("# Portfolio of evidence: trainee\\-05"))
    #expect(md.output.contains("Evidence for: "))
  }
}
