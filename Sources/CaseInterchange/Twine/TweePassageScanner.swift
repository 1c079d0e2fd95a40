import CaseAuthoring
import CaseFormat
import Foundation

/// Reads one passage's content and separates what a `.case` file can carry (prose, `[[links]]`,
/// authors' comments) from what it cannot (story-format code, HTML).
///
/// Macros are never executed. Each is dropped with a `twee-macro-dropped` warning at its line and
/// column; the text of any hook or block it controls is kept, because losing a trainer's words is
/// worse than showing a sentence that Twine showed only sometimes, and the warning says which.
/// The one exception is the simplest change of state, `(set: $flag to true)` and its SugarCube and
/// Chapbook equivalents, which are handed back as assignments for the importer to turn into flags.
///
/// The scanner works on the passage as one array of characters so that code spanning lines
/// (a multi-line hook, a `/* */` comment) is handled, and every search for a closing delimiter is
/// cached, so hostile input (thousands of unclosed `[[` or `/*`) costs linear time.
struct TweePassageScanner {
  /// Longest macro or tag the scanner will match; longer "macros" are treated as prose.
  static let maximumCodeLength = 4000

  private let path: String
  private let format: TweeStoryFormat
  private var chars: [Character] = []
  private var lineOf: [Int] = []
  private var columnOf: [Int] = []
  private var result = TweeScanResult()
  /// Open Harlowe hooks (`true` when the hook's text shows only under a condition or a click) and
  /// plain square brackets inside them (`nil`).
  private var hooks: [Bool?] = []
  /// Open SugarCube container macros: name, and whether their contents run only conditionally.
  private var containers: [(name: String, conditional: Bool)] = []
  private var delimiterCache: [String: (from: Int, found: Int?)] = [:]
  /// Characters the macro matcher may still examine. Matching a macro is a bounded forward scan;
  /// the budget keeps a passage of thousands of unclosed `(a:` linear in time, and is far more
  /// than any real passage needs.
  private var scanBudget = 0
  /// HTML removed, by line: the first column and the tags, for one warning per line.
  private var htmlByLine: [Int: (column: Int, tags: [String])] = [:]

  private init(path: String, format: TweeStoryFormat) {
    self.path = path
    self.format = format
  }

  /// Scans the content `lines` of one passage.
  static func scan(_ lines: [TweeLine], path: String, format: TweeStoryFormat) -> TweeScanResult {
    var scanner = TweePassageScanner(path: path, format: format)
    var body = lines[...]
    if format.hasChapbookMarkup, let afterVars = scanner.readChapbookVars(lines) {
      body = lines[afterVars...]
    }
    for (offset, line) in body.enumerated() {
      if offset > 0 {
        scanner.chars.append("\n")
        scanner.lineOf.append(line.number - 1)
        scanner.columnOf.append((scanner.columnOf.last ?? 0) + 1)
      }
      for (index, character) in line.characters.enumerated() {
        scanner.chars.append(character)
        scanner.lineOf.append(line.number)
        scanner.columnOf.append(index + 1)
      }
    }
    scanner.scanBudget = 1_000_000 + 8 * scanner.chars.count
    scanner.run()
    return scanner.result
  }

  // MARK: Positions and messages

  private func location(_ index: Int) -> SourceLocation {
    guard index < chars.count else {
      return SourceLocation(file: path, line: lineOf.last ?? 1, column: (columnOf.last ?? 0) + 1)
    }
    return SourceLocation(file: path, line: lineOf[index], column: columnOf[index])
  }

  /// How many characters of `start..<end` lie on the start's line (for the caret).
  private func lengthOnLine(_ start: Int, _ end: Int) -> Int {
    var count = 0
    var i = start
    while i < end, i < chars.count, chars[i] != "\n" {
      count += 1
      i += 1
    }
    return max(1, count)
  }

  /// The code as a short one-line excerpt for a message.
  private func excerpt(_ start: Int, _ end: Int) -> String {
    TweeText.excerpt(String(chars[start..<min(end, chars.count)]))
  }

