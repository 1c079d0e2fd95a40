import CaseEngine
import CaseFormat
import CaseScoring
import CaseTestSupport
import Foundation
import Testing

@Suite("Scoring arithmetic, best achievable and the debrief")
struct ScoringTests {
  static let text = Fixtures.header() + """
    flag saw

    == start
    * See the child -> middle
      + see-child-alone 3: You saw the child.
      + share-information-to-safeguard 1
      ? Why now?
      ~ set saw
    * Wait for Monday -> middle
      - see-child-alone 2: Not seen.
      ! critical: Left alone over the weekend.

    == middle
    * {saw} Share with the GP -> good
      + share-information-to-safeguard 2
      > Joined up.
    * Keep it to yourself -> bad
      - share-information-to-safeguard 4

    == good
    @ending safe
    The child is safe.
    @lesson The review found the child was not seen.
    @reflect What helped?

    == bad
    @ending unsafe
    The child is not safe.
    """

  static let scenario = Fixtures.load(text).scenario
  let engine = Engine(scenario: ScoringTests.scenario, role: "social-worker")

  @Test("each decision adds its weights to the principles it names")
  func arithmetic() {
    let best = [TakenDecision(passageID: "start", choiceIndex: 1), TakenDecision(passageID: "middle", choiceIndex: 1)]
    let sheet = ScoreSheet(engine: engine, decisions: best)
    #expect(sheet.byPrinciple == ["see-child-alone": 3, "share-information-to-safeguard": 3])
    #expect(sheet.total == 6)
    #expect(sheet.criticalTaken == [])

    let worst = [TakenDecision(passageID: "start", choiceIndex: 2), TakenDecision(passageID: "middle", choiceIndex: 2)]
    let bad = ScoreSheet(engine: engine, decisions: worst)
    #expect(bad.byPrinciple == ["see-child-alone": -2, "share-information-to-safeguard": -4])
    #expect(bad.total == -6)
    #expect(bad.criticalTaken == [TakenDecision(passageID: "start", choiceIndex: 2)])
  }

  @Test("points per competency area follow each principle's areas")
  func areas() throws {
    let sheet = ScoreSheet(engine: engine, decisions: [TakenDecision(passageID: "start", choiceIndex: 1)])
    let areas = sheet.byArea(Fixtures.guidance.areas, guidance: Fixtures.guidance)
    let seeAreas = try #require(Fixtures.guidance.entry("see-child-alone")?.areas)
    let shareAreas = try #require(Fixtures.guidance.entry("share-information-to-safeguard")?.areas)
    for area in Set(seeAreas + shareAreas) {
      #expect(areas[area] == (seeAreas.contains(area) ? 3 : 0) + (shareAreas.contains(area) ? 1 : 0))
    }
  }

  @Test("best achievable respects conditions: sharing needs the child seen first")
  func bestAchievable() {
    let best = BestAchievable(engine: engine, guidance: Fixtures.guidance)
    #expect(best.total == 6)
    #expect(best.worstTotal == -6)
    #expect(best.byPrinciple == ["see-child-alone": 3, "share-information-to-safeguard": 3])
    #expect(best.bestPath == [TakenDecision(passageID: "start", choiceIndex: 1), TakenDecision(passageID: "middle", choiceIndex: 1)])
    #expect(!best.isApproximate)
  }

