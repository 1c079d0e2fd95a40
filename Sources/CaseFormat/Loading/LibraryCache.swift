import Foundation

/// Keeps the library's summary between runs, keyed on everything it was made from, so that the
/// shell's first screen comes up without parsing and checking every scenario first.
///
/// The key (the *fingerprint*) covers every byte that decides the summary: each scenario file,
/// each file a scenario includes (or the fact that it could not be read), each guidance catalog,
/// and the `casesim` executable itself (its size, modification time and inode, so a rebuilt or
/// upgraded program never trusts a summary an older checker made). Anything else is a miss: a
/// missing, unreadable, damaged or foreign cache file is ignored and written anew. The cache is
/// an optimisation only; the library is still loaded and checked in full before anything is
/// played, and nothing in it is trusted beyond the listing it shows.
///
/// Files are written with ``PrivateFile``: 0600 in a 0700 folder, whole or not at all, and a
/// cache file its owner made read-only is left as it is.
public struct LibraryCache: Sendable {
  /// The folder holding the cache files, one per library root (usually
  /// `$XDG_CACHE_HOME/casesim`).
  public let directory: String

  /// Bumped whenever the stored form or the meaning of the fingerprint changes. 2: each entry
  /// carries the scenario's `intensity`; a cache of format 1 would decode (the field is optional)
  /// but list every scenario without one, so it is ignored and written anew.
  static let formatVersion = 2

  public init(directory: String) {
    self.directory = directory
  }

  /// What is kept for one library root.
  struct Stored: Codable {
    var format: Int
    var fingerprint: String
    /// Files the scenarios include, which the fingerprint covers but a listing of `Scenarios/`
    /// and `Guides/` does not find.
    var includes: [String]
    var summary: LibrarySummary
  }

  /// The cache file for the library at `root`.
  public func file(for root: String) -> String {
    var hash = ContentHash()
    hash.add(root)
    return (directory as NSString).appendingPathComponent("library-\(hash.hexDigest).json")
  }

  /// The kept summary of the library at `root`, if every file it was made from is unchanged.
  public func summary(root: String) -> LibrarySummary? {
    guard let stored = read(root: root) else { return nil }
    let fresh = Self.fingerprint(
      scenarioFiles: ScenarioLibrary.scenarioFiles(in: (root as NSString).appendingPathComponent("Scenarios")),
      guideFiles: ScenarioLoader.guideFiles(in: (root as NSString).appendingPathComponent("Guides")),
      includes: stored.includes)
    return fresh == stored.fingerprint ? stored.summary : nil
  }

  /// Keeps the summary of a library just loaded, keyed on exactly the text it was loaded from
  /// (so an edit made while it loaded makes the next run miss rather than show a stale listing).
  /// Returns false when it could not be kept (no folder, read-only, full disk); the caller
  /// carries on either way.
  @discardableResult
  public func keep(_ library: ScenarioLibrary) -> Bool {
    let (fingerprint, includes) = Self.fingerprint(of: library)
    let stored = Stored(
      format: Self.formatVersion, fingerprint: fingerprint, includes: includes, summary: library.summary)
    guard let data = try? JSONEncoder().encode(stored) else { return false }
    return PrivateFile.write(data, to: file(for: library.root))
  }

  private func read(root: String) -> Stored? {
    guard case .success(let data) = SourceFile.read(file(for: root), limit: SourceLimits.maximumFileBytes),
      let stored = try? JSONDecoder().decode(Stored.self, from: data),
      stored.format == Self.formatVersion
    else { return nil }
    return stored
  }

  // MARK: Fingerprint

  /// One input of the summary: a file's text, or the fact that it could not be read.
  private enum Input {
    case text(String)
    /// Text as the UTF-8 bytes a source store keeps.
    case bytes([UInt8])
    case unreadable
  }

  /// The fingerprint of the files read now.
  static func fingerprint(scenarioFiles: [String], guideFiles: [String], includes: [String]) -> String {
    var inputs: [String: Input] = [:]
    for path in scenarioFiles + guideFiles + includes {
      switch ScenarioLoader.readText(path) {
      case .success(let text): inputs[path] = .text(text)
      case .failure: inputs[path] = .unreadable
      }
    }
    return digest(inputs)
  }

  /// The fingerprint of the text a loaded library was made from, and the includes it read.
  static func fingerprint(of library: ScenarioLibrary) -> (String, [String]) {
    var inputs: [String: Input] = [:]
    var mains: Set<String> = []
    for loaded in library.scenarios {
      mains.insert(loaded.scenario.path)
      for (path, text) in loaded.files { inputs[path] = .text(text) }
      for path in loaded.unreadableFiles { inputs[path] = .unreadable }
      if inputs[loaded.scenario.path] == nil { inputs[loaded.scenario.path] = .unreadable }
    }
    let includes = inputs.keys.filter { !mains.contains($0) }.sorted()
    for path in library.guidance.files {
      inputs[path] = library.guidance.sources.bytes(of: path).map(Input.bytes) ?? .unreadable
    }
    return (digest(inputs), includes)
  }

  private static func digest(_ inputs: [String: Input]) -> String {
    var hash = ContentHash()
    hash.add("casesim library cache \(formatVersion)\u{0}\(executableIdentity)\u{0}")
    for path in inputs.keys.sorted() {
      hash.add(path)
      switch inputs[path] {
      case .text(let text)?:
        hash.add("\u{0}text \(text.utf8.count)\u{0}")
        hash.add(text.utf8)
      case .bytes(let bytes)?:
        hash.add("\u{0}text \(bytes.count)\u{0}")
        hash.add(bytes)
      case .unreadable?, nil:
        hash.add("\u{0}unreadable\u{0}")
      }
    }
    return hash.hexDigest
  }

  /// Which build of `casesim` is running: a summary made by another build is never used.
  private static let executableIdentity: String = {
    var info = stat()
    guard stat("/proc/self/exe", &info) == 0 else { return "unknown executable" }
    return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }()
}
