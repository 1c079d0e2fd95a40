import CaseFormat
import CaseInterchange
import CaseTestSupport
import Testing

/// Every importer behind one interface: chosen by the file's extension, converting or refusing
/// with positioned diagnostics.
@Suite("One importer interface")
struct ScenarioImportTests {
  @Test("the importer is chosen by the file's extension, whatever its case")
  func chosenByExtension() {
    #expect(ScenarioImports.importer(for: "a/b.json") == JSONScenarioImport.self)
    #expect(ScenarioImports.importer(for: "story.TWEE") == TweeScenarioImport.self)
    #expect(ScenarioImports.importer(for: "story.tw") == TweeScenarioImport.self)
    #expect(ScenarioImports.importer(for: "story.html") == nil)
    #expect(ScenarioImports.importer(for: "json") == nil)
    #expect(Set(ScenarioImports.fileExtensions) == ["json", "twee", "tw"])
  }

  @Test("malformed JSON is refused with a positioned error; JSON that is not a scenario with a reason")
  func jsonRefusals() throws {
    guard case .refused(let diagnostics, let reason) = JSONScenarioImport.convert("{\n  \"a\": 1,,\n}", path: "x.json", casePath: "x.case", guidance: nil) else {
      Issue.record("malformed JSON was converted")
      return
    }
    #expect(reason == nil)
    #expect(diagnostics.first?.code == .badJSON)
    #expect(diagnostics.first?.location?.line == 2)
    guard case .refused(let none, let why) = JSONScenarioImport.convert("{\"format\": \"casesim-scenario\", \"version\": 99}", path: "x.json", casePath: "x.case", guidance: nil) else {
      Issue.record("a document of another version was converted")
      return
    }
    #expect(none.isEmpty)
    #expect(why?.isEmpty == false)
  }

  @Test("a Twee story converts with its warnings; text that is not Twee is refused")
  func twee() {
    guard case .converted(let caseText, let diagnostics) = TweeScenarioImport.convert(
      ":: StoryTitle\nA story\n\n:: Start\nThe end.\n", path: "s.twee", casePath: "s.case", guidance: nil)
    else {
      Issue.record("a well-formed story was refused")
      return
    }
    #expect(caseText.contains("title: A story"))
    #expect(!diagnostics.hasErrors)
    guard case .refused(let errors, _) = TweeScenarioImport.convert("no passages here", path: "s.twee", casePath: "s.case", guidance: nil) else {
      Issue.record("text with no passage header was converted")
      return
    }
    #expect(errors.contains { $0.code.rawValue == "twee-not-twee" })
  }
}
