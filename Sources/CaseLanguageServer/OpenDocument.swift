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

  /// Checks the text as `casesim check` would (once per version).
  mutating func analysed(_ catalogs: inout CatalogCache) -> Analysis {
    if let analysis { return analysis }
    let guidance = catalogs.library(of: Self.guideFiles(near: path))
    var loaded = ScenarioLoader.load(text: text, path: path, guidance: guidance)
    if !loaded.diagnostics.hasErrors {
      loaded.diagnostics += SemanticChecker.check(loaded.scenario, guidance: guidance)
    }
    let diagnostics = WarningSuppression.apply(loaded.diagnostics, to: loaded)
    let result = Analysis(loaded: loaded, diagnostics: diagnostics, guidance: guidance)
    analysis = result
    return result
  }

  /// The library's catalogs (CASESIM_LIBRARY, or the library found upwards from the file) and any
  /// `.guide` files beside it, as the command line uses them.
  static func guideFiles(near path: String) -> [String] {
    let folder = (path as NSString).deletingLastPathComponent
    let explicit = ProcessInfo.processInfo.environment["CASESIM_LIBRARY"]
    let root = explicit ?? ScenarioLibrary.locateRoot(candidates: [folder, FileManager.default.currentDirectoryPath])
    return ScenarioLoader.guideFiles(libraryRoot: root, besideScenarios: [path])
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
