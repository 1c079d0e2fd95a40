public import CaseFormat

/// How each construct is written in canonical `.case` text. The formatter and the model printer
/// both use these, so a file formatted by `casesim fmt` and one printed by `casesim import` look
/// the same line for line.
///
/// Every renderer here is exact: parsing what it writes gives back the same model value. That is
/// what lets `fmt` and `import` promise not to change a scenario's meaning.
public enum CaseSyntax {
  /// Header keys in the order the reference lists them; `lesson` and `reflect` may repeat.
  public static let headerKeyOrder = CaseVocabulary.headerFields.map(\.key)

  /// An ending line from its argument (`unsafe | The boat not rocked`): single spaces around the
  /// bar, or just the outcome when there is no title.
  public static func ending(_ argument: String) -> String {
    let parts = argument.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
    let outcome = String(parts[0]).trimmingBlanks
    guard parts.count > 1 else { return "@ending \(outcome)" }
    return "@ending \(outcome) | \(String(parts[1]).trimmingBlanks)"
  }

  /// Header lines are wrapped to this width, with indented continuation lines.
  public static let headerWidth = 100

  /// A header field: `key: value` (just `key:` for an empty value). A long value is wrapped at
  /// single spaces onto continuation lines indented by two spaces, which the parser joins back
  /// with single spaces, so the value is unchanged. A value with runs of blanks is left on one
  /// line, since wrapping would collapse them. A continuation never starts with `//` or `==`, which
  /// would make it a comment or a passage: such a word stays on the line before, past the width.
  public static func header(_ key: String, _ value: String) -> String {
    guard !value.isEmpty else { return "\(key):" }
    let single = "\(key): \(value)"
    guard single.count > headerWidth, !value.contains("  "), !value.contains("\t") else { return single }
    var lines: [String] = []
    var line = "\(key):"
    for word in value.split(separator: " ") {
      if line.count + 1 + word.count > headerWidth && line != "\(key):" && line != "  " && !word.hasPrefix("//") && !word.hasPrefix("==") {
        lines.append(line)
        line = " "
      }
      line += " " + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// `flag NAME`, `flag NAME = true`, `counter NAME = N` or `counter NAME = N in LOW..HIGH`.
  /// A flag's `= false` and a counter's default range are left out: they are the defaults.
  public static func declaration(_ declaration: StateDeclaration) -> String {
    switch declaration.kind {
    case .flag:
      return declaration.initialValue != 0 ? "flag \(declaration.name) = true" : "flag \(declaration.name)"
    case .counter:
      var line = "counter \(declaration.name) = \(declaration.initialValue)"
      if declaration.range != StateDeclaration.defaultCounterRange {
        line += " in \(declaration.range.lowerBound)..\(declaration.range.upperBound)"
      }
      return line
    }
  }

  /// `== ID`: a passage's first line.
  public static func passageStart(_ id: String) -> String { "== \(id)" }

  /// `// TEXT`, or `//` alone for an empty comment.
  public static func comment(_ text: String) -> String { text.isEmpty ? "//" : "// \(text)" }

  /// A line indented under the one above it, as `fmt` writes it: a choice's own line (a score,
  /// feedback, an effect, `@if`...) or text going on from a directive or a header field.
  public static func indented(_ line: String) -> String { "  " + line }

  /// One of a choice's own lines that is its sign and a text (`> Feedback`, `? Question`,
  /// `~ set seen`), or the sign alone when the text is empty.
  public static func choiceLine(_ sign: Character, _ text: String) -> String {
    text.isEmpty ? String(sign) : "\(sign) \(text)"
  }

  /// `@NAME TEXT`, or `@NAME` alone: a directive that holds only text (`@lesson`, `@why`...).
  public static func directive(_ name: String, _ text: String) -> String {
    text.isEmpty ? "@\(name)" : "@\(name) \(text)"
  }

  /// `@include "PATH"`.
  public static func include(_ path: String) -> String { "@include \"\(path)\"" }

  /// `@fact #ID WHEN | TEXT` or `@fact #ID TEXT` (the id only when the fact has one). A fact
  /// without a time whose text holds a bar, or starts with `#`, is written `@fact | TEXT`, because
  /// the first bar on the line ends the time and a leading `#` names the fact.
  public static func fact(_ fact: Fact) -> String {
    let head = fact.id.map { "@fact #\($0)" } ?? "@fact"
    let line: String
    if let when = fact.when {
      line = "\(head) \(when) | \(fact.text)"
    } else if fact.text.contains("|") || (fact.id == nil && fact.text.hasPrefix("#")) {
      line = "\(head) | \(fact.text)"
    } else {
      line = "\(head) \(fact.text)"
    }
    return line.trimmingTrailingBlanks
  }

  /// `@role a, b` (a passage's or, indented, a choice's).
  public static func roles(_ roles: [String]) -> String { "@role " + roles.joined(separator: ", ") }

  /// `+ ID N`, `- ID N` or either with `: EXPLANATION`.
  public static func score(guidanceID: String, points: Int, explanation: String?) -> String {
    let sign = points < 0 ? "-" : "+"
    let weight = points.magnitude
    if let explanation, !explanation.isEmpty { return "\(sign) \(guidanceID) \(weight): \(explanation)" }
    return "\(sign) \(guidanceID) \(weight)"
  }

  /// `! critical` or `! critical: REASON`.
  public static func critical(reason: String?) -> String {
    if let reason, !reason.isEmpty { return "! critical: \(reason)" }
    return "! critical"
  }

  /// `* TEXT -> TARGET`, or `* {CONDITION} TEXT -> TARGET` when the condition is written inline.
  public static func choiceHead(condition: String?, text: String, target: String) -> String {
    "* " + (condition.map { "{\($0)} " } ?? "") + "\(text) -> \(target)"
  }

  // MARK: Conditions and effects

  /// A condition written so that parsing it gives back exactly this tree: `and` binds tighter than
  /// `or`, both group to the left, and parentheses appear only where the tree needs them.
  public static func condition(_ condition: Condition) -> String { disjunction(condition) }

  private static func disjunction(_ c: Condition) -> String {
    if case .or(let lhs, let rhs) = c { return disjunction(lhs) + " or " + conjunction(rhs) }
    return conjunction(c)
  }

  private static func conjunction(_ c: Condition) -> String {
    switch c {
    case .and(let lhs, let rhs): return conjunction(lhs) + " and " + unary(rhs)
    case .or: return "(" + disjunction(c) + ")"
    default: return unary(c)
    }
  }

  private static func unary(_ c: Condition) -> String {
    switch c {
    case .flag(let name): return name
    case .not(let inner): return "not " + unary(inner)
    case .compare(let name, let comparison, let value): return "\(name) \(comparison.rawValue) \(value)"
    case .role(let role, let equal): return "role \(equal ? "==" : "!=") \(role)"
    case .knows(let role, let fact): return "\(role) knows \(fact)"
    case .and, .or: return "(" + disjunction(c) + ")"
    }
  }

  /// `set F`, `clear F`, `C += N`, `C -= N`, `C = N` or `share FACT with ROLES`.
  public static func effect(_ effect: Effect) -> String {
    switch effect {
    case .set(let name): return "set \(name)"
    case .clear(let name): return "clear \(name)"
    // -Int.min does not exist, so the one value that cannot be negated is written as added.
    case .add(let name, let value) where value < 0 && value != Int.min: return "\(name) -= \(-value)"
    case .add(let name, let value): return "\(name) += \(value)"
    case .assign(let name, let value): return "\(name) = \(value)"
    case .share(let fact, let roles): return "share \(fact) with \(roles.isEmpty ? "everyone" : roles.joined(separator: ", "))"
    }
  }
}
