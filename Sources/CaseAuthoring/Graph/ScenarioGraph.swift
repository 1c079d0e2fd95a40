import CaseEngine
public import CaseFormat

/// A scenario's branching as a picture: passages as nodes and choices as edges, with what play
/// can actually reach worked out from the scenario's conditions.
///
/// Trainers put these pictures in slides and authors diff them in review, so the graph is built
/// once from the compiled scenario and every rendering (`dot(labels:legend:)`,
/// `mermaid(labels:legend:)`) is deterministic: passages in file order, choices in written order,
/// the same bytes for the same scenario. Scenario text is untrusted, so every label is cleaned of
/// terminal control characters and escaped for the target language (see `GraphText`).
public struct ScenarioGraph: Sendable, Equatable {
  /// One passage (or, in a scenario with errors, a choice target that does not exist).
  public struct Node: Sendable, Equatable {
    public var passageID: String
    /// True for the passage play begins at.
    public var isStart: Bool
    /// The ending's outcome class; nil for a passage that offers choices.
    public var outcome: Outcome?
    /// Roles the passage is written for; empty means every role.
    public var roles: [String]
    /// False when no play, for any role in the header, can arrive here given the conditions.
    public var isReachable: Bool
    /// True for a choice target that no passage defines (only in scenarios with errors).
    public var isMissing: Bool
    /// The passage's first line of prose as written (untrusted), for `labels: true`.
    public var firstLine: String?
  }

  /// One choice, drawn from its passage to its target.
  public struct Edge: Sendable, Equatable {
    public var from: String
    public var to: String
    /// The choice's 1-based position in its passage, as written.
    public var choiceIndex: Int
    /// The text the trainee sees (untrusted).
    public var text: String
    /// The sum of the choice's weights; nil when the choice scores nothing.
    public var netScore: Int?
    public var isCritical: Bool
    /// The `{...}` or `@if` condition that decides whether the choice is offered.
    public var condition: Condition?
    /// Roles the choice is offered to; empty means every role.
    public var roles: [String]
    /// False when no play, for any role, can take this choice given the conditions.
    public var isTakeable: Bool
  }

  public var scenarioID: String
  public var title: String
  /// Passages in file order, then any missing targets in the order choices name them.
  public var nodes: [Node]
  /// Choices in passage file order, then written order within each passage.
  public var edges: [Edge]
  /// False when the state space was too large to explore completely. Reachability then falls
  /// back to following every choice regardless of its conditions, so nothing is greyed out that
  /// play might reach.
  public var reachabilityIsExact: Bool

  /// Builds the graph, exploring the reachable states of every role in the header (at most
  /// `stateLimit` per role) to decide what play can reach.
  public init(scenario: Scenario, stateLimit: Int? = nil) {
    scenarioID = scenario.id
    title = scenario.header.title
    let passages = scenario.orderedPassages
    let reach = Self.reachability(of: scenario, stateLimit: stateLimit)
    reachabilityIsExact = reach.exact

    var nodes = passages.map { passage in
      Node(
        passageID: passage.id, isStart: passage.id == scenario.startPassageID,
        outcome: passage.ending?.outcome, roles: passage.roles,
        isReachable: reach.passages.contains(passage.id), isMissing: false,
        firstLine: passage.prose.first { !$0.isParagraphBreak }?.text)
    }
    var edges: [Edge] = []
    var missing: Set<String> = []
    for passage in passages {
      for choice in passage.choices {
        edges.append(
          Edge(
            from: passage.id, to: choice.target, choiceIndex: choice.index, text: choice.text,
            netScore: choice.scores.isEmpty ? nil : choice.totalPoints, isCritical: choice.isCritical,
            condition: choice.condition, roles: choice.roles,
            isTakeable: reach.choices.contains(ChoiceKey(passageID: passage.id, index: choice.index))))
        if scenario.passages[choice.target] == nil, missing.insert(choice.target).inserted {
          nodes.append(
            Node(
              passageID: choice.target, isStart: false, outcome: nil, roles: [], isReachable: false,
              isMissing: true, firstLine: nil))
        }
      }
    }
    self.nodes = nodes
    self.edges = edges
  }

  /// A trainee's path to draw over the graph (`graph --session`): the choice taken at each
  /// decision, in order. Empty for the scenario alone.
  public var highlightedPath: [PathChoice] = []

  /// One decision of a highlighted path: choice `choiceIndex` (as written) in passage `from`,
  /// taken as decision `number`.
  public struct PathChoice: Sendable, Equatable {
    public var number: Int
    public var from: String
    public var choiceIndex: Int

    public init(number: Int, from: String, choiceIndex: Int) {
      self.number = number
      self.from = from
      self.choiceIndex = choiceIndex
    }
  }

  /// The graph with `path` drawn over it.
  public func highlighting(_ path: [PathChoice]) -> ScenarioGraph {
    var graph = self
    graph.highlightedPath = path
    return graph
  }

  /// The decision numbers at which the path took `edge` (a loop may take it more than once).
  func pathNumbers(of edge: Edge) -> [Int] {
    highlightedPath.filter { $0.from == edge.from && $0.choiceIndex == edge.choiceIndex }.map(\.number)
  }

  /// The passages the path went through: the start and every passage a taken choice led to.
  var passagesOnPath: Set<String> {
    guard !highlightedPath.isEmpty else { return [] }
    var passages: Set<String> = Set(startNode.map { [$0.passageID] } ?? [])
    for step in highlightedPath {
      passages.insert(step.from)
      if let edge = edges.first(where: { $0.from == step.from && $0.choiceIndex == step.choiceIndex }) {
        passages.insert(edge.to)
      }
    }
    return passages
  }

  /// The start passage's node, if the scenario has one.
  public var startNode: Node? { nodes.first { $0.isStart } }

  // MARK: Reachability

  private struct ChoiceKey: Hashable {
    var passageID: String
    var index: Int
  }

  /// The passages play can arrive at and the choices it can take, over every role in the header.
  /// When any role's exploration is truncated the answer would be an under-estimate, so the
  /// structural answer (every choice followed, conditions ignored) is used instead.
  private static func reachability(
    of scenario: Scenario, stateLimit: Int?
  ) -> (passages: Set<String>, choices: Set<ChoiceKey>, exact: Bool) {
    let roles = scenario.header.roles.isEmpty ? [""] : scenario.header.roles
    var passages: Set<String> = []
    var choices: Set<ChoiceKey> = []
    for role in roles {
      let space = StateSpace(engine: Engine(scenario: scenario, role: role), limit: stateLimit)
      guard !space.isTruncated else { return structuralReachability(of: scenario) }
      passages.formUnion(space.reachablePassageIDs)
      for taken in space.takenChoices { choices.insert(ChoiceKey(passageID: taken.passageID, index: taken.choice.index)) }
    }
    return (passages.intersection(scenario.passages.keys), choices, true)
  }

  private static func structuralReachability(
    of scenario: Scenario
  ) -> (passages: Set<String>, choices: Set<ChoiceKey>, exact: Bool) {
    guard scenario.passages[scenario.startPassageID] != nil else { return ([], [], false) }
    var passages: Set<String> = [scenario.startPassageID]
    var choices: Set<ChoiceKey> = []
    var queue = [scenario.startPassageID]
    while let id = queue.popLast() {
      for choice in scenario.passages[id]?.choices ?? [] {
        choices.insert(ChoiceKey(passageID: id, index: choice.index))
        if scenario.passages[choice.target] != nil, passages.insert(choice.target).inserted {
          queue.append(choice.target)
        }
      }
    }
    return (passages, choices, false)
  }
}
