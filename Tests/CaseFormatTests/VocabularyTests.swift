import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The format's words live in one table (``CaseVocabulary``); the reference is generated from
/// it, and the parser knows every word in it.
@Suite("The format's vocabulary")
struct VocabularyTests {
  static let reference = (try? String(
    contentsOfFile: Fixtures.repositoryRoot + "/Documentation/scenario-format.md", encoding: .utf8)) ?? ""

  @Test("the format reference's header table is the vocabulary's, word for word")
  func headerTableMatches() {
    #expect(
      Self.reference.contains(CaseVocabulary.headerTable),
      "Documentation/scenario-format.md should hold this table (paste it in place of the old one):\n\(CaseVocabulary.headerTable)")
  }

  @Test("the format reference's directive and choice-line tables are the vocabulary's, word for word")
  func directiveTableMatches() {
    #expect(
      Self.reference.contains(CaseVocabulary.directiveTable),
      "Documentation/scenario-format.md should hold these tables (paste them in place of the old ones):\n\(CaseVocabulary.directiveTable)")
  }

  @Test("every header field and directive in the vocabulary is read by the parser, not reported as unknown")
  func parserKnowsEveryWord() {
    var text = ""
    for field in CaseVocabulary.headerFields { text += "\(field.key): x\n" }
    text += "== start\n"
    for directive in CaseVocabulary.directives where directive.place != .file && directive.place != .choice {
      text += "@\(directive.name) x\n"
    }
    let choiceLine = text.filter { $0 == "\n" }.count + 1
    text += "* Go -> start\n  @if x\n"
    // A valid line for each sign; a new sign must be given one here.
    let examples: [Character: String] = [
      "+": "+ see-child-alone 1", "-": "- see-child-alone 1", ">": "> x", "!": "! critical", "?": "? x", "~": "~ set x",
    ]
    #expect(Set(examples.keys) == Set(CaseVocabulary.choiceSigns.map(\.sign)))
    for sign in CaseVocabulary.choiceSigns { text += "  \(examples[sign.sign] ?? "")\n" }
    let parsed = ScenarioParser.parse(text, path: "v.case")
    #expect(!parsed.diagnostics.contains { $0.code == .unknownHeader || $0.code == .unknownDirective }, "\(parsed.diagnostics.map(\.description))")
    #expect(!parsed.diagnostics.contains { $0.location?.line ?? 0 > choiceLine }, "every choice line reads: \(parsed.diagnostics.map(\.description))")
    #expect(!parsed.diagnostics.contains { $0.message.contains("belong to a choice") }, "\(parsed.diagnostics.map(\.description))")
    #expect(Set(parsed.headerEntries.map(\.key)) == Set(CaseVocabulary.headerFields.map(\.key)))
  }

  @Test("the TextMate grammar highlights exactly the vocabulary's directives and header keys")
  func textMateGrammarMatches() throws {
    let grammar = try String(contentsOfFile: Fixtures.repositoryRoot + "/Editors/casesim.tmLanguage.json", encoding: .utf8)
    /// The words of the alternation that `opening` starts (from just after `skip` characters).
    func alternation(_ opening: String, skip: Int) throws -> Set<String> {
      let start = try #require(grammar.range(of: opening))
      let from = grammar.index(start.lowerBound, offsetBy: skip)
      let end = try #require(grammar[from...].firstIndex(of: ")"))
      return Set(grammar[from..<end].split(separator: "|").map(String.init))
    }
    #expect(try alternation("(@(?:", skip: 5) == Set(CaseVocabulary.directives.map(\.name)))
    #expect(try alternation("\"^(id|", skip: 3) == Set(CaseVocabulary.headerFields.map(\.key)))
  }
}
