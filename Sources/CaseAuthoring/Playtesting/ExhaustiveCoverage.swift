import CaseEngine
public import CaseFormat

/// Exhaustive play-testing in the spirit of ChoiceScript's quicktest: every choice offered at every
/// reachable state is taken once (which is what exploring the state space does), and the report
/// says which passages and choices no play can ever reach.
public struct ExhaustiveCoverage: Sendable {
  public struct ChoiceRef: Sendable, Equatable {
    public var passageID: String
    public var index: Int
    public var text: String
    public var location: SourceLocation
  }

  public let role: String
  public let states: Int
  public let transitions: Int
  public let choicesTotal: Int
  public let choicesTaken: Int
  public let passagesTotal: Int
  public let passagesReached: Int
  public let unreachedPassages: [String]
  /// Choices no reachable state offers (their conditions, roles or passages rule them out).
  public let untakenChoices: [ChoiceRef]
  /// Non-ending passages where some reachable state offers no choice.
  public let stuckPassages: [String]
  public let endingsReached: [String]
  public let isTruncated: Bool

  public init(scenario: Scenario, role: String) {
    self.role = role
    let space = StateSpace(engine: Engine(scenario: scenario, role: role))
    let taken = Set(space.takenChoices.map(\.choice.location))
    var stuck: Set<String> = []
    var endings: Set<String> = []
    for state in 0..<space.stateCount {
      if space.isEnding[state] {
        endings.insert(space.passageID(of: state))
      } else if space.edges(of: state).isEmpty {
        stuck.insert(space.passageID(of: state))
      }
    }
    let reached = space.reachablePassageIDs
    let passages = scenario.orderedPassages
    let all = passages.flatMap { p in p.choices.map { ChoiceRef(passageID: p.id, index: $0.index, text: $0.text, location: $0.location) } }
    states = space.stateCount
    transitions = space.edgeCount
    choicesTotal = all.count
    choicesTaken = all.filter { taken.contains($0.location) }.count
    passagesTotal = passages.count
    passagesReached = passages.filter { reached.contains($0.id) }.count
    unreachedPassages = passages.map(\.id).filter { !reached.contains($0) }
    untakenChoices = all.filter { !taken.contains($0.location) }
    stuckPassages = passages.map(\.id).filter { stuck.contains($0) }
    endingsReached = passages.filter { endings.contains($0.id) }.map(\.id)
    isTruncated = space.isTruncated
  }

  public var isComplete: Bool {
    unreachedPassages.isEmpty && untakenChoices.isEmpty && stuckPassages.isEmpty && !isTruncated
  }
}
