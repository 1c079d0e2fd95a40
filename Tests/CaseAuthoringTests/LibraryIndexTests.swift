import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("The library index and guidance use")
struct LibraryIndexTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)

  @Test("Documentation/library-index.md is what 'casesim index' generates (run it after changing a scenario)")
  func indexIsFresh() throws {
    let path = Fixtures.repositoryRoot + "/Documentation/library-index.md"
    let stored = try String(contentsOfFile: path, encoding: .utf8)
    let generated = LibraryIndex.markdown(scenarios: Self.library.playable, guidance: Self.library.guidance.library)
    #expect(stored == generated, "the library index is stale: run 'swift run casesim index'")
  }

  @Test("the index lists every scenario, each theme with the scenarios teaching it, and each principle's users")
  func indexContent() {
    let text = LibraryIndex.markdown(scenarios: Self.library.playable, guidance: Self.library.guidance.library)
    for scenario in Self.library.playable {
      #expect(text.contains("(`\(scenario.id)`) | \(scenario.header.roles.joined(separator: ", ")) | \(scenario.header.minutes) |"))
      for theme in scenario.header.themes {
        let row = text.split(separator: "\n").first { $0.hasPrefix("| \(theme) |") }
        #expect(row?.contains("`\(scenario.id)`") == true, "\(theme) row lacks \(scenario.id)")
      }
    }
  }

  @Test("guidance use lists every decision scoring a principle, with its points")
  func guidanceUse() throws {
    let uses = GuidanceUse.uses(of: "see-child-alone", in: Self.library.playable)
    let expected = Self.library.playable.flatMap { s in
      s.orderedPassages.flatMap { p in p.choices.flatMap { c in c.scores.filter { $0.guidanceID == "see-child-alone" } } }
    }
    #expect(uses.count == expected.count)
    #expect(uses.count > 0)
    #expect(uses.map(\.points).reduce(0, +) == expected.map(\.points).reduce(0, +))
  }
}
