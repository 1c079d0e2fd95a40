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
    let role = expectation.role ?? scenario.header.roles.first ?? ""
    let engine = Engine(scenario: scenario, role: role)
    var state = engine.start()
    var failures: [String] = []
    for (step, number) in expectation.choices.enumerated() {
      let visible = engine.visibleChoices(state)
      guard !engine.isFinished(state) else {
        failures.append("step \(step + 1): the scenario had already ended at '\(state.passageID)'")
        break
      }
      guard number >= 1, number <= visible.count else {
        failures.append(
          "step \(step + 1): choice \(number) is not offered at '\(state.passageID)' (\(visible.count) choices visible)")
        break
      }
      do {
        state = try engine.choose(visible[number - 1].index, in: state)
      } catch {
        failures.append("step \(step + 1): \(error)")
        break
      }
    }
    let sheet = ScoreSheet(engine: engine, decisions: state.decisions)
    let ending = engine.passage(state)?.ending
    if ending == nil, failures.isEmpty {
      failures.append("the path stops at '\(state.passageID)', which is not an ending")
    }
    if let expected = expectation.ending, expected != state.passageID {
      failures.append("expected ending '\(expected)', reached '\(state.passageID)'")
    }
    if let expected = expectation.outcome, expected != ending?.outcome {
      failures.append("expected outcome \(expected.rawValue), got \(ending?.outcome.rawValue ?? "none")")
    }
    if let range = expectation.score, !range.contains(sheet.total) {
      let wanted = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)..\(range.upperBound)"
      failures.append("expected score \(wanted), got \(sheet.total)")
    }
    return Report(
      name: expectation.name, endingID: ending == nil ? nil : state.passageID, outcome: ending?.outcome,
      score: sheet.total, criticalTaken: sheet.criticalTaken.count, failures: failures)
  }
}
