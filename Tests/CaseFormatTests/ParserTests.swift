import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("Parsing every construct of the scenario format")
struct ParserTests {
  static let full = """
    // A comment at the top.
    id: full-example
    title: Every construct
    summary: A scenario that uses
      every construct of the format.
    roles: social-worker, police
    minutes: 12
    content-note: Test material only.
    reviews: First review (2013); Second review (2014)
    guides: working-together, practice-lessons
    modes: practice, assessment
    themes: child-voice, information-sharing
    lesson: A lesson for every ending.
    reflect: A question for every ending.

    flag met-child
    flag urgent = true
    counter trust = 2

    == start
    @fact Fri 16:40 | The call comes in.
    @fact A fact with no time.
    The phone rings.
    It is the school.

    {trust >= 2} The child trusts you.
    {not met-child} You have not met the child.
    * Visit the child today -> visit
      + see-child-alone 3: You saw the child.
      > Seeing the child matters.
      > Twice.
      ? Why visit today?
      ~ set met-child
      ~ trust += 1
    * {urgent} Ring the police -> police-call
      @role police
      - share-information-to-safeguard 2
      ! critical: The child is left alone.
      ~ clear urgent
      ~ trust = 0
    * Wait -> later
      @if trust > 5 or role == police
      - see-child-alone 1
      ~ trust -= 2

    == visit
    @role social-worker
    You visit.
    * Finish -> end-safe
      + see-child-alone 1

    == police-call
    * Finish -> end-unsafe
      - see-child-alone 1

    == later
    * Finish -> end-unsafe
      - see-child-alone 1

    == end-safe
    @ending safe
    The child is safe.
    @lesson The review found this.
    @reflect What helped?

    == end-unsafe
    @ending unsafe
    The child is not safe.
    """

  let loaded = Fixtures.load(ParserTests.full)
  var scenario: Scenario { loaded.scenario }

  @Test("a file using every construct compiles with no diagnostics")
  func compilesCleanly() {
    #expect(loaded.diagnostics == [])
    #expect(loaded.isPlayable)
  }

  @Test("the header, with continuation lines, lists and repeatable keys")
  func header() {
    let h = scenario.header
    #expect(h.id == "full-example")
    #expect(h.title == "Every construct")
    #expect(h.summary == "A scenario that uses every construct of the format.")
    #expect(h.roles == ["social-worker", "police"])
    #expect(h.minutes == 12)
    #expect(h.reviews == ["First review (2013)", "Second review (2014)"])
    #expect(h.guides == ["working-together", "practice-lessons"])
    #expect(h.modes == [.practice, .assessment])
    #expect(h.themes == ["child-voice", "information-sharing"])
    #expect(h.lessons == ["A lesson for every ending."])
    #expect(h.reflections == ["A question for every ending."])
    #expect(h.locations["minutes"] == SourceLocation(file: "fixture.case", line: 7, column: 10))
  }

  @Test("flags and counters with their starting values")
  func declarations() {
    #expect(scenario.declarations["met-child"]?.kind == .flag)
    #expect(scenario.declarations["met-child"]?.initialValue == 0)
    #expect(scenario.declarations["urgent"]?.initialValue == 1)
    #expect(scenario.declarations["trust"]?.kind == .counter)
    #expect(scenario.declarations["trust"]?.initialValue == 2)
  }

