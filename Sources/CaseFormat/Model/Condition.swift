/// A test over flags, counters and the acting role, deciding whether a choice is offered or a
/// prose line shown.
public indirect enum Condition: Sendable, Equatable, CustomStringConvertible {
  case flag(String)
  case not(Condition)
  case compare(String, Comparison, Int)
  case role(String, equal: Bool)
  /// `ROLE knows FACT`: the role holds the fact, from its own passages or because it was shared.
  case knows(role: String, fact: String)
  case and(Condition, Condition)
  case or(Condition, Condition)

  public enum Comparison: String, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">"
    case greaterOrEqual = ">="

    public func holds(_ lhs: Int, _ rhs: Int) -> Bool {
      switch self {
      case .equal: lhs == rhs
      case .notEqual: lhs != rhs
      case .less: lhs < rhs
      case .lessOrEqual: lhs <= rhs
      case .greater: lhs > rhs
      case .greaterOrEqual: lhs >= rhs
      }
    }
  }

  public var description: String {
    switch self {
    case .flag(let n): n
    case .not(let c): "not \(c.parenthesised)"
    case .compare(let n, let op, let v): "\(n) \(op.rawValue) \(v)"
    case .role(let r, let equal): "role \(equal ? "==" : "!=") \(r)"
    case .knows(let r, let f): "\(r) knows \(f)"
    case .and(let a, let b): "\(a.parenthesised) and \(b.parenthesised)"
    case .or(let a, let b): "\(a) or \(b)"
    }
  }

  private var parenthesised: String {
    switch self {
    case .or: "(\(description))"
    case .and: "(\(description))"
    default: description
    }
  }

  /// Evaluates the condition; unknown names read as false / 0. `knows` answers whether a role
  /// holds a fact.
  public func evaluate(
    flags: [String: Bool], counters: [String: Int], role: String, knows: (String, String) -> Bool
  ) -> Bool {
    switch self {
    case .flag(let n): flags[n] ?? false
    case .not(let c): !c.evaluate(flags: flags, counters: counters, role: role, knows: knows)
    case .compare(let n, let op, let v): op.holds(counters[n] ?? 0, v)
    case .role(let r, let equal): (role == r) == equal
    case .knows(let r, let f): knows(r, f)
    case .and(let a, let b):
      a.evaluate(flags: flags, counters: counters, role: role, knows: knows)
        && b.evaluate(flags: flags, counters: counters, role: role, knows: knows)
    case .or(let a, let b):
      a.evaluate(flags: flags, counters: counters, role: role, knows: knows)
        || b.evaluate(flags: flags, counters: counters, role: role, knows: knows)
    }
  }

  /// Every `ROLE knows FACT` the condition asks, in written order.
  public var knowledgeAsked: [(role: String, fact: String)] {
    switch self {
    case .knows(let r, let f): [(r, f)]
    case .not(let c): c.knowledgeAsked
    case .and(let a, let b), .or(let a, let b): a.knowledgeAsked + b.knowledgeAsked
    case .flag, .compare, .role: []
    }
  }
}
