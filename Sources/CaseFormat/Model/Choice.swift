/// A decision the trainee can take in a passage.
public struct Choice: Sendable, Equatable {
  /// 1-based position among the passage's choices as written. Records store this, so it is
  /// stable for a given version of the file whatever conditions hide at play time.
  public var index: Int
  public var text: String
  public var target: String
  public var targetLocation: SourceLocation
  public var condition: Condition?
  /// Where the condition is written (the whole `{...}` of `* {cond} ...`, or the first
  /// `@if ...`), so a diagnostic about it underlines the condition rather than the choice.
  public var conditionSpan: SourceSpan?
  /// Roles the choice is offered to; empty means every role.
  public var roles: [String]
  public var scores: [ScoreWeight]
  public var feedback: [String]
  public var critical: CriticalMark?
  /// If set, the trainee is asked to explain the decision with this prompt.
  public var rationalePrompt: String?
  public var effects: [Effect]
  public var location: SourceLocation

  public init(
    index: Int, text: String, target: String, targetLocation: SourceLocation,
    condition: Condition? = nil, roles: [String] = [], scores: [ScoreWeight] = [],
    feedback: [String] = [], critical: CriticalMark? = nil, rationalePrompt: String? = nil,
    effects: [Effect] = [], location: SourceLocation
  ) {
    self.index = index
    self.text = text
    self.target = target
    self.targetLocation = targetLocation
    self.condition = condition
    self.roles = roles
    self.scores = scores
    self.feedback = feedback
    self.critical = critical
    self.rationalePrompt = rationalePrompt
    self.effects = effects
    self.location = location
  }

  public var isCritical: Bool { critical != nil }

  /// The sum of the choice's weights.
  public var totalPoints: Int { scores.reduce(0) { $0 + $1.points } }
}

/// Points a choice adds to (or takes from) one guidance principle.
public struct ScoreWeight: Sendable, Equatable {
  public var guidanceID: String
  /// Signed: positive for `+`, negative for `-`.
  public var points: Int
  public var explanation: String?
  public var location: SourceLocation

  public init(guidanceID: String, points: Int, explanation: String?, location: SourceLocation) {
    self.guidanceID = guidanceID
    self.points = points
    self.explanation = explanation
    self.location = location
  }
}

/// Marks a choice that on its own leaves the child unsafe.
public struct CriticalMark: Sendable, Equatable {
  public var reason: String?
  public var location: SourceLocation

  public init(reason: String?, location: SourceLocation) {
    self.reason = reason
    self.location = location
  }
}

/// A change to state when a choice is taken.
public enum Effect: Sendable, Equatable, CustomStringConvertible {
  case set(String)
  case clear(String)
  case add(String, Int)
  case assign(String, Int)
  /// `share FACT with ROLE, ROLE` (or `with everyone`): the named roles learn the fact. An empty
  /// list is everyone (every role in the header).
  case share(String, with: [String])

  /// The flag, counter or (for a share) fact the effect names.
  public var name: String {
    switch self {
    case .set(let n), .clear(let n), .add(let n, _), .assign(let n, _), .share(let n, _): n
    }
  }

  public var description: String {
    switch self {
    case .set(let n): "set \(n)"
    case .clear(let n): "clear \(n)"
    case .add(let n, let v): v < 0 ? "\(n) -= \(-v)" : "\(n) += \(v)"
    case .assign(let n, let v): "\(n) = \(v)"
    case .share(let n, let roles): "share \(n) with \(roles.isEmpty ? "everyone" : roles.joined(separator: ", "))"
    }
  }
}
