import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The syntax tree the parser keeps of every file: every line classified once, with its tokens
/// and their columns, comments and blank lines kept, passage and choice nodes over the lines.
@Suite("The syntax tree")
struct SyntaxTreeTests {
  static let sample = """
    // a comment at the top
    id: sample
    title: A sample
    summary: Every kind of line,
      over two lines.
    roles: social-worker, police
    minutes: 5
    content-note: None.
    reviews: A review (2020)
    guides: practice-lessons
    modes: practice
    start: begin

    flag met-amy
    counter trust = 1 in 0..3

    == begin
    @role social-worker, police
    @fact Fri 16:40 | A fact,
      going on.
    @why What made you decide?
    First prose line.

    {trust >= 2} Conditional prose.
    * {met-amy} Ask Amy -> finish
      // under the choice
      + see-child-alone 2: Saw her.
      > Feedback.
      ! critical: Why.
      ? Prompt?
      ~ trust += 1
      @if role == police
      @role police
    * Leave -> finish
      - see-child-alone 1
    == finish
    @ending unsafe | Not seen
    Done.
    @lesson A lesson.

    """

  static func parsed(_ text: String = sample, path: String = "sample.case") -> ParsedScenarioFile {
    ScenarioParser.parse(text, path: path)
  }

  /// The line that starts with `prefix` (after its indentation).
  static func line(_ syntax: ScenarioSyntax, _ prefix: String) throws -> SyntaxLine {
    try #require(syntax.lines.first { $0.source.content.hasPrefix(prefix) }, "no line starts with \(prefix)")
  }

  /// The line's tokens as (kind, text) pairs.
  static func tokens(_ line: SyntaxLine) -> [String] {
    line.tokens.map { "\($0.kind):\(line.text(of: $0))" }
  }

  @Test("the tree gives back the file exactly, line breaks included, whatever they are")
  func lossless() throws {
    let texts = [
      Self.sample, Self.sample.replacingOccurrences(of: "\n", with: "\r\n"),
      "no line break at the end", "a\rb\r\nc\n\n", "",
    ]
    for text in texts {
      let syntax = Self.parsed(text).syntax
      #expect(syntax.text == text)
      let rebuilt = zip(syntax.lines, syntax.lineBreaks).map { $0.source.text + $1 }.joined()
      #expect(rebuilt == text, "the lines and the breaks between them are the file")
    }
  }

  @Test("every line of the sample is classified, by the parser's own reading")
  func kinds() {
    let syntax = Self.parsed().syntax
    let kinds = syntax.lines.map(\.kind)
    let expected: [SyntaxLine.Kind] = [
      .comment, .headerField("id"), .headerField("title"), .headerField("summary"), .headerContinuation("summary"),
      .headerField("roles"), .headerField("minutes"), .headerField("content-note"), .headerField("reviews"),
      .headerField("guides"), .headerField("modes"), .headerField("start"), .blank,
      .declaration, .declaration, .blank,
      .passageStart, .directive("role"), .directive("fact"), .continuation("fact"), .directive("why"), .prose, .blank,
      .conditionalProse, .choice, .comment, .choiceLine("+"), .choiceLine(">"), .choiceLine("!"), .choiceLine("?"),
      .choiceLine("~"), .choiceDirective("if"), .choiceDirective("role"), .choice, .choiceLine("-"),
      .passageStart, .directive("ending"), .prose, .directive("lesson"),
    ]
    #expect(kinds == expected)
  }

