import Foundation

/// What loading a scenario produced: the scenario (even a broken one, for reporting), every
/// diagnostic, and the sources needed to render them.
public struct LoadedScenario: Sendable {
  public var scenario: Scenario
  public var diagnostics: [Diagnostic]
  public var sources: SourceStore
  /// The text of every file the scenario was compiled from (main file and includes) by the path
  /// it was read at: what a session keeps so it can always be replayed on exactly this version.
  public var files: [String: String] = [:]
  /// The paths the scenario needed but could not read (the main file or an include), so that a
  /// cache keyed on what was read notices when one appears.
  package var unreadableFiles: [String] = []
  /// The syntax tree of every scenario file read (main file and includes), by path.
  public var syntax: [String: ScenarioSyntax] = [:]

  /// True when the scenario can be played.
  public var isPlayable: Bool { !diagnostics.hasErrors }
}

/// What loading the guidance catalogs produced.
public struct LoadedGuidance: Sendable {
  public var library: GuidanceLibrary
  public var diagnostics: [Diagnostic]
  public var sources: SourceStore
  /// Every `.guide` file the catalog was loaded from (read or not), in path order.
  package var files: [String] = []
}

/// Reads scenario and guidance files from disk, follows includes safely and compiles.
public enum ScenarioLoader {
  /// Reads a file as UTF-8 text within the size limit, or explains why not.
  public static func readText(_ path: String) -> Result<String, Diagnostic> {
    let at = SourceLocation(file: path, line: 1, column: 1)
    switch SourceFile.read(path, limit: SourceLimits.maximumFileBytes) {
    case .success(let data):
      guard data.count <= SourceLimits.maximumFileBytes else {
        return .failure(.error(.fileTooLarge, "file is larger than \(SourceLimits.maximumFileSize)", at: at))
      }
      return decode(data, path: path)
    case .failure(let failure):
      if case .regular = failure.kind {
        return .failure(.error(.fileTooLarge, SourceFile.describe(failure.kind), at: at))
      }
      return .failure(.error(.unreadableFile, SourceFile.describe(failure.kind), at: at))
    }
  }

