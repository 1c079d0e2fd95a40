/// A reference to a flag or counter in a condition or effect, kept for the name checks.
public struct NameReference: Sendable, Equatable {
  public enum Use: Sendable, Equatable { case readFlag, readCounter, writeFlag, writeCounter }
  public var name: String
  public var use: Use
  public var location: SourceLocation

  public var expectedKind: StateDeclaration.Kind {
    switch use {
    case .readFlag, .writeFlag: .flag
    case .readCounter, .writeCounter: .counter
    }
  }

  public var isWrite: Bool { use == .writeFlag || use == .writeCounter }
}

/// A role named somewhere in the file, kept for the role check.
public struct RoleReference: Sendable, Equatable {
  public var role: String
  public var location: SourceLocation
}

/// A named fact (`@fact #id`) referred to by a `knows` condition or a `share` effect, kept for the
/// check that the fact exists.
public struct FactReference: Sendable, Equatable {
  public var id: String
  public var location: SourceLocation
}

/// Reads conditions and effects: a small recursive-descent parser with positions for every token.
struct ConditionParser {
  enum TokenKind: Equatable { case identifier, number, op, lparen, rparen, comma }
  struct Token {
    var kind: TokenKind
    var text: String
    var column: Int
  }
  struct Failure: Error {
    var message: String
    var column: Int
    var length: Int
  }

  /// Deep nesting is legal but pointless; the limit keeps the recursion stack safe on hostile input.
  static let maximumDepth = 64

  let file: String
  let line: Int
  private var tokens: [Token] = []
  private var position = 0
  private var depth = 0
  private(set) var references: [NameReference] = []
  private(set) var roles: [RoleReference] = []
  private(set) var facts: [FactReference] = []
  private let endColumn: Int

  /// Reads the tokens of columns `start..<end` of `source` (a condition or an effect).
  init(file: String, source: SourceLine, from start: Int, to end: Int) throws(Failure) {
    self.file = file
    self.line = source.number
    self.endColumn = end + 1
    var i = start
    while i < end {
      let c = source[i]
      let column = i + 1
      if c == " " || c == "\t" {
        i += 1
      } else if c == "(" {
        tokens.append(Token(kind: .lparen, text: "(", column: column))
        i += 1
      } else if c == ")" {
        tokens.append(Token(kind: .rparen, text: ")", column: column))
        i += 1
      } else if c == "," {
        tokens.append(Token(kind: .comma, text: ",", column: column))
        i += 1
      } else if Self.isOperatorCharacter(c) && !(c == "-" && i + 1 < end && source[i + 1].isNumberQuickly) {
        var op = String(c)
        if i + 1 < end, source[i + 1] == "=" { op.append("=") }
        tokens.append(Token(kind: .op, text: op, column: column))
        i += op.count
      } else if c.isNumberQuickly || c == "-" {
        var j = i + 1
        while j < end, source[j].isNumberQuickly { j += 1 }
        tokens.append(Token(kind: .number, text: source.text(i..<j), column: column))
        i = j
      } else if Identifier.isIDCharacter(c) {
        var j = i
        while j < end, Identifier.isIDCharacter(source[j]) { j += 1 }
        tokens.append(Token(kind: .identifier, text: source.text(i..<j), column: column))
        i = j
      } else {
        throw Failure(message: "unexpected character '\(c)'", column: column, length: 1)
      }
    }
  }

  /// The characters operators are made of: `= ! < > + -`.
  static func isOperatorCharacter(_ c: Character) -> Bool {
    switch c {
    case "=", "!", "<", ">", "+", "-": true
    default: false
    }
  }

