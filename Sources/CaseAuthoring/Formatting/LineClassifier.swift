import CaseFormat
import Foundation

/// What one source line is, by the same rules `ScenarioParser` reads it, with its canonical
/// rendering where it has one.
struct ClassifiedLine: Equatable {
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
    /// Any other line of a passage, rendered with its canonical indentation.
    case passageLine(String)
  }

  var number: Int
  var kind: Kind
}

/// Classifies every line of a scenario file as `ScenarioParser` would, tracking the same state:
/// whether a passage has started, whether a header field may continue, and which choice is open
/// (with its indentation), since that decides whether an indented `+`, `>`, `@if`... line belongs
/// to the choice.
///
/// It runs only on files the parser accepted without errors, so every line has a meaning; a line
/// it cannot place is reported rather than guessed.
struct LineClassifier {
  /// A line the classifier could not place (a parser rule it does not mirror).
  struct Unclassifiable: Error {
    var line: Int
    var reason: String
  }

  /// What the parser recorded, by line number.
  private let declarations: [Int: StateDeclaration]
  private let includes: [Int: IncludeDirective]
  private let headerEntries: [Int: HeaderEntry]
  private var inPassage = false
  private var headerMayContinue = false
  /// After a `@fact`, `@lesson`, `@reflect` or `@why` line: its text may go on over indented lines.
  private var directiveMayContinue = false
  private var choiceIndent: Int?

