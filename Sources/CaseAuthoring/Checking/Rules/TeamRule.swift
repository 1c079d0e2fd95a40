import CaseEngine
import CaseFormat

/// What only a team shows: a meeting that can wait for ever because some role can never reach
/// it (or can reach nothing it can choose), and a named fact that no role ever holds, alone or
/// as a team, so every `knows` asking about it is false.
enum TeamRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.teamDeadlock, .unlearnableFact]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    deadlocks(scenario, findings) + unlearnable(scenario, findings)
  }

  /// One error for each passage where a team can be left waiting, with the first playthrough
  /// found that leaves it there.
  private static func deadlocks(_ scenario: Scenario, _ findings: SpaceFindings) -> [Diagnostic] {
    var reported: Set<String> = []
    var diagnostics: [Diagnostic] = []
    let engine = Engine(scenario: scenario, team: findings.team)
    for (state, witness) in findings.teamDeadlocks {
      let places = Array(zip(findings.team, state.tracks.map(\.passageID)))
      // Where the error belongs: the meeting someone waits at, or else the first track's passage.
      let waitingAt = places.first(where: { scenario.passages[$0.1]?.isJoint == true })?.1
      guard let at = waitingAt ?? places.first?.1, let passage = scenario.passages[at],
        reported.insert(at).inserted
      else { continue }
      let begun = Set(places.map(\.1)).count == 1 && scenario.passages[at]?.isJoint == true
      let chair = scenario.passages[at].map(engine.decider(of:)) ?? ""
      let whereEach =
        begun
        ? ["the meeting '\(at)' has begun, but \(chair), who decides it, has nothing it can choose there"]
        : places.map { role, id -> String in
          let joint = scenario.passages[id]?.isJoint == true
          return joint ? "\(role) waits at meeting '\(id)'" : "\(role) is at '\(id)' with nothing to choose"
        }
      let steps = witness.map { decision -> String in
        let text = scenario.passages[decision.passageID]?.choices.first { $0.index == decision.choiceIndex }?.text ?? ""
        let short = text.count > 40 ? String(text.prefix(37)) + "..." : text
        return "\(decision.role ?? "") chooses \"\(short)\" at '\(decision.passageID)'"
      }
      let example = steps.isEmpty ? "at the start" : "for example after: \(steps.joined(separator: "; "))"
      diagnostics.append(
        .error(
          .teamDeadlock,
          "when \(findings.team.joined(separator: ", ")) play together, play can stop for good: \(whereEach.joined(separator: ", ")) (\(example)); \(begun ? "give the meeting a choice its chair can always take" : "a meeting begins only when every role has reached it, so give every role a way to reach it, or a choice it can always take")",
          at: passage.location, length: passage.id.count))
    }
    return diagnostics
  }

  /// A warning at each `@fact #id` that no playthrough, alone or as a team, lets any role hold.
  private static func unlearnable(_ scenario: Scenario, _ findings: SpaceFindings) -> [Diagnostic] {
    guard !findings.truncated else { return [] }
    var diagnostics: [Diagnostic] = []
    for passage in scenario.orderedPassages {
      for fact in passage.facts {
        guard let id = fact.id, !findings.learnedFacts.contains(id), let at = fact.idLocation else { continue }
        diagnostics.append(
          .warning(
            .unlearnableFact,
            "no role ever holds fact '\(id)': no playthrough shows passage '\(passage.id)' to a role it is written for, and no choice that shares it is ever taken, so every 'knows \(id)' is false; let a role reach it, or share it",
            at: at, length: id.count))
      }
    }
    return diagnostics
  }
}
