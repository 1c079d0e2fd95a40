public import CaseFormat

/// Where a playthrough stands. It is never stored: it is always the fold of the recorded
/// decisions over the scenario (`Engine.replay`), so resume, audit and debriefs can recompute it.
///
/// A session is a team: each role played has its own track (where it is, what it has been told,
/// the passages it has been shown), and the team shares the flags, the counters and the record
/// of who knows what. A solo session is a team of one, and ``passageID``, ``caseFile`` and
/// ``path`` are its one track's.
public struct PlayState: Sendable, Equatable, Hashable {
  /// Each played role's track, in the engine's team order.
  public var tracks: [Track]
  public var flags: [String: Bool]
  public var counters: [String: Int]
  /// Decisions taken, in order.
  public var decisions: [TakenDecision]
  /// Which role holds which named fact: learned in the role's own passages or shared with it.
  public var knowledge: Set<KnownFact>

  /// One played role's part of the state.
  public struct Track: Sendable, Equatable, Hashable {
    public var passageID: String
    /// Facts this role has been told, in the order it was told them.
    public var caseFile: [CaseFileEntry]
    /// Passages shown to this role, in order (the start passage first).
    public var path: [String]

    public init(passageID: String, caseFile: [CaseFileEntry] = [], path: [String] = []) {
      self.passageID = passageID
      self.caseFile = caseFile
      self.path = path
    }
  }

  /// A team's state.
  public init(
    tracks: [Track], flags: [String: Bool], counters: [String: Int], decisions: [TakenDecision] = [],
    knowledge: Set<KnownFact> = []
  ) {
    self.tracks = tracks
    self.flags = flags
    self.counters = counters
    self.decisions = decisions
    self.knowledge = knowledge
  }

  /// A solo session's state: one track.
  public init(
    passageID: String, flags: [String: Bool], counters: [String: Int],
    caseFile: [CaseFileEntry] = [], path: [String] = [], decisions: [TakenDecision] = [],
    knowledge: Set<KnownFact> = []
  ) {
    self.init(
      tracks: [Track(passageID: passageID, caseFile: caseFile, path: path)], flags: flags, counters: counters,
      decisions: decisions, knowledge: knowledge)
  }

  /// Where the first (in a solo session, the only) role is.
  public var passageID: String {
    get { tracks[0].passageID }
    set { tracks[0].passageID = newValue }
  }

  /// What the first (in a solo session, the only) role has been told, in order.
  public var caseFile: [CaseFileEntry] {
    get { tracks[0].caseFile }
    set { tracks[0].caseFile = newValue }
  }

  /// The passages shown to the first (in a solo session, the only) role.
  public var path: [String] {
    get { tracks[0].path }
    set { tracks[0].path = newValue }
  }

  /// True when `role` holds the fact named `fact`.
  public func knows(_ role: String, _ fact: String) -> Bool {
    knowledge.contains(KnownFact(role: role, fact: fact))
  }

  /// The part of the state that decides what can happen next: two playthroughs with equal keys
  /// face exactly the same future.
  public var key: StateKey {
    StateKey(positions: tracks.map(\.passageID), flags: flags, counters: counters, knowledge: knowledge)
  }
}

/// The part of the play state that determines the future: where each track is, flags, counters
/// and who knows what.
public struct StateKey: Sendable, Hashable {
  /// Each track's passage, in team order.
  public var positions: [String]
  public var flags: [String: Bool]
  public var counters: [String: Int]
  public var knowledge: Set<KnownFact>

  public init(
    positions: [String], flags: [String: Bool], counters: [String: Int], knowledge: Set<KnownFact> = []
  ) {
    self.positions = positions
    self.flags = flags
    self.counters = counters
    self.knowledge = knowledge
  }

  /// A solo session's key.
  public init(
    passageID: String, flags: [String: Bool], counters: [String: Int], knowledge: Set<KnownFact> = []
  ) {
    self.init(positions: [passageID], flags: flags, counters: counters, knowledge: knowledge)
  }

  /// Where the first (in a solo session, the only) track is.
  public var passageID: String { positions[0] }
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

/// A decision as the engine sees it: which choice (by its index as written) in which passage,
/// and in a team of more than one, which role took it.
public struct TakenDecision: Sendable, Equatable, Hashable, Codable {
  public var passageID: String
  public var choiceIndex: Int
  /// The role that took it; nil in a solo session, whose one role takes every decision.
  public var role: String?

  public init(passageID: String, choiceIndex: Int, role: String? = nil) {
    self.passageID = passageID
    self.choiceIndex = choiceIndex
    self.role = role
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
  /// The decision names a role the session's team does not play.
  case notInTeam(String)

  public var description: String {
    switch self {
    case .notAtPassage(let expected, let actual):
      "the recorded decision was made at passage '\(expected)' but play is at '\(actual)'"
    case .choiceNotAvailable(let passage, let index):
      "choice \(index) is not available at passage '\(passage)'"
    case .scenarioFinished: "the scenario has already ended"
    case .nothingToUndo: "there is no decision to undo"
    case .noSuchPassage(let id): "passage '\(id)' does not exist"
    case .notInTeam(let role): "the role '\(role)' is not played in this session"
    }
  }
}
