public import CaseFormat

/// Where a playthrough stands against the scenario's best one: the points earned and the points
/// the best playthrough earns, for each principle the scenario scores and each competency area of
/// the role's profession.
///
/// The one computation behind "met" for the debrief and the cohort report. It needs only the
/// playthrough's score sheet and a ``Scale`` worked out once per scenario and role, not a replay
/// of the decisions, so a report over thousands of sessions builds no debrief for each.
public struct PrincipleStanding: Sendable {
  /// Points earned and on the best path.
  public struct Points: Sendable, Equatable {
    public var earned: Int
    public var bestPath: Int
    /// Met: at least what the best playthrough earns (``PrincipleResult/isMet(earned:bestPath:)``).
    public var isMet: Bool { PrincipleResult.isMet(earned: earned, bestPath: bestPath) }
  }

  /// What every playthrough of one scenario in one role is measured against.
  public struct Scale: Sendable {
    public let best: BestAchievable
    /// The principles the scenario scores, in first-use order.
    let principleIDs: [String]
    /// The areas of the role's profession, in the frameworks' order.
    public let roleAreas: [GuidanceEntry]
    /// Principle id -> the role's areas it counts toward.
    let areasOfPrinciple: [String: [String]]
    let bestByArea: [String: Int]

    public init(best: BestAchievable, scenario: Scenario, role: String, guidance: GuidanceLibrary) {
      self.best = best
      principleIDs = scenario.guidanceIDsUsed
      roleAreas = guidance.areas(forRole: role)
      let wanted = Set(roleAreas.map(\.id))
      var areasOfPrinciple: [String: [String]] = [:]
      for id in principleIDs {
        areasOfPrinciple[id] = (guidance.entry(id)?.areas ?? []).filter(wanted.contains)
      }
      self.areasOfPrinciple = areasOfPrinciple
      bestByArea = best.byArea(roleAreas, guidance: guidance)
    }
  }

  /// The scenario's scored principles, in first-use order, each with its points; a principle
  /// neither touched here nor on the best path (0 of 0) is left out, as the debrief lists it.
  public var principles: [(id: String, points: Points)]
  /// The areas of the role's profession, in the frameworks' order, that either playthrough earned
  /// points in.
  public var areas: [(area: GuidanceEntry, points: Points)]

  /// A scenario's principles all come from its own choices, so the sheet's points are on the
  /// scale's principles and their areas; each principle's points count toward every one of the
  /// role's areas it maps to (``ScoreSheet/byArea(_:guidance:)``).
  public init(sheet: ScoreSheet, scale: Scale) {
    var earnedAreas: [String: Int] = [:]
    for (principle, points) in sheet.byPrinciple {
      for area in scale.areasOfPrinciple[principle] ?? [] { earnedAreas[area, default: 0] += points }
    }
    principles = scale.principleIDs.compactMap { id in
      let points = Points(earned: sheet.byPrinciple[id] ?? 0, bestPath: scale.best.byPrinciple[id] ?? 0)
      return points.earned != 0 || points.bestPath != 0 ? (id, points) : nil
    }
    areas = scale.roleAreas.compactMap { area in
      let points = Points(earned: earnedAreas[area.id] ?? 0, bestPath: scale.bestByArea[area.id] ?? 0)
      return points.earned != 0 || points.bestPath != 0 ? (area, points) : nil
    }
  }
}
