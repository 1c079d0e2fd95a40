import CaseAuthoring
import CaseFormat

/// A piece of passage content after story-format code has been taken out: what the prose builder
/// turns into `.case` lines.
enum TweeToken: Sendable {
  /// A character of prose, with its 1-based line and column in the `.twee` file.
  case text(Character, line: Int, column: Int)
  /// A line break in the passage (or an HTML `<br>`).
  case lineBreak
  /// A `[[link]]`.
  case link(TweeLinkToken)
  /// An author's comment (`/* */`, `<!-- -->`, `/% %/`), carried as `//` lines.
  case comment(String)
}

/// A `[[link]]` found in a passage, with where it was written.
struct TweeLinkToken: Sendable {
  var link: TweeLink
  var location: SourceLocation
  /// Characters from `[[` to `]]`, for the caret under a diagnostic.
  var length: Int
}

/// What scanning one passage found.
struct TweeScanResult: Sendable {
  var tokens: [TweeToken] = []
  /// Simple, unconditional `$flag to true/false` changes made when the passage is shown.
  var assignments: [TweeAssignment] = []
  /// Variables changed in ways that cannot be carried (with where), so none of their changes may
  /// become flags.
  var unfaithful: [String: SourceLocation] = [:]
  var diagnostics: [Diagnostic] = []
}
