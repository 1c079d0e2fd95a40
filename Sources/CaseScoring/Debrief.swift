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
  /// Principles this playthrough or the best one earned or lost points on; each row's two numbers
  /// add up, over the rows, to `total` and `bestTotal`.
  public var principles: [PrincipleResult]
  /// The competency areas of the trainee's own profession (empty when none is mapped).
  public var areas: [AreaResult]
  /// The frameworks those areas come from, by title.
  public var frameworks: [String]
  /// False when the scenario was played with no competency catalog at all (a lone scenario with
  /// a catalog of its own), so the debrief says that, not that the role has no framework.
  public var competencyCatalogLoaded = true
  public var total: Int
  public var bestTotal: Int
  public var worstTotal: Int
  /// `total` as a share of the range from `worstTotal` to `bestTotal`.
  public var share: Double?
  public var grade: Grade
  public var lessons: [String]
  public var reflections: [String]
  public var notes: [String]
  public var undoCount: Int
  /// The decisions the trainee went back to with `retry`, by number, in the order it happened.
  public var retried: [Int]

  /// Critical choices the trainee took, first and plainly in every rendering.
  public var criticalTaken: [DecisionReview] { decisions.filter { $0.criticalReason != nil } }
}

/// How the playthrough ended.
public struct EndingSummary: Sendable, Equatable {
  public var passageID: String
  /// The author's name for the ending (`@ending unsafe | Title`); nil when there is none.
  public var title: String?
  public var outcome: Outcome
  public var narrative: [String]
}

/// One decision with what it earned and why.
public struct DecisionReview: Sendable, Equatable {
  public var number: Int
  public var passageID: String
  public var choiceText: String
  /// The question the trainee was asked after this decision, if any.
  public var rationalePrompt: String?
  public var rationale: String?
  /// Set when a reason was asked for and the answer was empty or a single word.
  public var rationaleShortfall: RationaleShortfall?
  /// For a decision that led to fewer points than another option then on offer: the strongest
  /// option, and how many more points it could lead to.
  public var strongerOption: String?
  public var strongerGain: Int?
  /// True when this choice had been taken before in the session, so its points were not counted
  /// again.
  public var alreadyCounted: Bool
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

/// What was asked for and not given.
public enum RationaleShortfall: String, Sendable, Equatable {
  case empty, oneWord = "one-word"
}

/// A principle's points on this playthrough and on the best one.
public struct PrincipleResult: Sendable, Equatable {
  public var id: String
  public var title: String
  public var citation: String
  public var earned: Int
  /// What the best playthrough earns for this principle.
  public var bestPath: Int

  public init(id: String, title: String, citation: String, earned: Int, bestPath: Int) {
    self.id = id
    self.title = title
    self.citation = citation
    self.earned = earned
    self.bestPath = bestPath
  }

  /// True when this playthrough earned at least what the best one earns for the principle.
  public var isMet: Bool { Self.isMet(earned: earned, bestPath: bestPath) }

  /// Whether points earned on a principle (or a competency area) meet it: at least what the
  /// scenario's best playthrough, the one the debrief measures against, earns there. A principle
  /// neither touched (0 of 0) is met. The one definition of "met" shared by the debrief and the
  /// cohort report, so a report never disagrees with the debriefs it is drawn from.
  public static func isMet(earned: Int, bestPath: Int) -> Bool { earned >= bestPath }
}

/// A competency area's points on this playthrough and on the best one.
public struct AreaResult: Sendable, Equatable {
  public var id: String
  public var title: String
  public var earned: Int
  public var bestPath: Int

  /// True when this playthrough earned at least what the best one earns in the area (see
  /// ``PrincipleResult/isMet(earned:bestPath:)``).
  public var isMet: Bool { PrincipleResult.isMet(earned: earned, bestPath: bestPath) }
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

extension RationaleShortfall {
  /// Whether an answer to a "Why?" falls short: nothing, or a single word.
  public init?(answer: String?) {
    // Counts words up to two, reading the UTF-8 bytes: a report asks this of every reason in a
    // cohort, and splitting each into an array of words cost more than the rest of the check.
    // The separators are ASCII, so a byte-wise test finds the same words as a split would.
    var words = 0
    var inWord = false
    for byte in (answer ?? "").utf8 {
      let separates = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
      if separates {
        inWord = false
      } else if !inWord {
        inWord = true
        words += 1
        if words == 2 { return nil }
      }
    }
    self = words == 0 ? .empty : .oneWord
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
    undoCount: Int = 0, retried: [Int] = []
  ) throws(PlayError) {
    let scenario = engine.scenario
    var state = engine.start()
    var reviews: [DecisionReview] = []
    var taken: Set<TakenDecision> = []
    for (n, input) in decisions.enumerated() {
      guard let choice = engine.choice(for: input.decision) else {
        throw .choiceNotAvailable(passageID: input.decision.passageID, choiceIndex: input.decision.choiceIndex)
      }
      let prompt = engine.rationalePrompt(for: choice, in: state, mode: mode)
      let stronger = best.strongerOption(than: choice, at: state)
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
          rationalePrompt: prompt, rationale: input.rationale,
          rationaleShortfall: prompt == nil ? nil : RationaleShortfall(answer: input.rationale),
          strongerOption: stronger?.choice.text, strongerGain: stronger?.gain,
          alreadyCounted: !taken.insert(input.decision).inserted,
          feedback: choice.feedback, scores: lines,
          criticalReason: choice.critical.map { $0.reason ?? "This decision on its own left the child unsafe." },
          milliseconds: input.milliseconds))
    }
    let sheet = ScoreSheet(engine: engine, decisions: decisions.map(\.decision))
    let endingPassage = engine.passage(state)
    var ending: EndingSummary?
    if let passage = endingPassage, let end = passage.ending {
      ending = EndingSummary(
        passageID: passage.id, title: end.title, outcome: end.outcome,
        narrative: engine.visibleParagraphs(state))
    }

    let standing = PrincipleStanding(
      sheet: sheet, scale: PrincipleStanding.Scale(best: best, scenario: scenario, role: engine.role, guidance: guidance))
    let principles = standing.principles.map { id, points in
      let entry = guidance.entry(id)
      return PrincipleResult(
        id: id, title: entry?.title ?? id, citation: entry?.citation ?? "", earned: points.earned,
        bestPath: points.bestPath)
    }
    let areas = standing.areas.map { area, points in
      AreaResult(id: area.id, title: area.title, earned: points.earned, bestPath: points.bestPath)
    }
    let share = ending == nil ? nil : best.share(of: sheet.total)

    self.init(
      scenarioID: scenario.id, title: scenario.header.title, reviews: scenario.header.reviews,
      sessionID: sessionID, trainee: trainee, role: engine.role, mode: mode, ending: ending,
      decisions: reviews, principles: principles, areas: areas,
      frameworks: guidance.frameworks(forRole: engine.role).map(\.title),
      competencyCatalogLoaded: guidance.hasCompetencyCatalog, total: sheet.total,
      bestTotal: best.total, worstTotal: best.worstTotal, share: share,
      grade: Grade(share: best.share(of: sheet.total), criticalTaken: sheet.criticalTaken.count, outcome: ending?.outcome),
      lessons: (endingPassage?.ending?.lessons ?? []) + scenario.header.lessons,
      reflections: (endingPassage?.ending?.reflections ?? []) + scenario.header.reflections,
      notes: notes, undoCount: undoCount, retried: retried)
  }
}