  @Test("the debrief puts critical decisions first and traces every point to a cited principle")
  func debrief() throws {
    let best = BestAchievable(engine: engine, guidance: Fixtures.guidance)
    let debrief = try Debrief(
      engine: engine, guidance: Fixtures.guidance, best: best, sessionID: "abcdef1234", trainee: "sam",
      mode: .assessment,
      decisions: [
        DecisionInput(decision: TakenDecision(passageID: "start", choiceIndex: 2), rationale: "It is Friday", milliseconds: 1200),
        DecisionInput(decision: TakenDecision(passageID: "middle", choiceIndex: 2)),
      ], notes: ["Ring school Monday"])
    #expect(debrief.ending?.outcome == .unsafe)
    #expect(debrief.ending?.narrative == ["The child is not safe."])
    #expect(debrief.total == -6 && debrief.bestTotal == 6)
    #expect(debrief.criticalTaken.map(\.number) == [1])
    #expect(debrief.criticalTaken.first?.criticalReason == "Left alone over the weekend.")
    #expect(debrief.decisions[0].rationale == "It is Friday")
    let line = try #require(debrief.decisions[0].scores.first)
    #expect(line.guidanceID == "see-child-alone" && line.points == -2)
    #expect(line.citation == Fixtures.guidance.entry("see-child-alone")?.citation)
    #expect(debrief.principles.map(\.id) == ["see-child-alone", "share-information-to-safeguard"])
    #expect(debrief.principles.map(\.earned) == [-2, -4])
    #expect(debrief.principles.map(\.bestPath) == [3, 3])
    // Each column adds up to its total: -2 + -4 = -6 yours, 3 + 3 = 6 the best playthrough's.
    #expect(debrief.principles.map(\.earned).reduce(0, +) == debrief.total)
    #expect(debrief.principles.map(\.bestPath).reduce(0, +) == debrief.bestTotal)
    // A critical choice caps the grade whatever the points.
    #expect(debrief.grade == .unsafe)

    let text = DebriefRenderer(width: 80).text(debrief)
    let critical = try #require(text.range(of: "CRITICAL DECISIONS"))
    let decisions = try #require(text.range(of: "YOUR DECISIONS"))
    #expect(critical.lowerBound < decisions.lowerBound, "critical decisions come first")
    let flat = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    #expect(flat.contains("You earned -6 points. The best playthrough earns 6 and the worst -6, so yours is 0% of the way from worst to best."))
    #expect(flat.contains("-2 / +3 See and speak with every child on their own"))
    #expect(text.contains("GRADE: UNSAFE PRACTICE"))
    #expect(text.contains("Your reasoning: It is Friday"))
    #expect(text.contains("Ring school Monday"))
    #expect(!text.contains("\u{1B}"), "no colour unless asked")

    let markdown = DebriefRenderer().markdown(debrief)
    #expect(markdown.hasPrefix("# Debrief: Fixture\n"))
    #expect(markdown.contains("| **Total** | **-6** | **6** | |"))
    #expect(markdown.contains("| \(Fixtures.guidance.entry("see-child-alone")?.title ?? "") (`see-child-alone`) | -2 | +3 |"))
  }

  @Test("the good ending's lessons and reflection questions reach the debrief, before the scenario-wide ones")
  func lessons() throws {
    let best = BestAchievable(engine: engine, guidance: Fixtures.guidance)
    let debrief = try Debrief(
      engine: engine, guidance: Fixtures.guidance, best: best, sessionID: "s", trainee: "t", mode: .practice,
      decisions: [
        DecisionInput(decision: TakenDecision(passageID: "start", choiceIndex: 1)),
        DecisionInput(decision: TakenDecision(passageID: "middle", choiceIndex: 1)),
      ])
    #expect(debrief.lessons == ["The review found the child was not seen."])
    #expect(debrief.reflections == ["What helped?"])
    #expect(debrief.criticalTaken.isEmpty)
    #expect(DebriefRenderer().text(debrief).contains("You took none of the decisions that on their own leave the child unsafe."))
  }

  @Test("played with no competency catalog at all, the debrief says none was loaded, not that the role has no framework")
  func noCompetencyCatalog() throws {
    let principlesOnly = GuidanceLibrary(catalogs: Fixtures.guidance.catalogs.filter { !$0.isCompetencies })
    let decisions = [DecisionInput(decision: TakenDecision(passageID: "start", choiceIndex: 1))]
    let lone = try Debrief(
      engine: engine, guidance: principlesOnly, best: BestAchievable(engine: engine, guidance: principlesOnly),
      sessionID: "s", trainee: "t", mode: .practice, decisions: decisions)
    #expect(lone.areas.isEmpty && !lone.competencyCatalogLoaded)
    for rendered in [DebriefRenderer(width: 200).text(lone), DebriefRenderer().markdown(lone)] {
      #expect(rendered.contains("No competency framework was loaded with this scenario, so there is no breakdown by competency area."), "\(rendered)")
      #expect(!rendered.contains("is mapped to the role"))
    }
    // With the library's catalogs, a role no framework names is still told so.
    let youth = Engine(scenario: ScoringTests.scenario, role: "youth-worker")
    let unmapped = try Debrief(
      engine: youth, guidance: Fixtures.guidance, best: BestAchievable(engine: youth, guidance: Fixtures.guidance),
      sessionID: "s", trainee: "t", mode: .practice, decisions: decisions)
    #expect(DebriefRenderer(width: 200).text(unmapped).contains("No competency framework is mapped to the role of youth worker yet"))
  }

