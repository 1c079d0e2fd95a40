import CaseFormat

/// Turning untrusted scenario text into labels that are safe in a graph description.
///
/// Scenario files come from other trainers and agencies. A label must not be able to end its
/// string early and inject statements (a quote in DOT, a bracket or pipe in Mermaid), must not
/// smuggle HTML into a Mermaid page, and must not carry terminal control characters into a file
/// someone will later `cat`. Cleaning happens in one order everywhere: control characters made
/// visible (`UntrustedText.escaped`), whitespace runs collapsed to one space (the renderers
/// choose where lines break), the text shortened, and only then escaped for the language.
public enum GraphText {
  /// The text with control characters made visible and every run of whitespace (including
  /// newlines and tabs) collapsed to a single space, trimmed.
  public static func cleaned(_ text: String) -> String {
    let visible = UntrustedText.escaped(text)
    var out = ""
    var pendingSpace = false
    for character in visible {
      if character.isWhitespace {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(character)
      }
    }
    return out
  }

  /// The cleaned text cut to at most `limit` characters, at a word boundary where one is close,
  /// with an ellipsis when anything was cut.
  public static func shortened(_ text: String, limit: Int = 40) -> String {
    let clean = cleaned(text)
    guard clean.count > limit, limit > 1 else { return clean }
    var cut = String(clean.prefix(limit - 1))
    let next = clean[clean.index(clean.startIndex, offsetBy: limit - 1)]
    // Back up to the last space unless the cut already falls between two words.
    if next != " ", let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= limit / 2 {
      cut = String(cut[..<space])
    }
    while cut.last == " " { cut.removeLast() }
    return cut + "…"
  }

  /// A choice's net score as trainers read it: "+3", "-4", "±0".
  public static func score(_ points: Int) -> String {
    points > 0 ? "+\(points)" : points < 0 ? "\(points)" : "±0"
  }

  /// The contents of a DOT double-quoted string. Backslashes and quotes are escaped, so no
  /// label can close its string or form a Graphviz escape such as `\N`; a newline (there are none
  /// after `cleaned`, but callers may pass raw text) becomes DOT's centred line break `\n`, and a
  /// tab a space. Other control characters, carriage return included, are made visible first.
  public static func dotEscaped(_ text: String) -> String {
    var out = ""
    for scalar in UntrustedText.escaped(text).unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The contents of a Mermaid double-quoted label. Every character Mermaid gives a meaning to
  /// (quotes, brackets, braces, parentheses, pipes, `#`, `&`, `<`, `>`, backticks) becomes a
  /// numeric entity code (`#35;`), which Mermaid shows as the character itself; so text cannot
  /// end the label, start a link or node shape, open a Markdown string, write a `%%{...}%%`
  /// directive or insert HTML.
  ///
  /// One more: Mermaid's lexer reads any line containing "direction TB" (or BT, RL, LR) as a
  /// direction statement, quotes or not, so the space after "direction" is written as `#32;`.
  public static func mermaidEscaped(_ text: String) -> String {
    var out = ""
    for scalar in UntrustedText.escaped(text).unicodeScalars {
      switch scalar {
      case "\"", "#", "&", "<", ">", "[", "]", "{", "}", "(", ")", "|", "`":
        out += "#\(scalar.value);"
      case "\n", "\t": out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out.replacing(/(?i)(direction)\s/) { "\($0.output.1)#32;" }
  }
}
