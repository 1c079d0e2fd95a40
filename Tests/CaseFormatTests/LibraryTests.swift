import CaseFormat
import CaseTestSupport
import Testing

@Suite("The shipped scenario library")
struct LibraryTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)

  @Test("every shipped scenario passes the checker with no errors and no warnings")
  func everyScenarioIsClean() {
    #expect(Self.library.scenarios.count >= 2)
    for loaded in Self.library.scenarios {
      #expect(loaded.diagnostics == [], "\(loaded.scenario.path): \(loaded.diagnostics.map(\.description))")
    }
  }

  @Test("every shipped scenario meets the content bar: 8+ decision points, 3+ endings of different classes, 2+ critical choices, prompts, facts, lessons")
  func contentBar() {
    for scenario in Self.library.playable {
      let passages = scenario.orderedPassages
      let endings = passages.filter(\.isEnding)
      #expect(scenario.decisionPointCount >= 8, "\(scenario.id)")
      #expect(Set(endings.compactMap { $0.ending?.outcome }).count >= 3, "\(scenario.id)")
      #expect(passages.flatMap(\.choices).filter(\.isCritical).count >= 2, "\(scenario.id)")
      // Why? prompts: a choice's own, or a passage's neutral @why (asked after any choice there).
      let prompts = passages.flatMap(\.choices).filter { $0.rationalePrompt != nil }.count
        + passages.filter { $0.rationalePrompt != nil }.count
      #expect(prompts >= 3, "\(scenario.id)")
      #expect(!scenario.header.children.isEmpty, "\(scenario.id) names its children")
      #expect(endings.allSatisfy { $0.ending?.title != nil }, "\(scenario.id): every ending has a title")
      #expect(passages.flatMap(\.facts).count >= 8, "\(scenario.id)")
      #expect(!scenario.header.contentNote.isEmpty, "\(scenario.id)")
      for ending in endings {
        let lessons = ending.ending?.lessons ?? []
        #expect(lessons.count > 0, "\(scenario.id): ending \(ending.id) has no lesson")
      }
    }
  }
}
