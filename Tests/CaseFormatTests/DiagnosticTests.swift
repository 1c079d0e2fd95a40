import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("Diagnostics: every error with its code, position and suggestion")
struct DiagnosticTests {
  /// A body that is valid on its own; each case below breaks one thing.
  static let body = """
    flag saw-child
    counter worry = 0

    == start
    Text.
    * Go -> done
      + see-child-alone 1
      ~ set saw-child

    == done
    @ending safe
    {saw-child} Fine.
    """

  struct Case: CustomTestStringConvertible, Sendable {
    var code: DiagnosticCode
    var text: String
    var suggestion: String?
    var testDescription: String { code.rawValue }
  }

  static let cases: [Case] = [
    Case(code: .unknownTarget, text: Fixtures.header() + "== start\n* Go -> ⟦1⟧dnoe\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n", suggestion: "done"),
    Case(code: .unknownGuidance, text: Fixtures.header() + "== start\n* Go -> done\n  + ⟦1⟧see-child-alnoe 1\n== done\n@ending safe\nOk.\n", suggestion: "see-child-alone"),
    Case(code: .duplicatePassage, text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n== ⟦1⟧done\n@ending unsafe\nNo.\n"),
    Case(code: .unreachablePassage, text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n== ⟦1⟧orphan\n@ending unsafe\nNo.\n"),
    Case(code: .deadEnd, text: Fixtures.header() + "== start\n* Go -> ⟦x⟧stuck\n  + see-child-alone 1\n* End -> done\n  + see-child-alone 1\n== ⟦1⟧stuck\nNowhere to go.\n== done\n@ending safe\nOk.\n"),
    Case(code: .undefinedName, text: Fixtures.header() + "flag saw-child\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ set ⟦1⟧saw-chidl\n== done\n@ending safe\nOk.\n", suggestion: "saw-child"),
    Case(code: .typeMismatch, text: Fixtures.header() + "counter worry\n== start\n* {⟦1⟧worry} Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .missingHeader, text: "⟦1⟧id: only-id\n== start\n* Go -> done\n== done\n@ending safe\nOk.\n"),
    Case(code: .badWeight, text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone ⟦1⟧7\n== done\n@ending safe\nOk.\n"),
    Case(code: .unknownRole, text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n  @role ⟦1⟧polise\n* Stay -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n", suggestion: nil),
    Case(code: .badCondition, text: Fixtures.header() + "flag a\n== start\n* {a ⟦1⟧= 2} Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .unknownDirective, text: Fixtures.header() + "== start\n⟦1⟧@fakt Something.\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n", suggestion: "@fact"),
    Case(code: .misplacedLine, text: Fixtures.header() + "== start\n⟦1⟧~ set x\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .badOutcome, text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending ⟦1⟧saef\nOk.\n", suggestion: "safe"),
    Case(code: .endingWithChoices, text: Fixtures.header() + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n⟦1⟧* Again -> start\n  + see-child-alone 1\n"),
    Case(code: .unknownHeader, text: Fixtures.header() + "⟦1⟧tittle: Oops\n== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n", suggestion: "title"),
    Case(code: .unknownCatalog, text: Fixtures.header(guides: "working-together, practice-lesons").replacingOccurrences(of: "practice-lesons", with: "⟦1⟧practice-lesons") + "== start\n* Go -> done\n  + share-information-to-safeguard 1\n== done\n@ending safe\nOk.\n", suggestion: "practice-lessons"),
    Case(code: .badChoice, text: Fixtures.header() + "== start\n* Go nowhere⟦1⟧\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .noEnding, text: Fixtures.header().replacingOccurrences(of: "id: fixture", with: "⟦1⟧id: fixture") + "== start\n* Go -> start\n  + see-child-alone 1\n"),
    Case(code: .badID, text: Fixtures.header() + "== ⟦1⟧Start_Here\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .duplicateDeclaration, text: Fixtures.header() + "flag seen\nflag ⟦1⟧seen\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ set seen\n== done\n@ending safe\n{seen} Ok.\n"),
    Case(code: .badHeader, text: Fixtures.header().replacingOccurrences(of: "minutes: 5", with: "minutes: ⟦1⟧five") + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .unknownFact, text: Fixtures.header(roles: "social-worker, police") + "== start\n@fact #conviction Mon | A conviction.\n* Share -> done\n  + see-child-alone 1\n  ~ share ⟦1⟧convicton with police\n== done\n@ending safe\nOk.\n", suggestion: "conviction"),
    Case(code: .unknownFact, text: Fixtures.header(roles: "social-worker, police") + "== start\n@fact #conviction Mon | A conviction.\n* {police knows ⟦1⟧convictoin} Go -> done\n  + see-child-alone 1\n* Stay -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n", suggestion: "conviction"),
    Case(code: .duplicateFact, text: Fixtures.header() + "== start\n@fact #bruise Mon | A bruise.\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\n@fact #⟦1⟧bruise Tue | Another.\nOk.\n"),
    Case(code: .badID, text: Fixtures.header() + "== start\n@fact ⟦1⟧#Bruise Mon | A bruise.\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .unknownRole, text: Fixtures.header(roles: "social-worker, police") + "== start\n@fact #conviction Mon | A conviction.\n* Share -> done\n  + see-child-alone 1\n  ~ share conviction with social-worker, ⟦1⟧polise\n== done\n@ending safe\nOk.\n", suggestion: "police"),
    Case(code: .badCondition, text: Fixtures.header(roles: "social-worker, police") + "== start\n@fact #conviction Mon | A conviction.\n* Share -> done\n  + see-child-alone 1\n  ~ share conviction ⟦1⟧to police\n== done\n@ending safe\nOk.\n"),
    Case(code: .badCondition, text: Fixtures.header(roles: "social-worker, police") + "== start\n@fact #conviction Mon | A conviction.\n* {police knows⟦1⟧} Go -> done\n  + see-child-alone 1\n* Stay -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .misplacedLine, text: Fixtures.header() + "== start\n⟦1⟧@fact #bruise\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .misplacedLine, text: Fixtures.header(roles: "social-worker, police") + "== start\n⟦1⟧@chair social-worker\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .misplacedLine, text: Fixtures.header(roles: "social-worker, police") + "== start\n⟦1⟧@joint\n@role police\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .misplacedLine, text: Fixtures.header(roles: "social-worker, police") + "== start\n@joint ⟦1⟧social-worker\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
    Case(code: .unknownRole, text: Fixtures.header(roles: "social-worker, police") + "== start\n@joint\n@chair ⟦1⟧polise\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n", suggestion: "police"),
    Case(code: .controlCharacter, text: Fixtures.header() + "== start\nThe ⟦1⟧\u{1B}]52;c;aGk=\u{07} clipboard.\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"),
  ]

  @Test("each error is reported with its code, position and suggestion", arguments: cases)
  func reportsError(_ c: Case) throws {
    let marked = MarkedText(c.text)
    let loaded = Fixtures.load(marked.text, path: "case.case")
    let found = loaded.diagnostics.filter { $0.code == c.code }
    #expect(!found.isEmpty, "expected \(c.code); got \(loaded.diagnostics.map(\.description))")
    // Every case marks where its diagnostic belongs: a case without a marker fails here rather
    // than skipping the position check.
    let expected = try #require(marked.location("1", file: "case.case"), "the case text has no ⟦1⟧ marker")
    #expect(found.contains { $0.location == expected }, "expected at \(expected); got \(found.map(\.description))")
    if let suggestion = c.suggestion {
      #expect(found.contains { $0.suggestion == suggestion }, "expected suggestion \(suggestion); got \(found.map { $0.suggestion ?? "nil" })")
    }
    #expect(!loaded.isPlayable || c.code == .controlCharacter)
  }

  @Test("the valid body compiles with no diagnostics")
  func validBody() {
    #expect(Fixtures.load(Fixtures.header() + DiagnosticTests.body).diagnostics == [])
  }

  @Test("every problem is reported in one run, not just the first")
  func reportsAll() {
    let text = Fixtures.header() + """
      == start
      * Go -> nowhere
        + not-a-principle 1
        - see-child-alone 0
      == start
      @ending maybe
      """
    let codes = Set(Fixtures.load(text).diagnostics.map(\.code))
    #expect(codes.isSuperset(of: [.unknownTarget, .unknownGuidance, .badWeight, .duplicatePassage, .badOutcome]))
  }

  @Test("a role suggestion is offered for a misspelt role")
  func roleSuggestion() {
    let text = Fixtures.header(roles: "social-worker, police") + "== start\n* Go -> done\n  + see-child-alone 1\n  @role polise\n== done\n@ending safe\nOk.\n"
    let found = Fixtures.load(text).diagnostics.filter { $0.code == .unknownRole }
    #expect(found.map(\.suggestion) == ["police"])
  }

  @Test("a near miss of '@role' or '@if' under a choice is an unknown directive with the word meant, not a role list")
  func nearMissUnderChoice() {
    for (written, meant) in [("@roles police", "@role"), ("@iff seen", "@if")] {
      let text = Fixtures.header() + "flag seen\n== start\n* Go -> done\n  + see-child-alone 1\n  \(written)\n== done\n@ending safe\nOk.\n"
      let diagnostics = Fixtures.load(text).diagnostics.filter { $0.severity == .error }
      #expect(diagnostics.map(\.code) == [.unknownDirective], "\(written): \(diagnostics.map(\.description))")
      #expect(diagnostics.first?.suggestion == meant)
      #expect(diagnostics.first?.location?.line == 14 && diagnostics.first?.location?.column == 3)
    }
  }

  @Test("a principle from a catalog the header does not list says which catalog to add")
  func catalogHint() {
    let text = Fixtures.header(guides: "working-together") + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe\nOk.\n"
    let found = Fixtures.load(text).diagnostics.filter { $0.code == .unknownGuidance }
    #expect(found.count == 1)
    #expect(found.first?.message.contains("practice-lessons") == true)
  }

  @Test("diagnostics render as file:line:column with the source line, a caret and the suggestion")
  func rendering() {
    let text = Fixtures.header() + "== start\n* Ask what she said -> detials\n  + see-child-alone 1\n== details\n@ending safe\nOk.\n"
    let loaded = Fixtures.load(text, path: "Scenarios/duty.case")
    let diagnostic = loaded.diagnostics.first { $0.code == .unknownTarget }
    let rendered = DiagnosticRenderer(sources: loaded.sources).render(diagnostic!)
    #expect(
      rendered == """
        Scenarios/duty.case:11:24: error: choice leads to unknown passage 'detials' [unknown-target]
           11 | * Ask what she said -> detials
              |                        ^~~~~~~
              = did you mean 'details'?

        """)
  }

  @Test("a note marks the whole of what it points at, as its diagnostic does")
  func noteMarksItsWholeName() throws {
    let text = Fixtures.header() + "== details\n* Go -> details\n  + see-child-alone 1\n== details\n@ending safe\nOk.\n"
    let loaded = Fixtures.load(text, path: "duty.case")
    let diagnostic = try #require(loaded.diagnostics.first { $0.code == .duplicatePassage })
    #expect(diagnostic.notes.first?.length == "details".count)
    let rendered = DiagnosticRenderer(sources: loaded.sources).render(diagnostic)
    #expect(
      rendered == """
        duty.case:13:4: error: passage 'details' is defined twice [duplicate-passage]
           13 | == details
              |    ^~~~~~~
        duty.case:10:4: note: first defined here
           10 | == details
              |    ^~~~~~~

        """)
  }

  @Test("a note's length is kept in JSON, and a note written before notes had one reads as one column")
  func noteLengthCoding() throws {
    let note = DiagnosticNote("first defined here", at: SourceLocation(file: "a.case", line: 3, column: 4), length: 7)
    #expect(try JSONDecoder().decode(DiagnosticNote.self, from: JSONEncoder().encode(note)) == note)
    let old = #"{"message":"first defined here","location":{"file":"a.case","line":3,"column":4}}"#
    let decoded = try JSONDecoder().decode(DiagnosticNote.self, from: Data(old.utf8))
    #expect(decoded.length == 1 && decoded.location?.column == 4 && decoded.message == "first defined here")
  }

  @Test("echoed source lines are escaped: control characters never reach the terminal")
  func renderingEscapes() {
    let text = Fixtures.header() + "== start\n* Go \u{1B}[2J -> nowhere\n  + see-child-alone 1\n"
    let loaded = Fixtures.load(text)
    let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
    #expect(!rendered.contains("\u{1B}"))
    #expect(rendered.contains("^[[2J"))
  }

  @Test("an include cycle is reported with the chain of files")
  func includeCycle() throws {
    let directory = Fixtures.temporaryDirectory()
    let main = directory + "/main.case"
    try (Fixtures.header() + "@include \"a.passages\"\n== start\n* Go -> shared\n  + see-child-alone 1\n").write(toFile: main, atomically: true, encoding: .utf8)
    try "@include \"b.passages\"\n== shared\n@ending safe\nShared.\n".write(toFile: directory + "/a.passages", atomically: true, encoding: .utf8)
    try "⟦1⟧@include \"a.passages\"\n== other\n@ending safe\nOther.\n".replacingOccurrences(of: "⟦1⟧", with: "").write(toFile: directory + "/b.passages", atomically: true, encoding: .utf8)
    let loaded = ScenarioLoader.load(path: main, guidance: Fixtures.guidance)
    let cycle = loaded.diagnostics.filter { $0.code == .includeCycle }
    #expect(cycle.count == 1)
    #expect(cycle.first?.location == SourceLocation(file: directory + "/b.passages", line: 1, column: 1))
    #expect(cycle.first?.message == "include cycle: a.passages -> b.passages -> a.passages")
  }

  @Test("includes bring in shared passages; paths may not leave the scenario's folder")
  func includes() throws {
    let directory = Fixtures.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: directory + "/shared", withIntermediateDirectories: true)
    let main = directory + "/main.case"
    try (Fixtures.header() + "@include \"shared/end.passages\"\n== start\n* Go -> shared-end\n  + see-child-alone 1\n").write(toFile: main, atomically: true, encoding: .utf8)
    try "== shared-end\n@ending safe\nShared ending.\n".write(toFile: directory + "/shared/end.passages", atomically: true, encoding: .utf8)
    let loaded = ScenarioLoader.load(path: main, guidance: Fixtures.guidance)
    #expect(loaded.diagnostics == [])
    #expect(loaded.scenario.passages["shared-end"]?.isEnding == true)

    try (Fixtures.header() + "@include \"../outside.passages\"\n== start\n* Go -> start\n").write(toFile: main, atomically: true, encoding: .utf8)
    let escaping = ScenarioLoader.load(path: main, guidance: Fixtures.guidance)
    #expect(escaping.diagnostics.contains { $0.code == .includeFailed && $0.location?.line == 10 })
  }

  @Test("binary files and invalid UTF-8 are refused as not text")
  func notText() {
    let nul = ScenarioLoader.decode(Data([0x69, 0x64, 0x0A, 0x00, 0x01]), path: "x.case")
    #expect(throws: Diagnostic.self) { try nul.get() }
    if case .failure(let d) = nul { #expect(d.code == .notText && d.location?.line == 2) }
    let invalid = ScenarioLoader.decode(Data([0x69, 0xFF, 0xFE]), path: "x.case")
    if case .failure(let d) = invalid { #expect(d.code == .notText) } else { Issue.record("invalid UTF-8 accepted") }
  }

  @Test("missing, oversized and folder paths are refused with a clear reason")
  func unreadableFiles() throws {
    let directory = Fixtures.temporaryDirectory()
    let missing = ScenarioLoader.load(path: directory + "/nope.case", guidance: nil)
    #expect(missing.diagnostics.map(\.code) == [.unreadableFile])
    #expect(missing.diagnostics.first?.message == "no such file")
    let folder = ScenarioLoader.load(path: directory, guidance: nil)
    #expect(folder.diagnostics.map(\.code) == [.unreadableFile])
    // Sparse, so the test writes nothing to disk: a file one byte over the limit.
    let big = directory + "/big.case"
    #expect(FileManager.default.createFile(atPath: big, contents: nil))
    #expect(truncate(big, off_t(SourceLimits.maximumFileBytes + 1)) == 0)
    let large = ScenarioLoader.load(path: big, guidance: nil)
    #expect(large.diagnostics.map(\.code) == [.fileTooLarge])
  }

  @Test("suggestions accept plausible typos and reject unrelated names")
  func suggestions() {
    #expect(Suggestions.closest(to: "detials", among: ["details", "start"]) == "details")
    #expect(Suggestions.closest(to: "strat", among: ["details", "start"]) == "start")
    #expect(Suggestions.closest(to: "banana", among: ["details", "start"]) == nil)
    #expect(Suggestions.distance("kitten", "sitting") == 3)
    #expect(Suggestions.distance("ab", "ba") == 1)
  }
}
