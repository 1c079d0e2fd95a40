public import CaseEngine
public import CaseFormat

/// What a team learns from playing one case together: who knew what, and when; what was shared
/// and with whom; what was never shared with an agency that needed it; the decisions taken without
/// a fact another agency held at that moment (the "joined-up picture" moments the reviews keep
/// finding); how much of the picture the decision-makers held; and each participant's own
/// decisions, points and reasons.
///
/// Built from the team's decisions by folding them through the engine, step by step, so every
/// line traces to a recorded decision, and the debrief can be recomputed at any time.
public struct TeamDebrief: Sendable, Equatable {
  /// One person at the table, in their role.
  public struct Member: Sendable, Equatable {
    public var name: String
    public var role: String
    /// The participant's number in the session: two people may share a name and a role.
    public var ordinal: Int

    public init(name: String, role: String, ordinal: Int) {
      self.name = name
      self.role = role
      self.ordinal = ordinal
    }
  }

  /// One thing that happened, in the order it happened (`step` 0 is the start; step N is the Nth
  /// decision and what it caused).
  public struct Event: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// The role learned a named fact from a passage shown to it.
      case learned(fact: String)
      /// The role was told a named fact by another role's decision.
      case told(fact: String, by: String)
      /// The role's decision shared a fact with these roles (who did not hold it before).
      case shared(fact: String, with: [String])
      /// The role took a decision.
      case decided(text: String, meeting: Bool)
    }

    public var step: Int
    public var role: String
    public var kind: Kind

    public init(step: Int, role: String, kind: Kind) {
      self.step = step
      self.role = role
      self.kind = kind
    }
  }

  /// A decision taken without a fact another role held at that moment, which the scenario asks
  /// whether the deciding role knows (so it bore on what that role could do).
  public struct BlindSpot: Sendable, Equatable {
    public var step: Int
    public var role: String
    public var decision: String
    public var fact: String
    public var heldBy: [String]

    public init(step: Int, role: String, decision: String, fact: String, heldBy: [String]) {
      self.step = step
      self.role = role
      self.decision = decision
      self.fact = fact
      self.heldBy = heldBy
    }
  }

  /// A fact one role held to the end that a role needing it never had.
  public struct Unshared: Sendable, Equatable {
    public var fact: String
    public var heldBy: [String]
    public var neededBy: String

    public init(fact: String, heldBy: [String], neededBy: String) {
      self.fact = fact
      self.heldBy = heldBy
      self.neededBy = neededBy
    }
  }

  /// At a meeting's decision: how many of the named facts anyone at the table held, the one
  /// deciding held.
  public struct Picture: Sendable, Equatable {
    public var step: Int
    public var passageID: String
    public var decider: String
    public var held: Int
    public var known: Int

    public init(step: Int, passageID: String, decider: String, held: Int, known: Int) {
      self.step = step
      self.passageID = passageID
      self.decider = decider
      self.held = held
      self.known = known
    }
  }

  /// One participant's own part: their decisions with reasons and points, against their
  /// profession's guidance.
  public struct MemberResult: Sendable, Equatable {
    public var member: Member
    public var decisions: [Decision]
    public var byPrinciple: [String: Int]
    public var total: Int
    /// The points by competency area of the member's own profession (its framework's areas the
    /// principles they earned or lost points on map to); empty when none is mapped.
    public var areas: [AreaResult] = []
    /// The frameworks those areas come from, by title.
    public var frameworks: [String] = []
  }

  /// A decision as a participant's own debrief lists it.
  public struct Decision: Sendable, Equatable {
    public var step: Int
    public var passageID: String
    public var text: String
    public var rationale: String?
    public var points: Int
    public var criticalReason: String?
  }

  public var scenarioID: String
  public var title: String
  public var sessionID: String
  public var mode: PlayMode
  public var members: [Member]
  /// The ending the team reached, if it reached one.
  public var ending: EndingSummary?
  public var events: [Event]
  public var blindSpots: [BlindSpot]
  public var unshared: [Unshared]
  public var pictures: [Picture]
  public var results: [MemberResult]
  /// The team's points, and the range a team could reach (nil when it could not be worked out).
  public var total: Int
  public var range: ClosedRange<Int>?
  /// The team's grade: capped at unsafe practice by any critical decision, as a trainee's is.
  public var grade: Grade
  /// The critical decisions taken, with who took them.
  public var criticalTaken: [Decision] { results.flatMap(\.decisions).filter { $0.criticalReason != nil }.sorted { $0.step < $1.step } }
  /// The named facts by id, with their text, for the renderers.
  public var facts: [String: String]
  public var lessons: [String]
  public var reflections: [String]

  /// Folds `decisions` (with who took each: the member whose turn it was) through the team's
  /// engine from the start.
  public init(
    engine: Engine, sessionID: String, mode: PlayMode, members: [Member], decisions: [(input: DecisionInput, member: Member)],
    range: ClosedRange<Int>? = nil, guidance: GuidanceLibrary? = nil
  ) throws(PlayError) {
    self.range = range
    let scenario = engine.scenario
    self.scenarioID = scenario.id
    self.title = scenario.header.title
    self.sessionID = sessionID
    self.mode = mode
    self.members = members
    let named = scenario.namedFacts
    facts = named.mapValues(\.fact.text)
    // The pairs some condition asks about: what bore on a role's options or what it was shown.
    var asked: Set<KnownFact> = []
    for passage in scenario.orderedPassages {
      let conditions = passage.prose.compactMap(\.condition) + passage.choices.compactMap(\.condition)
      for condition in conditions {
        for pair in condition.knowledgeAsked { asked.insert(KnownFact(role: pair.role, fact: pair.fact)) }
      }
    }

    var events: [Event] = []
    var blindSpots: [BlindSpot] = []
    var pictures: [Picture] = []
    var state = engine.start()
    for known in state.knowledge.sorted() where engine.team.contains(known.role) {
      events.append(Event(step: 0, role: known.role, kind: .learned(fact: known.fact)))
    }
    var perMember: [Int: [Decision]] = [:]
    var principles: [Int: [String: Int]] = [:]
    var counted: Set<TakenDecision> = []
    for (number, (input, member)) in decisions.enumerated() {
      let step = number + 1
      let decision = input.decision
      let role = decision.role ?? engine.role
      guard let passage = scenario.passages[decision.passageID], let choice = engine.choice(for: decision) else {
        throw .noSuchPassage(decision.passageID)
      }
      // Before the decision: what others held that this role did not, where the passage it
      // decided in asks whether it knows (so the fact bore on what it was shown or offered).
      let askedHere = Set(
        (passage.prose.compactMap(\.condition) + passage.choices.compactMap(\.condition))
          .flatMap(\.knowledgeAsked).map { KnownFact(role: $0.role, fact: $0.fact) })
      let heldByOthers = Dictionary(grouping: state.knowledge.filter { $0.role != role }, by: \.fact)
      for (fact, holders) in heldByOthers.sorted(by: { $0.key < $1.key })
      where !state.knows(role, fact) && askedHere.contains(KnownFact(role: role, fact: fact)) {
        blindSpots.append(
          BlindSpot(step: step, role: role, decision: choice.text, fact: fact, heldBy: holders.map(\.role).sorted()))
      }
      if passage.isJoint {
        let anyone = Set(state.knowledge.filter { engine.team.contains($0.role) }.map(\.fact))
        let held = anyone.filter { state.knows(role, $0) }.count
        pictures.append(Picture(step: step, passageID: passage.id, decider: role, held: held, known: anyone.count))
      }
      let next = try engine.apply(decision, to: state)
      events.append(Event(step: step, role: role, kind: .decided(text: choice.text, meeting: passage.isJoint)))
      // What the decision told whom: shares first, as the decision's own, then what each role
      // learned on arriving where it led.
      var toldBy: [String: [String]] = [:]
      for case .share(let fact, let roles) in choice.effects {
        let newly = scenario.recipients(of: roles).filter { !state.knows($0, fact) && $0 != role }
        if !newly.isEmpty {
          events.append(Event(step: step, role: role, kind: .shared(fact: fact, with: newly)))
          for recipient in newly { toldBy[recipient, default: []].append(fact) }
        }
      }
      for known in next.knowledge.subtracting(state.knowledge).sorted() {
        if toldBy[known.role]?.contains(known.fact) == true {
          events.append(Event(step: step, role: known.role, kind: .told(fact: known.fact, by: role)))
        } else if engine.team.contains(known.role) {
          events.append(Event(step: step, role: known.role, kind: .learned(fact: known.fact)))
        }
      }
      // A choice's points count once per session, as in a solo debrief.
      let counts = counted.insert(decision).inserted
      let points = counts ? choice.totalPoints : 0
      let index = members.firstIndex { $0.ordinal == member.ordinal } ?? 0
      if counts {
        for score in choice.scores { principles[index, default: [:]][score.guidanceID, default: 0] += score.points }
      }
      perMember[index, default: []].append(
        Decision(
          step: step, passageID: passage.id, text: choice.text, rationale: input.rationale, points: points,
          criticalReason: choice.critical.map { $0.reason ?? "This decision on its own leaves the child unsafe." }))
      state = next
    }
    self.events = events
    self.blindSpots = blindSpots
    self.pictures = pictures

    // Facts held at the end that a played role the scenario asks about never had.
    var unshared: [Unshared] = []
    for fact in Set(state.knowledge.map(\.fact)).sorted() {
      let holders = engine.team.filter { state.knows($0, fact) }
      guard !holders.isEmpty else { continue }
      for role in engine.team where !state.knows(role, fact) && asked.contains(KnownFact(role: role, fact: fact)) {
        unshared.append(Unshared(fact: fact, heldBy: holders, neededBy: role))
      }
    }
    self.unshared = unshared

    results = members.enumerated().map { index, member in
      let taken = perMember[index] ?? []
      let byPrinciple = principles[index] ?? [:]
      var result = MemberResult(
        member: member, decisions: taken, byPrinciple: byPrinciple, total: taken.map(\.points).reduce(0, +))
      if let guidance {
        // Each person's part against their own profession's framework, as a trainee's debrief is.
        let areas = guidance.areas(forRole: member.role)
        let earned = ScoreSheet.points(byPrinciple, inAreas: areas, guidance: guidance)
        result.areas = areas.compactMap { area in
          earned[area.id].map { AreaResult(id: area.id, title: area.title, earned: $0, bestPath: $0) }
        }
        result.frameworks = guidance.frameworks(forRole: member.role).map(\.title)
      }
      return result
    }

    let endingPassage = engine.endingPassage(state)
    ending = endingPassage.flatMap { passage in
      passage.ending.map { ending in
        EndingSummary(
          passageID: passage.id, title: ending.title, outcome: ending.outcome,
          narrative: engine.visibleParagraphs(state, for: engine.team[engine.endingTrack(state) ?? 0]))
      }
    }
    let total = results.map(\.total).reduce(0, +)
    self.total = total
    let share = range.flatMap { range in
      range.upperBound > range.lowerBound
        ? Double(total - range.lowerBound) / Double(range.upperBound - range.lowerBound) : nil
    }
    let critical = results.flatMap(\.decisions).filter { $0.criticalReason != nil }.count
    // Without the range a team could earn, points say nothing: the grade is the critical
    // decisions' and the ending's alone, and never safe practice, which needs the range.
    grade =
      range == nil
      ? (critical > 0 ? .unsafe : .developing) : Grade(share: share, criticalTaken: critical, outcome: ending?.outcome)
    lessons = (endingPassage?.ending?.lessons ?? []) + scenario.header.lessons
    reflections = (endingPassage?.ending?.reflections ?? []) + scenario.header.reflections
  }

  /// The team's total as a share of the range from worst to best, when the range is known.
  public var share: Double? {
    guard let range, range.upperBound > range.lowerBound else { return nil }
    return Double(total - range.lowerBound) / Double(range.upperBound - range.lowerBound)
  }

  /// The share of the named facts the decision-makers held at the meetings: held over known,
  /// over every meeting decision; nil when there was none.
  public var pictureAssembled: Double? {
    let known = pictures.map(\.known).reduce(0, +)
    guard known > 0 else { return nil }
    return Double(pictures.map(\.held).reduce(0, +)) / Double(known)
  }
}
