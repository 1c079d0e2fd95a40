import Foundation
import Synchronization

/// The library as the shell opens it: its summary at once, the whole library when a command
/// needs it.
///
/// Parsing and checking every scenario is most of the work before the first prompt, yet the
/// first screen shows only the listing. When the library cache holds the summary of exactly the
/// files on disk, the summary comes from there and the library loads behind the prompt, while
/// the trainee reads; a command that needs a scenario waits for the load (it has usually
/// finished long before anyone types). Otherwise the library loads first, as without a cache,
/// and its summary is kept for next time.
public final class LibraryLoad: Sendable {
  /// The folder holding `Scenarios/` and `Guides/`.
  public let root: String
  private let initialSummary: LibrarySummary
  private let cache: LibraryCache?
  private let state: Mutex<State>
  private let finished = DispatchGroup()

  private enum State {
    /// The summary came from the cache; nothing has asked for the library yet.
    case notStarted
    case loading
    case loaded(ScenarioLibrary)
  }

  /// Whether the summary came from the cache (the library loads when asked, or in the background).
  public let summaryWasCached: Bool

  /// A library already loaded.
  public init(library: ScenarioLibrary) {
    root = library.root
    initialSummary = library.summary
    cache = nil
    state = Mutex(.loaded(library))
    summaryWasCached = false
  }

  private init(root: String, cachedSummary: LibrarySummary, cache: LibraryCache) {
    self.root = root
    initialSummary = cachedSummary
    self.cache = cache
    state = Mutex(.notStarted)
    summaryWasCached = true
    finished.enter()
  }

  /// Opens the library at `root`: from `cache` when it is current (the library itself loads
  /// later, see ``loadInBackground()``), else by loading it now and keeping its summary in
  /// `cache`.
  public static func open(root: String, cache: LibraryCache?) -> LibraryLoad {
    guard let cache, let summary = cache.summary(root: root) else {
      let library = ScenarioLibrary(root: root)
      cache?.keep(library)
      return LibraryLoad(library: library)
    }
    return LibraryLoad(root: root, cachedSummary: summary, cache: cache)
  }

  public var scenariosDirectory: String { (root as NSString).appendingPathComponent("Scenarios") }

  /// Starts loading the library on another thread, if nothing has started it yet. The shell
  /// calls this once its first screen is out, so the load does not compete with it.
  public func loadInBackground() {
    guard claimLoad() else { return }
    DispatchQueue.global(qos: .userInitiated).async { self.load() }
  }

  /// The whole library, loading it now or waiting for the load under way.
  public var library: ScenarioLibrary {
    if claimLoad() { load() }
    finished.wait()
    guard case .loaded(let library) = state.withLock({ $0 }) else {
      preconditionFailure("the library load finished without a library")
    }
    return library
  }

  /// The listing: the loaded library's once it has loaded, the cached one until then.
  public var summary: LibrarySummary {
    guard case .loaded(let library) = state.withLock({ $0 }) else { return initialSummary }
    return library.summary
  }

  /// True for the one caller that is to load the library.
  private func claimLoad() -> Bool {
    state.withLock { state in
      guard case .notStarted = state else { return false }
      state = .loading
      return true
    }
  }

  private func load() {
    let library = ScenarioLibrary(root: root)
    state.withLock { $0 = .loaded(library) }
    finished.leave()
    // Files changed after the cache was read: keep what was loaded for next time.
    if library.summary != initialSummary { cache?.keep(library) }
  }
}
