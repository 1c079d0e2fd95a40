import Foundation

/// Reads the text of one `.case` or `.passages` file into its lossless syntax tree
/// (``ScenarioSyntax``): every line classified once, with its tokens, its condition or effect
/// parsed, and what is wrong with its form reported. What the lines mean (passages, choices,
/// facts) is built from the tree by ``ScenarioLowering``; ``parse(_:path:)`` does both.
///
/// The parser is line-oriented and never stops at the first problem: every malformed line becomes
/// a positioned diagnostic and reading continues with the next line, so a trainer sees all their
/// mistakes in one run. It never traps, whatever the input.
public struct ScenarioParser {
  /// Header keys a scenario may use, with whether they may repeat (see ``CaseVocabulary``).
  public static let headerKeys: [String: Bool] = Dictionary(
    uniqueKeysWithValues: CaseVocabulary.headerFields.map { ($0.key, $0.mayRepeat) })

  /// Every directive's name.
  static let directiveNames = CaseVocabulary.directives.map(\.name)

  private let path: String
  private var syntax: ScenarioSyntax
  /// True from the first `==` line on.
  private var inPassage = false
  /// How far the open choice's `*` line is indented; nil when no choice is open.
  private var choiceIndent: Int?
  /// The key of the header field the next indented line may continue.
  private var continuedHeader: String?
  /// The free-text directive the next indented line may continue (see ``Continuable``).
  private var continuing: Continuable?
  /// Whether the open passage already has its one `@why` and its one `@chair`.
  private var passageHasWhy = false
  private var passageHasChair = false

  /// Directives whose text may go on over the indented lines after them, as header values do:
  /// a long `@lesson` or `@fact` need not be one long line.
  package enum Continuable: String {
    case fact, lesson, reflect, why

    /// The directive named `name` (without '@'), if the vocabulary says it can continue.
    package init?(directive name: String) {
      guard CaseVocabulary.directive(name)?.continues == true else { return nil }
      self.init(rawValue: name)
    }

    /// True when `content` (a line's text without its indentation) can continue a directive:
    /// anything but a line a passage would read as structure.
    package static func canContinue(_ content: String) -> Bool {
      guard let first = content.first else { return false }
      return !"*@{".contains(first) && !(ScenarioParser.isChoiceSigil(first) && (content.dropFirst().first.map { $0 == " " || $0 == "\t" } ?? true))
        && !content.hasPrefix("==") && !content.hasPrefix("//")
    }
  }

  private init(path: String) {
    self.path = path
    self.syntax = ScenarioSyntax(path: path)
  }

  /// Reads `text`, which was read from `path` (used only in locations), and lowers it to what
  /// the compiler compiles.
  public static func parse(_ text: String, path: String) -> ParsedScenarioFile {
    parse(SourceText(text), path: path)
  }

  /// Reads and lowers text already split into lines (the loader keeps the same split for
  /// diagnostics).
  static func parse(_ source: SourceText, path: String) -> ParsedScenarioFile {
    ScenarioLowering.lower(syntax(of: source, path: path))
  }

  /// Reads `text` into its syntax tree, without lowering it.
  public static func syntax(of text: String, path: String) -> ScenarioSyntax {
    syntax(of: SourceText(text), path: path)
  }

  static func syntax(of source: SourceText, path: String) -> ScenarioSyntax {
    var parser = ScenarioParser(path: path)
    parser.syntax.bytes = source.bytes
    for (offset, range) in source.lines.enumerated() {
      let number = offset + 1
      if range.count > SourceLimits.maximumLineBytes {
        parser.syntax.diagnostics.append(
          .error(
            .lineTooLong,
            "line is \(range.count) bytes long; the limit is \(SourceLimits.maximumLineBytes)",
            at: SourceLocation(file: path, line: number, column: 1)))
        parser.syntax.append(SyntaxLine(kind: .rejected, source: source.unreadLine(offset)))
        continue
      }
      parser.read(source.line(offset))
    }
    parser.syntax.closePassage()
    return parser.syntax
  }

  // MARK: Lines

  private func at(_ line: SourceLine, _ index: Int) -> SourceLocation {
    SourceLocation(file: path, line: line.number, column: index + 1)
  }

  // MARK: The syntax tree

  /// Says what the line being read is.
  private mutating func classify(_ kind: SyntaxLine.Kind) { syntax.reclassify(kind) }

