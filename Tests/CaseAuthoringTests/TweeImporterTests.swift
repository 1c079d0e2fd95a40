import CaseAuthoring
import CaseInterchange
import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// What a trainer gets from importing a Twine story: a scenario that loads, plays as the Twine
/// story did, and warnings at the exact places where something could not be carried.
@Suite("Twee import")
struct TweeImporterTests {
  /// Fixtures are read through #filePath, so the test target needs no resources.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/Twee").path

  static func fixture(_ name: String) throws -> String {
    try String(contentsOfFile: fixtures + "/" + name, encoding: .utf8)
  }

  /// Imports `text` and loads the result with the shipped guidance.
  static func importAndLoad(_ text: String, path: String = "story.twee") -> Imported {
    let (caseText, diagnostics) = TweeImporter.convert(text: text, path: path)
    let loaded = Fixtures.load(caseText, path: "imported.case")
    return Imported(caseText: caseText, diagnostics: diagnostics, loaded: loaded)
  }

  struct Imported {
    var caseText: String
    var diagnostics: [Diagnostic]
    var loaded: LoadedScenario

    var scenario: Scenario { loaded.scenario }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    var loaderErrors: [String] { loaded.diagnostics.filter { $0.severity == .error }.map(\.description) }

    func choices(_ id: String) -> [(text: String, target: String)] {
      (scenario.passages[id]?.choices ?? []).map { ($0.text, $0.target) }
    }

    func warnings(_ code: DiagnosticCode) -> [Diagnostic] { warnings.filter { $0.code == code } }
  }

  /// A warning as a test writes it: code and place.
  struct Place: Equatable, CustomStringConvertible {
    var code: String
    var line: Int
    var column: Int
    init(_ code: String, _ line: Int, _ column: Int) {
      self.code = code
      self.line = line
      self.column = column
    }
    init(_ diagnostic: Diagnostic) {
      self.init(diagnostic.code.rawValue, diagnostic.location?.line ?? 0, diagnostic.location?.column ?? 0)
    }
    var description: String { "\(code)@\(line):\(column)" }
  }

  // MARK: A realistic story

  @Test("the breakfast-club story imports into a scenario that loads with no errors")
  func fixtureLoads() throws {
    let result = Self.importAndLoad(try Self.fixture("breakfast-club.twee"), path: "breakfast-club.twee")
    #expect(!result.diagnostics.hasErrors)
    #expect(result.loaderErrors == [])
    let header = result.scenario.header
    #expect(header.title == "Bruise at Breakfast Club")
    #expect(header.id == "bruise-at-breakfast-club")
    #expect(header.roles == ["social-worker"])
    #expect(header.guides == ["practice-lessons"])
    #expect(header.modes == [.practice, .assessment])
    #expect(header.minutes == 5)
    #expect(header.contentNote.hasPrefix("Imported from Twine:"))
    #expect(!header.summary.isEmpty && !header.reviews.isEmpty)
    #expect(result.scenario.startPassageID == "breakfast-club")
  }

