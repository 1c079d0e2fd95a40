#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The exact text a session was played on: the scenario's main file and every file it includes,
/// kept by content hash, so that a session is always resumed, scored and debriefed against the
/// version it was played with, however the file changes afterwards.
public struct ScenarioVersion: Sendable, Equatable, Codable {
  /// The scenario's content hash (as recorded in each of its sessions).
  public var hash: String
  public var scenarioID: String
  /// The main file's path as it was loaded; includes are found relative to it.
  public var mainPath: String
  /// Path -> text, for the main file and each include.
  public var files: [String: String]

  public init(hash: String, scenarioID: String, mainPath: String, files: [String: String]) {
    self.hash = hash
    self.scenarioID = scenarioID
    self.mainPath = mainPath
    self.files = files
  }
}