  /// Records a token of the line being read.
  private mutating func token(_ kind: SyntaxToken.Kind, _ columns: Range<Int>) { syntax.addToken(kind, columns) }

  /// Records a token that starts at `start` and is `text` long (as many columns as characters).
  private mutating func token(_ kind: SyntaxToken.Kind, at start: Int, _ text: some StringProtocol) {
    token(kind, start..<(start + text.count))
  }

  /// The column just past the line's last non-blank character.
  private func contentEnd(_ line: SourceLine) -> Int { line.indent + line.content.count }

  /// Records the names a condition or effect parser found on the line being read.
  private mutating func nameTokens(_ names: [NameReference], _ roles: [RoleReference], _ facts: [FactReference]) {
    for name in names { token(.stateName, at: name.location.column - 1, name.name) }
    for role in roles { token(.roleID, at: role.location.column - 1, role.role) }
    for fact in facts { token(.factID, at: fact.location.column - 1, fact.id) }
  }

  /// Records a comma-separated list starting at `start` as tokens of `kind` with their commas.
  private mutating func listTokens(_ kind: SyntaxToken.Kind, _ text: String, from start: Int) {
    var column = start
    for (index, part) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
      if index > 0 { token(.punctuation, column - 1..<column) }
      let leading = part.prefix { $0 == " " || $0 == "\t" }.count
      let item = String(part).trimmed
      token(kind, at: column + leading, item)
      column += part.count + 1
    }
  }

  private mutating func error(
    _ code: DiagnosticCode, _ message: String, _ line: SourceLine, _ index: Int, length: Int = 1,
    suggestion: String? = nil
  ) {
    syntax.diagnostics.append(
      .error(code, message, at: at(line, index), length: length, suggestion: suggestion))
  }

  private mutating func read(_ line: SourceLine) {
    syntax.append(SyntaxLine(kind: .rejected, source: line))
    if let column = line.firstUnsafeColumn {
      syntax.diagnostics.append(
        .warning(
          .controlCharacter,
          "text contains a terminal control, bidirectional or invisible character; it will be shown escaped",
          at: at(line, column - 1)))
    }
    let continued = continuing
    continuing = nil
    if line.isBlank {
      classify(.blank)
      if !inPassage { continuedHeader = nil }
      return
    }
    if line.isComment {
      classify(.comment)
      token(.comment, line.indent..<contentEnd(line))
      if inPassage, let choiceIndent, line.indent > choiceIndent { syntax.addToChoice() }
      return
    }
    let content = line.content
    if content.hasPrefix("==") {
      startPassage(line)
      return
    }
    if inPassage {
      if let continued, line.indent > 0, Continuable.canContinue(content) {
        classify(.continuation(continued.rawValue))
        token(.text, line.indent..<contentEnd(line))
        warnIfBracesShown(line, content)
        continuing = continued
        return
      }
      readPassageLine(line, content)
    } else {
      readTopLevelLine(line, content)
    }
  }

  /// Warns when text the trainee will read holds `{...}` that looks like a condition: only the
  /// start of a story line, a choice or an `@if` line can hold one, so elsewhere the braces and
  /// the name are shown as written (`@fact Seen {seen-alone}`).
  private mutating func warnIfBracesShown(_ line: SourceLine, _ text: String) {
    guard let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") else { return }
    let shown = String(text[open...close])
    guard let column = line.column(of: shown, from: line.indent) else { return }
    syntax.diagnostics.append(
      .warning(
        .bracesShown,
        "'\(shown)' will be shown to the trainee as written, braces and all: a condition works only at the start of a story line, in a choice's '{...}' or in an '@if' line; put text that depends on it on a line of its own, or drop the braces",
        at: at(line, column), length: shown.count))
  }

  // MARK: Top level (header, declarations, includes)

  private mutating func readTopLevelLine(_ line: SourceLine, _ content: String) {
    if line.indent > 0, let key = continuedHeader {
      // A value begun on the next line (`summary:` then an indented line) starts there.
      classify(.headerContinuation(key))
      valueTokens(key: key, line, from: line.indent)
      return
    }
    continuedHeader = nil
    let words = content.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    let first = words.first.map(String.init) ?? ""
    if first == "flag" || first == "counter" {
      classify(.declaration)
      token(.keyword, at: line.indent, first)
      readDeclaration(line, kind: first == "flag" ? .flag : .counter)
      return
    }
    if content.hasPrefix("@") {
      let name = directiveName(content)
      if name == "include" {
        readInclude(line)
      } else if Self.directiveNames.contains(name) {
        error(.misplacedLine, "'@\(name)' belongs inside a passage; start one with '== id'", line, line.indent, length: name.count + 1)
      } else {
        unknownDirective(line, name)
      }
      return
    }
    if let colon = content.firstIndex(of: ":"),
      content[..<colon].allSatisfy({ $0.isLetterQuickly || $0 == "-" }), !content[..<colon].isEmpty
    {
      readHeader(line, content, colon: colon)
      return
    }
    if Self.isStrayPassageLine(content.first ?? " ") {
      error(.misplacedLine, "this line must be inside a passage; start one with '== id'", line, line.indent)
    } else {
      error(
        .misplacedLine, "text outside a passage; start a passage with '== id' before the prose",
        line, line.indent)
    }
  }

  private mutating func readHeader(_ line: SourceLine, _ content: String, colon: String.Index) {
    let key = String(content[..<colon])
    let keyIndex = line.indent
    guard !inPassage else {
      error(.misplacedLine, "header fields go at the top of the file, before the first passage", line, keyIndex, length: key.count)
      return
    }
    let normalized = key.lowercased()
    guard Self.headerKeys[normalized] != nil else {
      error(
        .unknownHeader, "unknown header field '\(key)'", line, keyIndex, length: key.count,
        suggestion: Suggestions.closest(to: normalized, among: Self.headerKeys.keys))
      return
    }
    let afterColon = content.distance(from: content.startIndex, to: colon) + 1
    var valueIndex = keyIndex + afterColon
    valueIndex = line.columnAfterBlanks(from: valueIndex, tabs: false)
    classify(.headerField(normalized))
    token(.keyword, at: keyIndex, key)
    token(.punctuation, at: keyIndex + key.count, ":")
    valueTokens(key: normalized, line, from: valueIndex)
    continuedHeader = normalized
  }

  /// A header value's tokens: the roles of `roles:` one by one, the passage of `start:`, else
  /// the whole value.
  private mutating func valueTokens(key: String, _ line: SourceLine, from start: Int) {
    let end = contentEnd(line)
    guard start < end else { return }
    switch key {
    case "roles": listTokens(.roleID, line.text(start..<end), from: start)
    case "start": token(.target, start..<end)
    default: token(.value, start..<end)
    }
  }

  /// `flag NAME ...` or `counter NAME ...`: the name, which must be one, and the rest of the
  /// line as its value (an initial value and a range, read when the tree is lowered).
  private mutating func readDeclaration(_ line: SourceLine, kind: StateDeclaration.Kind) {
    var i = line.indent + kind.rawValue.count
    i = line.columnAfterBlanks(from: i)
    let nameStart = i
    while i < line.count, !line.isBlank(at: i), !line.has("=", at: i) { i += 1 }
    let name = line.text(nameStart..<i)
    guard !name.isEmpty else {
      classify(.rejected)
      error(.badCondition, "expected a name after '\(kind.rawValue)'", line, nameStart)
      return
    }
    guard Identifier.isValid(name), name != "role" else {
      classify(.rejected)
      error(
        .badID,
        name == "role"
          ? "'role' is reserved for the acting role and cannot be declared"
          : "'\(name)' is not a valid name (lowercase letters, digits and '-')",
        line, nameStart, length: name.count)
      return
    }
    token(.stateName, nameStart..<(nameStart + name.count))
    i = line.columnAfterBlanks(from: i)
    readDeclaredValue(line, kind: kind, name: name, from: i)
  }

  /// A declaration's `= INITIAL` and, for a counter, `in LOW..HIGH`, from column `start`: their
  /// form is read here (a flag starts `true` or `false`, a counter at a whole number, a range has
  /// two bounds in order) and recorded as tokens; whether the value lies in the range is the
  /// lowering's to say. A value or range that cannot be read is reported and left without tokens,
  /// so the name is still declared (with the default start and range): the one mistake is one
  /// error, not one more for every line that uses the name.
  private mutating func readDeclaredValue(_ line: SourceLine, kind: StateDeclaration.Kind, name: String, from start: Int) {
    var rest = line.text(from: start).trimmed
    var rangeTokens: [(SyntaxToken.Kind, Range<Int>)] = []
    if kind == .counter, let inRange = rest.range(of: " in ", options: .backwards) ?? (rest.hasPrefix("in ") ? rest.range(of: "in ") : nil) {
      let rangeText = String(rest[inRange.upperBound...]).trimmed
      let rangeIndex = start + rest.distance(from: rest.startIndex, to: inRange.upperBound)
      let bounds = rangeText.components(separatedBy: "..").map { Int($0.trimmed) }
      guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else {
        error(.badCondition, "a counter's range is written 'in LOW..HIGH', e.g. 'counter \(name) = 0 in 0..10'", line, rangeIndex, length: max(1, rangeText.count))
        return
      }
      let word = start + rest.distance(from: rest.startIndex, to: inRange.lowerBound) + (rest[inRange].hasPrefix(" ") ? 1 : 0)
      let leading = rest[inRange.upperBound...].prefix { $0 == " " || $0 == "\t" }.count
      rangeTokens = [(.keyword, word..<(word + 2)), (.value, (rangeIndex + leading)..<(rangeIndex + leading + rangeText.count))]
      rest = String(rest[..<inRange.lowerBound]).trimmed
    }
    if !rest.isEmpty {
      var valueIndex = start
      if rest.hasPrefix("=") {
        token(.punctuation, start..<(start + 1))
        valueIndex += 1
        valueIndex = line.columnAfterBlanks(from: valueIndex, tabs: false)
      }
      let valueText = rest.hasPrefix("=") ? String(rest.dropFirst()).trimmed : ""
      let readable = kind == .flag ? valueText == "true" || valueText == "false" : Int(valueText) != nil
      guard readable else {
        error(
          .badCondition, kind == .flag ? "a flag starts as 'true' or 'false'" : "a counter starts at a whole number, e.g. 'counter \(name) = 0'",
          line, valueText.isEmpty ? start : valueIndex, length: max(1, valueText.count))
        return
      }
      token(.value, at: valueIndex, valueText)
    }
    for (kind, columns) in rangeTokens { token(kind, columns) }
  }

  private mutating func readInclude(_ line: SourceLine) {
    let content = line.content
    let argument = String(content.dropFirst("@include".count)).trimmed
    guard argument.count >= 2, argument.first == "\"", argument.last == "\"" else {
      error(.includeFailed, "write the included file's path in double quotes: @include \"shared/file.passages\"", line, line.indent, length: content.count)
      return
    }
    classify(.include)
    token(.keyword, at: line.indent, "@include")
    let quote = line.indent + content.count - argument.count
    token(.value, (quote + 1)..<(quote + argument.count - 1))
  }

  /// `+ - > ! ? ~`: the first character of a line that belongs to a choice.
  static func isChoiceSigil(_ c: Character) -> Bool { CaseVocabulary.isChoiceSign(c) }

  /// What a line under a choice meant, and the line as it should be written, when it starts
  /// with a choice's sigil run into its text (`+be-open 1`, `>Feedback`, `?Why`, `~set f`).
  static func missingSpaceAfterSigil(_ content: String) -> (meaning: String, fixed: String)? {
    guard let first = content.first, let second = content.dropFirst().first, second != " ", second != "\t" else {
      return nil
    }
    let meaning: String
    switch (first, second.isLetterQuickly) {
    case ("+", true), ("-", true): meaning = "not a score (its points would be lost)"
    case (">", _): meaning = "not feedback"
    case ("?", _): meaning = "not a question"
    case ("~", true): meaning = "not an effect"
    default: return nil
    }
    return (meaning, "\(first) " + content.dropFirst())
  }

  /// A choice or a conditional line, which cannot come before the first passage.
  static func isStrayPassageLine(_ c: Character) -> Bool { c == "*" || c == "{" || isChoiceSigil(c) }

  private func directiveName(_ content: String) -> String {
    String(content.dropFirst().prefix { $0.isLetterQuickly || $0 == "-" })
  }

  private mutating func unknownDirective(_ line: SourceLine, _ name: String) {
    error(
      .unknownDirective, "unknown directive '@\(name)'", line, line.indent,
      length: name.count + 1,
      suggestion: Suggestions.closest(to: name, among: Self.directiveNames).map { "@" + $0 })
  }

  // MARK: Passages

  private mutating func startPassage(_ line: SourceLine) {
    choiceIndent = nil
    inPassage = true
    continuedHeader = nil
    passageHasWhy = false
    passageHasChair = false
    var i = line.indent
    while i < line.count, line.has("=", at: i) { i += 1 }
    classify(.passageStart)
    token(.keyword, line.indent..<i)
    syntax.openPassage()
    i = line.columnAfterBlanks(from: i)
    let id = line.text(from: i).trimmedTrailing
    token(.passageID, at: i, id)
    if id.isEmpty {
      error(.badID, "a passage needs an id after '=='", line, i)
    } else if !Identifier.isValid(id) {
      error(
        .badID, "'\(id)' is not a valid passage id (lowercase letters, digits and '-')", line, i,
        length: id.count)
    }
  }

  /// Ends the open choice: the lines after it are the passage's again.
  private mutating func closeChoice() { choiceIndent = nil }

  private mutating func readPassageLine(_ line: SourceLine, _ content: String) {
    let first = content.first ?? " "
    let second = content.dropFirst().first
    let isSigil = Self.isChoiceSigil(first) && (second == " " || second == nil || first == "!")
    let underChoice = choiceIndent.map { line.indent > $0 } == true
    if underChoice, !isSigil, let (meaning, fixed) = Self.missingSpaceAfterSigil(content) {
      // Read as story text, `+be-open 1` would lose its points without a word; the choice stays
      // open, so the lines after it are still its own.
      error(
        .badChoice, "'\(first)' needs a space after it: as written, this line is story text the trainee would see, \(meaning)",
        line, line.indent, length: content.count, suggestion: fixed)
      return
    }
    if underChoice, isSigil || content.hasPrefix("@if") || content.hasPrefix("@role") {
      readChoiceLine(line, content)
      return
    }
    if first == "*" {
      closeChoice()
      readChoice(line)
      return
    }
    if isSigil {
      let message =
        choiceIndent == nil
        ? "'\(first)' lines belong to a choice: put them, indented, under a '* choice -> target' line"
        : "'\(first)' lines belong to a choice: indent this line under the choice"
      error(.misplacedLine, message, line, line.indent)
      return
    }
    if first == "@" {
      readPassageDirective(line, content)
      return
    }
    closeChoice()
    if first == "{" {
      readConditionalProse(line)
      return
    }
    classify(.prose)
    token(.text, line.indent..<contentEnd(line))
    warnIfBracesShown(line, content)
  }

  private mutating func readPassageDirective(_ line: SourceLine, _ content: String) {
    let name = directiveName(content)
    let argumentStart = line.indent + 1 + name.count
    let argument = String(content.dropFirst(1 + name.count)).trimmed
    var argumentIndex = argumentStart
    argumentIndex = line.columnAfterBlanks(from: argumentIndex, tabs: false)
    var textStart = argumentStart
    textStart = line.columnAfterBlanks(from: textStart)
    // (`@role` under a choice is the choice's: ``readChoiceLine(_:_:)`` reads it.)
    if Self.directiveNames.contains(name) && name != "if" && name != "include" {
      classify(.directive(name))
      token(.keyword, at: line.indent, "@" + name)
    }
    switch name {
    case "fact":
      closeChoice()
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@fact' needs the fact's text", line, line.indent, length: 5)
        return
      }
      var argument = argument
      var textStart = textStart
      if argument.hasPrefix("#") {
        // `@fact #id WHEN | TEXT`: the name other lines use to share it or ask who knows it.
        let id = String(argument.dropFirst().prefix { $0 != " " && $0 != "\t" && $0 != "|" })
        token(.punctuation, textStart..<(textStart + 1))
        if Identifier.isValid(id) {
          token(.factID, at: textStart + 1, id)
        } else {
          error(
            .badID, "'#\(id)' is not a valid fact id (lowercase letters, digits and '-', starting with a letter)",
            line, textStart, length: id.count + 1)
        }
        let rest = argument.dropFirst(1 + id.count)
        textStart += 1 + id.count + rest.prefix { $0 == " " || $0 == "\t" }.count
        argument = String(rest).trimmed
        guard !argument.isEmpty else {
          // Still the fact's declaration (its id is taken), with no fact to show.
          error(.misplacedLine, "'@fact #\(id)' needs the fact's text: '@fact #\(id) WHEN | TEXT'", line, line.indent, length: 5)
          return
        }
      }
      barTokens(argument, from: textStart, before: argument.contains("|") ? .when : .text)
      warnIfBracesShown(line, argument)
      continuing = .fact
    case "role":
      closeChoice()
      readRoleList(line, argument, from: textStart)
    case "ending":
      closeChoice()
      barTokens(argument, from: textStart, before: .outcome)
    case "why":
      closeChoice()
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@why' needs the question to ask, e.g. '@why What made you decide as you did?'", line, line.indent, length: 4)
        return
      }
      guard !passageHasWhy else {
        classify(.rejected)
        error(.misplacedLine, "this passage already has a '@why' question; keep one", line, line.indent, length: 4)
        return
      }
      token(.text, at: textStart, argument)
      passageHasWhy = true
      continuing = .why
    case "keep-order":
      closeChoice()
      guard argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@keep-order' takes nothing after it", line, argumentIndex, length: argument.count)
        return
      }
    case "joint":
      closeChoice()
      guard argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@joint' takes nothing after it; name who decides with '@chair ROLE' on a line of its own", line, argumentIndex, length: argument.count)
        return
      }
    case "chair":
      closeChoice()
      guard !argument.isEmpty, Identifier.isValid(argument) else {
        classify(.rejected)
        error(
          .badID, argument.isEmpty ? "'@chair' needs the role that takes the meeting's decision, e.g. '@chair social-worker'" : "'\(argument)' is not a valid role id",
          line, argument.isEmpty ? line.indent : argumentIndex, length: max(1, argument.isEmpty ? 6 : argument.count))
        return
      }
      guard !passageHasChair else {
        classify(.rejected)
        error(.misplacedLine, "this passage already has a chair; keep one '@chair' line", line, line.indent, length: 6)
        return
      }
      token(.roleID, at: textStart, argument)
      passageHasChair = true
    case "lesson", "reflect":
      closeChoice()
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@\(name)' needs its text", line, line.indent, length: name.count + 1)
        return
      }
      token(.text, at: textStart, argument)
      warnIfBracesShown(line, argument)
      continuing = Continuable(directive: name)
    case "if":
      error(.misplacedLine, "'@if' belongs to a choice: indent it under the choice", line, line.indent, length: 3)
    case "include":
      error(.misplacedLine, "'@include' goes outside passages, before the first '=='", line, line.indent, length: 8)
    default:
      unknownDirective(line, name)
    }
  }

  /// Records `BEFORE | TEXT` (a fact's time, an ending's outcome) as tokens: the part before the
  /// first bar as `before`, the bar, and the text after it.
  private mutating func barTokens(_ argument: String, from start: Int, before: SyntaxToken.Kind) {
    guard let bar = argument.firstIndex(of: "|") else {
      token(before, at: start, argument)
      return
    }
    let head = String(argument[..<bar]).trimmed
    token(before, at: start, head)
    let barColumn = start + argument.distance(from: argument.startIndex, to: bar)
    token(.punctuation, barColumn..<(barColumn + 1))
    let tail = argument[argument.index(after: bar)...]
    let leading = tail.prefix { $0 == " " || $0 == "\t" }.count
    token(.text, at: barColumn + 1 + leading, String(tail).trimmed)
  }

  /// `ROLE, ROLE`: each valid role a token, each invalid one an error.
  private mutating func readRoleList(_ line: SourceLine, _ argument: String, from index: Int) {
    var roles: [String] = []
    var column = index
    for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
      let leading = part.prefix { $0 == " " || $0 == "\t" }.count
      let role = String(part).trimmed
      if role.isEmpty || !Identifier.isValid(role) {
        error(.badID, "'\(role)' is not a valid role id", line, column + leading, length: max(1, role.count))
      } else {
        roles.append(role)
        token(.roleID, at: column + leading, role)
      }
      column += part.count + 1
    }
    if roles.isEmpty && argument.isEmpty {
      error(.badID, "'@role' needs one or more role ids", line, line.indent, length: 5)
    }
  }

  /// Parses a `{condition}` at `open` in the line; returns the condition and the index after `}`.
  private mutating func readBracedCondition(_ line: SourceLine, open: Int) -> (Condition?, Int)? {
    var depth = 0
    var close: Int?
    for i in open..<line.count {
      if line.has("{", at: i) { depth += 1 }
      if line.has("}", at: i) {
        depth -= 1
        if depth == 0 {
          close = i
          break
        }
      }
    }
    guard let close else {
      classify(.rejected)
      error(.badCondition, "missing '}' to close the condition", line, open)
      return nil
    }
    token(.punctuation, open..<(open + 1))
    let condition = parseCondition(line, from: open + 1, to: close)
    token(.punctuation, close..<(close + 1))
    return (condition, close + 1)
  }

  /// The columns from `start` to `end` without the blanks at either end.
  private func trimmedColumns(_ line: SourceLine, _ start: Int, _ end: Int) -> Range<Int> {
    var high = min(end, line.count)
    var low = min(start, high)
    while low < high, line.isBlank(at: low) { low += 1 }
    while high > low, line.isBlank(at: high - 1) { high -= 1 }
    return low..<high
  }

  private mutating func parseCondition(_ line: SourceLine, from start: Int, to end: Int) -> Condition? {
    token(.condition, trimmedColumns(line, start, end))
    do {
      var parser = try ConditionParser(file: path, source: line, from: start, to: end)
      let condition = try parser.parseCondition()
      nameTokens(parser.references, parser.roles, parser.facts)
      syntax.setExpression(
        SyntaxExpression(value: .condition(condition), names: parser.references, roles: parser.roles, facts: parser.facts))
      return condition
    } catch {
      syntax.diagnostics.append(
        .error(
          .badCondition, error.message,
          at: SourceLocation(file: path, line: line.number, column: error.column), length: error.length))
      return nil
    }
  }

  private mutating func readConditionalProse(_ line: SourceLine) {
    classify(.conditionalProse)
    guard let (condition, after) = readBracedCondition(line, open: line.indent) else { return }
    let text = line.text(from: after).trimmed
    token(.text, trimmedColumns(line, after, line.count))
    guard !text.isEmpty else {
      classify(.rejected)
      error(.misplacedLine, "a condition in braces must be followed by the prose it controls", line, line.indent)
      return
    }
    if condition != nil { warnIfBracesShown(line, text) }
  }

  // MARK: Choices

  private mutating func readChoice(_ line: SourceLine) {
    classify(.choice)
    token(.keyword, line.indent..<(line.indent + 1))
    var i = line.indent + 1
    i = line.columnAfterBlanks(from: i)
    if i < line.count, line.has("{", at: i) {
      guard let (_, after) = readBracedCondition(line, open: i) else { return }
      i = after
      i = line.columnAfterBlanks(from: i)
    }
    let rest = line.text(from: i)
    guard let arrow = rest.lastRange(of: "->") else {
      token(.text, trimmedColumns(line, i, line.count))
      openChoice(line)
      error(.badChoice, "a choice needs '-> passage-id' to say where it leads", line, line.count)
      return
    }
    let text = String(rest[..<arrow.lowerBound]).trimmed
    let targetText = String(rest[arrow.upperBound...])
    let targetOffset = i + rest.distance(from: rest.startIndex, to: arrow.upperBound) + targetText.prefix { $0 == " " }.count
    let target = targetText.trimmed
    let arrowColumn = i + rest.distance(from: rest.startIndex, to: arrow.lowerBound)
    token(.text, trimmedColumns(line, i, arrowColumn))
    token(.punctuation, arrowColumn..<(arrowColumn + 2))
    token(.target, trimmedColumns(line, arrowColumn + 2, line.count))
    openChoice(line)
    if text.isEmpty {
      error(.badChoice, "a choice needs text for the trainee before '->'", line, i)
    }
    if target.isEmpty {
      error(.badChoice, "a choice needs a passage id after '->'", line, max(0, targetOffset - 1))
    } else if !Identifier.isValid(target) {
      error(.badID, "'\(target)' is not a valid passage id", line, targetOffset, length: target.count)
    }
  }

  /// Opens a choice at the `*` line being read: the lines indented under it are its own.
  private mutating func openChoice(_ line: SourceLine) {
    syntax.openChoice(indent: line.indent)
    choiceIndent = line.indent
  }

  private mutating func readChoiceLine(_ line: SourceLine, _ content: String) {
    let sigil = content.first ?? " "
    let start = line.indent + 2
    let argument = String(content.dropFirst(sigil == "@" ? 0 : 1)).trimmed
    let keyword = sigil == "@" ? "@" + directiveName(content) : String(sigil)
    classify(sigil == "@" ? .choiceDirective(String(keyword.dropFirst())) : .choiceLine(sigil))
    syntax.addToChoice()
    token(.keyword, at: line.indent, keyword)
    switch sigil {
    case "+", "-":
      readScore(line, sign: sigil == "+" ? 1 : -1)
    case ">":
      token(.text, trimmedColumns(line, line.indent + 1, line.count))
      warnIfBracesShown(line, argument)
    case "?":
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'?' needs the question to ask the trainee", line, line.indent)
        return
      }
      token(.text, trimmedColumns(line, line.indent + 1, line.count))
    case "!":
      let body = String(content.dropFirst()).trimmed
      let word = trimmedColumns(line, line.indent + 1, line.count).lowerBound
      if body == "critical" || body.hasPrefix("critical:") {
        token(.keyword, at: word, "critical")
        if body.hasPrefix("critical:") {
          token(.punctuation, (word + 8)..<(word + 9))
          token(.text, trimmedColumns(line, word + 9, line.count))
        }
      }
      if body != "critical" && !body.hasPrefix("critical:") {
        classify(.rejected)
        let word = String(body.prefix { $0 != ":" && $0 != " " })
        error(
          .unknownDirective, "expected '! critical' (optionally '! critical: why')", line,
          min(start, line.count - 1), length: max(1, word.count),
          suggestion: Suggestions.distance(word, "critical") <= 3 ? "critical" : nil)
      }
    case "~":
      var effectStart = line.indent + 1
      effectStart = line.columnAfterBlanks(from: effectStart, tabs: false)
      do {
        var parser = try ConditionParser(file: path, source: line, from: effectStart, to: line.count)
        let effect = try parser.parseEffect()
        token(.effect, trimmedColumns(line, effectStart, line.count))
        nameTokens(parser.references, parser.roles, parser.facts)
        syntax.setExpression(
          SyntaxExpression(value: .effect(effect), names: parser.references, roles: parser.roles, facts: parser.facts))
      } catch {
        classify(.rejected)
        syntax.diagnostics.append(
          .error(.badCondition, error.message, at: SourceLocation(file: path, line: line.number, column: error.column), length: error.length))
      }
    case "@":
      let name = directiveName(content)
      var index = line.indent + 1 + name.count
      index = line.columnAfterBlanks(from: index)
      if name == "if" {
        let end = line.count
        guard index < end else {
          classify(.rejected)
          error(.badCondition, "'@if' needs a condition", line, line.indent, length: 3)
          return
        }
        _ = parseCondition(line, from: index, to: end)
      } else if name == "role" {
        readRoleList(line, String(content.dropFirst(1 + name.count)).trimmed, from: index)
      } else {
        // `@roles`, `@iff`: a near miss, not a role list or a condition under another name.
        classify(.rejected)
        unknownDirective(line, name)
      }
    default:
      break
    }
  }

  private mutating func readScore(_ line: SourceLine, sign: Int) {
    var i = line.indent + 1
    i = line.columnAfterBlanks(from: i, tabs: false)
    let idStart = i
    while i < line.count, !line.has(" ", at: i), !line.has(":", at: i), !line.has("\t", at: i) { i += 1 }
    let id = line.text(idStart..<i)
    guard !id.isEmpty else {
      classify(.rejected)
      error(.misplacedLine, "expected a guidance id and a weight, e.g. '\(sign > 0 ? "+" : "-") see-child-alone 2'", line, line.indent)
      return
    }
    guard Identifier.isValid(id) else {
      classify(.rejected)
      error(.badID, "'\(id)' is not a valid guidance id", line, idStart, length: id.count)
      return
    }
    token(.guidanceID, idStart..<i)
    i = line.columnAfterBlanks(from: i, tabs: false)
    let weightStart = i
    while i < line.count, !line.has(" ", at: i), !line.has(":", at: i) { i += 1 }
    let weightText = line.text(weightStart..<i)
    guard let weight = Int(weightText), (SourceLimits.weightRange).contains(weight) else {
      classify(.rejected)
      error(
        .badWeight,
        weightText.isEmpty
          ? "missing weight after '\(id)': write a whole number from 1 to 5"
          : "weight '\(weightText)' must be a whole number from 1 to 5",
        line, min(weightStart, max(0, line.count - 1)), length: max(1, weightText.count))
      return
    }
    token(.weight, weightStart..<i)
    i = line.columnAfterBlanks(from: i, tabs: false)
    if i < line.count {
      if line.has(":", at: i) {
        token(.punctuation, i..<(i + 1))
        token(.text, trimmedColumns(line, i + 1, line.count))
      } else {
        error(.badWeight, "expected ':' and an explanation after the weight", line, i)
      }
    }
  }
}
