public import CaseFormat

/// Plays a scenario for a team of roles; a solo session is a team of one. Pure and
/// deterministic: the same scenario, team and decisions always give the same state, so a session
/// can be resumed or replayed exactly from its record. There is no randomness anywhere in play.
///
/// Each role played has a track through the scenario and takes its own decisions. A joint passage
/// (`@joint`, a meeting) waits until every track has reached it; then its decision is taken once,
/// for everyone, by its chair if the chair's role is played, or else by the first role of the
/// team (the table agrees and one person enters it), and every track moves on together. Play
/// ends when any track reaches an ending: there is one child and one outcome.
public struct Engine: Sendable {
  public let scenario: Scenario
  /// The roles played, in team order; one for a solo session.
  public let team: [String]
  /// The named facts, looked up when one is shared.
  private let namedFacts: [String: NamedFact]

  /// The role of a solo session: the team's first.
  public var role: String { team[0] }

  /// A solo session: one role.
  public init(scenario: Scenario, role: String) {
    self.init(scenario: scenario, team: [role])
  }

  /// A team session. An empty team plays as one role with no name (a scenario that names none).
  public init(scenario: Scenario, team: [String]) {
    self.scenario = scenario
    self.team = team.isEmpty ? [""] : team
    namedFacts = scenario.namedFacts
  }

  /// True when more than one role is played.
  public var isTeam: Bool { team.count > 1 }

  /// The state before any decision: every track at the start passage, with declared initial
  /// values.
  public func start() -> PlayState {
    var flags: [String: Bool] = [:]
    var counters: [String: Int] = [:]
    for declaration in scenario.declarations.values {
      switch declaration.kind {
      case .flag: flags[declaration.name] = declaration.initialValue != 0
      case .counter: counters[declaration.name] = declaration.initialValue
      }
    }
    var state = PlayState(
      tracks: team.map { _ in PlayState.Track(passageID: scenario.startPassageID) }, flags: flags, counters: counters)
    for track in team.indices { enter(scenario.startPassageID, track: track, &state, keepingHistory: true) }
    return state
  }

  /// The passage the first (in a solo session, the only) track is at.
  public func passage(_ state: PlayState) -> Passage? { scenario.passages[state.passageID] }

  /// The passage `role`'s track is at; nil for a role not played or a passage that does not exist.
  public func passage(_ state: PlayState, for role: String) -> Passage? {
    track(of: role).flatMap { scenario.passages[state.tracks[$0].passageID] }
  }

  /// The position of `role`'s track in the team.
  public func track(of role: String) -> Int? { team.firstIndex(of: role) }

  /// True when play has reached an ending: some track is at an ending (or at a passage that does
  /// not exist, which play cannot leave).
  public func isFinished(_ state: PlayState) -> Bool { endingTrack(state) != nil }

  /// The track whose passage ended play, if play has ended.
  public func endingTrack(_ state: PlayState) -> Int? {
    state.tracks.indices.first { scenario.passages[state.tracks[$0].passageID]?.isEnding ?? true }
  }

  /// The ending play reached, if it has ended at a passage that exists.
  public func endingPassage(_ state: PlayState) -> Passage? {
    endingTrack(state).flatMap { scenario.passages[state.tracks[$0].passageID] }
  }

  /// True when the passage is meant for the solo role (passages without `@role` are for all).
  public func isForRole(_ passage: Passage) -> Bool { isFor(passage, role) }

  /// True when the passage is meant for `role`.
  public func isFor(_ passage: Passage, _ role: String) -> Bool {
    passage.roles.isEmpty || passage.roles.contains(role)
  }

  /// Who takes a meeting's decision in this team: its chair if that role is played, or else the
  /// team's first role.
  public func decider(of passage: Passage) -> String {
    passage.chair.flatMap { team.contains($0) ? $0 : nil } ?? team[0]
  }

  /// True when every track is at the joint passage `passageID`, so the meeting has begun.
  public func meetingHasBegun(_ passageID: String, in state: PlayState) -> Bool {
    state.tracks.allSatisfy { $0.passageID == passageID }
  }

  /// The roles waiting at a meeting that has not begun, in team order.
  public func waiting(_ state: PlayState) -> [String] {
    team.indices.filter { index in
      guard let passage = scenario.passages[state.tracks[index].passageID], passage.isJoint else { return false }
      return !meetingHasBegun(passage.id, in: state)
    }.map { team[$0] }
  }

