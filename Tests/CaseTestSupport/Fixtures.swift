import CaseFormat
import Foundation

/// Paths and loaders the test targets share.
package enum Fixtures {
  /// The repository root (this file is Tests/CaseTestSupport/Fixtures.swift).
  package static let repositoryRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }()

  package static var scenariosDirectory: String { repositoryRoot + "/Scenarios" }
  package static var guidesDirectory: String { repositoryRoot + "/Guides" }

  /// The shipped guidance catalogs.
  package static let guidance: GuidanceLibrary = ScenarioLoader.loadGuidance(
    directory: repositoryRoot + "/Guides"
  ).library

  /// A header with every required field, for tests that only care about the passages.
  package static func header(
    id: String = "fixture", roles: String = "social-worker", guides: String = "working-together, practice-lessons",
    modes: String = "practice, assessment"
  ) -> String {
    """
    id: \(id)
    title: Fixture
    summary: A test fixture.
    roles: \(roles)
    minutes: 5
    content-note: Test material.
    reviews: A review (2013)
    guides: \(guides)
    modes: \(modes)

    """
  }

  /// Compiles scenario text (with the shipped guidance) as if read from `path`.
  package static func load(_ text: String, path: String = "fixture.case", guidance: GuidanceLibrary? = Fixtures.guidance) -> LoadedScenario {
    ScenarioLoader.load(text: text, path: path, guidance: guidance)
  }

  /// A fixture scenario that must compile with no errors (warnings allowed): stops the test run
  /// with the diagnostics if it does not.
  package static func playable(_ text: String, path: String = "fixture.case") -> Scenario {
    let loaded = load(text, path: path)
    precondition(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
    return loaded.scenario
  }

  /// Whether Hunspell and its en_GB dictionary are installed here (CI installs them; tests of
  /// spelling are skipped, saying so, where they are not).
  package static let hunspellInstalled: Bool = CommandRunner.run(["hunspell", "-d", "en_GB", "-l"]).status == 0

  /// A fresh temporary directory.
  package static func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "casesim-tests-" + UUID().uuidString.lowercased()
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// N flags, each set by a choice that loops back: 2^N states, every one able to finish.
  package static func loopingFlags(_ count: Int) -> String {
    var text = Fixtures.header(id: "many-flags", guides: "practice-lessons")
    for n in 1...count { text += "flag f\(n)\n" }
    text += "== start\n* Finish -> done\n  + see-child-alone 1\n"
    for n in 1...count { text += "* Note point \(n) -> start\n  ~ set f\(n)\n" }
    text += "== done\n@ending safe | Done\n"
    for n in 1...count { text += "{f\(n)} Point \(n) noted.\n" }
    text += "Done.\n@lesson L.\n"
    return text
  }
}
