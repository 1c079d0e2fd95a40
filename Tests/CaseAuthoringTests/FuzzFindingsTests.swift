import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// What the fuzzers found (Fuzz/FailCases/), kept as ordinary tests so a regression shows in
/// `swift test` as well as in the fuzz smoke run.
@Suite("Findings of the fuzzers stay fixed")
struct FuzzFindingsTests {
  @Test("an unknown catalog on a continuation line of 'guides:' is pointed at on that line")
  func headerItemOnContinuationLine() throws {
    let text = Fixtures.header(guides: "practice-lessons,\n  no-such-catalog")
      + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nDone.\n@lesson L.\n"
    let loaded = Fixtures.load(text, path: "h.case")
    let unknown = try #require(loaded.diagnostics.first { $0.code == .unknownCatalog })
    let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("no-such-catalog") })
    #expect(unknown.location == SourceLocation(file: "h.case", line: line + 1, column: 3))
  }

  @Test("malformed JSON with bare carriage returns is placed on the right line")
  func bareCarriageReturns() throws {
    let json = "{\r\"format\": \"casesim-scenario\",\r\"version\": 1,,\r}"
    #expect(throws: InterchangeError.malformedJSON(message: "expected a member name in double quotes", line: 3, column: 14)) {
      _ = try ScenarioImporter.importJSON(json, casePath: "/tmp/x.case", guidance: Fixtures.guidance)
    }
  }

  @Test("a Twine link split across lines inside a macro imports as a one-line choice that loads", arguments: [
    "::\n<<n[[\n]]>>", ":: Start\nBefore <<if true>>[[Go\non|Next]]<</if>>\n:: Next\nDone.",
  ])
  func linkAcrossLines(_ story: String) {
    let (caseText, diagnostics) = TweeImporter.convert(text: story, path: "s.twee")
    #expect(!diagnostics.hasErrors)
    let loaded = Fixtures.load(caseText, path: "s.case")
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.description))")
  }

  @Test("an imported story is already in canonical layout (long header values wrapped)")
  func importIsCanonical() throws {
    let (caseText, _) = TweeImporter.convert(text: ":: StoryTitle\nA story\n\n:: Start\nThe end.\n", path: "s.twee")
    #expect(caseText.components(separatedBy: "\n").allSatisfy { $0.count <= CaseSyntax.headerWidth || $0.hasPrefix("//") })
    let formatted = try ScenarioFormatter.format(caseText, path: "s.case").get()
    #expect(formatted == caseText)
  }
}
