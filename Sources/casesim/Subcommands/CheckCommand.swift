import ArgumentParser
import CaseFormat
import Foundation

/// `casesim check [PATH...]`: compiler-quality diagnostics for scenario and guidance files.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check scenario (.case) and guidance (.guide) files; exit 65 if any has errors.",
    discussion: "With no paths, checks the whole library: Scenarios/ and Guides/.")

  @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
  var paths: [String] = []

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    var scenarioFiles: [String] = []
    var guideFiles: [String] = []
    var targets = paths
    if targets.isEmpty {
      guard let root = environment.libraryRoot() else {
        Output.error("no paths given and no library found; pass files or folders to check")
        throw Exit.noInput
      }
      targets = [(root as NSString).appendingPathComponent("Scenarios"), (root as NSString).appendingPathComponent("Guides")]
    }
    for path in targets {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        Output.error("no such file or folder: \(path)")
        throw Exit.noInput
      }
      if isDirectory.boolValue {
        scenarioFiles += ScenarioLibrary.scenarioFiles(in: path)
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
          if relative.hasSuffix(".guide") { guideFiles.append((path as NSString).appendingPathComponent(relative)) }
        }
      } else if path.hasSuffix(".guide") {
        guideFiles.append(path)
      } else {
        scenarioFiles.append(path)
      }
    }

    // Scenarios are checked against the library's catalogs, plus any guide files named here.
    var libraryGuides: [String] = []
    if let root = environment.libraryRoot(near: scenarioFiles.first ?? guideFiles.first) {
      let directory = (root as NSString).appendingPathComponent("Guides")
      libraryGuides = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".guide") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
    let normalized = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.path }
    let named = Set(guideFiles.map(normalized))
    let allGuides = guideFiles + libraryGuides.filter { !named.contains(normalized($0)) }
    let guidance = ScenarioLoader.loadGuidance(files: allGuides)

    var diagnostics = guidance.diagnostics.filter { d in
      d.location.map { named.contains(normalized($0.file)) } ?? true
    }
    var sources = guidance.sources
    for file in scenarioFiles.sorted() {
      let loaded = ScenarioLoader.load(path: file, guidance: guidance.library)
      diagnostics += loaded.diagnostics
      sources.merge(loaded.sources)
    }
    let renderer = DiagnosticRenderer(sources: sources, colour: environment.colourAllowed)
    Output.print(renderer.render(diagnostics.sortedForDisplay))
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let files = scenarioFiles.count + guideFiles.count
    Output.print(
      "checked \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
    if errors > 0 { throw Exit.dataError }
  }
}