  @Test("tokens name each part of a line with its exact columns")
  func tokenColumns() throws {
    let syntax = Self.parsed().syntax
    #expect(
      Self.tokens(try Self.line(syntax, "* {met-amy}")) == [
        "keyword:*", "punctuation:{", "condition:met-amy", "stateName:met-amy", "punctuation:}", "text:Ask Amy",
        "punctuation:->", "target:finish",
      ])
    #expect(
      Self.tokens(try Self.line(syntax, "+ see-child-alone 2"))
        == ["keyword:+", "guidanceID:see-child-alone", "weight:2", "punctuation::", "text:Saw her."])
    #expect(
      Self.tokens(try Self.line(syntax, "! critical"))
        == ["keyword:!", "keyword:critical", "punctuation::", "text:Why."])
    #expect(Self.tokens(try Self.line(syntax, "~ trust")) == ["keyword:~", "effect:trust += 1", "stateName:trust"])
    #expect(
      Self.tokens(try Self.line(syntax, "@if role"))
        == ["keyword:@if", "condition:role == police", "roleID:police"])
    #expect(
      Self.tokens(try Self.line(syntax, "@fact"))
        == ["keyword:@fact", "when:Fri 16:40", "punctuation:|", "text:A fact,"])
    #expect(
      Self.tokens(try Self.line(syntax, "@ending"))
        == ["keyword:@ending", "outcome:unsafe", "punctuation:|", "text:Not seen"])
    #expect(
      Self.tokens(try Self.line(syntax, "roles:"))
        == ["keyword:roles", "punctuation::", "roleID:social-worker", "punctuation:,", "roleID:police"])
    #expect(Self.tokens(try Self.line(syntax, "start:")) == ["keyword:start", "punctuation::", "target:begin"])
    #expect(
      Self.tokens(try Self.line(syntax, "counter"))
        == ["keyword:counter", "stateName:trust", "punctuation:=", "value:1", "keyword:in", "value:0..3"])
    #expect(Self.tokens(try Self.line(syntax, "== begin")) == ["keyword:==", "passageID:begin"])
    #expect(
      Self.tokens(try Self.line(syntax, "{trust"))
        == ["punctuation:{", "condition:trust >= 2", "stateName:trust", "punctuation:}", "text:Conditional prose."])
    // Columns count characters, as editors do, also after a character of several bytes.
    let wide = Self.parsed(Fixtures.header() + "== start\n* Café → ok -> start\n").syntax
    let choice = try Self.line(wide, "* Café")
    let target = try #require(choice.first(.target))
    #expect(target.columns == 15..<20)
    #expect(choice.text(of: target) == "start")
  }

  @Test("passage and choice nodes hold their lines; a comment indented under a choice is the choice's")
  func nodes() throws {
    let syntax = Self.parsed().syntax
    #expect(syntax.passages.count == 2)
    let begin = syntax.passages[0]
    #expect(syntax.lines[begin.head].kind == .passageStart)
    #expect(begin.choices.count == 2)
    #expect(begin.choices[0].lines.map { syntax.lines[$0].kind }.first == .comment)
    #expect(begin.choices[0].lines.count == 8)
    #expect(begin.choices[1].lines.map { syntax.lines[$0].kind } == [.choiceLine("-")])
    #expect(begin.body.upperBound == syntax.passages[1].head, "a passage ends where the next begins")
    #expect(syntax.passages[1].body.upperBound == syntax.lines.count)
    #expect(syntax.top == 0..<begin.head)
    #expect(syntax.commentsUnderChoices == [begin.choices[0].lines[0]])
  }

  @Test("a line the parser rejects is kept in the tree as rejected, and the rest still read")
  func rejectedLines() throws {
    let text = Fixtures.header() + "== start\n* Go -> start\n  +be-open 1\n  @roles police\n@nonsense\nText.\n"
    let syntax = Self.parsed(text).syntax
    #expect(try Self.line(syntax, "+be-open").kind == .rejected)
    #expect(try Self.line(syntax, "@roles").kind == .rejected)
    #expect(try Self.line(syntax, "@nonsense").kind == .rejected)
    #expect(try Self.line(syntax, "Text.").kind == .prose)
    #expect(syntax.text == text)
  }

  @Test("every line of every shipped file is read as part of its scenario, and the nodes match the model")
  func shippedFilesAreClassified() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.scenariosDirectory)
      .filter { $0.hasSuffix(".case") || $0.hasSuffix(".passages") }
    #expect(!files.isEmpty)
    for name in files {
      let path = Fixtures.scenariosDirectory + "/" + name
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let parsed = Self.parsed(text, path: path)
      let syntax = parsed.syntax
      #expect(syntax.text == text)
      #expect(!syntax.lines.contains { $0.kind == .rejected }, "\(name): every line has a meaning")
      #expect(syntax.passages.count == parsed.passages.count, "\(name)")
      for (node, passage) in zip(syntax.passages, parsed.passages) {
        #expect(syntax.lines[node.head].firstText(.passageID) == passage.id)
        #expect(node.choices.count == passage.choices.count, "\(name): \(passage.id)")
        for (choiceNode, choice) in zip(node.choices, passage.choices) {
          #expect(syntax.lines[choiceNode.head].firstText(.target) == choice.target)
        }
      }
      for line in syntax.lines {
        for token in line.tokens {
          #expect(token.columns.upperBound <= line.source.count, "\(name):\(line.number): a token inside its line")
        }
      }
    }
  }

  @Test("the comments directly above a line, nearest first; a blank line ends them")
  func commentsAbove() {
    let text = "// casesim-ignore: a, b\n  // casesim-ignore: c\n== x\n// casesim-ignore: d\n\n== y\n"
    let syntax = Self.parsed(text, path: "x.passages").syntax
    #expect(syntax.comments(above: 3) == ["// casesim-ignore: c", "// casesim-ignore: a, b"])
    #expect(syntax.comments(above: 6) == [])
    #expect(syntax.comments(above: 1) == [])
  }
}