  private mutating func warnDropped(_ kind: String, _ start: Int, _ end: Int, _ details: [String]) {
    var message = "\(kind) '\(excerpt(start, end))' was dropped: CaseSim does not run story-format code"
    if !details.isEmpty { message += "; " + details.joined(separator: "; ") }
    result.diagnostics.append(
      .warning(.tweeMacroDropped, message, at: location(start), length: lengthOnLine(start, end)))
  }

  private mutating func markUnfaithful(_ variables: [String], at index: Int) {
    for variable in variables where result.unfaithful[variable] == nil {
      result.unfaithful[variable] = location(index)
    }
  }

  private var inConditionalContext: Bool {
    hooks.contains { $0 == true } || containers.contains { $0.conditional }
  }

  // MARK: Searching

  private func matches(_ pattern: [Character], at index: Int, caseInsensitive: Bool = false) -> Bool {
    guard index + pattern.count <= chars.count else { return false }
    for (offset, p) in pattern.enumerated() {
      let c = chars[index + offset]
      if caseInsensitive ? c.lowercased() != p.lowercased() : c != p { return false }
    }
    return true
  }

  /// The index of the first `pattern` at or after `from`. Results are cached per pattern: a
  /// search that failed from one place fails from every later place, and one that found an
  /// occurrence finds the same one from anywhere before it.
  private mutating func find(_ pattern: String, from: Int, caseInsensitive: Bool = false) -> Int? {
    let key = caseInsensitive ? "i:" + pattern : "s:" + pattern
    if let cached = delimiterCache[key], cached.from <= from {
      guard let found = cached.found else { return nil }
      if found >= from { return found }
    }
    let characters = Array(pattern)
    var i = from
    var found: Int?
    while i + characters.count <= chars.count {
      if matches(characters, at: i, caseInsensitive: caseInsensitive) {
        found = i
        break
      }
      i += 1
    }
    delimiterCache[key] = (from, found)
    return found
  }

  /// The index of the end of the line holding `index` (a newline or the end of the passage).
  private mutating func endOfLine(_ index: Int) -> Int {
    find("\n", from: index) ?? chars.count
  }

  // MARK: The scan

  private mutating func run() {
    var i = 0
    var atLineStart = true
    while i < chars.count {
      let c = chars[i]
      if c == "\n" {
        result.tokens.append(.lineBreak)
        atLineStart = true
        i += 1
        continue
      }
      if atLineStart, format.hasChapbookMarkup, let next = chapbookModifier(at: i) {
        atLineStart = false
        i = next
        continue
      }
      atLineStart = false
      let next = chars.count > i + 1 ? chars[i + 1] : nil
      var handled: Int?
      switch c {
      case "/":
        if next == "*", format.hasBlockComments { handled = comment(at: i, close: "*/") }
        if next == "%", format.hasSugarCubeMacros { handled = comment(at: i, close: "%/") }
      case "<":
        if matches(Array("<!--"), at: i) {
          handled = comment(at: i, close: "-->")
        } else if next == "<", format.hasSugarCubeMacros {
          handled = sugarCubeMacro(at: i)
        } else if next == "%", format.hasSnowmanTemplates {
          handled = snowmanTemplate(at: i)
        } else if let next, next.isLetter || next == "/" {
          handled = htmlTag(at: i)
        }
      case "[":
        if next == "[" {
          handled = link(at: i)
        } else if format.hasSugarCubeMacros, matches(Array("[img["), at: i, caseInsensitive: true) {
          handled = image(at: i)
        } else if !hooks.isEmpty {
          hooks.append(nil)
        }
      case "]":
        if let open = hooks.popLast(), open != nil {
          handled = i + 1
        }
      case "(":
        if format.hasHarloweMacros { handled = harloweMacro(at: i) }
      case "{", "}":
        if format.hasChapbookMarkup, c == "{" {
          handled = chapbookInsert(at: i)
        } else if format == .harlowe {
          // Harlowe's collapsing-whitespace markup: layout only, nothing to carry.
          handled = i + 1
        }
      case "$":
        if format.printsNakedVariables { nakedVariable(at: i) }
      default:
        break
      }
      if let handled {
        i = handled
      } else {
        result.tokens.append(.text(c, line: lineOf[i], column: columnOf[i]))
        i += 1
      }
    }
    for (line, found) in htmlByLine.sorted(by: { $0.key < $1.key }) {
      let tags = found.tags.prefix(4).map { "<\($0)>" }.joined(separator: ", ")
      let more = found.tags.count > 4 ? " and \(found.tags.count - 4) more" : ""
      result.diagnostics.append(
        .warning(
          .tweeHTMLStripped,
          "HTML removed from the prose (\(tags)\(more)); a .case file is plain text, so re-add any emphasis in words",
          at: SourceLocation(file: path, line: line, column: found.column)))
    }
  }

