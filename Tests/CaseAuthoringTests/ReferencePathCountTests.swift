import BigInt
import CaseAuthoring
import CaseInterchange
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The analysis' path counts checked against the independent reference (`ReferencePlay` and
/// `ReferenceCounts.swift`), which counts paths over its own states, with no code from
/// `ScenarioAnalysis`. Only two shipped scenarios are small enough for `AnalysisTests`' brute
/// force; this covers every scenario and role.
@Suite("Path counts agree with the independent reference")
struct ReferencePathCountTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
  static let cases: [(String, String)] = library.playable.flatMap { scenario in
    scenario.header.roles.map { (scenario.id, $0) }
  }

  /// The figure `ToolkitCLITests.analyzeJSON` and `analyzeText` expect from the real binary.
  @Test("duty-desk-friday as social-worker has exactly 4,007 complete paths under the reference rules")
  func dutyDeskPathCount() throws {
    let scenario = try #require(Self.library.scenario(id: "duty-desk-friday")?.scenario)
    let reference = try ReferencePlay(json: ScenarioExporter.json(scenario), role: "social-worker")
    #expect(reference.pathCount() == 4_007)
    #expect(reference.stateCount == 463)
  }

  @Test("the reference's path count on a small hand-counted scenario")
  func handCounted() throws {
    // start: two choices to middle and one to done; middle: two choices to done. Paths:
    // 2 x 2 (through middle) + 1 (straight to done) = 5. Totals: 1+1, 1+2, 2+1, 2+2 and 3.
    let text = Fixtures.header() + """
      == start
      * A -> middle
        + see-child-alone 1
      * B -> middle
        + see-child-alone 2
      * C -> done
        + see-child-alone 3
      == middle
      * D -> done
        + record-childs-own-words 1
      * E -> done
        + record-childs-own-words 2
      == done
      @ending safe
      Ok.
      @lesson L.

      """
    let loaded = Fixtures.load(text)
    try #require(loaded.isPlayable, "\(loaded.diagnostics)")
    let reference = try ReferencePlay(json: ScenarioExporter.json(loaded.scenario), role: "social-worker")
    #expect(reference.pathCount() == 5)
    #expect(reference.achievableTotals() == [2, 3, 4])
    #expect(ScenarioAnalysis(scenario: loaded.scenario, role: "social-worker").pathCount == 5)
    // A loop makes the count unbounded.
    let looping = Fixtures.load(text.replacingOccurrences(of: "* E -> done", with: "* E -> start"))
    let loopReference = try ReferencePlay(json: ScenarioExporter.json(looping.scenario), role: "social-worker")
    #expect(loopReference.pathCount() == nil)
  }
}

/// Every shipped scenario and role: the library-wide part, tagged slow (the fast set skips it).
@Suite("Path counts agree with the independent reference: the whole library", .tags(.slow))
struct ReferencePathCountSlowTests {
  static let library = ReferencePathCountTests.library

  @Test("every shipped scenario and role: the analysis counts exactly the reference's paths", arguments: ReferencePathCountTests.cases)
  func agreement(_ id: String, _ role: String) throws {
    let scenario = try #require(Self.library.scenario(id: id)?.scenario)
    let reference = try ReferencePlay(json: ScenarioExporter.json(scenario), role: role)
    let paths = try #require(reference.pathCount(), "\(id) as \(role): the reference finds a loop")
    #expect(paths > 1)
    #expect(ScenarioAnalysis(scenario: scenario, role: role).pathCount == paths, "\(id) as \(role)")
  }
}