  init(parsed: ParsedScenarioFile) {
    declarations = Dictionary(parsed.declarations.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
    includes = Dictionary(parsed.includes.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
    headerEntries = Dictionary(parsed.headerEntries.map { ($0.keyLocation.line, $0) }, uniquingKeysWith: { first, _ in first })
  }

  static func classify(_ text: String, parsed: ParsedScenarioFile) throws(Unclassifiable) -> [ClassifiedLine] {
    var classifier = LineClassifier(parsed: parsed)
    var result: [ClassifiedLine] = []
    for line in SourceLine.lines(of: text) {
      result.append(ClassifiedLine(number: line.number, kind: try classifier.read(line)))
    }
    return result
  }

  // MARK: Lines

  private mutating func read(_ line: SourceLine) throws(Unclassifiable) -> ClassifiedLine.Kind {
    let continues = directiveMayContinue
    directiveMayContinue = false
    if inPassage, continues, !line.isBlank, !line.isComment, line.indent > 0,
      ScenarioParser.Continuable.canContinue(line.content)
    {
      directiveMayContinue = true
      return .passageLine("  " + line.content)
    }
    if line.isBlank {
      if !inPassage { headerMayContinue = false }
      return .blank
    }
    let content = line.content
    if line.isComment {
      let under = inPassage && choiceIndent.map { line.indent > $0 } == true
      return .comment(content, underChoice: under)
    }
    if content.hasPrefix("==") {
      inPassage = true
      headerMayContinue = false
      choiceIndent = nil
      let id = String(content.drop { $0 == "=" }).trimmingBlanks
      return .passageStart("== " + id)
    }
    return inPassage ? try passageLine(line, content) : try topLevelLine(line, content)
  }

  private mutating func topLevelLine(_ line: SourceLine, _ content: String) throws(Unclassifiable) -> ClassifiedLine.Kind {
    if line.indent > 0 && headerMayContinue { return .headerContinuation }
    headerMayContinue = false
    let first = content.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    if first == "flag" || first == "counter" {
      guard let declaration = declarations[line.number] else {
        throw Unclassifiable(line: line.number, reason: "a declaration the parser did not record")
      }
      return .topLevel(CaseSyntax.declaration(declaration))
    }
    if content.hasPrefix("@") {
      guard let include = includes[line.number] else {
        throw Unclassifiable(line: line.number, reason: "a directive outside a passage that is not an include")
      }
      return .topLevel(CaseSyntax.include(include.path))
    }
    guard let entry = headerEntries[line.number] else {
      throw Unclassifiable(line: line.number, reason: "text outside a passage that is not a header field")
    }
    headerMayContinue = true
    return .header(key: entry.key, value: entry.value)
  }

  private mutating func passageLine(_ line: SourceLine, _ content: String) throws(Unclassifiable) -> ClassifiedLine.Kind {
    let chars = Array(content)
    let first = chars.first ?? " "
    let second = chars.dropFirst().first
    let isSigil = "+->!?~".contains(first) && (second == " " || second == nil || first == "!")
    if let indent = choiceIndent, line.indent > indent,
      isSigil || content.hasPrefix("@if") || content.hasPrefix("@role")
    {
      return .passageLine("  " + (try choiceSubLine(line, content)))
    }
    if first == "*" {
      choiceIndent = line.indent
      return .passageLine(try choiceHead(line, chars))
    }
    if isSigil {
      throw Unclassifiable(line: line.number, reason: "a choice's line with no choice above it")
    }
    if first == "@" {
      choiceIndent = nil
      directiveMayContinue = ScenarioParser.Continuable(directive: directiveName(content)) != nil
      return .passageLine(try passageDirective(line, content))
    }
    choiceIndent = nil
    if first == "{" {
      guard let close = Self.matchingBrace(chars, from: 0) else {
        throw Unclassifiable(line: line.number, reason: "a condition with no closing brace")
      }
      let condition = String(chars[1..<close]).trimmingBlanks
      let text = String(chars[(close + 1)...]).trimmingBlanks
      return .passageLine("{\(condition)} \(text)")
    }
    return .passageLine(content)
  }

  /// The index of the `}` closing the `{` at `open`, counting nested braces as the parser does.
  static func matchingBrace(_ chars: [Character], from open: Int) -> Int? {
    var depth = 0
    for i in open..<chars.count {
      if chars[i] == "{" { depth += 1 }
      if chars[i] == "}" {
        depth -= 1
        if depth == 0 { return i }
      }
    }
    return nil
  }

  private func directiveName(_ content: String) -> String {
    String(content.dropFirst().prefix { $0.isLetter || $0 == "-" })
  }

  private func passageDirective(_ line: SourceLine, _ content: String) throws(Unclassifiable) -> String {
    let name = directiveName(content)
    let argument = String(content.dropFirst(1 + name.count)).trimmingBlanks
    switch name {
    case "fact":
      if let bar = argument.firstIndex(of: "|") {
        let when = String(argument[..<bar]).trimmingBlanks
        let text = String(argument[argument.index(after: bar)...]).trimmingBlanks
        return CaseSyntax.fact(Fact(when: when.isEmpty ? nil : when, text: text))
      }
      return CaseSyntax.fact(Fact(when: nil, text: argument))
    case "role":
      return CaseSyntax.roles(Self.roleList(argument))
    case "ending":
      return CaseSyntax.ending(argument)
    case "lesson", "reflect", "why":
      return "@\(name) \(argument)"
    case "keep-order":
      return "@keep-order"
    default:
      throw Unclassifiable(line: line.number, reason: "an unknown directive '@\(name)'")
    }
  }

  private static func roleList(_ argument: String) -> [String] {
    argument.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
  }

  private func choiceHead(_ line: SourceLine, _ chars: [Character]) throws(Unclassifiable) -> String {
    var i = 1
    while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
    var condition: String?
    if i < chars.count, chars[i] == "{" {
      guard let close = Self.matchingBrace(chars, from: i) else {
        throw Unclassifiable(line: line.number, reason: "a condition with no closing brace")
      }
      condition = String(chars[(i + 1)..<close]).trimmingBlanks
      i = close + 1
      while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
    }
    let rest = String(chars[i...])
    guard let arrow = rest.range(of: "->", options: .backwards) else {
      throw Unclassifiable(line: line.number, reason: "a choice without '->'")
    }
    let text = String(rest[..<arrow.lowerBound]).trimmingBlanks
    let target = String(rest[arrow.upperBound...]).trimmingBlanks
    return CaseSyntax.choiceHead(condition: condition, text: text, target: target)
  }

  private func choiceSubLine(_ line: SourceLine, _ content: String) throws(Unclassifiable) -> String {
    let sigil = content.first ?? " "
    let argument = String(content.dropFirst()).trimmingBlanks
    switch sigil {
    case "+", "-":
      return try score(line, content, sign: sigil == "+" ? 1 : -1)
    case ">", "?":
      return argument.isEmpty ? String(sigil) : "\(sigil) \(argument)"
    case "!":
      if argument == "critical" { return CaseSyntax.critical(reason: nil) }
      if argument.hasPrefix("critical:") {
        return CaseSyntax.critical(reason: String(argument.dropFirst("critical:".count)).trimmingBlanks)
      }
      throw Unclassifiable(line: line.number, reason: "a '!' line that is not '! critical'")
    case "~":
      return "~ " + argument
    default:
      let name = directiveName(content)
      let rest = String(content.dropFirst(1 + name.count)).trimmingBlanks
      // The parser reads `@if` as a condition and any other word here as a role list.
      return name == "if" ? "@if " + rest : CaseSyntax.roles(Self.roleList(rest))
    }
  }

  /// `+ ID N[: TEXT]`, read character by character exactly as the parser reads it.
  private func score(_ line: SourceLine, _ content: String, sign: Int) throws(Unclassifiable) -> String {
    let chars = Array(content)
    var i = 1
    while i < chars.count, chars[i] == " " { i += 1 }
    let idStart = i
    while i < chars.count, chars[i] != " ", chars[i] != ":", chars[i] != "\t" { i += 1 }
    let id = String(chars[idStart..<i])
    while i < chars.count, chars[i] == " " { i += 1 }
    let weightStart = i
    while i < chars.count, chars[i] != " ", chars[i] != ":" { i += 1 }
    guard !id.isEmpty, let weight = Int(String(chars[weightStart..<i])) else {
      throw Unclassifiable(line: line.number, reason: "a score without a guidance id and weight")
    }
    while i < chars.count, chars[i] == " " { i += 1 }
    var explanation: String?
    if i < chars.count {
      guard chars[i] == ":" else {
        throw Unclassifiable(line: line.number, reason: "a score with text after the weight but no ':'")
      }
      let text = String(chars[(i + 1)...]).trimmingBlanks
      explanation = text.isEmpty ? nil : text
    }
    return CaseSyntax.score(guidanceID: id, points: sign * weight, explanation: explanation)
  }
}
