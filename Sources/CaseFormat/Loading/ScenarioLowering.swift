import Foundation

/// Lowers a file's syntax tree (``ScenarioSyntax``) to what the compiler compiles
/// (``ParsedScenarioFile``): the header's fields with their continuation lines joined, the
/// declarations with their values read, the passages with their prose, facts, endings and
/// choices.
///
/// It reads the tree's line kinds, tokens and parsed conditions, never the grammar's rules again,
/// so a construct's form is decided in one place (the parser) and its meaning in another (here).
/// What it reports is what only meaning can tell: an outcome that is not one, a counter starting
/// outside its range, a fact's time that cannot be ordered, a lesson outside an ending.
struct ScenarioLowering {
  private let path: String
  private var result: ParsedScenarioFile
  private var passage: PassageBuilder?
  private var choice: ChoiceBuilder?
  /// Where the last fact written so far falls on the story's timeline: what "later" counts from.
  private var lastFactOrder: Int?

  private init(_ syntax: ScenarioSyntax) {
    path = syntax.path
    result = ParsedScenarioFile(path: syntax.path)
    result.syntax = syntax
    result.diagnostics = syntax.diagnostics
  }

  /// The file the tree was read from, lowered. Its diagnostics are the tree's and the lowering's
  /// together, in the order of the lines they are on (the parser's first on a line), as one
  /// reading of the file would find them.
  static func lower(_ syntax: ScenarioSyntax) -> ParsedScenarioFile {
    var lowering = ScenarioLowering(syntax)
    for line in syntax.lines { lowering.lower(line) }
    lowering.closePassage()
    var result = lowering.result
    result.diagnostics = result.diagnostics.enumerated()
      .sorted { ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset) }
      .map(\.element)
    return result
  }

  /// Where column `index` of `line` is (a static function, so that building a passage can say
  /// where its parts are while it is being changed).
  private static func at(_ path: String, _ line: SourceLine, _ index: Int) -> SourceLocation {
    SourceLocation(file: path, line: line.number, column: index + 1)
  }

  private mutating func error(
    _ code: DiagnosticCode, _ message: String, _ line: SourceLine, _ index: Int, length: Int = 1,
    suggestion: String? = nil
  ) {
    result.diagnostics.append(
      .error(code, message, at: Self.at(path, line, index), length: length, suggestion: suggestion))
  }

  /// The line's punctuation token written as `mark` (`|`, `}`, `->`), if it has one.
  private static func punctuation(_ mark: String, in line: SyntaxLine) -> SyntaxToken? {
    line.tokens.first { $0.kind == .punctuation && line.text(of: $0) == mark }
  }

  /// The text of the line's first token of `kind`, without blanks at either end; nil when it has
  /// none.
  private static func text(_ kind: SyntaxToken.Kind, in line: SyntaxLine) -> String? {
    line.first(kind).map { line.text(of: $0).trimmed }
  }

  /// The roles a `@role` or `@chair` line names; each is recorded as a reference too, for the
  /// check that it is declared.
  private mutating func referencedRoles(in line: SyntaxLine) -> [String] {
    line.tokens.filter { $0.kind == .roleID }.map { token in
      let role = line.text(of: token)
      result.roleReferences.append(RoleReference(role: role, location: Self.at(path, line.source, token.columns.lowerBound)))
      return role
    }
  }

  private mutating func lower(_ line: SyntaxLine) {
    let source = line.source
    if let expression = line.expression {
      result.nameReferences += expression.names
      result.roleReferences += expression.roles
      result.factReferences += expression.facts
    }
    switch line.kind {
    case .blank: passage?.paragraphBreak(at: Self.at(path, source, 0))
    case .comment, .rejected: return
    case .headerField(let key): lowerHeader(line, key: key)
    case .headerContinuation: continueHeader(source)
    case .declaration: lowerDeclaration(line)
    case .include:
      result.includes.append(IncludeDirective(path: line.firstText(.value), location: Self.at(path, source, source.indent)))
    case .passageStart: startPassage(line)
    case .prose:
      let start = line.first(.text)?.columns.lowerBound ?? source.indent
      passage?.prose.append(ProseLine(text: source.content, location: Self.at(path, source, start)))
    case .conditionalProse: lowerConditionalProse(line)
    case .directive(let name): lowerDirective(line, name)
    case .continuation(let name):
      if let directive = ScenarioParser.Continuable(rawValue: name) { continueDirective(directive, with: source.content) }
    case .choice: startChoice(line)
    case .choiceLine(let sign): lowerChoiceLine(line, sign: sign)
    case .choiceDirective(let name): lowerChoiceDirective(line, name)
    }
  }

  // MARK: Top level (header, declarations)

  private mutating func lowerHeader(_ line: SyntaxLine, key: String) {
    let source = line.source
    guard let colon = line.first(.punctuation) else { return }
    let valueIndex = source.columnAfterBlanks(from: colon.columns.upperBound, tabs: false)
    result.headerEntries.append(
      HeaderEntry(
        key: key, value: source.text(from: colon.columns.upperBound).trimmed,
        keyLocation: Self.at(path, source, source.indent), valueLocation: Self.at(path, source, valueIndex)))
  }

  /// Adds an indented line to the value of the header field above it, one space between; a value
  /// begun on the next line (`summary:` then an indented line) starts there.
  private mutating func continueHeader(_ source: SourceLine) {
    guard let index = result.headerEntries.indices.last else { return }
    let separator = result.headerEntries[index].value.isEmpty ? "" : " "
    let offset = result.headerEntries[index].value.count + separator.count
    result.headerEntries[index].value += separator + source.content.trimmed
    result.headerEntries[index].continuations.append(.init(offset: offset, location: Self.at(path, source, source.indent)))
  }

  /// A declaration: its name, its initial value and, for a counter, its range, as the parser
  /// read them; an initial value outside the range is reported and taken as the nearest bound.
  private mutating func lowerDeclaration(_ line: SyntaxLine) {
    let source = line.source
    guard let nameToken = line.first(.stateName) else { return }
    let kind: StateDeclaration.Kind = line.firstText(.keyword) == "flag" ? .flag : .counter
    let name = line.text(of: nameToken)
    var range = kind == .flag ? 0...1 : StateDeclaration.defaultCounterRange
    var initial: SyntaxToken?
    var rangeWord: SyntaxToken?
    for token in line.tokens {
      switch token.kind {
      case .keyword where line.text(of: token) == "in": rangeWord = token
      case .value where rangeWord == nil: initial = token
      case .value:
        let bounds = line.text(of: token).components(separatedBy: "..").compactMap { Int($0.trimmed) }
        if bounds.count == 2, bounds[0] <= bounds[1] { range = bounds[0]...bounds[1] }
      default: break
      }
    }
    var value = 0
    if let initial {
      let text = line.text(of: initial)
      value = kind == .flag ? (text == "true" ? 1 : 0) : Int(text) ?? 0
    }
    if !range.contains(value) {
      let column = (initial ?? rangeWord)?.columns.lowerBound ?? nameToken.columns.upperBound
      error(.badCondition, "'\(name)' starts at \(value), outside its range \(range.lowerBound)..\(range.upperBound)", source, column)
      // Declared all the same (starting at the nearest bound), so this one mistake is one error,
      // not one more for every line that uses the counter.
      value = min(max(value, range.lowerBound), range.upperBound)
    }
    result.declarations.append(
      StateDeclaration(
        name: name, kind: kind, initialValue: value, range: range, location: Self.at(path, source, nameToken.columns.lowerBound)))
  }

  // MARK: Passages

  private mutating func startPassage(_ line: SyntaxLine) {
    closePassage()
    let source = line.source
    // Where the id is; where it should be when there is none.
    let id = line.first(.passageID)?.columns.lowerBound
      ?? source.columnAfterBlanks(from: line.first(.keyword)?.columns.upperBound ?? source.indent)
    passage = PassageBuilder(id: line.firstText(.passageID), location: Self.at(path, source, id))
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

  /// `{condition} text`: a story line shown only when the condition holds (left out when the
  /// condition did not parse; the parser said why).
  private mutating func lowerConditionalProse(_ line: SyntaxLine) {
    let source = line.source
    guard let condition = line.expression?.condition, let close = Self.punctuation("}", in: line) else { return }
    let after = close.columns.upperBound
    let span = SourceSpan(start: Self.at(path, source, source.indent), length: after - source.indent)
    passage?.prose.append(
      ProseLine(
        text: source.text(from: after).trimmed, condition: condition,
        location: Self.at(path, source, line.first(.text)?.columns.lowerBound ?? after), conditionSpan: span))
  }

  private mutating func lowerDirective(_ line: SyntaxLine, _ name: String) {
    let source = line.source
    let afterKeyword = line.first(.keyword)?.columns.upperBound ?? source.indent
    switch name {
    case "fact":
      closeChoice()
      lowerFact(line)
    case "role":
      closeChoice()
      let roles = referencedRoles(in: line)
      passage?.roles += roles
    case "ending":
      closeChoice()
      lowerEnding(line, outcomeColumn: line.first(.outcome)?.columns.lowerBound ?? source.columnAfterBlanks(from: afterKeyword, tabs: false))
    case "why":
      closeChoice()
      passage?.rationalePrompt = Self.text(.text, in: line)
    case "keep-order":
      closeChoice()
      passage?.keepsWrittenOrder = true
    case "joint":
      closeChoice()
      passage?.isJoint = true
      passage?.jointLocation = Self.at(path, source, source.indent)
    case "chair":
      closeChoice()
      let chair = referencedRoles(in: line).first
      passage?.chair = chair
      passage?.chairLocation = Self.at(path, source, source.indent)
    case "lesson", "reflect":
      closeChoice()
      let text = Self.text(.text, in: line) ?? ""
      if name == "lesson" { passage?.lessons.append(text) } else { passage?.reflections.append(text) }
      passage?.endingOnlyLines.append((name, Self.at(path, source, source.indent)))
    default:
      break
    }
  }

  /// `@fact [#ID] [WHEN |] TEXT`: the fact, placed on the story's timeline, and its id declared.
  private mutating func lowerFact(_ line: SyntaxLine) {
    let source = line.source
    var factID: String?
    var idLocation: SourceLocation?
    if let idToken = line.first(.factID) {
      let id = line.text(of: idToken)
      factID = id
      idLocation = Self.at(path, source, idToken.columns.lowerBound)
      result.factDeclarations.append(FactReference(id: id, location: Self.at(path, source, idToken.columns.lowerBound)))
    }
    let bar = Self.punctuation("|", in: line)
    let whenToken = line.first(.when)
    let text = Self.text(.text, in: line)
    // `@fact #id` alone declares the id with no fact to show (the parser said what is missing).
    guard bar != nil || whenToken != nil || text != nil else { return }
    guard bar != nil, let whenToken else {
      passage?.facts.append(Fact(id: factID, when: nil, text: text ?? "", idLocation: idLocation))
      return
    }
    let when = line.text(of: whenToken).trimmed
    let order = placeOnTimeline(when, source, whenToken.columns.lowerBound)
    passage?.facts.append(
      Fact(
        id: factID, when: when, text: text ?? "", order: order, location: Self.at(path, source, whenToken.columns.lowerBound),
        idLocation: idLocation))
  }

  /// `@ending OUTCOME [| TITLE]`.
  private mutating func lowerEnding(_ line: SyntaxLine, outcomeColumn: Int) {
    let source = line.source
    let outcomeText = Self.text(.outcome, in: line) ?? ""
    let bar = Self.punctuation("|", in: line)
    let title = bar == nil ? nil : Self.text(.text, in: line) ?? ""
    guard let outcome = Outcome(rawValue: outcomeText) else {
      let suggestion = Suggestions.closest(to: outcomeText, among: Outcome.allCases.map(\.rawValue))
      error(
        .badOutcome,
        "'\(outcomeText)' is not an outcome class; write '@ending safe|partly-safe|unsafe | Title', e.g. '@ending unsafe | The boat not rocked'",
        source, outcomeColumn, length: max(1, outcomeText.count), suggestion: suggestion)
      // Still an ending (of the class it most resembles), so the passage's lessons and its lack
      // of choices are not reported as mistakes of their own.
      passage?.ending = Ending(outcome: suggestion.flatMap(Outcome.init(rawValue:)) ?? .unsafe, title: title)
      return
    }
    if let title, title.isEmpty, let bar {
      error(.badOutcome, "the ending's title after '|' is empty; name the ending in a few words or drop the '|'", source, bar.columns.lowerBound)
      passage?.ending = Ending(outcome: outcome, title: nil)
      return
    }
    passage?.ending = Ending(outcome: outcome, title: title)
  }

  /// Where a fact's WHEN falls on the story's timeline (``StoryTime/place(_:after:)``: the fact
  /// written before it in the file is what "later" counts from). A WHEN the grammar cannot read is
  /// warned about, at the part it could not read, with the place it takes instead written out for
  /// the author to keep or change in brackets.
  private mutating func placeOnTimeline(_ when: String, _ line: SourceLine, _ start: Int) -> Int {
    let placed = StoryTime.place(when, after: &lastFactOrder)
    guard let part = placed.unreadable else { return placed.point }
    let column = line.column(of: part, from: start)
    let hint = "[\(StoryTime.written(placed.point))]"
    result.diagnostics.append(
      .warning(
        .unorderedFact,
        StoryTime.label(when) != when
          ? "'\(part)' in brackets is not a time the case file can order; write one such as 'Fri 18:30', '4 weeks ago, Sat' or 'Two days later'"
          : "'\(part)' is not a time the case file can order, so it lists this fact with the one before it (\(StoryTime.written(placed.point))); write a time such as 'Fri 18:30' or '4 weeks ago', or keep the label and add its place in brackets: '\(when) \(hint)'",
        at: Self.at(path, line, column ?? min(start, line.characters.count)), length: column == nil ? 1 : max(1, part.count)))
    return placed.point
  }

  /// Adds an indented line's text to the directive above it, one space between.
  private mutating func continueDirective(_ directive: ScenarioParser.Continuable, with content: String) {
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
  }

  // MARK: Choices

  /// `* [{condition}] TEXT -> TARGET`: the lines under it are lowered into it until the next.
  private mutating func startChoice(_ line: SyntaxLine) {
    closeChoice()
    let source = line.source
    var conditionSpan: SourceSpan?
    // Where the words start (or would): after the condition, if there is one.
    var words = source.columnAfterBlanks(from: source.indent + 1)
    if let open = Self.punctuation("{", in: line), let close = Self.punctuation("}", in: line) {
      conditionSpan = SourceSpan(start: Self.at(path, source, open.columns.lowerBound), length: close.columns.upperBound - open.columns.lowerBound)
      words = source.columnAfterBlanks(from: close.columns.upperBound)
    }
    let text = Self.text(.text, in: line) ?? ""
    var target = ""
    var targetLocation = Self.at(path, source, words)
    if let arrow = Self.punctuation("->", in: line) {
      target = Self.text(.target, in: line) ?? ""
      let column = line.first(.target)?.columns.lowerBound ?? source.columnAfterBlanks(from: arrow.columns.upperBound)
      targetLocation = Self.at(path, source, column)
    }
    choice = ChoiceBuilder(
      text: text, target: target, targetLocation: targetLocation, condition: line.expression?.condition,
      location: Self.at(path, source, source.indent))
    choice?.conditionSpan = conditionSpan
  }

  private mutating func lowerChoiceLine(_ line: SyntaxLine, sign: Character) {
    let source = line.source
    switch sign {
    case "+", "-":
      guard let id = line.first(.guidanceID), let points = Int(line.firstText(.weight)) else { return }
      let explanation = Self.text(.text, in: line).flatMap { $0.isEmpty ? nil : $0 }
      choice?.scores.append(
        ScoreWeight(
          guidanceID: line.text(of: id), points: (sign == "+" ? 1 : -1) * points, explanation: explanation,
          location: Self.at(path, source, id.columns.lowerBound)))
    case ">":
      if let feedback = Self.text(.text, in: line), !feedback.isEmpty { choice?.feedback.append(feedback) }
    case "?":
      choice?.rationalePrompt = Self.text(.text, in: line)
    case "!":
      let reason = Self.text(.text, in: line).flatMap { $0.isEmpty ? nil : $0 }
      choice?.critical = CriticalMark(reason: reason, location: Self.at(path, source, source.indent))
    case "~":
      if let effect = line.expression?.effect { choice?.effects.append(effect) }
    default:
      break
    }
  }

  private mutating func lowerChoiceDirective(_ line: SyntaxLine, _ name: String) {
    let source = line.source
    switch name {
    case "if":
      guard let condition = line.expression?.condition, let written = line.first(.condition) else { return }
      if choice?.conditionSpan == nil {
        choice?.conditionSpan = SourceSpan(start: Self.at(path, source, source.indent), length: written.columns.upperBound - source.indent)
      }
      if let existing = choice?.condition {
        choice?.condition = .and(existing, condition)
      } else {
        choice?.condition = condition
      }
    case "role":
      let roles = referencedRoles(in: line)
      choice?.roles += roles
    default:
      break
    }
  }
}

/// Collects a passage while its lines are lowered.
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

  init(text: String, target: String, targetLocation: SourceLocation, condition: Condition?, location: SourceLocation) {
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