  // MARK: Comments

  private mutating func comment(at i: Int, close: String) -> Int? {
    let openLength = close == "-->" ? 4 : 2
    guard let end = find(close, from: i + openLength) else { return nil }
    let inner = String(chars[(i + openLength)..<end])
    result.tokens.append(.comment(inner))
    return end + close.count
  }

  // MARK: Links

  private mutating func link(at i: Int) -> Int? {
    var run = i
    while run < chars.count, chars[run] == "[" { run += 1 }
    let start = run - 2
    // Extra brackets before a link open a Harlowe hook or are plain text.
    for extra in i..<start {
      if !hooks.isEmpty { hooks.append(nil) }
      result.tokens.append(.text("[", line: lineOf[extra], column: columnOf[extra]))
    }
    let lineEnd = endOfLine(start)
    guard let close = find("]]", from: start + 2), close < lineEnd else {
      result.diagnostics.append(
        .warning(
          .tweeBadLink, "this '[[' link is not closed with ']]' on the same line; it was kept as text",
          at: location(start), length: 2))
      result.tokens.append(.text("[", line: lineOf[start], column: columnOf[start]))
      result.tokens.append(.text("[", line: lineOf[start + 1], column: columnOf[start + 1]))
      return start + 2
    }
    let content = String(chars[(start + 2)..<close])
    result.tokens.append(
      .link(TweeLinkToken(link: TweeLink(content: content), location: location(start), length: close + 2 - start)))
    return close + 2
  }

  /// `[[links]]` written inside dropped code (SugarCube's `<<link [[Go|There]]>>`): Twine's story
  /// map draws them, so they stay choices. Returns how many were found.
  private mutating func linksInside(_ start: Int, _ end: Int) -> Int {
    var count = 0
    var i = start
    while i + 1 < end {
      if chars[i] == "[", chars[i + 1] == "[" {
        var run = i
        while run < end, chars[run] == "[" { run += 1 }
        let open = run - 2
        var close = open + 2
        while close + 1 < end, !(chars[close] == "]" && chars[close + 1] == "]") { close += 1 }
        guard close + 1 < end else { break }
        let content = String(chars[(open + 2)..<close])
        result.tokens.append(
          .link(TweeLinkToken(link: TweeLink(content: content), location: location(open), length: close + 2 - open)))
        count += 1
        i = close + 2
      } else {
        i += 1
      }
    }
    return count
  }

  private mutating func image(at i: Int) -> Int? {
    let lineEnd = endOfLine(i)
    guard let close = find("]]", from: i + 5), close < lineEnd else { return nil }
    recordHTML("img", at: i)
    return close + 2
  }

  // MARK: Harlowe

  /// Changers whose hook always shows: the hook is layout, not a condition.
  private static let layoutChangers: Set<String> = [
    "nobr", "collapse", "css", "textstyle", "font", "align", "textcolour", "textcolor", "colour",
    "color", "box", "textsize", "textindent", "verbatim", "bg", "background",
  ]
  private static let harloweNavigation: Set<String> = [
    "linkgoto", "goto", "clickgoto", "linkrevealgoto", "redirect", "linkundo", "undo", "gotoback",
    "linkreveal", "linkrerun", "linkreplace", "link", "click", "clickreplace", "clickappend",
    "clickprepend", "cycling", "cyclinglink", "seqlink", "dropdown",
  ]