  @Test("scenario text with terminal escapes is shown escaped in every rendering")
  func escapes() throws {
    var scenario = ScoringTests.scenario
    scenario.passages["start"]?.choices[0].text = "See \u{1B}]52;c;ZXZpbA==\u{07}the child"
    let engine = Engine(scenario: scenario, role: "social-worker")
    let debrief = try Debrief(
      engine: engine, guidance: Fixtures.guidance, best: BestAchievable(engine: engine, guidance: Fixtures.guidance),
      sessionID: "s", trainee: "t", mode: .practice,
      decisions: [DecisionInput(decision: TakenDecision(passageID: "start", choiceIndex: 1))])
    for rendered in [DebriefRenderer(colour: true).text(debrief), DebriefRenderer().markdown(debrief)] {
      #expect(!rendered.contains("\u{1B}]"))
      #expect(!rendered.contains("\u{07}"))
      #expect(rendered.contains("^[]52;c;ZXZpbA==^G"))
    }
  }
}

@Suite("Every shipped scenario played along its expected paths")
struct ShippedPathTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)

  struct Path: CustomTestStringConvertible, Sendable {
    var scenarioID: String
    var expectation: ExpectationFile.Expectation
    var testDescription: String { "\(scenarioID): \(expectation.name)" }
  }

  static let paths: [Path] = library.playable.flatMap { scenario -> [Path] in
    let file = scenario.path.replacingSuffix(".case", with: ".tests")
    guard case .success(let text) = ScenarioLoader.readText(file) else { return [] }
    return ExpectationFile.parse(text, path: file).0.expectations.map { Path(scenarioID: scenario.id, expectation: $0) }
  }

  @Test("every shipped scenario has an expectation file with best, worst and typical paths")
  func everyScenarioHasPaths() throws {
    for scenario in Self.library.playable {
      let file = scenario.path.replacingSuffix(".case", with: ".tests")
      let text = try ScenarioLoader.readText(file).get()
      let (parsed, diagnostics) = ExpectationFile.parse(text, path: file)
      #expect(diagnostics == [])
      #expect(Set(parsed.expectations.map(\.name)).isSuperset(of: ["best", "worst", "typical"]), "\(scenario.id)")
    }
  }

  @Test("each path reaches its expected ending, outcome and score", arguments: paths)
  func playsPath(_ path: Path) throws {
    let scenario = try #require(Self.library.scenario(id: path.scenarioID)?.scenario)
    let report = PlaytestRunner.run(path.expectation, scenario: scenario)
    #expect(report.passed, "\(report.failures)")
  }

  @Test("the best path scores the best achievable total with no critical decision; the worst path takes one and scores the minimum")
  func bestAndWorst() throws {
    for scenario in Self.library.playable {
      let engine = Engine(scenario: scenario, role: scenario.header.roles[0])
      let best = BestAchievable(engine: engine, guidance: Self.library.guidance.library)
      let expectations = Self.paths.filter { $0.scenarioID == scenario.id }
      let bestPath = try #require(expectations.first { $0.expectation.name == "best" })
      let worstPath = try #require(expectations.first { $0.expectation.name == "worst" })
      let bestReport = PlaytestRunner.run(bestPath.expectation, scenario: scenario)
      let worstReport = PlaytestRunner.run(worstPath.expectation, scenario: scenario)
      #expect(bestReport.score == best.total, "\(scenario.id)")
      #expect(bestReport.outcome == .safe && bestReport.criticalTaken == 0, "\(scenario.id)")
      #expect(worstReport.score == best.worstTotal, "\(scenario.id)")
      #expect(worstReport.outcome == .unsafe && worstReport.criticalTaken >= 1, "\(scenario.id)")
    }
  }
}

extension String {
  func replacingSuffix(_ suffix: String, with replacement: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
  }
}
