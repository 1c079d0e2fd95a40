import CaseEngine
public import CaseFormat

/// Plays a scripted path through a scenario and compares where it ends with what was expected.
public enum PlaytestRunner {
  /// The outcome of one scripted path.
  public struct Report: Sendable, Equatable {
    public var name: String
    public var endingID: String?
    public var outcome: Outcome?
    public var score: Int
    public var criticalTaken: Int
    /// Empty when the path met every expectation.
    public var failures: [String]

    public var passed: Bool { failures.isEmpty }
  }

  public static func run(_ expectation: ExpectationFile.Expectation, scenario: Scenario) -> Report {
    let team = expectation.team.isEmpty ? [expectation.role ?? scenario.header.roles.first ?? ""] : expectation.team
    let engine = Engine(scenario: scenario, team: team)
    var state = engine.start()
    var failures: [String] = []
    if let stranger = team.first(where: { !scenario.header.roles.contains($0) }), !scenario.header.roles.isEmpty {
      failures.append("'\(stranger)' is not one of the scenario's roles")
    }
    for (step, number) in expectation.choices.enumerated() where failures.isEmpty {
      let role = expectation.deciders.indices.contains(step) ? expectation.deciders[step] : engine.role
      let at = engine.track(of: role).map { state.tracks[$0].passageID } ?? state.passageID
      let who = engine.isTeam ? " (\(role))" : ""
      guard engine.track(of: role) != nil else {
        failures.append("step \(step + 1): '\(role)' is not in the playthrough's team")
        break
      }
      let visible = engine.visibleChoices(state, for: role)
      // A team's script is played as a table plays it: each step by the role whose turn it is.
      if engine.isTeam, !engine.isFinished(state), let turn = engine.nextToAct(after: step == 0 ? nil : expectation.deciders[step - 1], in: state),
        turn != role
      {
        failures.append("step \(step + 1) (\(role)): at the table it is \(turn)'s turn here (turns go round the team in order)")
        break
      }
      guard !engine.isFinished(state) else {
        failures.append("step \(step + 1)\(who): the scenario had already ended at '\(at)'")
        break
      }
      guard number >= 1, number <= visible.count else {
        failures.append(
          "step \(step + 1)\(who): choice \(number) is not offered at '\(at)' (\(visible.count) choices visible)")
        break
      }
      do {
        state = try engine.choose(visible[number - 1].index, for: role, in: state)
      } catch {
        failures.append("step \(step + 1)\(who): \(error)")
        break
      }
    }
    let sheet = ScoreSheet(engine: engine, decisions: state.decisions)
    let ended = engine.endingPassage(state)
    let ending = ended?.ending
    let reached = ended?.id ?? state.tracks.map(\.passageID).joined(separator: ", ")
    if ending == nil, failures.isEmpty {
      failures.append("the path stops at '\(reached)', which is not an ending")
    }
    if let expected = expectation.ending, expected != reached {
      failures.append("expected ending '\(expected)', reached '\(reached)'")
    }
    if let expected = expectation.outcome, expected != ending?.outcome {
      failures.append("expected outcome \(expected.rawValue), got \(ending?.outcome.rawValue ?? "none")")
    }
    if let range = expectation.score, !range.contains(sheet.total) {
      let wanted = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)..\(range.upperBound)"
      failures.append("expected score \(wanted), got \(sheet.total)")
    }
    return Report(
      name: expectation.name, endingID: ending == nil ? nil : reached, outcome: ending?.outcome,
      score: sheet.total, criticalTaken: sheet.criticalTaken.count, failures: failures)
  }
}
