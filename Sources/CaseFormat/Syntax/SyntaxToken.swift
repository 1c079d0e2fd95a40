/// One meaningful part of a source line: what it is and the columns it covers.
///
/// A token holds no text of its own; ``SyntaxLine/text(of:)`` reads it from the line, so a file's
/// tokens cost a few integers each.
public struct SyntaxToken: Sendable, Equatable {
  public enum Kind: Sendable, Hashable {
    /// The sign that opens a line: `==`, `*`, `+`, `-`, `>`, `!`, `?`, `~`, or a directive's
    /// `@word`, or a header field's key, or `flag`/`counter`.
    case keyword
    /// A passage's own id, after `==`.
    case passageID
    /// A passage named as a destination: after `->`, or the `start:` header's value.
    case target
    /// A flag or counter: where it is declared, or named in a condition or an effect.
    case stateName
    /// A principle's id after `+` or `-`.
    case guidanceID
    /// A role id: in `@role`, the `roles:` header, or `role == ...` in a condition.
    case roleID
    /// A fact's name: after `@fact #`, in `ROLE knows FACT`, or after `share`.
    case factID
    /// A whole condition (inside `{...}` or after `@if`).
    case condition
    /// A whole effect after `~`.
    case effect
    /// A score's weight.
    case weight
    /// An ending's outcome class.
    case outcome
    /// A fact's time, before its `|`.
    case when
    /// Text a trainee reads: prose, a choice's words, feedback, a question, a fact, a lesson, a
    /// score's explanation, an ending's title, a critical mark's reason.
    case text
    /// A header field's value, a declaration's value or range, an include's path.
    case value
    /// Punctuation that separates parts: `{`, `}`, `->`, `|`, `:`, `,`.
    case punctuation
    /// A whole-line comment, `//` included.
    case comment
  }

  public let kind: Kind
  /// The 0-based columns the token covers on its line.
  public let columns: Range<Int>

  public init(_ kind: Kind, _ columns: Range<Int>) {
    self.kind = kind
    self.columns = columns
  }
}
