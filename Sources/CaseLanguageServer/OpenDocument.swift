import CaseAuthoring
import CaseFormat
import Foundation

/// A `.case` file as the editor has it (not as it is on disk), and what checking it found.
struct OpenDocument {
  let uri: String
  let path: String
  var text: String
  var version: Int
  /// Set when the text changed and its diagnostics have not been published since.
  var needsDiagnostics = true
  private var analysis: Analysis?

  /// The scenario compiled from the text (with its includes from disk), its diagnostics (the
  /// semantic checks too, once it compiles) and the catalogs it was checked against.
  struct Analysis {
    var loaded: LoadedScenario
    var diagnostics: [Diagnostic]
    var guidance: GuidanceLibrary
    /// Said about the check as a whole, not a place in the file (spelling skipped, and why).
    var notes: [Diagnostic]
    /// Whether spelling was checked: only for diagnostics, which wait for typing to pause; a
    /// completion or hover while typing takes the analysis without it.
    var spelled: Bool
  }

  init(uri: String, text: String, version: Int) {
    self.uri = uri
    self.path = Self.path(of: uri)
    self.text = text
    self.version = version
  }

  mutating func update(text: String, version: Int) {
    self.text = text
    self.version = version
    needsDiagnostics = true
    analysis = nil
  }

  /// Checks the text as `casesim check` would (once per version), spelling with `speller` (if
  /// any), which remembers every word it has looked up, so Hunspell runs only for new words.
  mutating func analysed(_ catalogs: inout CatalogCache, speller: Speller? = nil) -> Analysis {
    if let analysis, analysis.spelled || speller == nil { return analysis }
    let root = Self.libraryRoot(near: path)
    let guidance = catalogs.library(of: ScenarioLoader.guideFiles(libraryRoot: root, besideScenarios: [path]))
    let loaded = ScenarioLoader.load(text: text, path: path, guidance: guidance)
    let checked = ScenarioChecker.check(
      [loaded], guidance: guidance, writing: WritingChecks(speller: speller, libraryRoot: root))
    let scenario = checked.scenarios[0]
    let result = Analysis(loaded: scenario, diagnostics: scenario.diagnostics, guidance: guidance, notes: checked.notes,
      spelled: speller != nil)
    analysis = result
    return result
  }

  /// The library (CASESIM_LIBRARY, or the library found upwards from the file), whose catalogs
  /// and word list are used with any beside the file, as the command line uses them.
  static func libraryRoot(near path: String) -> String? {
    let folder = (path as NSString).deletingLastPathComponent
    let explicit = ProcessInfo.processInfo.environment["CASESIM_LIBRARY"]
    return explicit ?? ScenarioLibrary.locateRoot(candidates: [folder, FileManager.default.currentDirectoryPath])
  }

  /// The file path of a `file://` URI (percent-escapes decoded); other URIs are used as they are.
  static func path(of uri: String) -> String {
    guard uri.hasPrefix("file://") else { return uri }
    return URL(string: uri)?.path ?? String(uri.dropFirst("file://".count))
  }

  /// The `file://` URI of a path.
  static func uri(of path: String) -> String {
    URL(fileURLWithPath: path).absoluteString
  }
}