  @Test("passages, prose paragraphs, conditional prose and facts")
  func passages() throws {
    #expect(scenario.passageOrder == ["start", "visit", "police-call", "later", "end-safe", "end-unsafe"])
    #expect(scenario.startPassageID == "start")
    let start = try #require(scenario.passages["start"])
    #expect(start.location == SourceLocation(file: "fixture.case", line: 20, column: 4))
    // Fri 16:40 is 4 days, 16 hours and 40 minutes into the story's week.
    #expect(
      start.facts == [
        Fact(
          when: "Fri 16:40", text: "The call comes in.", order: 4 * 1440 + 16 * 60 + 40,
          location: SourceLocation(file: "fixture.case", line: 21, column: 7)),
        Fact(when: nil, text: "A fact with no time."),
      ])
    #expect(start.prose.map(\.text) == ["The phone rings.", "It is the school.", "", "The child trusts you.", "You have not met the child."])
    #expect(start.prose[3].condition == .compare("trust", .greaterOrEqual, 2))
    #expect(start.prose[4].condition == .not(.flag("met-child")))
    #expect(scenario.passages["visit"]?.roles == ["social-worker"])
  }

  @Test("choices with scores, feedback, prompts, critical marks, effects, conditions and roles")
  func choices() throws {
    let choices = try #require(scenario.passages["start"]?.choices)
    #expect(choices.map(\.index) == [1, 2, 3])
    #expect(choices.map(\.target) == ["visit", "police-call", "later"])
    let visit = choices[0]
    #expect(visit.text == "Visit the child today")
    #expect(visit.scores.map(\.guidanceID) == ["see-child-alone"])
    #expect(visit.scores.map(\.points) == [3])
    #expect(visit.scores.first?.explanation == "You saw the child.")
    #expect(visit.feedback == ["Seeing the child matters.", "Twice."])
    #expect(visit.rationalePrompt == "Why visit today?")
    #expect(visit.effects == [.set("met-child"), .add("trust", 1)])
    #expect(visit.critical == nil)
    #expect(visit.targetLocation == SourceLocation(file: "fixture.case", line: 28, column: 28))

    let police = choices[1]
    #expect(police.condition == .flag("urgent"))
    #expect(police.roles == ["police"])
    #expect(police.scores.map(\.points) == [-2])
    #expect(police.critical?.reason == "The child is left alone.")
    #expect(police.effects == [.clear("urgent"), .assign("trust", 0)])

    let wait = choices[2]
    #expect(wait.condition == .or(.compare("trust", .greater, 5), .role("police", equal: true)))
    #expect(wait.effects == [.add("trust", -2)])
  }

  @Test("endings with their outcome, lessons and reflection questions")
  func endings() throws {
    let safe = try #require(scenario.passages["end-safe"]?.ending)
    #expect(safe.outcome == .safe)
    #expect(safe.lessons == ["The review found this."])
    #expect(safe.reflections == ["What helped?"])
    #expect(scenario.passages["end-unsafe"]?.ending?.outcome == .unsafe)
    #expect(scenario.passages["end-unsafe"]?.choices == [])
  }

  @Test("the scenario lists the guidance it scores, in first-use order")
  func guidanceUsed() {
    #expect(scenario.guidanceIDsUsed == ["see-child-alone", "share-information-to-safeguard"])
    #expect(scenario.decisionPointCount == 1)
  }

  @Test("CRLF line endings and a byte-order mark read the same as LF")
  func lineEndings() {
    let crlf = ParserTests.full.replacingOccurrences(of: "\n", with: "\r\n")
    let loaded = Fixtures.load(crlf)
    #expect(loaded.diagnostics == [])
    #expect(loaded.scenario.passageOrder == scenario.passageOrder)
  }

  @Test("the content hash changes when the text changes, and only then")
  func contentHash() {
    #expect(Fixtures.load(ParserTests.full).scenario.contentHash == scenario.contentHash)
    #expect(Fixtures.load(ParserTests.full + "\n// edited").scenario.contentHash != scenario.contentHash)
    #expect(scenario.contentHash.count == 16)
  }

  @Test("an explicit start passage is honoured")
  func explicitStart() {
    let text = Fixtures.header() + "start: second\n== first\n@ending safe\nDone.\n== second\n* Go -> first\n  + see-child-alone 1\n"
    let loaded = Fixtures.load(text)
    #expect(loaded.diagnostics == [])
    #expect(loaded.scenario.startPassageID == "second")
  }
}
