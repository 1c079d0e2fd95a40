import CaseEngine
import CaseFormat
import CaseScoring
import CaseTestSupport
import Testing

/// A `.tests` file can script a whole team's play: `team:` names the roles, and each step of
/// `choices:` says which role takes it.
@Suite("Scripted team playthroughs")
struct TeamPlaytestTests {
  static let scenario: Scenario = {
    let path = Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/team-meeting.case"
    return ScenarioLoader.load(path: path, guidance: Fixtures.guidance).scenario
  }()

  func run(_ text: String) -> (reports: [PlaytestRunner.Report], diagnostics: [Diagnostic]) {
    let (file, diagnostics) = ExpectationFile.parse(text, path: "team.tests")
    return (file.expectations.map { PlaytestRunner.run($0, scenario: Self.scenario) }, diagnostics)
  }

  @Test("a team's best and worst plays reach their endings and scores")
  func teamPlays() {
    let (reports, diagnostics) = run(
      """
      == team-best
      team: social-worker, police-officer
      choices: social-worker 1, police-officer 1, social-worker 1, police-officer 1, social-worker 1
      ending: safe
      outcome: safe
      score: 6

      == team-worst
      team: social-worker, police-officer
      choices: social-worker 1, police-officer 1, social-worker 1, police-officer 2, social-worker 1
      ending: unsafe
      outcome: unsafe
      score: -1
      """)
    #expect(diagnostics.isEmpty)
    #expect(reports.map(\.passed) == [true, true], "\(reports.flatMap(\.failures))")
    #expect(reports.map(\.criticalTaken) == [0, 1])
  }

  @Test("a team's script is played as the table plays it: a step by a role out of turn is refused, naming whose turn it is")
  func tableOrder() {
    let (reports, _) = run(
      """
      == out-of-turn
      team: social-worker, police-officer
      choices: police-officer 1, social-worker 1
      """)
    #expect(reports.first?.failures.first == "step 1 (police-officer): at the table it is social-worker's turn here (turns go round the team in order)")
  }

  @Test("a wrong step says which role could not take it, and where that role was")
  func wrongStep() {
    let (reports, _) = run(
      """
      == chair-too-early
      team: social-worker, police-officer
      choices: social-worker 1, police-officer 1, social-worker 1, social-worker 1
      """)
    #expect(reports.first?.failures == ["step 4 (social-worker): at the table it is police-officer's turn here (turns go round the team in order)"])
    let (strangers, _) = run("== x\nteam: social-worker, police-officer\nchoices: school-dsl 1\n")
    #expect(strangers.first?.failures == ["step 1: 'school-dsl' is not in the playthrough's team"])
  }

  @Test("roles on steps need a team line; a mix of 'ROLE N' and 'N' is refused")
  func malformed() {
    let (_, missingTeam) = run("== x\nchoices: social-worker 1, police-officer 1\n")
    #expect(missingTeam.map(\.code) == [.misplacedLine])
    let (_, mixed) = run("== x\nteam: social-worker, police-officer\nchoices: social-worker 1, 1\n")
    #expect(mixed.map(\.code) == [.badChoice])
  }
}
