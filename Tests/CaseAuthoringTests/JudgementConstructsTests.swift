import CaseAuthoring
import CaseInterchange
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The format's constructs for judgement (`children:`, `@ending CLASS | Title`, `@why`,
/// `@keep-order`) survive every tool that reads or writes `.case` text, and misuse is reported
/// where it was written.
@Suite("Judgement constructs through parser, formatter and JSON")
struct JudgementConstructsTests {
  static let text = Fixtures.header().replacingOccurrences(of: "modes:", with: "children: Sam, Jo\nmodes:")
    + "== start\n@keep-order\n@why What shaped this?\n* Wait -> done\n  - see-child-alone 1\n* See Sam -> done\n  + see-child-alone 1\n== done\n@ending safe | Sam seen\nDone.\n@lesson L.\n"

  @Test("parsed into the model")
  func parsed() throws {
    let loaded = Fixtures.load(Self.text, path: "j.case")
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.description))")
    let start = try #require(loaded.scenario.passages["start"])
    #expect(start.keepsWrittenOrder && start.rationalePrompt == "What shaped this?")
    #expect(loaded.scenario.passages["done"]?.ending?.title == "Sam seen")
    #expect(loaded.scenario.header.children == ["Sam", "Jo"])
  }

  @Test("kept by the formatter and by an export and import round trip")
  func roundTrips() throws {
    let loaded = Fixtures.load(Self.text, path: "j.case")
    let formatted = try ScenarioFormatter.format(Self.text, path: "j.case").get()
    #expect(ScenarioEquivalence.areEquivalent(loaded.scenario, Fixtures.load(formatted, path: "j.case").scenario))
    let imported = try ScenarioImporter.importJSON(ScenarioExporter.json(loaded.scenario), casePath: "j.case", guidance: Fixtures.guidance)
    #expect(ScenarioEquivalence.areEquivalent(loaded.scenario, imported.loaded.scenario))
    #expect(imported.caseText.contains("@keep-order") && imported.caseText.contains("@ending safe | Sam seen"))
  }

  @Test("misuse is an error at its line", arguments: [
    ("@why What?\n@why Again?\n", "already has a '@why'", "@why Again?"),
    ("@why\n", "'@why' needs the question", "@why"),
    ("@keep-order now\n", "'@keep-order' takes nothing", "@keep-order now"),
  ])
  func misuse(_ lines: String, _ message: String, _ badLine: String) throws {
    let text = Self.text.replacingOccurrences(of: "@keep-order\n@why What shaped this?\n", with: lines)
    let loaded = Fixtures.load(text, path: "j.case")
    let error = try #require(loaded.diagnostics.first { $0.severity == .error }, "\(loaded.diagnostics)")
    #expect(error.message.contains(message))
    let line = try #require(text.components(separatedBy: "\n").firstIndex(of: badLine))
    #expect(error.location?.line == line + 1)
  }

  @Test("an ending title after '|' may not be empty")
  func emptyTitle() throws {
    let loaded = Fixtures.load(Self.text.replacingOccurrences(of: "@ending safe | Sam seen", with: "@ending safe |"), path: "j.case")
    #expect(loaded.diagnostics.contains { $0.severity == .error && $0.message.contains("title after '|' is empty") })
  }
}
