import CaseAuthoring
import CaseInterchange
import CaseEngine
import CaseFormat
import CaseScoring
import CaseTestSupport
import Foundation
import Testing

/// The library's scores measure judgement: computed by the project's own analysis, for every
/// shipped scenario and every role.
@Suite("Every shipped scenario scores judgement, not reading skill", .tags(.slow))
struct LibraryJudgementSlowTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
  static let cases: [(String, String)] = library.playable.flatMap { scenario in
    scenario.header.roles.map { (scenario.id, $0) }
  }

  static func space(_ id: String, _ role: String) throws -> StateSpace {
    let scenario = try #require(library.scenario(id: id)?.scenario)
    return StateSpace(engine: Engine(scenario: scenario, role: role))
  }

  @Test("no naive strategy scores over 60% of the range; a critical choice caps at 50% and never ends safe", arguments: cases)
  func naiveStrategies(_ id: String, _ role: String) throws {
    let scenario = try #require(Self.library.scenario(id: id)?.scenario)
    let integrity = ScoringIntegrity(space: try Self.space(id, role), scenario: scenario)
    #expect(integrity.range > 0)
    #expect(integrity.strategies.count == 4)
    for result in integrity.strategies {
      let share = try #require(result.share, "\(id) as \(role): \(result.strategy) never ends")
      #expect(share <= ScoringIntegrity.naiveShareLimit, "\(id) as \(role): \(result.strategy) scores \(share)")
    }
    let critical = try #require(integrity.bestWithCriticalShare, "\(id) as \(role): no critical path")
    #expect(critical <= ScoringIntegrity.criticalShareLimit, "\(id) as \(role): a critical path scores \(critical)")
    #expect(integrity.criticalToSafe == nil, "\(id) as \(role): a critical path ends safe")
  }

  @Test("the debrief of the best and the worst path: rows add up to the totals, and the grade follows", arguments: cases)
  func debriefRows(_ id: String, _ role: String) throws {
    let scenario = try #require(Self.library.scenario(id: id)?.scenario)
    let guidance = Self.library.guidance.library
    let engine = Engine(scenario: scenario, role: role)
    let best = BestAchievable(engine: engine, guidance: guidance)
    let worstPath = try #require(best.space.optimum(maximise: false) { $0.totalPoints })
    for path in [best.bestPath, best.space.decisions(along: worstPath.steps)] {
      let debrief = try Debrief(
        engine: engine, guidance: guidance, best: best, sessionID: "s", trainee: "t", mode: .assessment,
        decisions: path.map { DecisionInput(decision: $0, rationale: "Because of what I read") })
      #expect(debrief.principles.map(\.earned).reduce(0, +) == debrief.total, "\(id) as \(role)")
      #expect(debrief.principles.map(\.bestPath).reduce(0, +) == debrief.bestTotal, "\(id) as \(role)")
      #expect(debrief.principles.allSatisfy { $0.earned != 0 || $0.bestPath != 0 }, "no 0 / 0 rows")
      #expect(debrief.total <= debrief.bestTotal && debrief.total >= debrief.worstTotal)
      #expect(debrief.ending?.title != nil, "\(id): the ending has a title")
      if !debrief.criticalTaken.isEmpty { #expect(debrief.grade == .unsafe) }
      // Areas are the trainee's own profession's only.
      let own = Set(guidance.areas(forRole: role).map(\.id))
      #expect(debrief.areas.allSatisfy { own.contains($0.id) }, "\(id) as \(role)")
    }
    // Along the best path no decision has a stronger option.
    let bestDebrief = try Debrief(
      engine: engine, guidance: guidance, best: best, sessionID: "s", trainee: "t", mode: .practice,
      decisions: best.bestPath.map { DecisionInput(decision: $0) })
    #expect(bestDebrief.decisions.allSatisfy { $0.strongerOption == nil }, "\(id) as \(role)")
    #expect(bestDebrief.total == best.total)
  }

  @Test("every best-ROLE and worst-ROLE path in a .tests file is the optimum for its role")
  func expectationPathsAreOptimal() throws {
    for scenario in Self.library.playable {
      let file = Fixtures.scenariosDirectory + "/\(scenario.id).tests"
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
      for expectation in ExpectationFile.parse(text, path: file).0.expectations {
        let isBest = expectation.name == "best" || expectation.name.hasPrefix("best-")
        let isWorst = expectation.name == "worst" || expectation.name.hasPrefix("worst-")
        guard isBest || isWorst else { continue }
        let role = expectation.role ?? scenario.header.roles[0]
        let report = PlaytestRunner.run(expectation, scenario: scenario)
        let space = StateSpace(engine: Engine(scenario: scenario, role: role))
        let optimum = try #require(space.optimum(maximise: isBest) { $0.totalPoints })
        #expect(report.passed, "\(scenario.id) \(expectation.name): \(report.failures)")
        #expect(report.score == optimum.total, "\(scenario.id) \(expectation.name) is not the \(isBest ? "best" : "worst") path")
      }
    }
  }
}

