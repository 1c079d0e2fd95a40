import CaseFormat
import CaseRecords
import CaseScoring
import CaseSessions

/// Where one trainee's latest finished solo session of a scenario left them on each principle and
/// competency area: met or not, by the debrief's own rule (``PrincipleStanding``), from the session's replay.
struct StandingOnPrinciples {
  var trainee: String
  var role: String
  /// Principle id -> met, for the principles the debrief lists (earned or at stake on the best path).
  private var principles: [String: Bool]
  /// Area id -> met, for the areas of the trainee's role that the debrief lists.
  private var areas: [String: Bool]
  /// The areas of the trainee's profession.
  private var roleAreas: Set<String>

  /// Nil when the session cannot be replayed (a record that no longer fits its scenario).
  init?(session: PlayedSession, bests: BestAchievableCache) {
    guard let play = session.play else { return nil }
    let role = session.record.role
    let scale = bests.scale(session.scenario, role: role)
    let standing = PrincipleStanding(
      sheet: ScoreSheet(engine: play.engine, decisions: play.decisions.map(\.decision)), scale: scale)
    trainee = session.record.trainee
    self.role = role
    principles = Dictionary(standing.principles.map { ($0.id, $0.points.isMet) }, uniquingKeysWith: { a, _ in a })
    areas = Dictionary(standing.areas.map { ($0.area.id, $0.points.isMet) }, uniquingKeysWith: { a, _ in a })
    roleAreas = Set(scale.roleAreas.map(\.id))
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
