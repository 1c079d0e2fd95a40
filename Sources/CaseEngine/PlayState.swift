public import CaseFormat

/// Where a playthrough stands. It is never stored: it is always the fold of the recorded
/// decisions over the scenario (`Engine.replay`), so resume, audit and debriefs can recompute it.
public struct PlayState: Sendable, Equatable, Hashable {
  public var passageID: String
  public var flags: [String: Bool]
  public var counters: [String: Int]
  /// Facts revealed so far, in the order the trainee saw them.
  public var caseFile: [CaseFileEntry]
  /// Passages shown, in order (the start passage first).
  public var path: [String]
  /// Decisions taken, in order.
  public var decisions: [TakenDecision]
  /// Which role holds which named fact: learned in the role's own passages or shared with it.
  public var knowledge: Set<KnownFact>

  public init(
    passageID: String, flags: [String: Bool], counters: [String: Int],
    caseFile: [CaseFileEntry] = [], path: [String] = [], decisions: [TakenDecision] = [],
    knowledge: Set<KnownFact> = []
  ) {
    self.passageID = passageID
    self.flags = flags
    self.counters = counters
    self.caseFile = caseFile
    self.path = path
    self.decisions = decisions
    self.knowledge = knowledge
  }

  /// True when `role` holds the fact named `fact`.
  public func knows(_ role: String, _ fact: String) -> Bool {
    knowledge.contains(KnownFact(role: role, fact: fact))
  }

  /// The part of the state that decides what can happen next: two playthroughs with equal keys
  /// face exactly the same future.
  public var key: StateKey {
    StateKey(passageID: passageID, flags: flags, counters: counters, knowledge: knowledge)
  }
}

/// The part of the play state that determines the future: passage, flags, counters and who
/// knows what.
public struct StateKey: Sendable, Hashable {
  public var passageID: String
  public var flags: [String: Bool]
  public var counters: [String: Int]
  public var knowledge: Set<KnownFact>

  public init(
    passageID: String, flags: [String: Bool], counters: [String: Int], knowledge: Set<KnownFact> = []
  ) {
    self.passageID = passageID
    self.flags = flags
    self.counters = counters
    self.knowledge = knowledge
  }
}

/// A role holding a named fact (`@fact #id`).
public struct KnownFact: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var role: String
  public var fact: String

  public init(role: String, fact: String) {
    self.role = role
    self.fact = fact
  }

  public static func < (lhs: KnownFact, rhs: KnownFact) -> Bool {
    (lhs.role, lhs.fact) < (rhs.role, rhs.fact)
  }

  public var description: String { "\(role) knows \(fact)" }
}

/// A fact in the case file, with the passage that revealed it.
public struct CaseFileEntry: Sendable, Equatable, Hashable, Codable {
  public var fact: Fact
  public var passageID: String

  public init(fact: Fact, passageID: String) {
    self.fact = fact
    self.passageID = passageID
  }
}

extension Fact: Hashable {
  public func hash(into hasher: inout Hasher) {
    hasher.combine(when)
    hasher.combine(text)
  }
}

/// A decision as the engine sees it: which choice (by its index as written) in which passage.
public struct TakenDecision: Sendable, Equatable, Hashable, Codable {
  public var passageID: String
  public var choiceIndex: Int

  public init(passageID: String, choiceIndex: Int) {
    self.passageID = passageID
    self.choiceIndex = choiceIndex
  }
}

/// What a session's log holds, in the engine's terms.
public enum PlayEvent: Sendable, Equatable, Codable {
  case choose(TakenDecision)
  /// Takes the last decision back (practice mode only).
  case undo
}

/// Why an event cannot be applied.
public enum PlayError: Error, Equatable, CustomStringConvertible {
  case notAtPassage(expected: String, actual: String)
  case choiceNotAvailable(passageID: String, choiceIndex: Int)
  case scenarioFinished
  case nothingToUndo
  case noSuchPassage(String)

  public var description: String {
    switch self {
    case .notAtPassage(let expected, let actual):
      "the recorded decision was made at passage '\(expected)' but play is at '\(actual)'"
    case .choiceNotAvailable(let passage, let index):
      "choice \(index) is not available at passage '\(passage)'"
    case .scenarioFinished: "the scenario has already ended"
    case .nothingToUndo: "there is no decision to undo"
    case .noSuchPassage(let id): "passage '\(id)' does not exist"
    }
  }
}