  /// The roles with a decision to take now, in team order: none once play has ended.
  public func rolesToAct(_ state: PlayState) -> [String] {
    guard !isFinished(state) else { return [] }
    return team.filter { !visibleChoices(state, for: $0).isEmpty }
  }

  /// Whose turn it is at one table after `last` decided: the next role round the team (in team
  /// order, coming round again) with a decision to take; the first such role when nobody has
  /// decided yet. Nil once play has ended or when nobody can act. Table mode and scripted team
  /// playthroughs both follow it, so a script plays exactly as a table would.
  public func nextToAct(after last: String?, in state: PlayState) -> String? {
    let acting = rolesToAct(state)
    let start = last.flatMap { track(of: $0) }.map { $0 + 1 } ?? 0
    return (0..<team.count).map { team[(start + $0) % team.count] }.first(where: acting.contains)
  }

  /// The choices offered to the solo role now, in written order.
  public func visibleChoices(_ state: PlayState) -> [Choice] { visibleChoices(state, for: role) }

  /// The choices offered to `role` now, in written order: their conditions hold and they are for
  /// this role; at a meeting, only once it has begun and only to the role that decides it.
  public func visibleChoices(_ state: PlayState, for role: String) -> [Choice] {
    guard let passage = passage(state, for: role) else { return [] }
    if passage.isJoint {
      guard meetingHasBegun(passage.id, in: state), decider(of: passage) == role else { return [] }
    }
    return passage.choices.filter { choice in
      (choice.roles.isEmpty || choice.roles.contains(role))
        && (choice.condition.map { holds($0, in: state, as: role) } ?? true)
    }
  }

  /// The solo role's passage as paragraphs, with conditional lines decided by the current state.
  public func visibleParagraphs(_ state: PlayState) -> [String] { visibleParagraphs(state, for: role) }

  /// `role`'s passage as paragraphs, as that role sees it.
  public func visibleParagraphs(_ state: PlayState, for role: String) -> [String] {
    guard let passage = passage(state, for: role), isFor(passage, role) else { return [] }
    return passage.paragraphs { line in line.condition.map { holds($0, in: state, as: role) } ?? true }
  }

  /// Whether `condition` holds in `state` for the solo role.
  public func holds(_ condition: Condition, in state: PlayState) -> Bool { holds(condition, in: state, as: role) }

  /// Whether `condition` holds in `state`, read as `role` (`role == ...` asks about it).
  public func holds(_ condition: Condition, in state: PlayState, as role: String) -> Bool {
    condition.evaluate(flags: state.flags, counters: state.counters, role: role, knows: state.knows)
  }

  /// Takes the choice with written index `choiceIndex` in the solo role's passage.
  public func choose(_ choiceIndex: Int, in state: PlayState) throws(PlayError) -> PlayState {
    try choose(choiceIndex, for: role, in: state)
  }

  /// `role` takes the choice with written index `choiceIndex` in its passage.
  public func choose(_ choiceIndex: Int, for role: String, in state: PlayState) throws(PlayError) -> PlayState {
    guard let track = track(of: role) else { throw .notInTeam(role) }
    let at = state.tracks[track].passageID
    guard let passage = scenario.passages[at] else { throw .noSuchPassage(at) }
    guard !isFinished(state) else { throw .scenarioFinished }
    guard let choice = visibleChoices(state, for: role).first(where: { $0.index == choiceIndex }) else {
      throw .choiceNotAvailable(passageID: passage.id, choiceIndex: choiceIndex)
    }
    guard scenario.passages[choice.target] != nil else { throw .noSuchPassage(choice.target) }
    return taking(choice, in: passage, by: track, from: state)
  }

  /// The state after the role of `track` takes `choice`, which the caller has found on offer.
  /// A meeting's decision moves every track on; any other moves the role's own.
  ///
  /// With `keepingHistory` false (exploring states, not playing) the decisions, paths and case
  /// files are left as they were: only what decides the future moves.
  func taking(
    _ choice: Choice, in passage: Passage, by track: Int, from state: PlayState, keepingHistory: Bool = true
  ) -> PlayState {
    var next = state
    for effect in choice.effects { apply(effect, to: &next, keepingHistory: keepingHistory) }
    if keepingHistory {
      next.decisions.append(
        TakenDecision(passageID: passage.id, choiceIndex: choice.index, role: isTeam ? team[track] : nil))
    }
    if passage.isJoint {
      for index in team.indices { move(index, to: choice.target, &next, keepingHistory: keepingHistory) }
    } else {
      move(track, to: choice.target, &next, keepingHistory: keepingHistory)
    }
    return next
  }

