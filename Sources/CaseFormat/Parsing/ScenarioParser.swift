import Foundation

/// Reads the text of one `.case` or `.passages` file into a `ParsedScenarioFile`.
///
/// The parser is line-oriented and never stops at the first problem: every malformed line becomes
/// a positioned diagnostic and parsing continues with the next line, so a trainer sees all their
/// mistakes in one run. It never traps, whatever the input.
public struct ScenarioParser {
  /// Header keys a scenario may use, with whether they may repeat (see ``CaseVocabulary``).
  public static let headerKeys: [String: Bool] = Dictionary(
    uniqueKeysWithValues: CaseVocabulary.headerFields.map { ($0.key, $0.mayRepeat) })

  /// Every directive's name.
  static let directiveNames = CaseVocabulary.directives.map(\.name)

  private let path: String
  private var result: ParsedScenarioFile
  private var passage: PassageBuilder?
  private var choice: ChoiceBuilder?
  private var lastHeaderIndex: Int?
  private var seenPassage = false
  /// The free-text directive the next indented line may continue (see ``Continuable``).
  private var continuing: Continuable?
  /// Where the last fact written so far falls on the story's timeline: what "later" counts from.
  private var lastFactOrder: Int?

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
    self.result = ParsedScenarioFile(path: path)
  }

  /// Parses `text`, which was read from `path` (used only in locations).
  public static func parse(_ text: String, path: String) -> ParsedScenarioFile {
    parse(SourceText(text), path: path)
  }

  /// Parses text already split into lines (the loader keeps the same split for diagnostics).
  static func parse(_ source: SourceText, path: String) -> ParsedScenarioFile {
    var parser = ScenarioParser(path: path)
    parser.result.syntax.bytes = source.bytes
    for (offset, range) in source.lines.enumerated() {
      let number = offset + 1
      if range.count > SourceLimits.maximumLineBytes {
        parser.result.diagnostics.append(
          .error(
            .lineTooLong,
            "line is \(range.count) bytes long; the limit is \(SourceLimits.maximumLineBytes)",
            at: SourceLocation(file: path, line: number, column: 1)))
        parser.result.syntax.append(SyntaxLine(kind: .rejected, source: source.unreadLine(offset)))
        continue
      }
      parser.read(source.line(offset))
    }
    parser.closePassage()
    parser.result.syntax.closePassage()
    return parser.result
  }

  // MARK: Lines

  private func at(_ line: SourceLine, _ index: Int) -> SourceLocation {
    SourceLocation(file: path, line: line.number, column: index + 1)
  }

  // MARK: The syntax tree

  /// Says what the line being read is.
  private mutating func classify(_ kind: SyntaxLine.Kind) { result.syntax.reclassify(kind) }

  /// Records a token of the line being read.
  private mutating func token(_ kind: SyntaxToken.Kind, _ columns: Range<Int>) { result.syntax.addToken(kind, columns) }

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
    result.diagnostics.append(
      .error(code, message, at: at(line, index), length: length, suggestion: suggestion))
  }

  private mutating func read(_ line: SourceLine) {
    result.syntax.append(SyntaxLine(kind: .rejected, source: line))
    if let column = line.firstUnsafeColumn {
      result.diagnostics.append(
        .warning(
          .controlCharacter,
          "text contains a terminal control, bidirectional or invisible character; it will be shown escaped",
          at: at(line, column - 1)))
    }
    let continued = continuing
    continuing = nil
    if line.isBlank {
      classify(.blank)
      if passage != nil {
        let location = at(line, 0)
        passage?.paragraphBreak(at: location)
      } else {
        lastHeaderIndex = nil
      }
      return
    }
    if line.isComment {
      classify(.comment)
      token(.comment, line.indent..<contentEnd(line))
      if passage != nil, let choice, line.indent > choice.indent { result.syntax.addToChoice() }
      return
    }
    let content = line.content
    if content.hasPrefix("==") {
      startPassage(line)
      return
    }
    if passage != nil {
      if let continued, line.indent > 0, Continuable.canContinue(content) {
        classify(.continuation(continued.rawValue))
        token(.text, line.indent..<contentEnd(line))
        warnIfBracesShown(line, content)
        continueDirective(continued, with: content)
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
    guard let column = Self.column(of: shown, in: line, from: line.indent) else { return }
    result.diagnostics.append(
      .warning(
        .bracesShown,
        "'\(shown)' will be shown to the trainee as written, braces and all: a condition works only at the start of a story line, in a choice's '{...}' or in an '@if' line; put text that depends on it on a line of its own, or drop the braces",
        at: at(line, column), length: shown.count))
  }

  /// The column where `text` first appears in `line` at or after `start`, so a diagnostic about
  /// part of a directive points at that part; nil when it does not appear.
  private static func column(of text: String, in line: SourceLine, from start: Int) -> Int? {
    let characters = line.characters
    let needle = Array(text)
    guard !needle.isEmpty else { return nil }
    var column = start
    while column + needle.count <= characters.count {
      if Array(characters[column..<(column + needle.count)]) == needle { return column }
      column += 1
    }
    return nil
  }

  /// Where a fact's WHEN falls on the story's timeline (``StoryTime/place(_:after:)``: the fact
  /// written before it in the file is what "later" counts from). A WHEN the grammar cannot read is
  /// warned about, at the part it could not read, with the place it takes instead written out for
  /// the author to keep or change in brackets.
  private mutating func placeOnTimeline(_ when: String, _ line: SourceLine, _ start: Int) -> Int {
    let placed = StoryTime.place(when, after: &lastFactOrder)
    guard let part = placed.unreadable else { return placed.point }
    let column = Self.column(of: part, in: line, from: start)
    let hint = "[\(StoryTime.written(placed.point))]"
    result.diagnostics.append(
      .warning(
        .unorderedFact,
        StoryTime.label(when) != when
          ? "'\(part)' in brackets is not a time the case file can order; write one such as 'Fri 18:30', '4 weeks ago, Sat' or 'Two days later'"
          : "'\(part)' is not a time the case file can order, so it lists this fact with the one before it (\(StoryTime.written(placed.point))); write a time such as 'Fri 18:30' or '4 weeks ago', or keep the label and add its place in brackets: '\(when) \(hint)'",
        at: at(line, column ?? min(start, line.characters.count)), length: column == nil ? 1 : max(1, part.count)))
    return placed.point
  }

  /// Adds an indented line's text to the directive above it, one space between.
  private mutating func continueDirective(_ directive: Continuable, with content: String) {
    func joined(_ text: String) -> String { text.isEmpty ? content : text + " " + content }
    switch directive {
    case .fact:
      if let last = passage?.facts.popLast() {
        passage?.facts.append(
          Fact(
            id: last.id, when: last.when, text: joined(last.text), order: last.order, location: last.location,
            idLocation: last.idLocation))
      }
    case .lesson:
      if let last = passage?.lessons.popLast() { passage?.lessons.append(joined(last)) }
    case .reflect:
      if let last = passage?.reflections.popLast() { passage?.reflections.append(joined(last)) }
    case .why:
      let prompt = passage?.rationalePrompt.map(joined)
      passage?.rationalePrompt = prompt
    }
    continuing = directive
  }

  // MARK: Top level (header, declarations, includes)

  private mutating func readTopLevelLine(_ line: SourceLine, _ content: String) {
    if line.indent > 0, let index = lastHeaderIndex {
      // A value begun on the next line (`summary:` then an indented line) starts there, with no
      // space before it.
      let key = result.headerEntries[index].key
      classify(.headerContinuation(key))
      valueTokens(key: key, line, from: line.indent)
      let separator = result.headerEntries[index].value.isEmpty ? "" : " "
      let offset = result.headerEntries[index].value.count + separator.count
      result.headerEntries[index].value += separator + content.trimmed
      result.headerEntries[index].continuations.append(.init(offset: offset, location: at(line, line.indent)))
      return
    }
    lastHeaderIndex = nil
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
    guard !seenPassage else {
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
    while valueIndex < line.count, line.has(" ", at: valueIndex) { valueIndex += 1 }
    let value = String(content[content.index(after: colon)...]).trimmed
    classify(.headerField(normalized))
    token(.keyword, at: keyIndex, key)
    token(.punctuation, at: keyIndex + key.count, ":")
    valueTokens(key: normalized, line, from: valueIndex)
    result.headerEntries.append(
      HeaderEntry(
        key: normalized, value: value, keyLocation: at(line, keyIndex),
        valueLocation: at(line, valueIndex)))
    lastHeaderIndex = result.headerEntries.count - 1
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

  private mutating func readDeclaration(_ line: SourceLine, kind: StateDeclaration.Kind) {
    var i = line.indent + kind.rawValue.count
    while i < line.count, line.has(" ", at: i) || line.has("\t", at: i) { i += 1 }
    let nameStart = i
    while i < line.count, !line.has(" ", at: i), !line.has("\t", at: i), !line.has("=", at: i) { i += 1 }
    let name = line.text(nameStart..<i)
    guard !name.isEmpty else {
      error(.badCondition, "expected a name after '\(kind.rawValue)'", line, nameStart)
      return
    }
    guard Identifier.isValid(name), name != "role" else {
      error(
        .badID,
        name == "role"
          ? "'role' is reserved for the acting role and cannot be declared"
          : "'\(name)' is not a valid name (lowercase letters, digits and '-')",
        line, nameStart, length: name.count)
      return
    }
    token(.stateName, nameStart..<(nameStart + name.count))
    while i < line.count, line.has(" ", at: i) || line.has("\t", at: i) { i += 1 }
    if i < contentEnd(line) { token(.value, i..<contentEnd(line)) }
    var initial = 0
    var range = kind == .flag ? 0...1 : StateDeclaration.defaultCounterRange
    var rest = line.text(from: i).trimmed
    var restIndex = i
    if kind == .counter, let inRange = rest.range(of: " in ", options: .backwards) ?? (rest.hasPrefix("in ") ? rest.range(of: "in ") : nil) {
      let rangeText = String(rest[inRange.upperBound...]).trimmed
      let rangeIndex = i + rest.distance(from: rest.startIndex, to: inRange.upperBound)
      let bounds = rangeText.components(separatedBy: "..").map { Int($0.trimmed) }
      guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else {
        error(.badCondition, "a counter's range is written 'in LOW..HIGH', e.g. 'counter \(name) = 0 in 0..10'", line, rangeIndex, length: max(1, rangeText.count))
        return
      }
      range = low...high
      rest = String(rest[..<inRange.lowerBound]).trimmed
    }
    if !rest.isEmpty {
      var valueIndex = restIndex
      if rest.hasPrefix("=") {
        valueIndex += 1
        while valueIndex < line.count, line.has(" ", at: valueIndex) { valueIndex += 1 }
      }
      let valueText = rest.hasPrefix("=") ? String(rest.dropFirst()).trimmed : ""
      restIndex = valueIndex
      switch kind {
      case .flag:
        if valueText == "true" { initial = 1 } else if valueText == "false" { initial = 0 } else {
          error(.badCondition, "a flag starts as 'true' or 'false'", line, valueText.isEmpty ? i : valueIndex, length: max(1, valueText.count))
          return
        }
      case .counter:
        guard let value = Int(valueText) else {
          error(.badCondition, "a counter starts at a whole number, e.g. 'counter \(name) = 0'", line, valueText.isEmpty ? i : valueIndex, length: max(1, valueText.count))
          return
        }
        initial = value
      }
    }
    if !range.contains(initial) {
      error(.badCondition, "'\(name)' starts at \(initial), outside its range \(range.lowerBound)..\(range.upperBound)", line, restIndex)
      // Declared all the same (starting at the nearest bound), so this one mistake is one error,
      // not one more for every line that uses the counter.
      initial = min(max(initial, range.lowerBound), range.upperBound)
    }
    result.declarations.append(
      StateDeclaration(name: name, kind: kind, initialValue: initial, range: range, location: at(line, nameStart)))
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
    result.includes.append(
      IncludeDirective(path: String(argument.dropFirst().dropLast()), location: at(line, line.indent)))
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
    closePassage()
    seenPassage = true
    lastHeaderIndex = nil
    var i = line.indent
    while i < line.count, line.has("=", at: i) { i += 1 }
    classify(.passageStart)
    token(.keyword, line.indent..<i)
    result.syntax.openPassage()
    while i < line.count, line.has(" ", at: i) || line.has("\t", at: i) { i += 1 }
    let id = line.text(from: i).trimmedTrailing
    token(.passageID, at: i, id)
    if id.isEmpty {
      error(.badID, "a passage needs an id after '=='", line, i)
    } else if !Identifier.isValid(id) {
      error(
        .badID, "'\(id)' is not a valid passage id (lowercase letters, digits and '-')", line, i,
        length: id.count)
    }
    passage = PassageBuilder(id: id, location: at(line, i))
  }

  private mutating func closePassage() {
    closeChoice()
    guard let builder = passage else { return }
    passage = nil
    if builder.ending == nil {
      for (_, location) in builder.endingOnlyLines {
        result.diagnostics.append(
          .error(
            .misplacedLine,
            "'@lesson' and '@reflect' belong to an ending; add '@ending safe|partly-safe|unsafe' to this passage",
            at: location, length: 7))
      }
    }
    if let chair = builder.chairLocation, !builder.isJoint {
      result.diagnostics.append(
        .error(
          .misplacedLine, "'@chair' names who decides at a meeting; add '@joint' to this passage, or remove '@chair'",
          at: chair, length: 6))
    }
    if let joint = builder.jointLocation, !builder.roles.isEmpty {
      result.diagnostics.append(
        .error(
          .misplacedLine,
          "a joint passage is for every role, but '@role' limits this one to \(builder.roles.joined(separator: ", ")); remove '@role', or '@joint' if it is not a meeting",
          at: joint, length: 6))
    }
    result.passages.append(builder.build())
  }

  private mutating func closeChoice() {
    guard let c = choice else { return }
    choice = nil
    var built = c.build()
    built.index = (passage?.choices.count ?? 0) + 1
    passage?.choices.append(built)
  }

  private mutating func readPassageLine(_ line: SourceLine, _ content: String) {
    let first = content.first ?? " "
    let second = content.dropFirst().first
    let isSigil = Self.isChoiceSigil(first) && (second == " " || second == nil || first == "!")
    if let current = choice, line.indent > current.indent, !isSigil, let (meaning, fixed) = Self.missingSpaceAfterSigil(content) {
      // Read as story text, `+be-open 1` would lose its points without a word; the choice stays
      // open, so the lines after it are still its own.
      error(
        .badChoice, "'\(first)' needs a space after it: as written, this line is story text the trainee would see, \(meaning)",
        line, line.indent, length: content.count, suggestion: fixed)
      return
    }
    if let current = choice, line.indent > current.indent, isSigil || content.hasPrefix("@if") || content.hasPrefix("@role") {
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
        choice == nil
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
    let value = at(line, line.indent)
    warnIfBracesShown(line, content)
    passage?.prose.append(ProseLine(text: content, location: value))
  }

  private mutating func readPassageDirective(_ line: SourceLine, _ content: String) {
    let name = directiveName(content)
    let argumentStart = line.indent + 1 + name.count
    let argument = String(content.dropFirst(1 + name.count)).trimmed
    var argumentIndex = argumentStart
    while argumentIndex < line.count, line.has(" ", at: argumentIndex) { argumentIndex += 1 }
    var textStart = argumentStart
    while textStart < line.count, line.isBlank(at: textStart) { textStart += 1 }
    if Self.directiveNames.contains(name) && name != "if" && name != "include" {
      let underChoice = name == "role" && choice.map { line.indent > $0.indent } == true
      classify(underChoice ? .choiceDirective(name) : .directive(name))
      if underChoice { result.syntax.addToChoice() }
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
      var factID: String?
      var idLocation: SourceLocation?
      if argument.hasPrefix("#") {
        // `@fact #id WHEN | TEXT`: the name other lines use to share it or ask who knows it.
        let id = String(argument.dropFirst().prefix { $0 != " " && $0 != "\t" && $0 != "|" })
        token(.punctuation, textStart..<(textStart + 1))
        if Identifier.isValid(id) {
          factID = id
          idLocation = at(line, textStart + 1)
          token(.factID, at: textStart + 1, id)
          result.factDeclarations.append(FactReference(id: id, location: at(line, textStart + 1)))
        } else {
          error(
            .badID, "'#\(id)' is not a valid fact id (lowercase letters, digits and '-', starting with a letter)",
            line, textStart, length: id.count + 1)
        }
        let rest = argument.dropFirst(1 + id.count)
        textStart += 1 + id.count + rest.prefix { $0 == " " || $0 == "\t" }.count
        argument = String(rest).trimmed
        guard !argument.isEmpty else {
          error(.misplacedLine, "'@fact #\(id)' needs the fact's text: '@fact #\(id) WHEN | TEXT'", line, line.indent, length: 5)
          return
        }
      }
      barTokens(argument, from: textStart, before: argument.contains("|") ? .when : .text)
      if let bar = argument.firstIndex(of: "|") {
        let when = String(argument[..<bar]).trimmed
        let text = String(argument[argument.index(after: bar)...]).trimmed
        let order = when.isEmpty ? nil : placeOnTimeline(when, line, textStart)
        let location = when.isEmpty ? nil : at(line, textStart)
        passage?.facts.append(
          Fact(id: factID, when: when.isEmpty ? nil : when, text: text, order: order, location: location, idLocation: idLocation))
      } else {
        passage?.facts.append(Fact(id: factID, when: nil, text: argument, idLocation: idLocation))
      }
      warnIfBracesShown(line, argument)
      continuing = .fact
    case "role":
      let roles = readRoleList(line, argument, from: argumentIndex)
      if let current = choice, line.indent > current.indent {
        choice?.roles += roles
      } else {
        closeChoice()
        passage?.roles += roles
      }
    case "ending":
      closeChoice()
      barTokens(argument, from: textStart, before: .outcome)
      let parts = argument.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      let outcomeText = String(parts.first ?? "").trimmed
      let title = parts.count > 1 ? String(parts[1]).trimmed : nil
      guard let outcome = Outcome(rawValue: outcomeText) else {
        let suggestion = Suggestions.closest(to: outcomeText, among: Outcome.allCases.map(\.rawValue))
        error(
          .badOutcome,
          "'\(outcomeText)' is not an outcome class; write '@ending safe|partly-safe|unsafe | Title', e.g. '@ending unsafe | The boat not rocked'",
          line, argumentIndex, length: max(1, outcomeText.count), suggestion: suggestion)
        // Still an ending (of the class it most resembles), so the passage's lessons and its lack
        // of choices are not reported as mistakes of their own.
        passage?.ending = Ending(outcome: suggestion.flatMap(Outcome.init(rawValue:)) ?? .unsafe, title: title)
        return
      }
      if let title, title.isEmpty {
        error(.badOutcome, "the ending's title after '|' is empty; name the ending in a few words or drop the '|'", line, argumentIndex + argument.count - 1)
        passage?.ending = Ending(outcome: outcome, title: nil)
        return
      }
      passage?.ending = Ending(outcome: outcome, title: title)
    case "why":
      closeChoice()
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@why' needs the question to ask, e.g. '@why What made you decide as you did?'", line, line.indent, length: 4)
        return
      }
      guard passage?.rationalePrompt == nil else {
        classify(.rejected)
        error(.misplacedLine, "this passage already has a '@why' question; keep one", line, line.indent, length: 4)
        return
      }
      token(.text, at: textStart, argument)
      passage?.rationalePrompt = argument
      continuing = .why
    case "keep-order":
      closeChoice()
      guard argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@keep-order' takes nothing after it", line, argumentIndex, length: argument.count)
        return
      }
      passage?.keepsWrittenOrder = true
    case "joint":
      closeChoice()
      guard argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@joint' takes nothing after it; name who decides with '@chair ROLE' on a line of its own", line, argumentIndex, length: argument.count)
        return
      }
      let location = at(line, line.indent)
      passage?.isJoint = true
      passage?.jointLocation = location
    case "chair":
      closeChoice()
      guard !argument.isEmpty, Identifier.isValid(argument) else {
        classify(.rejected)
        error(
          .badID, argument.isEmpty ? "'@chair' needs the role that takes the meeting's decision, e.g. '@chair social-worker'" : "'\(argument)' is not a valid role id",
          line, argument.isEmpty ? line.indent : argumentIndex, length: max(1, argument.isEmpty ? 6 : argument.count))
        return
      }
      guard passage?.chair == nil else {
        classify(.rejected)
        error(.misplacedLine, "this passage already has a chair; keep one '@chair' line", line, line.indent, length: 6)
        return
      }
      token(.roleID, at: argumentIndex, argument)
      result.roleReferences.append(RoleReference(role: argument, location: at(line, argumentIndex)))
      let location = at(line, line.indent)
      passage?.chair = argument
      passage?.chairLocation = location
    case "lesson", "reflect":
      closeChoice()
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'@\(name)' needs its text", line, line.indent, length: name.count + 1)
        return
      }
      token(.text, at: textStart, argument)
      if name == "lesson" { passage?.lessons.append(argument) } else { passage?.reflections.append(argument) }
      let value = at(line, line.indent)
      passage?.endingOnlyLines.append((name, value))
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

  private mutating func readRoleList(_ line: SourceLine, _ argument: String, from index: Int) -> [String] {
    var roles: [String] = []
    var column = index
    for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
      let leading = part.prefix { $0 == " " }.count
      let role = String(part).trimmed
      if role.isEmpty || !Identifier.isValid(role) {
        error(.badID, "'\(role)' is not a valid role id", line, column + leading, length: max(1, role.count))
      } else {
        roles.append(role)
        token(.roleID, at: column + leading, role)
        result.roleReferences.append(RoleReference(role: role, location: at(line, column + leading)))
      }
      column += part.count + 1
    }
    if roles.isEmpty && argument.isEmpty {
      error(.badID, "'@role' needs one or more role ids", line, line.indent, length: 5)
    }
    return roles
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
      result.nameReferences += parser.references
      result.roleReferences += parser.roles
      result.factReferences += parser.facts
      return condition
    } catch {
      result.diagnostics.append(
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
    var start = after
    while start < line.count, line.has(" ", at: start) { start += 1 }
    if let condition {
      let value = at(line, start)
      warnIfBracesShown(line, text)
      let span = SourceSpan(start: at(line, line.indent), length: after - line.indent)
      passage?.prose.append(ProseLine(text: text, condition: condition, location: value, conditionSpan: span))
    }
  }

  // MARK: Choices

  private mutating func readChoice(_ line: SourceLine) {
    classify(.choice)
    token(.keyword, line.indent..<(line.indent + 1))
    var i = line.indent + 1
    while i < line.count, line.has(" ", at: i) || line.has("\t", at: i) { i += 1 }
    var condition: Condition?
    var conditionSpan: SourceSpan?
    if i < line.count, line.has("{", at: i) {
      guard let (parsed, after) = readBracedCondition(line, open: i) else { return }
      condition = parsed
      conditionSpan = SourceSpan(start: at(line, i), length: after - i)
      i = after
      while i < line.count, line.has(" ", at: i) || line.has("\t", at: i) { i += 1 }
    }
    let rest = line.text(from: i)
    guard let arrow = rest.lastRange(of: "->") else {
      token(.text, trimmedColumns(line, i, line.count))
      result.syntax.openChoice(indent: line.indent)
      error(.badChoice, "a choice needs '-> passage-id' to say where it leads", line, line.count)
      choice = ChoiceBuilder(indent: line.indent, text: rest.trimmed, target: "", targetLocation: at(line, i), condition: condition, location: at(line, line.indent))
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
    result.syntax.openChoice(indent: line.indent)
    if text.isEmpty {
      error(.badChoice, "a choice needs text for the trainee before '->'", line, i)
    }
    if target.isEmpty {
      error(.badChoice, "a choice needs a passage id after '->'", line, max(0, targetOffset - 1))
    } else if !Identifier.isValid(target) {
      error(.badID, "'\(target)' is not a valid passage id", line, targetOffset, length: target.count)
    }
    choice = ChoiceBuilder(
      indent: line.indent, text: text, target: target, targetLocation: at(line, targetOffset),
      condition: condition, location: at(line, line.indent))
    choice?.conditionSpan = conditionSpan
  }

  private mutating func readChoiceLine(_ line: SourceLine, _ content: String) {
    let sigil = content.first ?? " "
    let start = line.indent + 2
    let argument = String(content.dropFirst(sigil == "@" ? 0 : 1)).trimmed
    let keyword = sigil == "@" ? "@" + directiveName(content) : String(sigil)
    classify(sigil == "@" ? .choiceDirective(String(keyword.dropFirst())) : .choiceLine(sigil))
    result.syntax.addToChoice()
    token(.keyword, at: line.indent, keyword)
    switch sigil {
    case "+", "-":
      readScore(line, sign: sigil == "+" ? 1 : -1)
    case ">":
      token(.text, trimmedColumns(line, line.indent + 1, line.count))
      warnIfBracesShown(line, argument)
      if !argument.isEmpty { choice?.feedback.append(argument) }
    case "?":
      guard !argument.isEmpty else {
        classify(.rejected)
        error(.misplacedLine, "'?' needs the question to ask the trainee", line, line.indent)
        return
      }
      token(.text, trimmedColumns(line, line.indent + 1, line.count))
      choice?.rationalePrompt = argument
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
      if body == "critical" {
        let value = at(line, line.indent)
        choice?.critical = CriticalMark(reason: nil, location: value)
      } else if body.hasPrefix("critical:") {
        let reason = String(body.dropFirst("critical:".count)).trimmed
        let value = at(line, line.indent)
        choice?.critical = CriticalMark(reason: reason.isEmpty ? nil : reason, location: value)
      } else {
        classify(.rejected)
        let word = String(body.prefix { $0 != ":" && $0 != " " })
        error(
          .unknownDirective, "expected '! critical' (optionally '! critical: why')", line,
          min(start, line.count - 1), length: max(1, word.count),
          suggestion: Suggestions.distance(word, "critical") <= 3 ? "critical" : nil)
      }
    case "~":
      var effectStart = line.indent + 1
      while effectStart < line.count, line.has(" ", at: effectStart) { effectStart += 1 }
      do {
        var parser = try ConditionParser(file: path, source: line, from: effectStart, to: line.count)
        let effect = try parser.parseEffect()
        token(.effect, trimmedColumns(line, effectStart, line.count))
        nameTokens(parser.references, parser.roles, parser.facts)
        result.nameReferences += parser.references
        result.roleReferences += parser.roles
        result.factReferences += parser.facts
        choice?.effects.append(effect)
      } catch {
        classify(.rejected)
        result.diagnostics.append(
          .error(.badCondition, error.message, at: SourceLocation(file: path, line: line.number, column: error.column), length: error.length))
      }
    case "@":
      let name = directiveName(content)
      var index = line.indent + 1 + name.count
      while index < line.count, line.has(" ", at: index) { index += 1 }
      if name == "if" {
        let end = line.count
        guard index < end else {
          classify(.rejected)
          error(.badCondition, "'@if' needs a condition", line, line.indent, length: 3)
          return
        }
        if let condition = parseCondition(line, from: index, to: end) {
          let span = SourceSpan(start: at(line, line.indent), length: trimmedColumns(line, index, end).upperBound - line.indent)
          if choice?.conditionSpan == nil { choice?.conditionSpan = span }
          if let existing = choice?.condition {
            choice?.condition = .and(existing, condition)
          } else {
            choice?.condition = condition
          }
        }
      } else if name == "role" {
        let value = readRoleList(line, String(content.dropFirst(1 + name.count)).trimmed, from: index)
        choice?.roles += value
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
    while i < line.count, line.has(" ", at: i) { i += 1 }
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
    while i < line.count, line.has(" ", at: i) { i += 1 }
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
    while i < line.count, line.has(" ", at: i) { i += 1 }
    var explanation: String?
    if i < line.count {
      if line.has(":", at: i) {
        token(.punctuation, i..<(i + 1))
        token(.text, trimmedColumns(line, i + 1, line.count))
        let text = line.text(from: i + 1).trimmed
        explanation = text.isEmpty ? nil : text
      } else {
        error(.badWeight, "expected ':' and an explanation after the weight", line, i)
      }
    }
    let score = ScoreWeight(
      guidanceID: id, points: sign * weight, explanation: explanation, location: at(line, idStart))
    choice?.scores.append(score)
  }
}

/// Limits that keep hostile or accidental input from exhausting memory or time.
public enum SourceLimits {
  /// The largest scenario, passages or guide file read: a safety bound far above any real
  /// scenario (the shipped ones are under 100 KB), there so that a wrong path or a hostile file
  /// cannot make a reader take gigabytes. Loading is linear in the file's size, so files up to
  /// the bound load in seconds.
  public static let maximumFileBytes = 128 * 1024 * 1024
  /// The file limit in words, for messages.
  public static let maximumFileSize = "128 MiB"
  public static let maximumLineBytes = 64 * 1024
  public static let maximumIncludeDepth = 16
  public static let weightRange = 1...5
}

/// Collects a passage while its lines are read.
private struct PassageBuilder {
  var id: String
  var location: SourceLocation
  var prose: [ProseLine] = []
  var facts: [Fact] = []
  var roles: [String] = []
  var ending: Ending?
  var lessons: [String] = []
  var reflections: [String] = []
  var choices: [Choice] = []
  var rationalePrompt: String?
  var keepsWrittenOrder = false
  var isJoint = false
  var chair: String?
  /// Where `@joint` and `@chair` are written, for the checks that they go together.
  var jointLocation: SourceLocation?
  var chairLocation: SourceLocation?
  var endingOnlyLines: [(String, SourceLocation)] = []

  init(id: String, location: SourceLocation) {
    self.id = id
    self.location = location
  }

  mutating func paragraphBreak(at location: SourceLocation) {
    guard let last = prose.last, !last.isParagraphBreak else { return }
    prose.append(ProseLine(text: "", location: location))
  }

  func build() -> Passage {
    var trimmed = prose
    while trimmed.last?.isParagraphBreak == true { trimmed.removeLast() }
    var ending = self.ending
    ending?.lessons = lessons
    ending?.reflections = reflections
    return Passage(
      id: id, location: location, prose: trimmed, facts: facts, roles: roles, ending: ending,
      choices: choices, rationalePrompt: rationalePrompt, keepsWrittenOrder: keepsWrittenOrder, isJoint: isJoint,
      chair: chair)
  }
}

/// Collects a choice and its indented lines.
private struct ChoiceBuilder {
  var indent: Int
  var text: String
  var target: String
  var targetLocation: SourceLocation
  var condition: Condition?
  var conditionSpan: SourceSpan?
  var roles: [String] = []
  var scores: [ScoreWeight] = []
  var feedback: [String] = []
  var critical: CriticalMark?
  var rationalePrompt: String?
  var effects: [Effect] = []
  var location: SourceLocation

  init(indent: Int, text: String, target: String, targetLocation: SourceLocation, condition: Condition?, location: SourceLocation) {
    self.indent = indent
    self.text = text
    self.target = target
    self.targetLocation = targetLocation
    self.condition = condition
    self.location = location
  }

  func build() -> Choice {
    var choice = Choice(
      index: 0, text: text, target: target, targetLocation: targetLocation, condition: condition,
      roles: roles, scores: scores, feedback: feedback, critical: critical,
      rationalePrompt: rationalePrompt, effects: effects, location: location)
    choice.conditionSpan = conditionSpan
    return choice
  }
}
