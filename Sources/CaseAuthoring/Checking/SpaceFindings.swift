import CaseEngine
import CaseFormat

/// What one pass over the reachable state space of every role found: the facts the semantic
/// rules turn into diagnostics. Exploring is the expensive part of checking, so it is done once
/// and every rule reads its findings, rather than each rule walking the states again.
struct SpaceFindings {
  var roles: [String]
  /// Passages some playthrough, for some role, reaches.
  var reachedPassages: Set<String> = []
  /// Passages reached with nothing on offer, and the roles for which that happens.
  var stuck: [String: [String]] = [:]
  /// Passages from which some playthrough can never reach an ending.
  var noWayOut: Set<String> = []
  /// Passages where some playthrough, for some role, is offered a choice.
  var offeredSomewhere: Set<String> = []
  /// The values of the names in conditions that never or always hold, by passage.
  var valueRanges: [String: [String: ClosedRange<Int>]] = [:]
  /// Condition outcomes seen over reachable states, keyed by the condition's source location.
  var seenTrue: Set<SourceLocation> = []
  var seenFalse: Set<SourceLocation> = []
  /// True when some role's exploration stopped at its bound, and the bound in words.
  var truncated = false
  var truncation = ""
  /// For each role whose best path needs a critical choice, that choice.
  var criticalBestPaths: [(role: String, choice: Choice?)] = []
  /// Scored choices one playthrough can take more than once.
  var repeatable: [SourceLocation: Choice] = [:]
  /// The scoring-integrity report of each role explored in full.
  var integrity: [(role: String, report: ScoringIntegrity)] = []
  /// Named facts some role holds in some playthrough, alone or as a team.
  var learnedFacts: Set<String> = []
  /// Team play (every role together, in a scenario with meetings): states where play has not
  /// ended and nobody can act, each with the first playthrough found that reaches it.
  var teamDeadlocks: [(state: PlayState, witness: [TakenDecision])] = []
  /// The team of a team analysis.
  var team: [String] = []

  /// Passages stuck in every playthrough that reaches them: the root cause of the passages only
  /// they lead to being unreachable, and of their own choices' conditions never holding.
  var alwaysStuck: Set<String> { Set(stuck.keys).filter { !offeredSomewhere.contains($0) } }

  /// True when the scenario names its roles, so messages say which role they are about.
  var hasRoles: Bool { roles != [""] }

  /// Explores every role's state space once and records what the rules need.
  init(_ scenario: Scenario, stateLimit: Int?, transitionLimit: Int?) {
    roles = scenario.header.roles.isEmpty ? [""] : scenario.header.roles
    for role in roles {
      let engine = Engine(scenario: scenario, role: role)
      let graph = StateGraph(space: StateSpace(engine: engine, limit: stateLimit, transitionLimit: transitionLimit))
      record(graph, role: role, scenario: scenario)
    }
    if scenario.isTeamScenario { recordTeam(scenario, stateLimit: stateLimit, transitionLimit: transitionLimit) }
  }

  /// Explores the whole team playing together and records what only team play shows: passages
  /// and condition outcomes reached only when the roles act together (so they are not called
  /// unreachable or never true), the facts they learn, and deadlocks.
  private mutating func recordTeam(_ scenario: Scenario, stateLimit: Int?, transitionLimit: Int?) {
    let engine = Engine(scenario: scenario, team: scenario.header.roles)
    let space = TeamSpace(
      engine: engine, limit: stateLimit.map { max($0, TeamSpace.defaultLimit) }, transitionLimit: transitionLimit)
    team = engine.team
    if let reason = space.truncation {
      truncated = true
      truncation = reason
    }
    let seen = space.observations()
    reachedPassages.formUnion(seen.reached)
    learnedFacts.formUnion(seen.learnedFacts)
    seenTrue.formUnion(seen.held)
    seenFalse.formUnion(seen.failed)
    teamDeadlocks = space.deadlocks.map { (space.state($0), space.witness($0)) }
  }

