/// One line of a scenario file as the parser read it: what kind of line it is, decided once by the
/// parser's rules, and its tokens. The line's own text is kept (a slice of the file's bytes), so
/// the lines of a ``ScenarioSyntax`` give back the file exactly.
public struct SyntaxLine: Sendable {
  public enum Kind: Sendable, Equatable {
    case blank
    case comment
    /// The first line of a header field (`key: value`), by its key in lower case.
    case headerField(String)
    /// An indented line going on with the value of the header field above it.
    case headerContinuation(String)
    /// `flag NAME ...` or `counter NAME ...`.
    case declaration
    /// `@include "PATH"`.
    case include
    /// `== id`.
    case passageStart
    /// A line of story text.
    case prose
    /// `{condition} text`: story text shown only when the condition holds.
    case conditionalProse
    /// A passage's `@word ...` line, by the directive's name (`fact`, `role`, `ending`...).
    case directive(String)
    /// An indented line going on with the text of the directive above it (`fact`, `lesson`...).
    case continuation(String)
    /// `* text -> target`.
    case choice
    /// One of a choice's own lines, by its sign (`+`, `-`, `>`, `!`, `?`, `~`).
    case choiceLine(Character)
    /// `@if` or `@role` under a choice.
    case choiceDirective(String)
    /// A line the parser reported as an error and left out of the scenario.
    case rejected
  }

  public var kind: Kind
  public internal(set) var tokens: [SyntaxToken]
  /// The condition or effect on the line, parsed, when it has one that parses.
  public internal(set) var expression: SyntaxExpression?
  public let source: SourceLine

  public init(kind: Kind, tokens: [SyntaxToken] = [], source: SourceLine) {
    self.kind = kind
    self.tokens = tokens
    self.source = source
  }

  public var number: Int { source.number }

  /// The text of one of the line's tokens.
  public func text(of token: SyntaxToken) -> String {
    let end = min(token.columns.upperBound, source.count)
    let start = min(token.columns.lowerBound, end)
    return source.text(start..<end)
  }

  /// The first token of a kind, if the line has one.
  public func first(_ kind: SyntaxToken.Kind) -> SyntaxToken? { tokens.first { $0.kind == kind } }

  /// The text of the first token of a kind; empty when the line has none.
  public func firstText(_ kind: SyntaxToken.Kind) -> String { first(kind).map(text(of:)) ?? "" }

  /// The texts of every token of a kind, in order.
  public func texts(_ kind: SyntaxToken.Kind) -> [String] {
    tokens.filter { $0.kind == kind }.map(text(of:))
  }

  /// True when the line holds a token of `kind`.
  public func has(_ kind: SyntaxToken.Kind) -> Bool { tokens.contains { $0.kind == kind } }
}