  private func move(_ track: Int, to passageID: String, _ state: inout PlayState, keepingHistory: Bool) {
    state.tracks[track].passageID = passageID
    enter(passageID, track: track, &state, keepingHistory: keepingHistory)
  }

  /// Applies one recorded event. `undo` needs the whole log, so use `replay` for logs with undos.
  public func apply(_ decision: TakenDecision, to state: PlayState) throws(PlayError) -> PlayState {
    let role = decision.role ?? self.role
    guard let track = track(of: role) else { throw .notInTeam(role) }
    guard decision.passageID == state.tracks[track].passageID else {
      throw .notAtPassage(expected: decision.passageID, actual: state.tracks[track].passageID)
    }
    return try choose(decision.choiceIndex, for: role, in: state)
  }

  /// The decisions that stand once every `undo` has taken back the one before it.
  public static func standingDecisions(_ events: [PlayEvent]) throws(PlayError) -> [TakenDecision] {
    var decisions: [TakenDecision] = []
    for event in events {
      switch event {
      case .choose(let decision): decisions.append(decision)
      case .undo:
        guard !decisions.isEmpty else { throw .nothingToUndo }
        decisions.removeLast()
      }
    }
    return decisions
  }

  /// The state after a log of events: a fold of the standing decisions from the start.
  public func replay(_ events: [PlayEvent]) throws(PlayError) -> PlayState {
    var state = start()
    for decision in try Self.standingDecisions(events) {
      state = try apply(decision, to: state)
    }
    return state
  }

  /// The choice a decision refers to.
  public func choice(for decision: TakenDecision) -> Choice? {
    scenario.passages[decision.passageID]?.choices.first { $0.index == decision.choiceIndex }
  }

  // MARK: Private

  /// The role of `track` is shown `passageID`: it goes on the track's path, and if the passage is
  /// for that role, its facts are told to it.
  private func enter(_ passageID: String, track: Int, _ state: inout PlayState, keepingHistory: Bool) {
    if keepingHistory { state.tracks[track].path.append(passageID) }
    guard let passage = scenario.passages[passageID], isFor(passage, team[track]) else { return }
    for fact in passage.facts { learn(fact, from: passageID, track: track, &state, keepingHistory: keepingHistory) }
  }

  /// The role of `track` learns a fact: into its case file, and (when the fact is named) into
  /// what it knows.
  private func learn(
    _ fact: Fact, from passageID: String, track: Int, _ state: inout PlayState, keepingHistory: Bool
  ) {
    if keepingHistory {
      let entry = CaseFileEntry(fact: fact, passageID: passageID)
      if !state.tracks[track].caseFile.contains(entry) { state.tracks[track].caseFile.append(entry) }
    }
    if let id = fact.id { state.knowledge.insert(KnownFact(role: team[track], fact: id)) }
  }

  private func apply(_ effect: Effect, to state: inout PlayState, keepingHistory: Bool) {
    switch effect {
    case .set(let name): state.flags[name] = true
    case .clear(let name): state.flags[name] = false
    case .add(let name, let amount):
      // Saturating: an author may write any whole number, and the sum is held in range anyway.
      let (sum, overflow) = (state.counters[name] ?? 0).addingReportingOverflow(amount)
      state.counters[name] = clamp(name, overflow ? (amount > 0 ? Int.max : Int.min) : sum)
    case .assign(let name, let value): state.counters[name] = clamp(name, value)
    case .share(let fact, let roles):
      // A role played learns it into its case file; a role nobody plays just holds it.
      for recipient in scenario.recipients(of: roles) {
        if let track = track(of: recipient), let named = namedFacts[fact] {
          learn(named.fact, from: named.passageID, track: track, &state, keepingHistory: keepingHistory)
        } else {
          state.knowledge.insert(KnownFact(role: recipient, fact: fact))
        }
      }
    }
  }

  /// Keeps a counter within its declared range.
  private func clamp(_ name: String, _ value: Int) -> Int {
    guard let range = scenario.declarations[name]?.range else { return value }
    return min(max(value, range.lowerBound), range.upperBound)
  }
}
