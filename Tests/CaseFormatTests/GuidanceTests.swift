import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("The guidance catalog format and the shipped catalog")
struct GuidanceTests {
  @Test("the shipped catalog loads with no diagnostics, with at least 25 principles and their areas")
  func shippedCatalog() {
    let loaded = ScenarioLoader.loadGuidance(directory: Fixtures.guidesDirectory)
    #expect(loaded.diagnostics == [])
    let library = loaded.library
    #expect(library.principles.count >= 25)
    #expect(library.areas.count >= 19)
    for principle in library.principles {
      #expect(!principle.title.isEmpty && !principle.citation.isEmpty && !principle.statement.isEmpty, "\(principle.id)")
      #expect(!principle.areas.isEmpty, "\(principle.id) maps to no competency area")
      // Cite by title and year: every citation names a year.
      #expect(principle.citation.contains(/(19|20)\d\d/), "\(principle.id): \(principle.citation)")
    }
    #expect(library.entry("see-child-alone")?.catalogID == "practice-lessons")
    #expect(library.catalog(containing: "convene-strategy-discussion")?.id == "working-together")
  }

  @Test("an entry's fields, areas and statement are read")
  func parsesEntry() {
    let text = """
      catalog: sample
      title: A sample
      publisher: Somebody
      year: 2023

      == do-the-thing
      title: Do the thing
      cite: A sample (Somebody, 2023)
      areas: kss-01, pcf-6
      First line of the statement,
      second line.
      """
    let (catalog, diagnostics) = GuideParser.parse(text, path: "sample.guide")
    #expect(diagnostics == [])
    #expect(catalog.id == "sample" && catalog.year == 2023 && !catalog.isCompetencies)
    #expect(catalog.entries.first?.statement == "First line of the statement, second line.")
    #expect(catalog.entries.first?.areas == ["kss-01", "pcf-6"])
    #expect(catalog.entries.first?.location == SourceLocation(file: "sample.guide", line: 6, column: 4))
  }

  @Test("missing fields, unknown fields and a bad year are reported")
  func reportsProblems() {
    let text = "catalog: sample\ntitle: T\npublisher: P\nyear: twenty\n== thing\ntitel: Oops\n"
    let (_, diagnostics) = GuideParser.parse(text, path: "s.guide")
    let codes = diagnostics.map(\.code)
    #expect(codes.contains(.badHeader))
    #expect(codes.contains(.missingField))
    #expect(diagnostics.contains { $0.code == .unknownHeader && $0.suggestion == "title" && $0.location?.line == 6 })
  }

  @Test("duplicate ids across catalogs and unknown competency areas are reported")
  func libraryChecks() throws {
    let directory = Fixtures.temporaryDirectory()
    try "catalog: a\ntitle: A\npublisher: P\nyear: 2020\n== same-id\ntitle: X\ncite: A (P, 2020)\nareas: kss-99\nStatement.\n".write(toFile: directory + "/a.guide", atomically: true, encoding: .utf8)
    try "catalog: b\ntitle: B\npublisher: P\nyear: 2020\n== same-id\ntitle: Y\ncite: B (P, 2020)\nareas: kss-01\nStatement.\n".write(toFile: directory + "/b.guide", atomically: true, encoding: .utf8)
    try "catalog: competencies\nkind: competencies\ntitle: C\npublisher: P\nyear: 2020\n== kss-01\ntitle: Relationships\n".write(toFile: directory + "/competencies.guide", atomically: true, encoding: .utf8)
    let loaded = ScenarioLoader.loadGuidance(directory: directory)
    #expect(loaded.diagnostics.contains { $0.code == .duplicateGuidance && $0.location?.file.hasSuffix("b.guide") == true })
    #expect(loaded.diagnostics.contains { $0.code == .unknownArea && $0.suggestion == "kss-01" })
  }
}
