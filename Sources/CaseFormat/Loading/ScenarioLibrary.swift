import Foundation

/// The scenario library: every `.case` file in `Scenarios/` and the guidance catalogs in
/// `Guides/`, loaded and checked together.
public struct ScenarioLibrary: Sendable {
  /// The folder holding `Scenarios/` and `Guides/`.
  public var root: String
  public var guidance: LoadedGuidance
  /// Every scenario file found, checked, sorted by id (then path).
  public var scenarios: [LoadedScenario]

  public var scenariosDirectory: String { (root as NSString).appendingPathComponent("Scenarios") }
  public var guidesDirectory: String { (root as NSString).appendingPathComponent("Guides") }

  /// Loads the library under `root`.
  public init(root: String) {
    self.root = root
    let guidesDirectory = (root as NSString).appendingPathComponent("Guides")
    guidance = ScenarioLoader.loadGuidance(directory: guidesDirectory)
    let files = Self.scenarioFiles(in: (root as NSString).appendingPathComponent("Scenarios"))
    let library = guidance.library
    scenarios = files.map { ScenarioLoader.load(path: $0, guidance: library) }
      .sorted { ($0.scenario.id, $0.scenario.path) < ($1.scenario.id, $1.scenario.path) }
  }

  /// Playable scenarios only (those that passed the checker), by id.
  public var playable: [Scenario] { scenarios.filter(\.isPlayable).map(\.scenario) }

  public func scenario(id: String) -> LoadedScenario? {
    scenarios.first { $0.scenario.id == id }
  }

  /// The scenario a recorded session was played on: from the library by id, else from the path
  /// the record holds (if that file still compiles to a playable scenario with the same id).
  public func scenario(id: String, recordedPath: String) -> Scenario? {
    if let loaded = scenario(id: id), loaded.isPlayable { return loaded.scenario }
    let loaded = ScenarioLoader.load(path: recordedPath, guidance: guidance.library)
    return loaded.isPlayable && loaded.scenario.id == id ? loaded.scenario : nil
  }

  /// Every `.case` file under `directory`, recursively, in path order.
  public static func scenarioFiles(in directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.hasSuffix(".case") {
        files.append((directory as NSString).appendingPathComponent(relative))
      }
    }
    return files.sorted()
  }

  /// Finds the library root: the first folder holding both `Scenarios/` and `Guides/`, looking in
  /// each candidate and then upwards from it.
  public static func locateRoot(candidates: [String]) -> String? {
    let fm = FileManager.default
    for candidate in candidates where !candidate.isEmpty {
      var directory = URL(fileURLWithPath: candidate).standardizedFileURL
      for _ in 0..<12 {
        var isDir: ObjCBool = false
        let scenarios = directory.appendingPathComponent("Scenarios").path
        let guides = directory.appendingPathComponent("Guides").path
        if fm.fileExists(atPath: scenarios, isDirectory: &isDir), isDir.boolValue,
          fm.fileExists(atPath: guides, isDirectory: &isDir), isDir.boolValue
        {
          return directory.path
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { break }
        directory = parent
      }
    }
    return nil
  }
}
