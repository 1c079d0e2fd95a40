import ArgumentParser
import CaseAuthoring
import CaseEngine
import CaseFormat
import Foundation

/// `casesim check [PATH...]`: compiler-quality diagnostics for scenario and guidance files.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check scenario (.case) and guidance (.guide) files; exit 65 if any has errors.",
    discussion: """
      With no paths, checks the whole library: Scenarios/ and Guides/. Beyond syntax, checks each scenario over its reachable state space for every role: unreachable passages and endings, passages where play gets stuck or loops forever, conditions that never or always hold, state set but never read, unscored decisions, a best score that needs a critical choice, endings without the review's lessons. It also checks the writing: each passage's reading ease, the minutes: header against the estimated reading time, and spelling with Hunspell (en_GB, plus words.txt at the library's root and beside the scenario; without Hunspell, spelling is skipped with a note). Silence a warning you have considered with a comment line above it: // casesim-ignore: CODE. Every code is listed in Documentation/trainers-guide.md.
      """)

  @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
  var paths: [String] = []

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Option(help: "text (file:line:column: severity: message, with the source line) or json.")
  var format: Format = .text

  @Flag(help: "Keep running and check again whenever a file changes (Ctrl-C to stop).")
  var watch = false

  @OptionGroup var exploration: ExplorationOptions

  @OptionGroup(title: "Writing quality") var writing: WritingOptions

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let environment = Environment(options: global)
    let speller = writing.speller(searchPath: environment.variables["PATH"])
    guard watch else {
      let result = try check(environment, speller: speller)
      if result.errors > 0 { throw Exit.dataError }
      return
    }
    var last: [String: Date] = [:]
    while true {
      let now = try modificationTimes(environment)
      if now != last {
        last = now
        if format == .text && environment.colourAllowed { Output.print("\u{1B}[2J\u{1B}[H") }
        _ = try check(environment, speller: speller)
        if format == .text {
          replayLastPreview(environment, watched: now.keys)
          Output.print("watching \(now.count) file\(now.count == 1 ? "" : "s") for changes (Ctrl-C to stop)\n")
        }
      }
      Thread.sleep(forTimeInterval: 0.5)
    }
  }

  /// The author's last preview (`play FILE --from ...`), played again on the file as saved, when
  /// that file is one of those being watched.
  private func replayLastPreview(_ environment: Environment, watched: some Collection<String>) {
    guard let preview = LastPreview.load(environment),
      watched.contains(where: { SourceFile.standardizedPath($0) == preview.path })
    else { return }
    let root = environment.libraryRoot(near: preview.path)
    let guidance = ScenarioLoader.loadGuidance(files: environment.guideFiles(for: [preview.path], libraryRoot: root))
    let loaded = ScenarioLoader.load(path: preview.path, guidance: guidance.library)
    guard loaded.isPlayable else {
      Output.print("preview from \(preview.start.summary): played again once the file has no errors\n")
      return
    }
    Output.print(preview.replayed(on: loaded.scenario))
  }

  /// The files a check reads: scenarios and guides named (or the library's), with includes.
  private func files(_ environment: Environment) throws -> (scenarios: [String], guides: [String]) {
    var scenarios: [String] = []
    var guides: [String] = []
    var targets = paths
    if targets.isEmpty {
      guard let root = environment.libraryRoot() else {
        Output.error("no paths given and no library found; pass files or folders to check")
        throw Exit.noInput
      }
      targets = [(root as NSString).appendingPathComponent("Scenarios"), (root as NSString).appendingPathComponent("Guides")]
    }
    for path in targets {
      switch SourceFile.kind(of: path) {
      case .missing:
        Output.error("no such file or folder: \(UntrustedText.escaped(path))")
        throw Exit.noInput
      case .symlinkLoop:
        Output.error("\(UntrustedText.escaped(path)) is a symbolic link that leads round in a loop")
        throw Exit.noInput
      case .directory:
        let before = scenarios.count + guides.count
        scenarios += ScenarioLibrary.scenarioFiles(in: path)
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
          if relative.hasSuffix(".guide") { guides.append((path as NSString).appendingPathComponent(relative)) }
        }
        // An empty folder (even one called x.case) is not a clean check: say there was nothing.
        if scenarios.count + guides.count == before {
          Output.error("\(UntrustedText.escaped(path)) is a folder with no .case or .guide files in it; nothing was checked")
          throw Exit.noInput
        }
        continue
      case .regular, .special, .unreadable:
        break
      }
      if path.hasSuffix(".guide") {
        guides.append(path)
      } else {
        scenarios.append(path)
      }
    }
    return (scenarios.sorted(), guides.sorted())
  }

  private func modificationTimes(_ environment: Environment) throws -> [String: Date] {
    let (scenarios, guides) = try files(environment)
    var watched = Set(scenarios + guides)
    for scenario in scenarios {
      let directory = (scenario as NSString).deletingLastPathComponent
      let enumerator = FileManager.default.enumerator(atPath: directory)
      while let relative = enumerator?.nextObject() as? String {
        if relative.hasSuffix(".passages") { watched.insert((directory as NSString).appendingPathComponent(relative)) }
      }
    }
    var times: [String: Date] = [:]
    for file in watched {
      times[file] = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date
    }
    return times
  }

  /// Where a diagnostic or a note is, and where the text it marks ends (the column after its
  /// last character, on `endLine`): what an editor needs to underline it. Nothing for one with
  /// no place.
  private struct JSONPlace: Encodable {
    var file: String?
    var line: Int?
    var column: Int?
    var endLine: Int?
    var endColumn: Int?

    init(_ location: SourceLocation?, length: Int) {
      file = location?.file
      line = location?.line
      column = location?.column
      endLine = location?.line
      endColumn = location.map { $0.column + length }
    }
  }

  /// A diagnostic as `--format json` writes it: its place's fields beside what it says, in one
  /// flat object (the place is shared with notes, so it is encoded into the same container by
  /// hand); each note likewise with its own place. Keys come out sorted.
  private struct JSONDiagnostic: Encodable {
    struct Note: Encodable {
      var message: String
      var place: JSONPlace

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try place.encode(to: encoder)
      }

      private enum CodingKeys: String, CodingKey { case message }
    }

    var place: JSONPlace
    var severity: String
    var code: String
    var message: String
    var suggestion: String?
    var notes: [Note]

    init(_ diagnostic: Diagnostic) {
      place = JSONPlace(diagnostic.location, length: diagnostic.length)
      severity = diagnostic.severity.rawValue
      code = diagnostic.code.rawValue
      message = diagnostic.message
      suggestion = diagnostic.suggestion
      notes = diagnostic.notes.map { Note(message: $0.message, place: JSONPlace($0.location, length: $0.length)) }
    }

    func encode(to encoder: any Encoder) throws {
      try place.encode(to: encoder)
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(severity, forKey: .severity)
      try container.encode(code, forKey: .code)
      try container.encode(message, forKey: .message)
      try container.encodeIfPresent(suggestion, forKey: .suggestion)
      try container.encode(notes, forKey: .notes)
    }

    private enum CodingKeys: String, CodingKey { case severity, code, message, suggestion, notes }
  }

  private func check(_ environment: Environment, speller: Speller?) throws -> (errors: Int, warnings: Int) {
    let (scenarioFiles, guideFiles) = try files(environment)
    // Scenarios are checked against the guide files named here, the library's catalogs and any
    // .guide files beside the scenarios.
    let root = environment.libraryRoot(near: scenarioFiles.first ?? guideFiles.first)
    let normalized = SourceFile.standardizedPath
    let named = Set(guideFiles.map(normalized))
    let libraryGuides = Set(
      root.map { ScenarioLoader.guideFiles(in: ($0 as NSString).appendingPathComponent("Guides")).map(normalized) } ?? [])
    let guidance = ScenarioLoader.loadGuidance(
      files: guideFiles + environment.guideFiles(for: scenarioFiles, libraryRoot: root, named: guideFiles))

    var diagnostics = WarningSuppression.apply(
      // The library's own catalogs are reported when they are checked; a trainer's own (named,
      // or beside a scenario) whenever they are used.
      guidance.diagnostics.filter { d in
        d.location.map { named.contains(normalized($0.file)) || !libraryGuides.contains(normalized($0.file)) } ?? true
      },
      sources: guidance.sources)
    var sources = guidance.sources
    let library = guidance.library
    let run = ScenarioChecker.check(
      paths: scenarioFiles, guidance: library, stateLimit: exploration.maxStates, transitionLimit: exploration.maxTransitions,
      writing: writing.checks(speller: speller, libraryRoot: root))
    diagnostics += run.notes
    var checked = run.scenarios
    // Scenarios checked together are a library: two with one id would make play ambiguous.
    ScenarioLibrary.refuseDuplicateIDs(&checked)
    for loaded in checked {
      diagnostics += loaded.diagnostics
      sources.merge(loaded.sources)
    }
    // Scenario diagnostics arrive with silenced warnings removed; guide files get the same rule.
    diagnostics = diagnostics.sortedForDisplay
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    switch format {
    case .json:
      try Output.printJSON(diagnostics.map(JSONDiagnostic.init))
    case .text:
      Output.print(DiagnosticRenderer(sources: sources, colour: environment.colourAllowed).render(diagnostics))
      if !diagnostics.isEmpty { Output.print("'casesim explain CODE' says more about any [code] above\n") }
      let count = scenarioFiles.count + guideFiles.count
      Output.print(
        "checked \(count) file\(count == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
    }
    return (errors, warnings)
  }
}