  /// Decodes bytes as UTF-8 text; binary data (NUL bytes, invalid UTF-8) is refused.
  public static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
    let at = SourceLocation(file: path, line: 1, column: 1)
    // On the raw buffer: Data's generic element access costs about as much as all the parsing.
    return data.withUnsafeBytes { raw -> Result<String, Diagnostic> in
      let bytes = raw.bindMemory(to: UInt8.self)
      if let nul = bytes.firstIndex(of: 0) {
        let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return .failure(
          .error(
            .notText, "file contains a NUL byte: it is not a text file",
            at: SourceLocation(file: path, line: line, column: 1)))
      }
      guard var text = String(validating: bytes, as: UTF8.self) else {
        return .failure(.error(.notText, "file is not valid UTF-8 text", at: at))
      }
      if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
      return .success(text)
    }
  }

  /// Loads a scenario from a file, following its includes, and checks it against `guidance`.
  public static func load(path: String, guidance: GuidanceLibrary?) -> LoadedScenario {
    switch readText(path) {
    case .success(let text):
      return load(text: text, path: path, guidance: guidance)
    case .failure(let diagnostic):
      var loaded = LoadedScenario(
        scenario: emptyScenario(path: path), diagnostics: [diagnostic], sources: SourceStore())
      loaded.unreadableFiles = [path]
      return loaded
    }
  }

  /// Loads a scenario from kept text: `files` holds the main file at `path` and every include by
  /// the path it was read at (see ``LoadedScenario/files``). Nothing is read from disk.
  public static func load(files: [String: String], path: String, guidance: GuidanceLibrary?) -> LoadedScenario {
    guard let text = files[path] else {
      return LoadedScenario(
        scenario: emptyScenario(path: path),
        diagnostics: [.error(.unreadableFile, "the kept text has no file '\(path)'", at: SourceLocation(file: path, line: 1, column: 1))],
        sources: SourceStore())
    }
    return load(text: text, path: path, guidance: guidance) { included in
      files[included].map { .success($0) }
        ?? .failure(.error(.unreadableFile, "the kept text has no file '\(included)'", at: SourceLocation(file: included, line: 1, column: 1)))
    }
  }

  /// Loads a scenario from text read from `path` (includes are read relative to it, through
  /// `read`).
  public static func load(
    text: String, path: String, guidance: GuidanceLibrary?,
    read: (String) -> Result<String, Diagnostic> = readText
  ) -> LoadedScenario {
    var files = [path: text]
    var unreadable: [String] = []
    let read = { (included: String) -> Result<String, Diagnostic> in
      let result = read(included)
      switch result {
      case .success(let text): files[included] = text
      case .failure: unreadable.append(included)
      }
      return result
    }
    let source = SourceText(text)
    var sources = SourceStore()
    sources.add(path: path, source: source)
    var hash = ContentHash()
    hash.add(source.bytes)
    let main = ScenarioParser.parse(source, path: path)
    var diagnostics = main.diagnostics
    var included: [ParsedScenarioFile] = []
    let root = canonical((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
    var done: Set<String> = [canonical(path)]
    followIncludes(
      of: main, chain: [canonical(path)], root: root, depth: 1, done: &done, included: &included,
      sources: &sources, hash: &hash, diagnostics: &diagnostics, read: read)
    let (scenario, compileDiagnostics) = ScenarioCompiler.compile(
      main: main, includes: included, contentHash: hash.hexDigest, guidance: guidance)
    diagnostics += compileDiagnostics
    var loaded = LoadedScenario(scenario: scenario, diagnostics: diagnostics, sources: sources)
    loaded.syntax[path] = main.syntax
    for file in included { loaded.syntax[file.path] = file.syntax }
    loaded.files = files
    loaded.unreadableFiles = unreadable
    return loaded
  }

  private static func followIncludes(
    of file: ParsedScenarioFile, chain: [String], root: String, depth: Int,
    done: inout Set<String>, included: inout [ParsedScenarioFile], sources: inout SourceStore,
    hash: inout ContentHash, diagnostics: inout [Diagnostic],
    read: (String) -> Result<String, Diagnostic>
  ) {
    for include in file.includes {
      func fail(_ message: String) {
        diagnostics.append(
          .error(.includeFailed, message, at: include.location, length: include.path.count + 11))
      }
      guard !include.path.hasPrefix("/"), !include.path.hasPrefix("~") else {
        fail("include paths are relative to the including file; '\(include.path)' is absolute")
        continue
      }
      let directory = (file.path as NSString).deletingLastPathComponent
      let joined = directory.isEmpty ? include.path : (directory as NSString).appendingPathComponent(include.path)
      let resolved = canonical(joined)
      guard resolved == root || resolved.hasPrefix(root + "/") else {
        fail("'\(include.path)' is outside the scenario's folder; includes must stay inside it")
        continue
      }
      if let cycleStart = chain.firstIndex(of: resolved) {
        let loop = (chain[cycleStart...] + [resolved]).map { ($0 as NSString).lastPathComponent }
        diagnostics.append(
          .error(
            .includeCycle, "include cycle: \(loop.joined(separator: " -> "))",
            at: include.location, length: include.path.count + 11))
        continue
      }
      guard depth < SourceLimits.maximumIncludeDepth else {
        fail("includes are nested more than \(SourceLimits.maximumIncludeDepth) deep")
        continue
      }
      guard done.insert(resolved).inserted else { continue }
      switch read(joined) {
      case .failure(let problem):
        fail("cannot include '\(include.path)': \(problem.message)")
      case .success(let text):
        let source = SourceText(text)
        sources.add(path: joined, source: source)
        hash.add(include.path)
        hash.add(source.bytes)
        let parsed = ScenarioParser.parse(source, path: joined)
        diagnostics += parsed.diagnostics
        for entry in parsed.headerEntries {
          diagnostics.append(
            .error(
              .misplacedLine, "included files hold passages and declarations, not header fields",
              at: entry.keyLocation, length: entry.key.count))
        }
        included.append(parsed)
        followIncludes(
          of: parsed, chain: chain + [resolved], root: root, depth: depth + 1, done: &done,
          included: &included, sources: &sources, hash: &hash, diagnostics: &diagnostics, read: read)
      }
    }
  }

  private static func canonical(_ path: String) -> String { SourceFile.canonicalPath(path) }

  private static func emptyScenario(path: String) -> Scenario {
    Scenario(
      header: ScenarioHeader(), declarations: [:], passages: [:], passageOrder: [],
      startPassageID: "", contentHash: "", path: path)
  }

  // MARK: Guidance

  /// Loads every `.guide` file in `directory` and checks the catalog as a whole: ids unique across
  /// catalogs, areas that exist.
  public static func loadGuidance(directory: String) -> LoadedGuidance {
    loadGuidance(files: guideFiles(in: directory))
  }

  /// The catalogs a scenario file is checked and played with: the library's `Guides/` (when a
  /// library was found), then the `.guide` files beside each scenario (a trainer's own catalog
  /// kept with their scenario), each once and none of those in `named` (given separately).
  /// The command line and the language server both find catalogs this way.
  public static func guideFiles(
    libraryRoot root: String?, besideScenarios scenarioFiles: [String], excluding named: [String] = []
  ) -> [String] {
    var seen = Set(named.map(SourceFile.standardizedPath))
    var files: [String] = []
    func add(_ paths: [String]) {
      for path in paths where seen.insert(SourceFile.standardizedPath(path)).inserted { files.append(path) }
    }
    if let root { add(guideFiles(in: (root as NSString).appendingPathComponent("Guides"))) }
    for scenario in scenarioFiles {
      let folder = (scenario as NSString).deletingLastPathComponent
      add(guideFiles(in: folder.isEmpty ? "." : folder))
    }
    return files
  }

  /// The `.guide` files of a folder (not its subfolders), in path order.
  public static func guideFiles(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".guide") }.sorted()
      .map { (directory as NSString).appendingPathComponent($0) }
  }

  /// The competency areas principles map to that no competency catalog defines, one root cause
  /// one diagnostic. With no competency catalog loaded at all (a trainer's own catalog beside a
  /// lone scenario, with no library found), the areas cannot be checked, and the debrief gives no
  /// breakdown by area: one warning saying so and how to load one, each area a note at its first
  /// use. Otherwise an area no loaded catalog defines is a mistake: one error an area, at its
  /// first use, with the other entries that name it as notes.
  static func unknownAreas(_ library: GuidanceLibrary) -> [Diagnostic] {
    let areaIDs = Set(library.areas.map(\.id))
    var uses: [String: [GuidanceEntry]] = [:]
    var order: [String] = []
    for entry in library.principles {
      for area in entry.areas where !areaIDs.contains(area) {
        if uses[area] == nil { order.append(area) }
        uses[area, default: []].append(entry)
      }
    }
    guard let firstArea = order.first, let first = uses[firstArea]?.first else { return [] }
    if !library.hasCompetencyCatalog {
      let entries = Set(uses.values.joined().map(\.id)).count
      let one = order.count == 1
      return [
        .warning(
          .unknownArea,
          "no competency catalog ('kind: competencies') is loaded, so the \(order.count) competency \(one ? "area" : "areas") that \(entries) \(entries == 1 ? "entry maps" : "entries map") to \(one ? "is" : "are") not checked and the debrief gives no breakdown by competency area; to check and report \(one ? "it" : "them"), put the competency catalogs (such as the library's Guides/competencies.guide) beside this catalog, or name the library with --library DIR or CASESIM_LIBRARY",
          at: first.location, length: first.id.count,
          notes: order.compactMap { area in
            uses[area].map { DiagnosticNote("'\(area)' (\($0.count) \($0.count == 1 ? "entry" : "entries")) first here", at: $0[0].location, length: $0[0].id.count) }
          })
      ]
    }
    return order.compactMap { area in
      guard let entries = uses[area], let entry = entries.first else { return nil }
      let count = entries.count > 1 ? " (\(entries.count) entries map to it)" : ""
      return .error(
        .unknownArea, "entry '\(entry.id)' maps to unknown competency area '\(area)'\(count)",
        at: entry.location, length: entry.id.count,
        suggestion: Suggestions.closest(to: area, among: areaIDs),
        notes: entries.dropFirst().map { DiagnosticNote("'\($0.id)' maps to it too", at: $0.location, length: $0.id.count) })
    }
  }

  /// Loads the given `.guide` files as one library.
  public static func loadGuidance(files: [String]) -> LoadedGuidance {
    var catalogs: [GuidanceCatalog] = []
    var diagnostics: [Diagnostic] = []
    var sources = SourceStore()
    for path in files {
      switch readText(path) {
      case .failure(let problem): diagnostics.append(problem)
      case .success(let text):
        let source = SourceText(text)
        sources.add(path: path, source: source)
        let (catalog, found) = GuideParser.parse(source, path: path)
        diagnostics += found
        catalogs.append(catalog)
      }
    }
    var seen: [String: GuidanceEntry] = [:]
    var seenCatalogs: [String: String] = [:]
    for catalog in catalogs {
      if let other = seenCatalogs[catalog.id], !catalog.id.isEmpty {
        diagnostics.append(
          .error(
            .duplicateGuidance, "catalog id '\(catalog.id)' is also used by \(other)",
            at: SourceLocation(file: catalog.path, line: 1, column: 1)))
      }
      seenCatalogs[catalog.id] = catalog.path
      for entry in catalog.entries {
        if let first = seen[entry.id] {
          diagnostics.append(
            .error(
              .duplicateGuidance, "guidance id '\(entry.id)' is defined twice",
              at: entry.location, length: entry.id.count,
              notes: [DiagnosticNote("first defined here", at: first.location, length: first.id.count)]))
        } else {
          seen[entry.id] = entry
        }
      }
    }
    let library = GuidanceLibrary(catalogs: catalogs)
    diagnostics += unknownAreas(library)
    var loaded = LoadedGuidance(library: library, diagnostics: diagnostics, sources: sources)
    loaded.files = files
    return loaded
  }
}