/// The engine and the analysis checked against an independent reference (`ReferencePlay`), which
/// reads the JSON export and shares no code with `Engine`, `StateSpace` or `PathOptimum`.
@Suite("Every shipped scenario and role agrees with an independent reference implementation", .tags(.slow))
struct ReferenceAgreementSlowTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
  static let cases: [(String, String)] = library.playable.flatMap { scenario in
    scenario.header.roles.map { (scenario.id, $0) }
  }

  @Test("reachable endings, path counts, best and worst totals; merged states never more than the reference's", arguments: cases)
  func agreement(_ id: String, _ role: String) throws {
    let scenario = try #require(Self.library.scenario(id: id)?.scenario)
    let reference = try ReferencePlay(json: ScenarioExporter.json(scenario), role: role)
    let analysis = ScenarioAnalysis(scenario: scenario, role: role)
    // The reference keeps every value; the state space drops values no later condition reads,
    // so it holds fewer states, with the same futures (the counts and totals below).
    #expect(analysis.counts.reachableStates <= reference.stateCount, "\(id) as \(role)")
    #expect(analysis.pathCount == reference.pathCount(), "\(id) as \(role)")
    #expect(Set(analysis.endings.filter(\.reachable).map(\.passageID)) == reference.reachableEndings, "\(id) as \(role)")
    #expect(analysis.best?.total == reference.extreme(maximise: true), "\(id) as \(role)")
    #expect(analysis.worst?.total == reference.extreme(maximise: false), "\(id) as \(role)")
    let best = BestAchievable(engine: Engine(scenario: scenario, role: role), guidance: Self.library.guidance.library)
    #expect(best.total == reference.extreme(maximise: true) && best.worstTotal == reference.extreme(maximise: false))
  }

  @Test("every scripted path reaches, under the reference rules, the ending and score its .tests file expects")
  func scriptedPaths() throws {
    var checked = 0
    for scenario in Self.library.playable {
      let file = Fixtures.scenariosDirectory + "/\(scenario.id).tests"
      let text = try String(contentsOfFile: file, encoding: .utf8)
      for expectation in ExpectationFile.parse(text, path: file).0.expectations {
        if !expectation.team.isEmpty {
          try Self.checkTeamPath(expectation, scenario)
          checked += 1
          continue
        }
        let reference = try ReferencePlay(
          json: ScenarioExporter.json(scenario), role: expectation.role ?? scenario.header.roles[0])
        var state = reference.start
        var total = 0
        for number in expectation.choices {
          let offered = reference.offered(state)
          try #require(number >= 1 && number <= offered.count, "\(scenario.id) \(expectation.name)")
          total += ReferencePlay.points(offered[number - 1])
          state = reference.take(offered[number - 1], from: state)
        }
        #expect(reference.isEnding(state), "\(scenario.id) \(expectation.name)")
        if let ending = expectation.ending { #expect(state.passage == ending, "\(scenario.id) \(expectation.name)") }
        if let outcome = expectation.outcome { #expect(reference.outcome(state) == outcome.rawValue) }
        if let score = expectation.score { #expect(score.contains(total), "\(scenario.id) \(expectation.name): \(total)") }
        checked += 1
      }
    }
    #expect(checked >= 81, "every shipped scenario's paths were played")
  }

  /// A team's scripted path under the reference rules, as "Team play: tracks and meetings" states
  /// them: each role has its own passage and takes the choices offered to it there; a meeting's
  /// choices are offered only when every role is at it, and only to its chair (the team's first
  /// role when nobody plays the chair), and taking one moves everyone; play ends when any role is
  /// at an ending. Flags, counters and knowledge are the team's.
  static func checkTeamPath(_ expectation: ExpectationFile.Expectation, _ scenario: Scenario) throws {
    let json = ScenarioExporter.json(scenario)
    let roles = expectation.team
    let references = try roles.map { try ReferencePlay(json: json, role: $0) }
    var positions = roles.map { _ in references[0].start.passage }
    var shared = references[0].start
    for reference in references.dropFirst() { shared.known.formUnion(reference.start.known) }
    func view(_ index: Int) -> ReferencePlay.State {
      var state = shared
      state.passage = positions[index]
      return state
    }
    var total = 0
    for (step, (role, number)) in zip(expectation.deciders, expectation.choices).enumerated() {
      let index = try #require(roles.firstIndex(of: role), "\(scenario.id) \(expectation.name)")
      try #require(!positions.indices.contains { references[$0].isEnding(view($0)) }, "\(scenario.id) \(expectation.name): ended before step \(step + 1)")
      let meeting = references[index].meeting(positions[index])
      if meeting.isJoint {
        let chair = meeting.chair.flatMap { roles.contains($0) ? $0 : nil } ?? roles[0]
        try #require(
          Set(positions).count == 1 && chair == role, "\(scenario.id) \(expectation.name): step \(step + 1) at a meeting not begun, or not the chair's")
      }
      let offered = references[index].offered(view(index))
      try #require(number >= 1 && number <= offered.count, "\(scenario.id) \(expectation.name): step \(step + 1)")
      total += ReferencePlay.points(offered[number - 1])
      let after = references[index].take(offered[number - 1], from: view(index))
      shared = after
      if meeting.isJoint {
        for other in roles.indices where other != index { shared = references[other].entering(after.passage, shared) }
        positions = roles.map { _ in after.passage }
      } else {
        positions[index] = after.passage
      }
    }
    let ended = positions.indices.first { references[$0].isEnding(view($0)) }
    let endedAt = try #require(ended, "\(scenario.id) \(expectation.name): no role is at an ending")
    if let ending = expectation.ending { #expect(positions[endedAt] == ending, "\(scenario.id) \(expectation.name)") }
    if let outcome = expectation.outcome { #expect(references[endedAt].outcome(view(endedAt)) == outcome.rawValue) }
    if let score = expectation.score { #expect(score.contains(total), "\(scenario.id) \(expectation.name): \(total)") }
  }
}