/// What the parser says about a line's form and what lowering says about its meaning, each once.
@Suite("Parsing and lowering")
struct ParsingAndLoweringTests {
  @Test("a declaration's value is read for its form by the parser and for its range by lowering", arguments: [
    ("flag seen = maybe", "a flag starts as 'true' or 'false'", true),
    ("counter seen = many", "a counter starts at a whole number, e.g. 'counter seen = 0'", true),
    ("counter seen = 1 in 3..0", "a counter's range is written 'in LOW..HIGH', e.g. 'counter seen = 0 in 0..10'", true),
    ("counter seen = 9 in 0..4", "'seen' starts at 9, outside its range 0..4", false),
  ])
  func declarationValues(line: String, message: String, ofForm: Bool) {
    let text = "id: t\n\(line)\n== start\n* {seen} Go -> start\n  ~ set seen\n"
    let tree = ScenarioParser.syntax(of: text, path: "t.case")
    let parsed = ScenarioParser.parse(text, path: "t.case")
    #expect(parsed.diagnostics.map(\.message) == [message])
    // A mistake of form is the tree's, one of meaning the lowering's; either way the name is
    // declared all the same (at its default start, or the nearest bound), so the lines that use
    // it are not reported as using an undeclared name.
    #expect(tree.diagnostics.isEmpty == !ofForm)
    #expect(tree.line(2)?.kind == .declaration)
    #expect(parsed.declarations.map(\.name) == ["seen"])
    #expect(parsed.declarations.map(\.initialValue) == [ofForm ? 0 : 4])
    let loaded = Fixtures.load(text, path: "t.case")
    #expect(!loaded.diagnostics.contains { $0.code == .undefinedName })
  }

  @Test("a role after a tab is the role, in a passage's @role, a choice's @role and @chair")
  func rolesAfterTabs() {
    let text = "id: t\n== start\n@role\tsocial-worker\n* Go -> meet\n  @role\thealth-visitor\n== meet\n@joint\n@chair\tpolice\nText.\n"
    let parsed = ScenarioParser.parse(text, path: "t.case")
    #expect(parsed.diagnostics.isEmpty)
    #expect(parsed.passages.first?.roles == ["social-worker"])
    #expect(parsed.passages.first?.choices.first?.roles == ["health-visitor"])
    #expect(parsed.passages.last?.chair == "police")
    #expect(parsed.roleReferences.map(\.location.column) == [7, 9, 8])
  }

  @Test("the diagnostics of both steps come in the order of their lines")
  func diagnosticsInLineOrder() {
    let text = "id: t\ncounter c = 9 in 0..4\n== Start\nText.\n"
    let parsed = ScenarioParser.parse(text, path: "t.case")
    #expect(parsed.diagnostics.map(\.location?.line) == [2, 3])
  }
}
