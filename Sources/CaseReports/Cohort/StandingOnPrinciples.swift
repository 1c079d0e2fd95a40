import CaseFormat
import CaseRecords
import CaseScoring
import CaseSessions

/// Where one trainee's latest finished solo session of a scenario left them on each principle and
/// competency area: met or not, by the debrief's own rule (``PrincipleResult/isMet``).
struct StandingOnPrinciples {
  var trainee: String
  var role: String
  /// Principle id -> met, for the principles the debrief lists (earned or at stake on the best path).
  private var principles: [String: Bool]
  /// Area id -> met, for the areas of the trainee's role that the debrief lists.
  private var areas: [String: Bool]
  /// The areas of the trainee's profession.
  private var roleAreas: Set<String>

  /// Nil when the session cannot be debriefed (a record that no longer replays).
  init?(session: PlayedSession, guidance: GuidanceLibrary, bests: BestAchievableCache) {
    guard
      let debrief = try? SessionLog.debrief(
        record: session.record, events: session.events, scenario: session.scenario, guidance: guidance,
        best: bests.best(session.scenario, role: session.record.role))
    else { return nil }
    trainee = session.record.trainee
    role = session.record.role
    principles = Dictionary(debrief.principles.map { ($0.id, $0.isMet) }, uniquingKeysWith: { a, _ in a })
    areas = Dictionary(debrief.areas.map { ($0.id, $0.isMet) }, uniquingKeysWith: { a, _ in a })
    roleAreas = Set(guidance.areas(forRole: session.record.role).map(\.id))
  }

  /// Whether the principle was met; a principle the debrief does not list scored 0 of 0 there,
  /// which meets it.
  func principleMet(_ id: String) -> Bool? {
    principles[id] ?? PrincipleResult.isMet(earned: 0, bestPath: 0)
  }

  /// Whether the area was met; nil when it is not an area of the trainee's profession (it was not
  /// at stake for them).
  func areaMet(_ id: String) -> Bool? {
    guard roleAreas.contains(id) else { return nil }
    return areas[id] ?? PrincipleResult.isMet(earned: 0, bestPath: 0)
  }
}
