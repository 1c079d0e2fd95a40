public import CaseEngine
public import CaseFormat


/// Everything a trainee learns from one playthrough: the ending, the critical decisions taken,
/// each decision with its feedback and the guidance it was scored against, totals against the best
/// achievable, the review's lessons and questions to reflect on.
///
/// Every number traces to a decision and a cited principle. Built from the record, so it can be
/// recomputed at any time (`casesim debrief SESSION`).
public struct Debrief: Sendable, Equatable {
  public var scenarioID: String
  public var title: String
  public var reviews: [String]
  public var sessionID: String
  public var trainee: String
  public var role: String
  public var mode: PlayMode
  public var ending: EndingSummary?
  public var decisions: [DecisionReview]
  public var principles: [PrincipleResult]
  public var areas: [AreaResult]
  public var total: Int
  public var bestTotal: Int
  public var lessons: [String]
  public var reflections: [String]
  public var notes: [String]
  public var undoCount: Int

  /// Critical choices the trainee took, first and plainly in every rendering.
  public var criticalTaken: [DecisionReview] { decisions.filter { $0.criticalReason != nil } }
}

/// How the playthrough ended.
public struct EndingSummary: Sendable, Equatable {
  public var passageID: String
  public var outcome: Outcome
  public var narrative: [String]
}

/// One decision with what it earned and why.
public struct DecisionReview: Sendable, Equatable {
  public var number: Int
  public var passageID: String
  public var choiceText: String
  public var rationalePrompt: String?
  public var rationale: String?
  public var feedback: [String]
  public var scores: [ScoreLine]
  /// Set when the choice was critical: why it left the child unsafe.
  public var criticalReason: String?
  public var milliseconds: Int?
}

/// Points earned against one principle by one decision, with the principle's statement.
public struct ScoreLine: Sendable, Equatable {
  public var guidanceID: String
  public var title: String
  public var points: Int
  public var explanation: String?
  public var statement: String
  public var citation: String
}

/// A principle's total against the best achievable.
public struct PrincipleResult: Sendable, Equatable {
  public var id: String
  public var title: String
  public var citation: String
  public var earned: Int
  public var best: Int
}

/// A competency area's total against the best achievable.
public struct AreaResult: Sendable, Equatable {
  public var id: String
  public var title: String
  public var earned: Int
  public var best: Int
}

/// What the record holds about one decision, beyond the engine's view of it.
public struct DecisionInput: Sendable, Equatable {
  public var decision: TakenDecision
  public var rationale: String?
  public var milliseconds: Int?

  public init(decision: TakenDecision, rationale: String? = nil, milliseconds: Int? = nil) {
    self.decision = decision
    self.rationale = rationale
    self.milliseconds = milliseconds
  }
}

extension Debrief {
  /// Builds the debrief of a playthrough.
  /// - Parameters:
  ///   - decisions: the standing decisions (after undos), in order, with rationales.
  ///   - best: precomputed best-achievable figures (compute once per scenario and role).
  public init(
    engine: Engine, guidance: GuidanceLibrary, best: BestAchievable, sessionID: String,
    trainee: String, mode: PlayMode, decisions: [DecisionInput], notes: [String] = [],
    undoCount: Int = 0
  ) throws(PlayError) {
    let scenario = engine.scenario
    var state = engine.start()
    var reviews: [DecisionReview] = []
    for (n, input) in decisions.enumerated() {
      guard let choice = engine.choice(for: input.decision) else {
        throw .choiceNotAvailable(passageID: input.decision.passageID, choiceIndex: input.decision.choiceIndex)
      }
      state = try engine.apply(input.decision, to: state)
      let lines = choice.scores.map { score in
        let entry = guidance.entry(score.guidanceID)
        return ScoreLine(
          guidanceID: score.guidanceID, title: entry?.title ?? score.guidanceID,
          points: score.points, explanation: score.explanation, statement: entry?.statement ?? "",
          citation: entry?.citation ?? "")
      }
      reviews.append(
        DecisionReview(
          number: n + 1, passageID: input.decision.passageID, choiceText: choice.text,
          rationalePrompt: choice.rationalePrompt, rationale: input.rationale,
          feedback: choice.feedback, scores: lines,
          criticalReason: choice.critical.map { $0.reason ?? "This decision on its own left the child unsafe." },
          milliseconds: input.milliseconds))
    }
    let sheet = ScoreSheet(engine: engine, decisions: decisions.map(\.decision))
    let endingPassage = engine.passage(state)
    var ending: EndingSummary?
    if let passage = endingPassage, let end = passage.ending {
      ending = EndingSummary(
        passageID: passage.id, outcome: end.outcome, narrative: engine.visibleParagraphs(state))
    }

    let principleIDs = scenario.guidanceIDsUsed
    let principles = principleIDs.map { id in
      let entry = guidance.entry(id)
      return PrincipleResult(
        id: id, title: entry?.title ?? id, citation: entry?.citation ?? "",
        earned: sheet.byPrinciple[id] ?? 0, best: best.byPrinciple[id] ?? 0)
    }
    let earnedAreas = sheet.byArea(guidance: guidance)
    let areaIDs = best.byArea.keys.sorted { a, b in
      let order = guidance.areas.map(\.id)
      return (order.firstIndex(of: a) ?? .max, a) < (order.firstIndex(of: b) ?? .max, b)
    }
    let areas = areaIDs.map { id in
      AreaResult(
        id: id, title: guidance.entry(id)?.title ?? id, earned: earnedAreas[id] ?? 0,
        best: best.byArea[id] ?? 0)
    }

    self.init(
      scenarioID: scenario.id, title: scenario.header.title, reviews: scenario.header.reviews,
      sessionID: sessionID, trainee: trainee, role: engine.role, mode: mode, ending: ending,
      decisions: reviews, principles: principles, areas: areas, total: sheet.total,
      bestTotal: best.total,
      lessons: (endingPassage?.ending?.lessons ?? []) + scenario.header.lessons,
      reflections: (endingPassage?.ending?.reflections ?? []) + scenario.header.reflections,
      notes: notes, undoCount: undoCount)
  }
}