  private mutating func record(_ graph: StateGraph, role: String, scenario: Scenario) {
    let space = graph.space
    truncated = truncated || space.isTruncated
    if let reason = space.truncation { truncation = reason }
    let reachesEnding = graph.reachesAnEnding()
    // One optimum serves both questions: does the best path need a critical choice, and which.
    // Only over the whole space: on part of it the answer could be wrong.
    if !space.isTruncated,
      let critical = ScenarioAnalysis.bestPathPreferringSafety(space).first(where: \.isCritical)
    {
      criticalBestPaths.append((role, critical))
    }
    for choice in space.repeatableScoredChoices() { repeatable[choice.location] = choice }
    if !space.isTruncated { integrity.append((role, ScoringIntegrity(space: space, scenario: scenario))) }
    var passageReached = [Bool](repeating: false, count: space.compiled.passageIDs.count)
    for state in 0..<space.stateCount {
      let number = space.passage(of: state)
      passageReached[number] = true
      for edge in space.edges(of: state) {
        for case .share(let fact, _) in space.compiled.choice(Int(space.edgeChoice[edge])).effects { learnedFacts.insert(fact) }
      }
      guard !space.compiled.isEnding[number] else { continue }
      // A state reached with nothing on offer is stuck whether or not exploration finished;
      // "never reaches an ending" is only known once every state has been explored.
      let offered = space.isTruncated ? space.offersAChoice(state) : !space.edges(of: state).isEmpty
      let id = space.compiled.passageIDs[number]
      if !offered {
        stuck[id, default: []].append(role)
        continue
      }
      offeredSomewhere.insert(id)
      if !space.isTruncated && !reachesEnding[state] { noWayOut.insert(id) }
    }
    for (number, id) in space.compiled.passageIDs.enumerated() where passageReached[number] {
      reachedPassages.insert(id)
      if space.compiled.isForRole[number] {
        for fact in scenario.passages[id]?.facts ?? [] { if let named = fact.id { learnedFacts.insert(named) } }
      }
    }
    recordConditions(space, scenario: scenario)
  }

  /// Which conditions held and failed, and where one came out the same in every state of this
  /// role, what its names were there (so a warning about it can say why).
  private mutating func recordConditions(_ space: StateSpace, scenario: Scenario) {
    let outcomes = space.conditionOutcomes()
    for (line, prose) in space.compiled.proseLines.enumerated() {
      if outcomes.proseHeld[line] { seenTrue.insert(prose.location) }
      if outcomes.proseFailed[line] { seenFalse.insert(prose.location) }
    }
    var constantAt: Set<String> = []
    var constantNames: Set<String> = []
    for number in space.compiled.choices.indices {
      let choice = space.compiled.choice(number)
      if outcomes.choiceHeld[number] { seenTrue.insert(choice.location) }
      if outcomes.choiceFailed[number] { seenFalse.insert(choice.location) }
      if outcomes.choiceHeld[number] != outcomes.choiceFailed[number], let condition = choice.condition {
        constantAt.insert(space.compiled.passageIDs[Int(space.compiled.choices[number].passage)])
        constantNames.formUnion(condition.names)
      }
    }
    for (number, id) in space.compiled.passageIDs.enumerated() {
      let lines = Int(space.compiled.proseStart[number])..<Int(space.compiled.proseStart[number + 1])
      if lines.contains(where: { outcomes.proseHeld[$0] != outcomes.proseFailed[$0] }) {
        constantAt.insert(id)
        for line in scenario.passages[id]?.prose ?? [] { constantNames.formUnion(line.condition?.names ?? []) }
      }
    }
    if !space.isTruncated, !constantAt.isEmpty {
      for (passage, ranges) in space.valueRanges(of: constantNames, at: constantAt) {
        valueRanges[passage, default: [:]].merge(ranges) { min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound) }
      }
    }
  }
}
