/// The condition or effect a line holds (`{...}`, `@if ...`, `~ ...`), parsed: the one part of a
/// line whose grammar nests, kept in the tree so that lowering reads it rather than parsing the
/// text again, and with the names it reads and writes, for the checks that each is declared.
public struct SyntaxExpression: Sendable {
  public enum Value: Sendable {
    case condition(Condition)
    case effect(Effect)
  }

  public let value: Value
  /// The flags and counters named, where and how (read or written).
  public let names: [NameReference]
  /// The roles named (`role == ...`).
  public let roles: [RoleReference]
  /// The facts named (`ROLE knows FACT`, `share FACT`).
  public let facts: [FactReference]

  /// The condition, when the expression is one.
  public var condition: Condition? {
    if case .condition(let condition) = value { return condition }
    return nil
  }

  /// The effect, when the expression is one.
  public var effect: Effect? {
    if case .effect(let effect) = value { return effect }
    return nil
  }
}
