public import CaseFormat

/// The order in which a session shows each passage's options.
///
/// Shuffled per session so that position never gives the answer away ("always press 1" is not a
/// strategy), yet derived from a recorded seed, the passage and how many decisions stand, so a
/// resumed or replayed session shows exactly the order the trainee saw. Records, debriefs and
/// `.tests` files always use the index as written.
public enum OptionOrder: Sendable, Equatable {
  /// As written in the file: for facilitated discussion ("option 2") and scripted runs.
  case written
  /// A per-session permutation from this seed.
  case shuffled(seed: UInt64)

  /// The stored name ("written" or "shuffled").
  public var name: String {
    switch self {
    case .written: "written"
    case .shuffled: "shuffled"
    }
  }

  public init(name: String, seed: UInt64) {
    self = name == "shuffled" ? .shuffled(seed: seed) : .written
  }

  /// The options in the order to show them. A passage marked `@keep-order` (an escalation
  /// ladder, say) keeps the written order.
  public func arrange(_ choices: [Choice], passage: Passage?, decisionCount: Int) -> [Choice] {
    guard case .shuffled(let seed) = self, choices.count > 1, passage?.keepsWrittenOrder != true else {
      return choices
    }
    var hash = ContentHash()
    hash.add(passage?.id ?? "")
    hash.add(String(decisionCount))
    let mixed = seed ^ hash.value
    var generator = SeededGenerator(seed: mixed)
    var arranged = choices
    // Fisher-Yates with the seeded generator: the same seed gives the same order everywhere.
    for i in stride(from: arranged.count - 1, to: 0, by: -1) {
      let j = Int(generator.next() % UInt64(i + 1))
      arranged.swapAt(i, j)
    }
    return arranged
  }
}

extension Engine {
  /// The options offered now, in the order the session shows them.
  public func presentedChoices(_ state: PlayState, order: OptionOrder) -> [Choice] {
    presentedChoices(state, for: role, order: order)
  }

  /// The choices offered to `role` now, in the session's order.
  public func presentedChoices(_ state: PlayState, for role: String, order: OptionOrder) -> [Choice] {
    order.arrange(visibleChoices(state, for: role), passage: passage(state, for: role), decisionCount: state.decisions.count)
  }

  /// The question asked after the trainee takes `choice`, or nil for none.
  ///
  /// In assessment mode every decision asks, and the question must not tell the trainee how they
  /// did: a choice's own prompt is used only when every option offered has one; otherwise the
  /// passage's neutral `@why`, or ``defaultRationalePrompt``. In practice mode feedback follows at
  /// once anyway, so the choice's own prompt is asked, else the passage's `@why`, else nothing.
  public func rationalePrompt(for choice: Choice, in state: PlayState, mode: PlayMode) -> String? {
    rationalePrompt(for: choice, by: role, in: state, mode: mode)
  }

  /// The question asked after `role` takes `choice`, or nil for none (as above).
  public func rationalePrompt(for choice: Choice, by role: String, in state: PlayState, mode: PlayMode) -> String? {
    let passage = passage(state, for: role)
    switch mode {
    case .practice:
      return choice.rationalePrompt ?? passage?.rationalePrompt
    case .assessment:
      let offered = visibleChoices(state, for: role)
      if let own = choice.rationalePrompt, offered.allSatisfy({ $0.rationalePrompt != nil }) { return own }
      return passage?.rationalePrompt ?? Self.defaultRationalePrompt
    }
  }

  /// The neutral question asked where the author wrote none.
  public static let defaultRationalePrompt =
    "What made you decide this? A sentence or two is enough; it is kept for your debrief."
}
