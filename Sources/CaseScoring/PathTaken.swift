public import CaseEngine
public import CaseFormat

/// The path a playthrough took, decision by decision, against the branches it did not take: for
/// each decision, every option that was on offer there, where each leads, what it scores and
/// whether it is critical. `path` shows it after the debrief, and `graph --session` draws it.
///
/// Built from the standing decisions (after undo and retry), replayed through the engine, so it
/// shows exactly what the trainee was offered, conditions and role included.
public struct PathTaken: Sendable, Equatable {
  /// One option at one decision.
  public struct Branch: Sendable, Equatable {
    /// The option's index as written in the passage (the number `--order written` shows).
    public var choiceIndex: Int
    /// The number the session showed it under: its place in the session's option order, which is
    /// the written order for `--order written` and a shuffle of it otherwise.
    public var shownNumber: Int
    public var text: String
    /// The passage it leads to.
    public var target: String
    /// The outcome, when the option leads straight to an ending.
    public var endsIn: Outcome?
    /// The option's net points (all principles together).
    public var points: Int
    public var isCritical: Bool
    public var wasTaken: Bool
  }

  /// One decision on the path.
  public struct Step: Sendable, Equatable {
    /// 1-based, as the progress line and `retry N` number decisions.
    public var number: Int
    public var passageID: String
    /// Every option on offer there, in the order the session showed them.
    public var branches: [Branch]
    public var taken: Branch? { branches.first(where: \.wasTaken) }
  }

  public var scenarioID: String
  public var title: String
  public var role: String
  public var steps: [Step]
  /// Where the path ended, if it reached an ending.
  public var endingPassageID: String?
  public var outcome: Outcome?

  /// The path of `decisions`, replayed from the start, with each decision's options in `order`,
  /// the session's (so they are numbered as the trainee saw them). A decision that the scenario
  /// does not offer where play stands throws, as a replay would.
  public init(engine: Engine, decisions: [TakenDecision], order: OptionOrder = .written) throws(PlayError) {
    let scenario = engine.scenario
    var state = engine.start()
    var steps: [Step] = []
    for (n, decision) in decisions.enumerated() {
      // Applied first: the engine refuses a decision not on offer where play stands.
      let next = try engine.apply(decision, to: state)
      let branches = engine.presentedChoices(state, order: order).enumerated().map { shown, choice in
        Branch(
          choiceIndex: choice.index, shownNumber: shown + 1, text: choice.text, target: choice.target,
          endsIn: scenario.passages[choice.target]?.ending?.outcome, points: choice.totalPoints,
          isCritical: choice.isCritical, wasTaken: choice.index == decision.choiceIndex)
      }
      steps.append(Step(number: n + 1, passageID: state.passageID, branches: branches))
      state = next
    }
    self.scenarioID = scenario.id
    self.title = scenario.header.title
    self.role = engine.role
    self.steps = steps
    let last = engine.passage(state)
    self.endingPassageID = last?.isEnding == true ? state.passageID : nil
    self.outcome = last?.ending?.outcome
  }
}
