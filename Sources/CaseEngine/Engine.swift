public import CaseFormat

/// Plays a scenario for one role. Pure and deterministic: the same scenario, role and decisions
/// always give the same state, so a session can be resumed or replayed exactly from its record.
/// There is no randomness anywhere in play.
public struct Engine: Sendable {
  public let scenario: Scenario
  public let role: String
  /// The named facts, looked up when one is shared.
  private let namedFacts: [String: NamedFact]

  public init(scenario: Scenario, role: String) {
    self.scenario = scenario
    self.role = role
    namedFacts = scenario.namedFacts
  }

  /// The state before any decision: at the start passage, with declared initial values.
  public func start() -> PlayState {
    var flags: [String: Bool] = [:]
    var counters: [String: Int] = [:]
    for declaration in scenario.declarations.values {
      switch declaration.kind {
      case .flag: flags[declaration.name] = declaration.initialValue != 0
      case .counter: counters[declaration.name] = declaration.initialValue
      }
    }
    var state = PlayState(passageID: scenario.startPassageID, flags: flags, counters: counters)
    enter(scenario.startPassageID, &state)
    return state
  }

  public func passage(_ state: PlayState) -> Passage? { scenario.passages[state.passageID] }

  /// True when play has reached an ending.
  public func isFinished(_ state: PlayState) -> Bool { passage(state)?.isEnding ?? true }

  /// True when the passage is meant for the acting role (passages without `@role` are for all).
  public func isForRole(_ passage: Passage) -> Bool {
    passage.roles.isEmpty || passage.roles.contains(role)
  }

  /// The choices offered now, in written order: their conditions hold and they are for this role.
  public func visibleChoices(_ state: PlayState) -> [Choice] {
    guard let passage = passage(state) else { return [] }
    return passage.choices.filter { choice in
      (choice.roles.isEmpty || choice.roles.contains(role))
        && (choice.condition.map { holds($0, in: state) } ?? true)
    }
  }

  /// The passage's prose as paragraphs, with conditional lines decided by the current state.
  public func visibleParagraphs(_ state: PlayState) -> [String] {
    guard let passage = passage(state), isForRole(passage) else { return [] }
    return passage.paragraphs { line in
      line.condition.map { holds($0, in: state) } ?? true
    }
  }

  /// Whether `condition` holds in `state`, for this role.
  public func holds(_ condition: Condition, in state: PlayState) -> Bool {
    condition.evaluate(flags: state.flags, counters: state.counters, role: role, knows: state.knows)
  }

  /// Takes the choice with written index `choiceIndex` in the current passage.
  public func choose(_ choiceIndex: Int, in state: PlayState) throws(PlayError) -> PlayState {
    guard let passage = passage(state) else { throw .noSuchPassage(state.passageID) }
    guard !passage.isEnding else { throw .scenarioFinished }
    guard let choice = visibleChoices(state).first(where: { $0.index == choiceIndex }) else {
      throw .choiceNotAvailable(passageID: passage.id, choiceIndex: choiceIndex)
    }
    guard scenario.passages[choice.target] != nil else { throw .noSuchPassage(choice.target) }
    return taking(choice, from: state)
  }

  /// The state after `choice`, which the caller has found on offer in `state`.
  private func taking(_ choice: Choice, from state: PlayState) -> PlayState {
    var next = state
    for effect in choice.effects { apply(effect, to: &next) }
    next.decisions.append(TakenDecision(passageID: state.passageID, choiceIndex: choice.index))
    next.passageID = choice.target
    enter(choice.target, &next)
    return next
  }

  /// Applies one recorded event. `undo` needs the whole log, so use `replay` for logs with undos.
  public func apply(_ decision: TakenDecision, to state: PlayState) throws(PlayError) -> PlayState {
    guard decision.passageID == state.passageID else {
      throw .notAtPassage(expected: decision.passageID, actual: state.passageID)
    }
    return try choose(decision.choiceIndex, in: state)
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

  private func enter(_ passageID: String, _ state: inout PlayState) {
    state.path.append(passageID)
    guard let passage = scenario.passages[passageID], isForRole(passage) else { return }
    for fact in passage.facts { learn(fact, from: passageID, &state) }
  }

  /// The acting role learns a fact: into its case file, and (when the fact is named) into what it
  /// knows.
  private func learn(_ fact: Fact, from passageID: String, _ state: inout PlayState) {
    let entry = CaseFileEntry(fact: fact, passageID: passageID)
    if !state.caseFile.contains(entry) { state.caseFile.append(entry) }
    if let id = fact.id { state.knowledge.insert(KnownFact(role: role, fact: id)) }
  }

  /// The roles a share reaches: those named, or every role in the header for `everyone`.
  public func recipients(of roles: [String]) -> [String] {
    roles.isEmpty ? (scenario.header.roles.isEmpty ? [role] : scenario.header.roles) : roles
  }

  private func apply(_ effect: Effect, to state: inout PlayState) {
    switch effect {
    case .set(let name): state.flags[name] = true
    case .clear(let name): state.flags[name] = false
    case .add(let name, let amount):
      // Saturating: an author may write any whole number, and the sum is held in range anyway.
      let (sum, overflow) = (state.counters[name] ?? 0).addingReportingOverflow(amount)
      state.counters[name] = clamp(name, overflow ? (amount > 0 ? Int.max : Int.min) : sum)
    case .assign(let name, let value): state.counters[name] = clamp(name, value)
    case .share(let fact, let roles):
      for recipient in recipients(of: roles) {
        if recipient == role, let named = namedFacts[fact] {
          learn(named.fact, from: named.passageID, &state)
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
