/// What the shell's first screen shows of the library: each scenario's listing and whether it
/// plays, and the guidance ids Tab completes. It is small and plain so that it can be kept in the
/// library cache (see ``LibraryCache``) and the first prompt need not wait for the whole library
/// to be parsed and checked.
public struct LibrarySummary: Codable, Sendable, Equatable {
  /// One scenario file as the library listing shows it.
  public struct Entry: Codable, Sendable, Equatable {
    public var id: String
    public var path: String
    public var title: String
    public var summary: String
    public var roles: [String]
    public var minutes: Int
    public var themes: [String]
    public var contentNote: String
    /// How hard the material is to read; nil when the scenario does not say.
    public var intensity: ScenarioIntensity?
    /// False when the file has errors (it is counted, not listed).
    public var isPlayable: Bool

    public init(_ loaded: LoadedScenario) {
      let header = loaded.scenario.header
      id = loaded.scenario.id
      path = loaded.scenario.path
      title = header.title
      summary = header.summary
      roles = header.roles
      minutes = header.minutes
      themes = header.themes
      contentNote = header.contentNote
      intensity = header.intensity
      isPlayable = loaded.isPlayable
    }
  }

  /// Every scenario file, in the library's order (by id, then path).
  public var scenarios: [Entry]
  /// The ids of the guidance principles, for completion.
  public var principleIDs: [String]

  public var playable: [Entry] { scenarios.filter(\.isPlayable) }

  /// How many scenario files have errors and cannot be played.
  public var brokenCount: Int { scenarios.count - playable.count }

  /// The title of the scenario with `id`, playable or not.
  public func title(of id: String) -> String? {
    scenarios.first { $0.id == id }?.title
  }
}

extension ScenarioLibrary {
  /// The library as its listing shows it.
  public var summary: LibrarySummary {
    LibrarySummary(
      scenarios: scenarios.map(LibrarySummary.Entry.init),
      principleIDs: guidance.library.principles.map(\.id))
  }
}
