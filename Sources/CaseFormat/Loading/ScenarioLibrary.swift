import Foundation
import Synchronization

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
    var loaded = Self.loadAll(files, guidance: library)
      .sorted { ($0.scenario.id, $0.scenario.path) < ($1.scenario.id, $1.scenario.path) }
    Self.refuseDuplicateIDs(&loaded)
    scenarios = loaded
  }

  /// Loads every file, spread over the machine's cores: each file is loaded on its own (its
  /// includes and the shared, read-only catalogs aside), and loading the library is most of what
  /// stands between starting the shell and its first prompt. The result is in `files` order.
  static func loadAll(_ files: [String], guidance: GuidanceLibrary) -> [LoadedScenario] {
    files.concurrentMap { ScenarioLoader.load(path: $0, guidance: guidance) }
  }

  /// Two files with one `id:` would make `play ID`, `list` and resume ambiguous, so each of them
  /// gets an error naming the others, and none plays until the ids differ.
  public static func refuseDuplicateIDs(_ scenarios: inout [LoadedScenario]) {
    let byID = Dictionary(grouping: scenarios.indices.filter { !scenarios[$0].scenario.id.isEmpty }) {
      scenarios[$0].scenario.id
    }
    for (id, indices) in byID where indices.count > 1 {
      for index in indices {
        let others = indices.filter { $0 != index }.map { scenarios[$0].scenario.path }
        let at = scenarios[index].scenario.header.locations["id"]
          ?? SourceLocation(file: scenarios[index].scenario.path, line: 1, column: 1)
        scenarios[index].diagnostics.append(
          .error(
            .duplicateScenario,
            "the library has another scenario with the id '\(id)' (\(others.joined(separator: ", "))); give each scenario its own id",
            at: at, length: id.count))
      }
    }
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
      let path = (directory as NSString).appendingPathComponent(relative)
      // A folder named x.case holds no scenario; anything else (a FIFO, say) is read safely and
      // reported by the loader.
      if relative.hasSuffix(".case"), SourceFile.kind(of: path) != .directory {
        files.append(path)
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
