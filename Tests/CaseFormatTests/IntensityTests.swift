import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// `intensity:` says how hard a scenario's material is to read; a trainee sees it in the library
/// and next to the content note, so it must be read exactly, refused clearly when misspelt, and
/// carried through the library's cached listing.
@Suite("The intensity header field")
struct IntensityTests {
  /// A minimal scenario whose header has `intensity: VALUE` on line 7 (after the content note).
  static func scenario(intensity: String?) -> String {
    var header = Fixtures.header()
    if let intensity {
      header = header.replacingOccurrences(
        of: "content-note: Test material.\n", with: "content-note: Test material.\nintensity: \(intensity)\n")
    }
    return header + "== start\n* Go -> end\n  + see-child-alone 1\n== end\n@ending safe | Done\nDone.\n"
  }

  @Test("each word of the scale is read into the header", arguments: ScenarioIntensity.allCases)
  func parsed(level: ScenarioIntensity) {
    let loaded = Fixtures.load(Self.scenario(intensity: level.rawValue))
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    #expect(loaded.scenario.header.intensity == level)
    #expect(loaded.isPlayable)
  }

  @Test("the field is optional: a trainer's file without it stays valid")
  func optional() {
    let loaded = Fixtures.load(Self.scenario(intensity: nil))
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    #expect(loaded.scenario.header.intensity == nil)
  }

  @Test(
    "an unknown value is a positioned bad-header error with the closest word",
    arguments: [("moderat", "moderate"), ("High", "high"), ("hihg", "high"), ("lo", "low")])
  func misspelt(written: String, suggested: String) throws {
    let loaded = Fixtures.load(Self.scenario(intensity: written))
    let diagnostic = try #require(loaded.diagnostics.first { $0.code == .badHeader })
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message == "'\(written)' is not an intensity; use low, moderate or high")
    #expect(diagnostic.location?.line == 7)
    #expect(diagnostic.location?.column == 12)
    #expect(diagnostic.length == written.count)
    #expect(diagnostic.suggestion == suggested)
    #expect(loaded.scenario.header.intensity == nil)
    #expect(!loaded.isPlayable)
  }

  @Test("a value far from any word is refused without a guess")
  func noGuess() throws {
    let loaded = Fixtures.load(Self.scenario(intensity: "catastrophic"))
    let diagnostic = try #require(loaded.diagnostics.first { $0.code == .badHeader })
    #expect(diagnostic.suggestion == nil)
  }

  @Test("given twice is an error, like any other single field")
  func givenTwice() {
    let text = Self.scenario(intensity: "low").replacingOccurrences(of: "intensity: low\n", with: "intensity: low\nintensity: high\n")
    let loaded = Fixtures.load(text)
    #expect(loaded.diagnostics.contains { $0.code == .badHeader && $0.message.contains("given twice") })
  }

  @Test("every shipped scenario says how intense it is")
  func shippedScenarios() {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    #expect(library.scenarios.count >= 12)
    for loaded in library.scenarios {
      #expect(loaded.scenario.header.intensity != nil, "\(loaded.scenario.id) has no intensity:")
    }
  }

  @Test("the library listing carries it, and labels say what each level means")
  func summaryAndLabels() throws {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    let entry = try #require(library.summary.scenarios.first { $0.id == "was-not-brought" })
    #expect(entry.intensity == .moderate)
    #expect(library.summary.scenarios.first { $0.id == "duty-desk-friday" }?.intensity == .high)
    #expect(ScenarioIntensity.moderate.label.hasPrefix("Intensity: moderate — harm to a child"))
    #expect(ScenarioIntensity.high.shortLabel.hasPrefix("Intensity: high — "))
    for level in ScenarioIntensity.allCases {
      #expect(level.label.hasSuffix("."))
      #expect(!level.meaning.isEmpty && !level.gist.isEmpty)
    }
  }

  @Test("the format reference's table says what each level means, word for word")
  func referenceTable() throws {
    let reference = try String(
      contentsOfFile: Fixtures.repositoryRoot + "/Documentation/scenario-format.md", encoding: .utf8)
    for level in ScenarioIntensity.allCases {
      #expect(
        reference.contains("| `\(level.rawValue)` | \(level.meaning) |"),
        "Documentation/scenario-format.md should say of \(level.rawValue): \(level.meaning)")
    }
  }

  @Test("a cached listing from before the field existed is ignored and rebuilt with it")
  func oldCacheIgnored() throws {
    let root = Fixtures.temporaryDirectory()
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
    try fm.copyItem(atPath: Fixtures.guidesDirectory, toPath: root + "/Guides")
    try Self.scenario(intensity: "high").write(toFile: root + "/Scenarios/x.case", atomically: true, encoding: .utf8)
    let cache = LibraryCache(directory: root + "/cache")
    let library = ScenarioLibrary(root: root)
    #expect(cache.keep(library))
    #expect(cache.summary(root: root)?.scenarios.first?.intensity == .high)
    // Rewrite the kept file as the previous version wrote it: format 1, entries with no intensity.
    let file = cache.file(for: root)
    var object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
    #expect(object["format"] as? Int == 2)
    object["format"] = 1
    var summary = try #require(object["summary"] as? [String: Any])
    summary["scenarios"] = (summary["scenarios"] as? [[String: Any]] ?? []).map { entry in
      entry.filter { $0.key != "intensity" }
    }
    object["summary"] = summary
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
    #expect(cache.summary(root: root) == nil)
    let load = LibraryLoad.open(root: root, cache: cache)
    #expect(!load.summaryWasCached)
    #expect(load.summary.scenarios.first?.intensity == .high)
    #expect(cache.summary(root: root)?.scenarios.first?.intensity == .high)
  }
}
