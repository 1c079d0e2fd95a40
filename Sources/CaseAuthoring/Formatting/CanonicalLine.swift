import CaseFormat

/// One line of a scenario file as `fmt` writes it, made from the file's syntax tree: the parser
/// has already said what each line is and where its parts are, so the formatter only chooses how
/// to write them.
struct CanonicalLine: Equatable {
  enum Kind: Equatable {
    case blank
    /// A whole-line comment; `underChoice` when it sits, indented, among a choice's own lines.
    case comment(String, underChoice: Bool)
    /// The first line of a header field, with its whole value (continuations joined).
    case header(key: String, value: String)
    /// An indented line continuing the header field above it.
    case headerContinuation
    /// A declaration or an include, outside passages.
    case topLevel(String)
    /// `== id`.
    case passageStart(String)
    /// Any other line of a passage, with its canonical indentation.
    case passageLine(String)
  }

  /// A line the parser rejected: only files without errors are formatted.
  struct Unrenderable: Error {
    var line: Int
  }

  var number: Int
  var kind: Kind

  /// The canonical form of every line of a parsed file.
  static func lines(of parsed: ParsedScenarioFile) throws(Unrenderable) -> [CanonicalLine] {
    let syntax = parsed.syntax
    let underChoice = syntax.commentsUnderChoices
    let headers = Dictionary(parsed.headerEntries.map { ($0.keyLocation.line, $0) }, uniquingKeysWith: { first, _ in first })
    let declarations = Dictionary(parsed.declarations.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
    let includes = Dictionary(parsed.includes.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
    var result: [CanonicalLine] = []
    result.reserveCapacity(syntax.lines.count)
    for (index, line) in syntax.lines.enumerated() {
      let kind: Kind
      switch line.kind {
      case .blank: kind = .blank
      case .comment: kind = .comment(line.source.content, underChoice: underChoice.contains(index))
      case .headerField(let key):
        guard let entry = headers[line.number] else { throw Unrenderable(line: line.number) }
        kind = .header(key: key, value: entry.value)
      case .headerContinuation: kind = .headerContinuation
      case .declaration:
        guard let declaration = declarations[line.number] else { throw Unrenderable(line: line.number) }
        kind = .topLevel(CaseSyntax.declaration(declaration))
      case .include:
        guard let include = includes[line.number] else { throw Unrenderable(line: line.number) }
        kind = .topLevel(CaseSyntax.include(include.path))
      case .passageStart: kind = .passageStart(CaseSyntax.passageStart(line.firstText(.passageID)))
      case .prose: kind = .passageLine(line.source.content)
      case .conditionalProse: kind = .passageLine("{\(line.firstText(.condition))} \(line.firstText(.text))")
      case .directive(let name): kind = .passageLine(directive(name, line))
      case .continuation: kind = .passageLine(CaseSyntax.indented(line.source.content))
      case .choice:
        let condition = line.first(.condition).map(line.text(of:))
        kind = .passageLine(
          CaseSyntax.choiceHead(condition: condition, text: line.firstText(.text), target: line.firstText(.target)))
      case .choiceLine(let sign): kind = .passageLine(CaseSyntax.indented(try choiceLine(sign, line)))
      case .choiceDirective(let name): kind = .passageLine(CaseSyntax.indented(directive(name, line)))
      case .rejected: throw Unrenderable(line: line.number)
      }
      result.append(CanonicalLine(number: line.number, kind: kind))
    }
    return result
  }

  /// A directive: those with parts of their own through their `CaseSyntax` writer, any other as
  /// its name and its text.
  private static func directive(_ name: String, _ line: SyntaxLine) -> String {
    switch name {
    case "fact":
      let when = line.first(.when).map(line.text(of:))
      let id = line.first(.factID).map(line.text(of:))
      return CaseSyntax.fact(Fact(id: id, when: when, text: line.firstText(.text)))
    case "role":
      return CaseSyntax.roles(line.texts(.roleID))
    case "chair":
      return CaseSyntax.directive(name, line.firstText(.roleID))
    case "ending":
      let title = line.has(.punctuation) ? " | " + line.firstText(.text) : ""
      return CaseSyntax.ending(line.firstText(.outcome) + title)
    case "if":
      return CaseSyntax.directive(name, line.firstText(.condition))
    default:
      return CaseSyntax.directive(name, line.firstText(.text))
    }
  }

  /// One of a choice's own lines (without its indentation).
  private static func choiceLine(_ sign: Character, _ line: SyntaxLine) throws(Unrenderable) -> String {
    let text = line.firstText(.text)
    switch sign {
    case "+", "-":
      guard let weight = Int(line.firstText(.weight)) else { throw Unrenderable(line: line.number) }
      return CaseSyntax.score(
        guidanceID: line.firstText(.guidanceID), points: sign == "-" ? -weight : weight,
        explanation: text.isEmpty ? nil : text)
    case "!":
      return CaseSyntax.critical(reason: text.isEmpty ? nil : text)
    case "~":
      return CaseSyntax.choiceLine(sign, line.firstText(.effect))
    default:
      return CaseSyntax.choiceLine(sign, text)
    }
  }
}