  private func location(_ column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  private var current: Token? { position < tokens.count ? tokens[position] : nil }

  private func failure(_ message: String, at token: Token?) -> Failure {
    if let token { return Failure(message: message, column: token.column, length: token.text.count) }
    return Failure(message: message, column: endColumn, length: 1)
  }

  // MARK: Conditions

  mutating func parseCondition() throws(Failure) -> Condition {
    guard !tokens.isEmpty else { throw failure("empty condition", at: nil) }
    let condition = try parseOr()
    if let extra = current { throw failure("unexpected '\(extra.text)' in condition", at: extra) }
    return condition
  }

  private mutating func parseOr() throws(Failure) -> Condition {
    var lhs = try parseAnd()
    while let t = current, t.kind == .identifier, t.text == "or" {
      position += 1
      lhs = .or(lhs, try parseAnd())
    }
    return lhs
  }

  private mutating func parseAnd() throws(Failure) -> Condition {
    var lhs = try parseUnary()
    while let t = current, t.kind == .identifier, t.text == "and" {
      position += 1
      lhs = .and(lhs, try parseUnary())
    }
    return lhs
  }

  private mutating func parseUnary() throws(Failure) -> Condition {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else {
      throw failure("condition nested more than \(Self.maximumDepth) deep", at: current)
    }
    guard let t = current else { throw failure("condition ends too early", at: nil) }
    switch t.kind {
    case .lparen:
      position += 1
      let inner = try parseOr()
      guard let close = current, close.kind == .rparen else {
        throw failure("missing ')' to close the '(' at column \(t.column)", at: current)
      }
      position += 1
      return inner
    case .identifier where t.text == "not":
      position += 1
      return .not(try parseUnary())
    case .identifier where t.text == "role":
      position += 1
      guard let op = current, op.kind == .op, op.text == "==" || op.text == "!=" else {
        throw failure("expected '==' or '!=' after 'role'", at: current)
      }
      position += 1
      guard let name = current, name.kind == .identifier else {
        throw failure("expected a role id after 'role \(op.text)'", at: current)
      }
      position += 1
      try requireValidID(name)
      roles.append(RoleReference(role: name.text, location: location(name.column)))
      return .role(name.text, equal: op.text == "==")
    case .identifier where ["and", "or"].contains(t.text):
      throw failure("'\(t.text)' needs a condition before it", at: t)
    case .identifier
    where position + 1 < tokens.count && tokens[position + 1].kind == .identifier
      && tokens[position + 1].text == "knows":
      position += 2
      try requireValidID(t)
      guard let fact = current, fact.kind == .identifier else {
        throw failure("expected a fact id after '\(t.text) knows' (a fact named with '@fact #id')", at: current)
      }
      position += 1
      try requireValidID(fact)
      roles.append(RoleReference(role: t.text, location: location(t.column)))
      facts.append(FactReference(id: fact.text, location: location(fact.column)))
      return .knows(role: t.text, fact: fact.text)
    case .identifier:
      position += 1
      try requireValidID(t)
      if let op = current, op.kind == .op {
        guard let comparison = Condition.Comparison(rawValue: op.text) else {
          throw failure("'\(op.text)' is not a comparison; use ==, !=, <, <=, > or >=", at: op)
        }
        position += 1
        guard let number = current, number.kind == .number, let value = Int(number.text) else {
          throw failure("expected a whole number after '\(op.text)'", at: current)
        }
        position += 1
        references.append(NameReference(name: t.text, use: .readCounter, location: location(t.column)))
        return .compare(t.text, comparison, value)
      }
      references.append(NameReference(name: t.text, use: .readFlag, location: location(t.column)))
      return .flag(t.text)
    default:
      throw failure("expected a flag, a comparison, 'not', 'role', 'ROLE knows FACT' or '('", at: t)
    }
  }

  private func requireValidID(_ token: Token) throws(Failure) {
    guard Identifier.isValid(token.text) else {
      throw failure(
        "'\(token.text)' is not a valid name (lowercase letters, digits and '-')", at: token)
    }
  }

  // MARK: Effects

  mutating func parseEffect() throws(Failure) -> Effect {
    guard let first = current else { throw failure("empty effect", at: nil) }
    guard first.kind == .identifier else {
      throw failure("expected 'set NAME', 'clear NAME', 'NAME += N' or 'share FACT with ROLE'", at: first)
    }
    position += 1
    let effect: Effect
    if first.text == "share", let next = current, next.kind == .identifier {
      effect = try parseShare()
    } else if first.text == "set" || first.text == "clear" {
      guard let name = current, name.kind == .identifier else {
        throw failure("expected a flag name after '\(first.text)'", at: current)
      }
      position += 1
      try requireValidID(name)
      references.append(NameReference(name: name.text, use: .writeFlag, location: location(name.column)))
      effect = first.text == "set" ? .set(name.text) : .clear(name.text)
    } else {
      try requireValidID(first)
      guard let op = current, op.kind == .op, ["+=", "-=", "="].contains(op.text) else {
        throw failure("expected '+=', '-=' or '=' after '\(first.text)'", at: current)
      }
      position += 1
      guard let number = current, number.kind == .number, let value = Int(number.text) else {
        throw failure("expected a whole number after '\(op.text)'", at: current)
      }
      position += 1
      references.append(NameReference(name: first.text, use: .writeCounter, location: location(first.column)))
      switch op.text {
      case "+=": effect = .add(first.text, value)
      case "-=": effect = .add(first.text, -value)
      default: effect = .assign(first.text, value)
      }
    }
    if let extra = current { throw failure("unexpected '\(extra.text)' after the effect", at: extra) }
    return effect
  }

  /// `share FACT with ROLE, ROLE` or `share FACT with everyone`, after `share`.
  private mutating func parseShare() throws(Failure) -> Effect {
    let fact = tokens[position]
    position += 1
    try requireValidID(fact)
    facts.append(FactReference(id: fact.text, location: location(fact.column)))
    guard let with = current, with.kind == .identifier, with.text == "with" else {
      throw failure("expected 'with' and the roles to share '\(fact.text)' with ('with everyone' for all)", at: current)
    }
    position += 1
    if let everyone = current, everyone.kind == .identifier, everyone.text == "everyone" {
      position += 1
      return .share(fact.text, with: [])
    }
    var shared: [String] = []
    while true {
      guard let role = current, role.kind == .identifier else {
        throw failure("expected a role id to share '\(fact.text)' with", at: current)
      }
      position += 1
      try requireValidID(role)
      if !shared.contains(role.text) { shared.append(role.text) }
      roles.append(RoleReference(role: role.text, location: location(role.column)))
      guard let comma = current, comma.kind == .comma else { break }
      position += 1
    }
    return .share(fact.text, with: shared)
  }
}