  @Test("passages, choices and targets follow the Twine links")
  func fixtureStructure() throws {
    let result = Self.importAndLoad(try Self.fixture("breakfast-club.twee"), path: "breakfast-club.twee")
    #expect(
      result.scenario.passageOrder == [
        "breakfast-club", "kaydens-words", "see-kayden", "call-the-dsl", "call-mum",
        "leave-it-until-the-end-of-the-day", "call-mum-2", "missing-check-the-chronology",
      ])
    #expect(
      result.choices("breakfast-club").map(\.text) == [
        "Ask Ms Patel what Kayden said", "Go and see Kayden yourself", "Leave it until the end of the day",
      ])
    #expect(
      result.choices("breakfast-club").map(\.target) == [
        "kaydens-words", "see-kayden", "leave-it-until-the-end-of-the-day",
      ])
    // Links in the middle of a sentence: the sentence stays, the link text is the choice.
    #expect(result.choices("kaydens-words").map(\.text) == ["see Kayden yourself", "ring the designated safeguarding lead"])
    #expect(result.choices("kaydens-words").map(\.target) == ["see-kayden", "call-the-dsl"])
    let prose = result.scenario.passages["kaydens-words"]?.prose.map(\.text) ?? []
    #expect(prose.contains("You could see Kayden yourself now, or ring the designated safeguarding lead."))
    #expect(prose.contains("\"He said he fell off his bike,\" Ms Patel says. She glances at you."))
    #expect(result.choices("see-kayden").map(\.target) == ["call-the-dsl", "call-mum"])
    #expect(result.choices("leave-it-until-the-end-of-the-day").map(\.target) == ["call-mum-2"])
    #expect(result.choices("call-mum-2").map(\.target) == ["call-the-dsl", "missing-check-the-chronology"])
    // The paragraphs survive; the (set:) line and the lines of links are gone from the prose.
    let opening = result.scenario.passages["breakfast-club"]?.prose.filter { !$0.isParagraphBreak }.map(\.text) ?? []
    #expect(opening.count == 3)
    #expect(opening.first == "It is 8:15 on a Monday. Ms Patel, who runs the breakfast club, stops you in the corridor.")
  }

  @Test("passages without links become endings, with the class their tag gives")
  func fixtureEndings() throws {
    let result = Self.importAndLoad(try Self.fixture("breakfast-club.twee"), path: "breakfast-club.twee")
    let endings = result.scenario.orderedPassages.filter(\.isEnding).map { "\($0.id)=\($0.ending!.outcome.rawValue)" }
    #expect(endings == ["call-the-dsl=safe", "call-mum=unsafe", "missing-check-the-chronology=partly-safe"])
    // Tags are kept as a comment above the passage; "critical" on a passage means nothing here.
    #expect(result.caseText.contains("// Twine passage \"Call Mum\" (line 48), tags: unsafe critical\n== call-mum\n@ending unsafe"))
    // The author's /* comment */ is carried as a comment line.
    #expect(result.caseText.contains("// Trainer note: the account does not fit a bruise on the inside of the arm."))
    // The passage only a (link-goto:) reached is kept, commented out.
    #expect(result.scenario.passages["policy"] == nil)
    #expect(result.caseText.contains("// == policy\n"))
    #expect(result.caseText.contains("// The policy says: tell the designated safeguarding lead the same day."))
  }

  @Test("the story's warnings are exactly the things that could not be carried, at their places")
  func fixtureWarnings() throws {
    let result = Self.importAndLoad(try Self.fixture("breakfast-club.twee"), path: "breakfast-club.twee")
    #expect(
      result.warnings.map(Place.init) == [
        Place("twee-macro-dropped", 31, 48),  // (if: $sawBruise)[...]
        Place("twee-html-stripped", 38, 58),  // <b>quietly</b>
        Place("twee-macro-dropped", 39, 1),  // (link-goto: ...)
        Place("twee-ending-needs-review", 44, 1),
        Place("twee-ending-needs-review", 48, 1),
        Place("twee-macro-dropped", 54, 1),  // (if: $sawBruise)[ over three lines
        Place("twee-macro-dropped", 56, 2),  // (else:)
        Place("twee-name-collision", 60, 1),  // call-mum after Call Mum
        Place("twee-unknown-link", 63, 1),  // [[Check the chronology]]
        Place("twee-unreachable-passage", 66, 1),  // Policy
      ])
    let dropped = result.warnings(.tweeMacroDropped).map(\.message)
    #expect(dropped[0].contains("'(if: $sawBruise)'") && dropped[0].contains("kept and always shown"))
    #expect(dropped[1].contains("'(link-goto: \"Read the school policy first\", \"Policy\")'"))
    #expect(dropped[1].contains("leads to another passage"))
    #expect(dropped[3].contains("'(else:)'"))
    #expect(result.warnings(.tweeMacroDropped).map(\.length) == [16, 53, 16, 7])
    let broken = try #require(result.warnings(.tweeUnknownLink).first)
    #expect(broken.message.contains("'Check the chronology'") && broken.message.contains("missing-check-the-chronology"))
    #expect(broken.length == "[[Check the chronology]]".count)
    #expect(result.warnings(.tweeNameCollision).first?.message.contains("'call-mum-2'") == true)
  }

  @Test("simple (set:)s become a flag that the choices into the passage set")
  func fixtureFlags() throws {
    let result = Self.importAndLoad(try Self.fixture("breakfast-club.twee"), path: "breakfast-club.twee")
    let flag = try #require(result.scenario.declarations["saw-bruise"])
    #expect(flag.kind == .flag && flag.initialValue == 0)
    let intoSeeKayden = result.scenario.orderedPassages.flatMap(\.choices).filter { $0.target == "see-kayden" }
    #expect(intoSeeKayden.count == 2)
    #expect(intoSeeKayden.allSatisfy { $0.effects == [.set("saw-bruise")] })
    let others = result.scenario.orderedPassages.flatMap(\.choices).filter { $0.target != "see-kayden" }
    #expect(others.allSatisfy { $0.effects.isEmpty })
    #expect(result.diagnostics.filter { $0.code == .tweeSetConverted }.map { $0.location?.line } == [19, 37])
  }

  @Test("the imported story plays: seeing Kayden sets the flag, calling the DSL ends safely")
  func fixturePlays() throws {
    let result = Self.importAndLoad(try Self.fixture("breakfast-club.twee"), path: "breakfast-club.twee")
    let engine = Engine(scenario: result.scenario, role: "social-worker")
    var state = engine.start()
    #expect(state.passageID == "breakfast-club")
    #expect(state.flags["saw-bruise"] != true)
    state = try engine.choose(2, in: state)
    #expect(state.passageID == "see-kayden")
    #expect(state.flags["saw-bruise"] == true)
    state = try engine.choose(1, in: state)
    #expect(engine.isFinished(state))
    #expect(engine.passage(state)?.ending?.outcome == .safe)
    // Every playthrough ends: no state is stuck or loops forever.
    let space = StateSpace(engine: engine)
    #expect(!space.isTruncated)
    #expect(space.reachablePassageIDs == Set(result.scenario.passageOrder))
  }

  // MARK: Links

  @Test("every Twine link syntax becomes a choice to the right passage")
  func linkSyntaxes() {
    let result = Self.importAndLoad(
      """
      :: Start
      [[Plain]]
      [[Arrow text->Arrow target]]
      [[Back target<-Back text]]
      [[Pipe text|Pipe target]]
      [[Setter text|Plain][$seen to true]]
      [[a->b->Chained arrows]]
      [[Left<-most<-arrows]]
      Read the [[notes->Pipe target]] before you decide.

      :: Plain
      P.

      :: Arrow target
      A.

      :: Back target
      B.

      :: Pipe target
      C.

      :: Chained arrows
      D.

      :: Left
      E.
      """)
    #expect(result.loaderErrors == [])
    #expect(
      result.choices("start").map { "\($0.text) -> \($0.target)" } == [
        "Plain -> plain",
        "Arrow text -> arrow-target",
        "Back text -> back-target",
        "Pipe text -> pipe-target",
        "Setter text -> plain",
        "a->b -> chained-arrows",
        "most<-arrows -> left",
        "notes -> pipe-target",
      ])
    #expect(result.scenario.passages["start"]?.choices[4].effects == [.set("seen")])
    #expect(result.scenario.passages["start"]?.prose.map(\.text) == ["Read the notes before you decide."])
  }

  @Test("a broken link leads to a generated ending and is reported where it was written")
  func brokenLink() {
    let marked = MarkedText(
      """
      :: Start
      You could ⟦a⟧[[phone the school->School]] or ⟦b⟧[[Wait]].
      ⟦c⟧[[Phone the school again->School]]
      """)
    let result = Self.importAndLoad(marked.text)
    #expect(result.loaderErrors == [])
    #expect(
      result.warnings(.tweeUnknownLink).map(Place.init) == [
        Place("twee-unknown-link", marked.markers["a"]!.line, marked.markers["a"]!.column),
        Place("twee-unknown-link", marked.markers["b"]!.line, marked.markers["b"]!.column),
        Place("twee-unknown-link", marked.markers["c"]!.line, marked.markers["c"]!.column),
      ])
    #expect(result.choices("start").map(\.target) == ["missing-school", "missing-wait", "missing-school"])
    #expect(result.scenario.passages["missing-school"]?.ending?.outcome == .partlySafe)
    #expect(result.scenario.passages["missing-wait"]?.isEnding == true)
  }

  @Test("links to web pages and links with no target stay prose, with a warning")
  func nonPassageLinks() {
    let result = Self.importAndLoad(
      """
      :: Start
      See [[the guidance->https://example.org/guidance]] and [[Nothing->]].
      [[Next]]

      :: Next
      End.
      """)
    #expect(result.loaderErrors == [])
    #expect(result.choices("start").map(\.target) == ["next"])
    #expect(result.scenario.passages["start"]?.prose.first?.text == "See the guidance and Nothing.")
    #expect(result.warnings(.tweeExternalLink).count == 1)
    #expect(result.warnings(.tweeBadLink).count == 1)
  }

  // MARK: Start passage and names

  @Test("StoryData's start passage is where play begins")
  func storyDataStart() {
    let result = Self.importAndLoad(
      """
      :: StoryData
      {"ifid": "A", "format": "Harlowe", "start": "Second"}

      :: First
      One.
      [[Second]]

      :: Second
      Two.
      [[First]]
      [[Third]]

      :: Third
      Three.
      """)
    #expect(result.loaderErrors == [])
    #expect(result.scenario.startPassageID == "second")
    #expect(result.caseText.contains("\nstart: second\n"))
  }

  @Test("without StoryData the passage called Start begins play, else the first, with a warning")
  func defaultStart() {
    let withStart = Self.importAndLoad(":: Intro\nA.\n[[Start]]\n\n:: Start\nB.\n[[Intro]]\n[[End]]\n\n:: End\nC.\n")
    #expect(withStart.scenario.startPassageID == "start")
    #expect(withStart.warnings(.tweeNoStart).isEmpty)

    let marked = MarkedText(
      """
      ⟦data⟧:: StoryData
      {"ifid": "A", "start": "Nowhere"}

      :: Intro
      A.
      [[End]]

      :: End
      C.
      """)
    let missing = Self.importAndLoad(marked.text)
    #expect(missing.loaderErrors == [])
    #expect(missing.scenario.startPassageID == "intro")
    #expect(missing.warnings(.tweeNoStart).map(Place.init) == [Place("twee-no-start", marked.markers["data"]!.line, 1)])
  }

  @Test("names that collide after kebab-casing get distinct ids, and links still find their passage")
  func nameCollisions() {
    let marked = MarkedText(
      """
      :: Start
      [[Call Mum]]
      [[call-mum]]
      [[CALL MUM!]]

      :: Call Mum
      One.

      ⟦second⟧:: call-mum
      Two.

      ⟦third⟧:: CALL MUM!
      Three.
      """)
    let result = Self.importAndLoad(marked.text)
    #expect(result.loaderErrors == [])
    #expect(result.choices("start").map(\.target) == ["call-mum", "call-mum-2", "call-mum-3"])
    #expect(result.scenario.passages["call-mum"]?.prose.first?.text == "One.")
    #expect(result.scenario.passages["call-mum-2"]?.prose.first?.text == "Two.")
    #expect(result.scenario.passages["call-mum-3"]?.prose.first?.text == "Three.")
    #expect(
      result.warnings(.tweeNameCollision).map(Place.init) == [
        Place("twee-name-collision", marked.markers["second"]!.line, 1),
        Place("twee-name-collision", marked.markers["third"]!.line, 1),
      ])
  }

  @Test("passage names with accents, apostrophes, digits and colons become readable ids")
  func identifiers() {
    let result = Self.importAndLoad(
      """
      :: Start
      [[Pfad 2: Übung 1]]
      [[Mum’s phone call]]
      [[1. Visit]]
      [[HomeVisit]]

      :: Pfad 2: Übung 1
      A.

      :: Mum’s phone call
      B.

      :: 1. Visit
      C.

      :: HomeVisit
      D.
      """)
    #expect(result.loaderErrors == [])
    #expect(result.choices("start").map(\.target) == ["pfad-2-ubung-1", "mums-phone-call", "passage-1-visit", "home-visit"])
  }

  // MARK: Macros and flags

  @Test("SugarCube macros are dropped with warnings; a plain <<set>> becomes a flag")
  func sugarCube() {
    let marked = MarkedText(
      """
      :: StoryData
      {"ifid": "B", "format": "SugarCube", "format-version": "2.37.3"}

      :: StoryInit
      <<set $metAmy to false>>

      :: Start
      <<set $visited to true>>
      ⟦if⟧<<if $metAmy>>You know Amy.⟦else⟧<<else>>You have not met Amy.<</if>>
      [[Meet Amy|Amy][$metAmy to true]]
      [[Leave]]

      :: Amy
      ⟦set⟧<<set $trust to $trust + 1>>
      Amy talks.
      [[Leave]]

      :: Leave
      You leave.
      """)
    let result = Self.importAndLoad(marked.text)
    #expect(result.loaderErrors == [])
    #expect(
      result.warnings(.tweeMacroDropped).map(Place.init) == [
        Place("twee-macro-dropped", marked.markers["if"]!.line, marked.markers["if"]!.column),
        Place("twee-macro-dropped", marked.markers["else"]!.line, marked.markers["else"]!.column),
        Place("twee-macro-dropped", marked.markers["set"]!.line, marked.markers["set"]!.column),
      ])
    #expect(result.scenario.declarations["met-amy"]?.initialValue == 0)
    #expect(result.scenario.declarations["visited"]?.initialValue == 1)
    #expect(result.scenario.declarations["trust"] == nil)
    #expect(result.scenario.passages["start"]?.choices[0].effects == [.set("met-amy")])
    #expect(result.scenario.passages["start"]?.prose.first?.text == "You know Amy.You have not met Amy.")
  }

  @Test("a (set:) that only runs under a condition, or a variable also changed otherwise, is not made a flag")
  func unfaithfulSets() {
    let marked = MarkedText(
      """
      :: StoryData
      {"ifid": "C", "format": "Harlowe"}

      :: Start
      (if: $a)[⟦conditional⟧(set: $b to true)]
      ⟦simple⟧(set: $c to true)
      [[Next]]

      :: Next
      ⟦number⟧(set: $c to 3)
      End.
      """)
    let result = Self.importAndLoad(marked.text)
    #expect(result.loaderErrors == [])
    #expect(result.scenario.declarations.isEmpty)
    let places = result.warnings(.tweeMacroDropped).map(Place.init)
    #expect(places.contains(Place("twee-macro-dropped", marked.markers["conditional"]!.line, marked.markers["conditional"]!.column)))
    #expect(places.contains(Place("twee-macro-dropped", marked.markers["simple"]!.line, marked.markers["simple"]!.column)))
    #expect(places.contains(Place("twee-macro-dropped", marked.markers["number"]!.line, marked.markers["number"]!.column)))
    let simple = result.warnings(.tweeMacroDropped).first { $0.location?.line == marked.markers["simple"]!.line }
    #expect(simple?.message.contains("'$c' is also changed in a way CaseSim cannot carry") == true)
  }

  @Test("Chapbook inserts, modifiers and vars are handled; 'name: true' becomes a flag")
  func chapbook() {
    let result = Self.importAndLoad(
      """
      :: StoryData
      {"ifid": "D", "format": "Chapbook"}

      :: Start
      metAmy: true
      --
      Hello {name}.
      [if metAmy]
      You know Amy.
      [[Next]]

      :: Next
      Bye.
      """)
    #expect(result.loaderErrors == [])
    #expect(result.scenario.declarations["met-amy"]?.initialValue == 1)
    #expect(result.warnings(.tweeMacroDropped).count == 2)
    #expect(result.scenario.passages["start"]?.prose.filter { !$0.isParagraphBreak }.map(\.text) == ["Hello .", "You know Amy."])
  }

  // MARK: Shapes that would not compile as written

  @Test("passages that only loop into each other get a way to an ending")
  func loops() {
    let result = Self.importAndLoad(":: Start\nHub.\n[[A]]\n\n:: A\nRoom.\n[[Start]]\n")
    #expect(result.loaderErrors == [])
    #expect(result.choices("start").map(\.target) == ["a", "stop-here"])
    #expect(result.scenario.passages["stop-here"]?.isEnding == true)
    #expect(result.warnings(.tweeLoopWithoutEnding).count == 1)
    let space = StateSpace(engine: Engine(scenario: result.scenario, role: "social-worker"))
    #expect(space.reachablePassageIDs.contains("stop-here"))
  }

  @Test("prose that a .case file would read as structure stays prose")
  func lineStarts() {
    let result = Self.importAndLoad(
      """
      :: Start
      * a list item
      - another
      **Remember:** be curious.
      //An aside// in italics.
      @Amy said hello.
      == Heading ==
      {Braces} at the start.
      ! Shouted
      ? Asked
      ---
      > Quoted
      [[End]]

      :: End
      Done.
      """)
    #expect(result.loaderErrors == [])
    #expect(
      result.scenario.passages["start"]?.prose.filter { !$0.isParagraphBreak }.map(\.text) == [
        "• a list item", "• another", "Remember: be curious.", "An aside in italics.", "Amy said hello.",
        "Heading ==", "Braces} at the start.", "Shouted", "Asked", "Quoted",
      ])
  }

  @Test("HTML is stripped with a warning per line, comments are kept, entities are decoded")
  func html() {
    let result = Self.importAndLoad(
      """
      :: Start
      <p>She said <em>nothing</em> &amp; left.</p><br>Then <!-- check this --> silence.
      <script>alert(1)</script>Still here.
      [[End]]

      :: End
      Done.
      """)
    #expect(result.loaderErrors == [])
    #expect(
      result.scenario.passages["start"]?.prose.filter { !$0.isParagraphBreak }.map(\.text) == [
        "She said nothing & left.", "Then silence.", "Still here.",
      ])
    #expect(result.caseText.contains("// check this"))
    #expect(result.warnings(.tweeHTMLStripped).map { $0.location?.line } == [2, 3])
  }

  @Test("Twee escapes in names and content are decoded; bad metadata is reported and ignored")
  func escapes() {
    // Derived from videlais/extwee test/Twee/TweeParser/escape.twee and malformed.twee
    // (MIT License, Copyright (c) 2022 Dan Cox).
    let escaped = Self.importAndLoad(
      #"""
      :: StoryTitle
      Cursed

      :: StoryData
      {
        "ifid": "22F25A58-7062-4927-95B6-F424DDB2EC65",
        "format": "Harlowe",
        "format-version": "3.3.8",
        "start": "[Hello] {world} \\\\",
        "zoom": 1
      }

      :: \[Hello\] \{world\} \\\\ {"position":"400,200","size":"100,100"}
      \:: Extra header
      """#)
    #expect(escaped.loaderErrors == [])
    #expect(escaped.warnings(.tweeNoStart).isEmpty)
    #expect(escaped.scenario.startPassageID == "hello-world")
    #expect(escaped.scenario.passages["hello-world"]?.prose.first?.text == ":: Extra header")

    let malformed = Self.importAndLoad(":: Start {\"position\":\"353,60\"\"size\":\"100,100\"}\nMalformed metadata.")
    #expect(malformed.loaderErrors == [])
    #expect(malformed.warnings(.tweeBadHeader).map(Place.init) == [Place("twee-bad-header", 1, 10)])
    #expect(malformed.scenario.passages["start"]?.prose.first?.text == "Malformed metadata.")
  }

  @Test("the playing time is estimated at 150 words a minute, at least 5")
  func minutes() {
    let words = Array(repeating: "word", count: 1200).joined(separator: " ")
    let result = Self.importAndLoad(":: Start\n\(words)\n[[End]]\n\n:: End\n\(words)\n")
    #expect(result.loaderErrors == [])
    #expect(result.scenario.header.minutes == 17)
  }

  // MARK: Line endings and hostile input

  @Test("CRLF and CR line endings import exactly like LF, with the same positions")
  func lineEndings() throws {
    let text = try Self.fixture("breakfast-club.twee")
    let lf = TweeImporter.convert(text: text, path: "story.twee")
    for ending in ["\r\n", "\r"] {
      let other = TweeImporter.convert(text: text.replacingOccurrences(of: "\n", with: ending), path: "story.twee")
      #expect(other.caseText == lf.caseText)
      #expect(other.diagnostics == lf.diagnostics)
    }
  }

  @Test("text that is not Twee is refused with an error and no scenario")
  func notTwee() {
    for text in ["", "Just some prose.\nNo passages here.", "<html><tw-storydata name=\"x\"></tw-storydata></html>"] {
      let (caseText, diagnostics) = TweeImporter.convert(text: text, path: "x.twee")
      #expect(caseText.isEmpty)
      #expect(diagnostics.map(\.code) == [.tweeNotTwee])
      #expect(diagnostics.first?.severity == .error)
    }
    let html = TweeImporter.convert(text: "<tw-storydata name=\"x\">", path: "x.html")
    #expect(html.diagnostics.first?.message.contains("Export as Twee") == true)
  }

  @Test("a story with no passages still gives a scenario that loads")
  func noPassages() {
    let result = Self.importAndLoad(":: StoryTitle\nOnly a title\n\n:: StoryData\n{\"ifid\": \"E\"}\n")
    #expect(result.loaderErrors == [])
    #expect(result.warnings.map(\.code) == [.tweeNoPassages])
    #expect(result.scenario.header.title == "Only a title")
  }

  /// A hostile input, named in test output by its name (the text can be megabytes of junk).
  struct HostileInput: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    init(_ name: String, _ text: String) {
      self.name = name
      self.text = text
    }
    var testDescription: String { name }
  }

  static let hostileInputs: [HostileInput] = [
    HostileInput(
      "control characters",
      ":: Start\u{1B}[2J\nText \u{1B}]52;c;evil\u{07} and \u{202E}bidi &#27; &#0;\n[[Go\u{1B}[31m->Next]]\n:: Next\u{07}\nEnd\u{0}.\n"
    ),
    HostileInput(
      "huge passage name",
      ":: " + String(repeating: "A very long name ", count: 5000) + "\n[["
        + String(repeating: "A very long name ", count: 5000) + "]]\n"
    ),
    HostileInput("unclosed everything", ":: Start\n" + String(repeating: "[[a (if: <<x /* <b <!-- {y ", count: 3000) + "\n"),
    HostileInput(
      "deep JSON",
      ":: StoryData\n" + String(repeating: "[", count: 50000) + "\n:: Start " + String(repeating: "{", count: 50000)
        + "\nhi\n"
    ),
    HostileInput("empty headers", String(repeating: "::\n[[]]\n::   [\n", count: 500)),
    HostileInput("only specials", ":: StoryTitle\n\n:: StoryInit\n(set: $x to 1)\n:: Code [script]\nwindow.x = 1;\n"),
    HostileInput("long line", ":: Start\n" + String(repeating: "word * - // @ == ", count: 20000) + "\n[[End]]\n:: End\nDone\n"),
    HostileInput("many passages", (0..<3000).map { ":: P\($0)\n[[P\($0 + 1)]]\n" }.joined()),
    HostileInput("self loop", ":: Start\n[[Start]]\n"),
  ]

  @Test(
    "hostile input never crashes; it yields diagnostics, and a scenario that loads whenever it is Twee",
    arguments: hostileInputs)
  func hostile(input: HostileInput) {
    let (name, text) = (input.name, input.text)
    let result = Self.importAndLoad(text)
    #expect(!result.diagnostics.isEmpty, "\(name)")
    #expect(!result.diagnostics.hasErrors, "\(name)")
    #expect(result.loaderErrors == [], "\(name)")
    #expect(!result.caseText.unicodeScalars.contains { UntrustedText.isUnsafe($0) }, "\(name)")
    #expect(result.diagnostics.count <= 40 * 200, "\(name)")
  }

  @Test("binary junk never crashes and is reported", arguments: [1, 2, 3])
  func binaryJunk(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    var bytes = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    // Half the runs smuggle in passage headers, so the junk reaches the passage scanner too.
    if seed != 1 {
      for position in stride(from: 0, to: bytes.count - 4, by: 997) {
        bytes.replaceSubrange(position..<(position + 4), with: Array("\n:: ".utf8))
      }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let result = Self.importAndLoad(text)
    #expect(!result.diagnostics.isEmpty)
    if result.diagnostics.hasErrors {
      #expect(result.caseText.isEmpty)
      #expect(result.diagnostics.map(\.code) == [.tweeNotTwee])
    } else {
      #expect(result.loaderErrors == [])
    }
  }
}
