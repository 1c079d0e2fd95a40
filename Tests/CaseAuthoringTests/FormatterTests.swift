import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("casesim fmt: the canonical layout")
struct FormatterTests {
  /// The shipped scenarios, by file name (the test names show which one failed).
  static let shipped: [String] = ScenarioLibrary.scenarioFiles(in: Fixtures.scenariosDirectory)
    .map { ($0 as NSString).lastPathComponent }

  func formatted(_ text: String, path: String = "fixture.case") throws -> String {
    switch ScenarioFormatter.format(text, path: path) {
    case .success(let text): return text
    case .failure(let failure):
      Issue.record("not formatted: \(failure)")
      throw failure
    }
  }

  func loaded(_ text: String, path: String = "fixture.case") -> LoadedScenario {
    ScenarioLoader.load(text: text, path: path, guidance: Fixtures.guidance)
  }

  /// Comment lines in the order they appear, without their indentation.
  func comments(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("//") }
  }

  /// Layout rules every formatted file keeps.
  func expectCanonicalShape(_ text: String, _ name: String) {
    #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(name): one final newline")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    for (number, line) in lines.enumerated() {
      #expect(line.last != " " && line.last != "\t", "\(name):\(number + 1): trailing whitespace")
      #expect(!line.contains("\t") || !line.hasPrefix("\t"), "\(name):\(number + 1): tab indentation")
      if line.hasPrefix(" ") {
        #expect(line.hasPrefix("  ") && !line.hasPrefix("   "), "\(name):\(number + 1): choice lines are indented two spaces")
      }
      if line.hasPrefix("* ") {
        #expect(line.contains(" -> "), "\(name):\(number + 1): single spaces around ->")
      }
    }
    #expect(!text.contains("\n\n\n"), "\(name): no runs of blank lines")
    #expect(!text.contains("\r"), "\(name): no carriage returns")
  }

  @Test("the library has scenarios to format") func libraryHasScenarios() {
    #expect(Self.shipped.count >= 2)
  }

  @Test("formatting a shipped scenario is idempotent and keeps its meaning and comments", arguments: shipped)
  func shippedScenario(name: String) throws {
    let path = Fixtures.scenariosDirectory + "/" + name
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let once = try formatted(text, path: path)
    #expect(once == text, "a shipped scenario is already canonical: formatting leaves it byte for byte")
    #expect(try formatted(once, path: path) == once, "fmt(fmt(x)) == fmt(x)")

    let before = loaded(text, path: path)
    let after = loaded(once, path: path)
    #expect(before.diagnostics.map(\.code) == after.diagnostics.map(\.code))
    #expect(ScenarioEquivalence.firstDifference(before.scenario, after.scenario) == nil)
    #expect(ScenarioEquivalence.areEquivalent(before.scenario, after.scenario))
    #expect(comments(once) == comments(text), "comments kept, in order")
    expectCanonicalShape(once, name)
  }

  /// Shuffles whitespace the way careless editing does; formatting must undo all of it.
  @Test("whitespace noise in a shipped scenario formats away", arguments: shipped)
  func noiseFormatsAway(name: String) throws {
    let path = Fixtures.scenariosDirectory + "/" + name
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var seed: UInt64 = 0x5EED_CA5E
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    var noisy: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = String(line)
      if line.hasPrefix("  ") && !line.hasPrefix("   ") {
        line = ["  ", " ", "    ", "\t", " \t"][next(5)] + line.dropFirst(2)
      }
      if line.hasPrefix("* "), let arrow = line.range(of: " -> ", options: .backwards) {
        line.replaceSubrange(arrow, with: ["->", "  ->   ", " -> ", "->\t"][next(4)])
      }
      if line.hasPrefix("== ") { line = ["== ", "==", "===  ", "== \t"][next(4)] + line.dropFirst(3) }
      line += ["", "", " ", "\t", "   "][next(5)]
      noisy.append(line)
      if line.trimmingCharacters(in: .whitespaces).isEmpty && next(3) == 0 { noisy.append(" ") }
    }
    let noise = noisy.joined(separator: next(2) == 0 ? "\n" : "\r\n")
    #expect(try formatted(noise, path: path) == (try formatted(text, path: path)))
  }

  static let messy = """
    // Messy but valid.
    title:   Messy\u{20}\u{20}\u{20}
    id: messy
    // the roles
    roles: social-worker
    summary: A summary that
       continues on a second line.
    minutes: 5
    guides: working-together, practice-lessons
    modes: practice
    content-note: Test material.
    reviews: A review (2013)
    reflect: A question?
    lesson: First lesson.
    themes:
    flag   met-amy   =   false
      counter trust=1 in 0..5\u{20}\u{20}


    // declaration comment
    flag told\t

    ==   start\u{20}\u{20}
    \t
    @fact   Fri 16:40 |   A fact.\u{20}\u{20}
    First   prose line.\u{20}\u{20}
      Indented prose.



    { trust>=2 }   Conditional prose.
    *   Ask Amy->  ask\u{20}\u{20}
        + see-child-alone   2  :   Saw her.\u{20}\u{20}
    \t> Feedback one.
        ~ set met-amy
          ~   trust += 1
      // a comment under the choice
        @if   not told
    *{met-amy}See-> ask
      - see-child-alone 1
      !critical:   Why.
      ? Prompt?
      @role social-worker
    // a comment under the last choice



    // a comment about the ending
    == ask
    @ending safe
    Done.
    @fact   |  a | b
    @lesson Lesson.
    @reflect Reflect?
    // the end


    """

  static let messyFormatted = """
    // Messy but valid.
    id: messy
    title: Messy
    summary: A summary that continues on a second line.
    // the roles
    roles: social-worker
    minutes: 5
    content-note: Test material.
    reviews: A review (2013)
    guides: working-together, practice-lessons
    modes: practice
    themes:
    lesson: First lesson.
    reflect: A question?

    flag met-amy
    counter trust = 1 in 0..5

    // declaration comment
    flag told

    == start
    @fact Fri 16:40 | A fact.
    First   prose line.
    Indented prose.

    {trust>=2} Conditional prose.
    * Ask Amy -> ask
      + see-child-alone 2: Saw her.
      > Feedback one.
      ~ set met-amy
      ~ trust += 1
      // a comment under the choice
      @if not told
    * {met-amy} See -> ask
      - see-child-alone 1
      ! critical: Why.
      ? Prompt?
      @role social-worker
    // a comment under the last choice

    // a comment about the ending
    == ask
    @ending safe
    Done.
    @fact | a | b
    @lesson Lesson.
    @reflect Reflect?
    // the end

    """

  /// Corners of the grammar, each a complete file. Formatting each must keep its meaning and
  /// comments and be idempotent.
  static let corners: [String] = [
    // A comment between a header field and its continuation; a field after the declarations.
    "id: c\nsummary: first\n// inside\n  second\nflag a\ntitle: T\nroles: social-worker\nminutes: 5\ncontent-note: C.\nreviews: R (2013)\nguides: practice-lessons\nmodes: practice\nreflect: Q1?\nlesson: L1.\nreflect: Q2?\n== start\n{a} A.\n* Go -> end\n  + see-child-alone 1\n  ~ set a\n== end\n@ending safe\nDone.\n",
    // An arrow inside the choice text, braces inside prose, a choice text starting with a brace.
    Fixtures.header() + "flag a\nflag b\n== start\n{a} x {b} y\n{(a)} Grouped.\n* Go -> on -> end\n  + see-child-alone 1\n* {a} {b} braces -> end\n  + see-child-alone 1\n  ~ set b\n  ~ set a\n== end\n@ending safe\nDone.\n",
    // Lines that look like choice lines but are prose.
    Fixtures.header() + "== start\n* Go -> end\n  + see-child-alone 1\n-id 2\n+\tx\n>no space\n== end\n@ending safe\nDone.\n",
    // Empty explanations and reasons, repeated prompts, facts with only a time.
    Fixtures.header() + "== start\n@fact a |\n@fact   when |   text   \n* Go -> end\n  + see-child-alone 1:\n  ! critical:\n  ? First?\n  ? Second?\n  >\n== end\n@ending unsafe\nDone.\n",
    // Declarations in every form; a passage straight after the header; a passage role after a choice.
    Fixtures.header(roles: "social-worker, police") + "counter c = -3 in -5..5\ncounter d in 0..3\nflag b = true\nflag e = false\n== start\n{c < 0 and d == 0 and b and not e} Shown.\n* Go -> end\n  @role police\n@role social-worker, police\n* Other -> end\n  ~ c += 2\n  ~ d = 3\n  ~ clear b\n  ~ set e\n== end\n@ending safe\nDone.\n",
    // Paragraph breaks among choices, prose after choices, comments everywhere.
    Fixtures.header() + "// top\n== start\n// first\n\n\nPara one.\n\n\n* Go -> end\n  // under\n\n  + see-child-alone 1\n\nAfter the choice.\n// last\n\n// between\n\n\n== end\n@ending safe\nDone.\n// tail\n\n// tail two\n\n",
    // An included file: declarations, includes and comments, no header.
    "// shared\n\n@include \"other.passages\"\n  flag shared\n// before\n== shared\nText.\n* Back -> start\n  + see-child-alone 1\n",
    // Only comments before the first passage.
    "// one\n\n// two\n== shared\nText.\n* Back -> start\n",
  ]

  @Test("corners of the grammar keep their meaning and comments", arguments: corners.indices)
  func corner(index: Int) throws {
    let text = Self.corners[index]
    let path = text.hasPrefix("id:") || text.contains("\nid: ") ? "corner.case" : "corner.passages"
    let parsed = ScenarioParser.parse(text, path: path)
    #expect(!parsed.diagnostics.hasErrors, "the fixture parses: \(parsed.diagnostics)")
    let once = try formatted(text, path: path)
    #expect(try formatted(once, path: path) == once)
    let compile = { (t: String) in
      ScenarioCompiler.compile(main: ScenarioParser.parse(t, path: path), includes: [], contentHash: "", guidance: nil).0
    }
    #expect(ScenarioEquivalence.firstDifference(compile(text), compile(once)) == nil)
    #expect(ScenarioParser.parse(once, path: path).includes.map(\.path) == parsed.includes.map(\.path))
    #expect(comments(once).sorted() == comments(text).sorted())
    expectCanonicalShape(once, "corner \(index)")
  }

  @Test("a messy file takes the canonical layout") func messyFile() throws {
    #expect(!loaded(Self.messy).diagnostics.hasErrors, "the fixture is valid: \(loaded(Self.messy).diagnostics)")
    let once = try formatted(Self.messy)
    #expect(once == Self.messyFormatted)
    #expect(try formatted(once) == once)
    #expect(ScenarioEquivalence.firstDifference(loaded(Self.messy).scenario, loaded(once).scenario) == nil)
    #expect(comments(once) == comments(Self.messy))
    expectCanonicalShape(once, "messy")
  }

  @Test("Windows line endings give the same result") func crlf() throws {
    let crlf = Self.messy.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try formatted(crlf) == Self.messyFormatted)
  }

  @Test("a fact without a time whose text holds a bar keeps its leading bar") func factBar() throws {
    let text = Fixtures.header() + "== start\n@fact   |  a | b\n@fact x|y\n@ending safe\nDone.\n@lesson L.\n"
    let once = try formatted(text)
    #expect(once.contains("\n@fact | a | b\n"))
    #expect(once.contains("\n@fact x | y\n"))
    let facts = loaded(once).scenario.passages["start"]?.facts
    // "x" is not a time the case file can order: it takes the place of the fact before it (none: 0).
    #expect(facts == [Fact(when: nil, text: "a | b"), Fact(when: "x", text: "y", order: 0, location: SourceLocation(file: "fixture.case", line: 13, column: 7))])
  }

  @Test("named facts, knows conditions and share effects keep their ids; a text starting with '#' is not taken for an id") func namedFacts() throws {
    let text = Fixtures.header(roles: "police, social-worker") + """
      == start
      @fact   #conviction   2019 [3 years ago]|Convicted.
      @fact #call Untimed, named.
      @fact | #hashtag is what the text says.
      {social-worker   knows conviction} Told.
      * Go -> end
        + see-child-alone 1
        ~ share   conviction with police,social-worker
        ~ share call   with everyone
      == end
      @ending safe
      Done.
      @lesson L.
      """
    let once = try formatted(text)
    #expect(once.contains("\n@fact #conviction 2019 [3 years ago] | Convicted.\n@fact #call Untimed, named.\n@fact | #hashtag is what the text says.\n"))
    // Conditions and effects are kept as written, as every other condition is.
    #expect(once.contains("\n{social-worker   knows conviction} Told.\n"))
    #expect(once.contains("\n  ~ share   conviction with police,social-worker\n  ~ share call   with everyone\n"))
    #expect(try formatted(once) == once)
    #expect(ScenarioEquivalence.firstDifference(loaded(text).scenario, loaded(once).scenario) == nil)
    let facts = loaded(once).scenario.passages["start"]?.facts ?? []
    #expect(facts.map(\.id) == ["conviction", "call", nil])
    #expect(facts.map(\.text) == ["Convicted.", "Untimed, named.", "#hashtag is what the text says."])
  }

  @Test("conditions are kept as written, with their parentheses") func conditionsVerbatim() throws {
    let text = Fixtures.header() + """
      flag a
      flag b
      flag c
      == start
      {(a or b) and c} Shown.
      *  { a or (b or c) }  Go->end
        @if  (a)
        + see-child-alone 1
        ~ set a
      * Other -> end
        + see-child-alone 1
        ~ set b
        ~ set c
      == end
      @ending safe
      Done.
      @lesson L.

      """
    let once = try formatted(text)
    #expect(once.contains("\n{(a or b) and c} Shown.\n"))
    #expect(once.contains("\n* {a or (b or c)} Go -> end\n  @if (a)\n"))
    #expect(ScenarioEquivalence.areEquivalent(loaded(text).scenario, loaded(once).scenario))
  }

  @Test("a casesim-ignore comment stays directly above the line it silences") func suppressionComments() throws {
    let text = Fixtures.header() + """
      == start
      * Go -> end
        + see-child-alone 1
      // casesim-ignore: unscored-choice
          *   Wander  ->  end
      // casesim-ignore: missing-lesson
      == end
      @ending safe
      Done.

      """
    let once = try formatted(text)
    #expect(once.contains("// casesim-ignore: unscored-choice\n* Wander -> end\n"))
    #expect(once.contains("// casesim-ignore: missing-lesson\n== end\n"))
  }

  @Test("comments before the header stay at the top; a comment above a field moves with it") func headerComments() throws {
    let text = """
      // File note.

      title: T
      // The id.
      id: x
      summary: S
      roles: social-worker
      minutes: 5
      content-note: C.
      reviews: R (2013)
      guides: working-together, practice-lessons
      modes: practice
      == start
      @ending safe
      Done.

      """
    let once = try formatted(text)
    #expect(once.hasPrefix("// File note.\n\n// The id.\nid: x\ntitle: T\nsummary: S\n"))
    #expect(try formatted(once) == once)
  }

  @Test("a file with errors is refused with its diagnostics") func refusesErrors() {
    let text = Fixtures.header() + "== start\n  + see-child-alone 2\n* Go -> end\n== end\n@ending safe\n"
    guard case .failure(.hasErrors(let diagnostics)) = ScenarioFormatter.format(text, path: "broken.case") else {
      Issue.record("a file with a misplaced line was formatted")
      return
    }
    #expect(diagnostics.map(\.code) == [.misplacedLine])
    #expect(diagnostics.first?.location?.line == 11)
  }

  @Test("isCanonical tells formatted files from the rest") func canonicalCheck() throws {
    #expect(!ScenarioFormatter.isCanonical(Self.messy, path: "m.case"))
    #expect(ScenarioFormatter.isCanonical(Self.messyFormatted, path: "m.case"))
    #expect(!ScenarioFormatter.isCanonical("== start\n  + x 1\n", path: "m.case"))
  }

  @Test("an included .passages file (no header) is formatted too") func passagesFile() throws {
    let text = "// Shared.\nflag  shared-flag\n==  shared\nA line.\n*  Back->start\n   + see-child-alone 1\n"
    #expect(try formatted(text, path: "x.passages") == "// Shared.\nflag shared-flag\n\n== shared\nA line.\n* Back -> start\n  + see-child-alone 1\n")
  }
}