  private mutating func harloweMacro(at i: Int) -> Int? {
    var j = i + 1
    if j < chars.count, chars[j] == "$" || chars[j] == "_" { j += 1 }
    let nameStart = j
    guard j < chars.count, chars[j].isASCII, chars[j].isLetter else { return nil }
    while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "-" || chars[j] == "_" {
      j += 1
    }
    guard j < chars.count, chars[j] == ":" else { return nil }
    let name = String(chars[nameStart..<j]).lowercased().filter { $0 != "-" && $0 != "_" }
    let argumentsStart = j + 1
    var depth = 1
    var quote: Character?
    var k = argumentsStart
    var end: Int?
    while k < chars.count, k - i < Self.maximumCodeLength, scanBudget > 0 {
      scanBudget -= 1
      let c = chars[k]
      if let open = quote {
        if c == "\\" { k += 1 } else if c == open { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if c == "(" {
        depth += 1
      } else if c == ")" {
        depth -= 1
        if depth == 0 {
          end = k + 1
          break
        }
      }
      k += 1
    }
    guard let end else { return nil }
    let arguments = String(chars[argumentsStart..<(end - 1)])
    var details: [String] = []

    // Is a hook attached? `(if: $x)[text]` yes; `(if: $x)[[link]]` is a macro then a link.
    var bracketRun = 0
    while end + bracketRun < chars.count, chars[end + bracketRun] == "[" { bracketRun += 1 }
    let hasHook = bracketRun == 1 || bracketRun >= 3
    let conditionalHook = hasHook && !Self.layoutChangers.contains(name)

    switch name {
    case "set":
      if let assignments = TweeAssignment.parseList(arguments, location: location(i), code: excerpt(i, end)) {
        if !inConditionalContext {
          result.assignments += assignments
          return afterMacro(end, hook: hasHook, conditional: conditionalHook)
        }
        details.append("it only runs under a condition or after a click, so it cannot become a plain flag change")
        markUnfaithful(assignments.map(\.variable), at: i)
      } else {
        details.append("only '(set: $name to true)' or 'to false' can become a CaseSim flag")
        markUnfaithful(TweeAssignment.variablesMentioned(in: arguments), at: i)
      }
    case "put", "move", "unset":
      markUnfaithful(TweeAssignment.variablesMentioned(in: arguments), at: i)
    case "display":
      details.append("it showed another passage's text here; copy that text in if trainees need it")
    default:
      if Self.harloweNavigation.contains(name) {
        details.append("it leads to another passage, so add a choice by hand if trainees need that path")
      }
    }
    let links = linksInside(i, end)
    if links > 0 { details.append("the [[link]] inside it is kept as a choice") }
    if hasHook {
      details.append(conditionalHook ? "the text of its hook is kept and always shown" : "the text of its hook is kept")
    }
    warnDropped("Harlowe macro", i, end, details)
    return afterMacro(end, hook: hasHook, conditional: conditionalHook)
  }

  private mutating func afterMacro(_ end: Int, hook: Bool, conditional: Bool) -> Int {
    guard hook else { return end }
    hooks.append(conditional)
    return end + 1
  }

  // MARK: SugarCube

  private static let sugarCubeContainers: Set<String> = [
    "if", "for", "switch", "link", "button", "linkappend", "linkprepend", "linkreplace", "append",
    "prepend", "replace", "repeat", "timed", "silently", "nobr", "capture", "type", "widget",
    "cycle", "listbox", "done", "createplaylist", "createaudiogroup", "actions", "choice",
  ]
  private static let sugarCubeLayout: Set<String> = ["nobr", "silently", "type", "capture"]
  private static let sugarCubeNavigation: Set<String> = [
    "goto", "link", "button", "back", "return", "actions", "choice", "click", "linkreplace",
    "linkappend", "linkprepend",
  ]

  private mutating func sugarCubeMacro(at i: Int) -> Int? {
    var j = i + 2
    let closing = j < chars.count && chars[j] == "/"
    if closing { j += 1 }
    let nameStart = j
    if j < chars.count, chars[j] == "=" || chars[j] == "-" {
      j += 1
    } else {
      guard j < chars.count, chars[j].isASCII, chars[j].isLetter else { return nil }
      while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "-" || chars[j] == "_" {
        j += 1
      }
    }
    let name = String(chars[nameStart..<j]).lowercased()
    guard let close = find(">>", from: j), close - i < Self.maximumCodeLength else { return nil }
    let end = close + 2
    if closing {
      if let open = containers.lastIndex(where: { $0.name == name }) {
        containers.removeSubrange(open...)
      }
      return end
    }
    let arguments = String(chars[j..<close])
    var details: [String] = []
    switch name {
    case "script":
      let blockEnd = find("<</script>>", from: end).map { $0 + "<</script>>".count } ?? chars.count
      markUnfaithful(TweeText.scriptVariables(String(chars[i..<blockEnd])), at: i)
      warnDropped("SugarCube macro", i, end, ["the JavaScript inside it was dropped too"])
      return blockEnd
    case "set":
      if let assignments = TweeAssignment.parseList(arguments, location: location(i), code: excerpt(i, end)) {
        if !inConditionalContext {
          result.assignments += assignments
          return end
        }
        details.append("it only runs under a condition or after a click, so it cannot become a plain flag change")
        markUnfaithful(assignments.map(\.variable), at: i)
      } else {
        details.append("only '<<set $name to true>>' or 'to false' can become a CaseSim flag")
        markUnfaithful(TweeAssignment.variablesMentioned(in: arguments), at: i)
      }
    case "unset", "run", "capture", "temporary":
      markUnfaithful(TweeText.scriptVariables(arguments), at: i)
    case "else", "elseif", "case", "default":
      details.append("the text after it is kept and always shown")
    case "include", "display":
      details.append("it showed another passage's text here; copy that text in if trainees need it")
    default:
      if Self.sugarCubeNavigation.contains(name) {
        details.append("it leads to another passage, so add a choice by hand if trainees need that path")
      }
    }
    let links = linksInside(i, end)
    if links > 0 { details.append("the [[link]] inside it is kept as a choice") }
    if Self.sugarCubeContainers.contains(name) {
      let conditional = !Self.sugarCubeLayout.contains(name)
      containers.append((name, conditional))
      if conditional { details.append("the text inside it is kept and always shown") }
    }
    warnDropped("SugarCube macro", i, end, details)
    return end
  }

  // MARK: Chapbook and Snowman

  /// Reads a Chapbook vars section (lines before a `--` line at the top of the passage) and
  /// returns the index of the first line after it, or nil when the passage has none.
  private mutating func readChapbookVars(_ lines: [TweeLine]) -> Int? {
    guard let separator = lines.firstIndex(where: { String($0.characters).trimmingCharacters(in: .whitespaces) == "--" })
    else { return nil }
    let varsLines = lines[..<separator].filter { !$0.isBlank }
    let looksLikeVars = varsLines.allSatisfy { line in
      let text = String(line.characters)
      guard let colon = text.firstIndex(of: ":") else { return false }
      let key = text[..<colon].trimmingCharacters(in: .whitespaces)
      guard let first = key.first, first.isLetter || first == "_" || first == "$" else { return false }
      return key.allSatisfy { $0.isLetter || $0.isNumber || "_.$ ()<>=!&|'\"-".contains($0) }
    }
    guard looksLikeVars else { return nil }
    for line in varsLines {
      let text = String(line.characters)
      let at = SourceLocation(file: path, line: line.number, column: 1)
      if let assignment = TweeAssignment.parseChapbookVariable(text, location: at) {
        result.assignments.append(assignment)
        continue
      }
      let key = String(text.prefix { $0 != ":" && $0 != "(" }).trimmingCharacters(in: .whitespaces)
      if TweeAssignment.isVariableName(Substring(key)), result.unfaithful[key] == nil {
        result.unfaithful[key] = at
      }
      result.diagnostics.append(
        .warning(
          .tweeMacroDropped,
          "Chapbook variable '\(TweeText.excerpt(text))' was dropped: CaseSim does not run story-format code; only 'name: true' or 'name: false' can become a CaseSim flag",
          at: at, length: max(1, line.characters.count)))
    }
    return separator + 1
  }

  /// A Chapbook modifier line such as `[if metAmy]` or `[continue]`: dropped, text after kept.
  private mutating func chapbookModifier(at i: Int) -> Int? {
    let end = endOfLine(i)
    let text = String(chars[i..<end]).trimmingCharacters(in: .whitespaces)
    guard text.count >= 3, text.first == "[", text.last == "]", !text.hasPrefix("[["),
      !text.dropFirst().dropLast().contains(where: { $0 == "[" || $0 == "]" })
    else { return nil }
    let start = chars[i..<end].firstIndex(of: "[") ?? i
    warnDropped("Chapbook modifier", start, end, ["the text after it is kept and always shown"])
    return end
  }

  private mutating func chapbookInsert(at i: Int) -> Int? {
    let lineEnd = endOfLine(i)
    guard let close = find("}", from: i + 1), close < lineEnd, close > i + 1, close - i < Self.maximumCodeLength else {
      return nil
    }
    let links = linksInside(i, close + 1)
    warnDropped("Chapbook insert", i, close + 1, links > 0 ? ["the [[link]] inside it is kept as a choice"] : [])
    return close + 1
  }

  private mutating func snowmanTemplate(at i: Int) -> Int? {
    guard let close = find("%>", from: i + 2), close - i < Self.maximumCodeLength else { return nil }
    warnDropped("Snowman template", i, close + 2, [])
    return close + 2
  }

  // MARK: HTML and variables

  private static let knownTags: Set<String> = [
    "a", "abbr", "article", "aside", "audio", "b", "big", "blockquote", "br", "button", "canvas",
    "center", "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "iframe", "img", "input", "ins", "kbd", "label", "li", "main", "mark", "meter", "nav", "ol",
    "option", "p", "pre", "progress", "q", "s", "samp", "script", "section", "select", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "video", "wbr",
  ]
  private static let blockTags: Set<String> = [
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
    "hr", "section", "article", "header", "footer", "pre", "dl", "dt", "dd", "center",
  ]

  private mutating func recordHTML(_ tag: String, at i: Int) {
    let line = lineOf[i]
    if var found = htmlByLine[line] {
      if !found.tags.contains(tag) { found.tags.append(tag) }
      htmlByLine[line] = found
    } else {
      htmlByLine[line] = (columnOf[i], [tag])
    }
  }

  private mutating func htmlTag(at i: Int) -> Int? {
    var j = i + 1
    let closing = chars[j] == "/"
    if closing { j += 1 }
    let nameStart = j
    while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "-" { j += 1 }
    guard j > nameStart, j < chars.count, chars[j] == ">" || chars[j] == " " || chars[j] == "/" || chars[j] == "\t" else {
      return nil
    }
    let name = String(chars[nameStart..<j]).lowercased()
    guard Self.knownTags.contains(name) || name.contains("-") else { return nil }
    guard let close = find(">", from: j), close < endOfLine(i), close - i < Self.maximumCodeLength else {
      return nil
    }
    let end = close + 1
    if (name == "script" || name == "style"), !closing {
      let closeTag = "</" + name
      let blockEnd: Int
      if let close = find(closeTag, from: end, caseInsensitive: true) {
        blockEnd = (find(">", from: close).map { $0 + 1 }) ?? chars.count
      } else {
        blockEnd = chars.count
      }
      if name == "script" { markUnfaithful(TweeText.scriptVariables(String(chars[end..<blockEnd])), at: i) }
      result.diagnostics.append(
        .warning(
          .tweeHTMLStripped,
          "a <\(name)> element was removed with everything inside it; CaseSim does not run scripts or styles",
          at: location(i), length: lengthOnLine(i, end)))
      return blockEnd
    }
    if name == "br" {
      result.tokens.append(.lineBreak)
      return end
    }
    if Self.blockTags.contains(name) { result.tokens.append(.lineBreak) }
    recordHTML(closing ? "/" + name : name, at: i)
    return end
  }

  private mutating func nakedVariable(at i: Int) {
    guard i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isLetter || chars[i + 1] == "_" else { return }
    if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber { return }
    var j = i + 1
    while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
    let name = String(chars[i..<j])
    result.diagnostics.append(
      .warning(
        .tweeVariableShown,
        "'\(TweeText.excerpt(name))' prints a story variable in Twine; CaseSim shows it as written, so reword this sentence",
        at: location(i), length: j - i))
  }
}
