/// A compiled scenario: the header, declared state and passages, with source locations kept so
/// that every later stage (checking, analysis, debriefs) can point back at the file.
public struct Scenario: Sendable, Equatable {
  public var header: ScenarioHeader
  /// Declared flags and counters by name.
  public var declarations: [String: StateDeclaration]
  /// Passages by id.
  public var passages: [String: Passage]
  /// Passage ids in the order they appear in the files (main file first, then includes).
  public var passageOrder: [String]
  /// Where play begins.
  public var startPassageID: String
  /// A fingerprint of the source text (main file and includes), recorded with each session so a
  /// resumed session can tell whether the scenario changed under it.
  public var contentHash: String
  /// The main file's path as it was loaded.
  public var path: String

  public init(
    header: ScenarioHeader, declarations: [String: StateDeclaration], passages: [String: Passage],
    passageOrder: [String], startPassageID: String, contentHash: String, path: String
  ) {
    self.header = header
    self.declarations = declarations
    self.passages = passages
    self.passageOrder = passageOrder
    self.startPassageID = startPassageID
    self.contentHash = contentHash
    self.path = path
  }

  public var id: String { header.id }

  /// Passages in file order.
  public var orderedPassages: [Passage] { passageOrder.compactMap { passages[$0] } }

  /// Every guidance id the scenario scores against, in first-use order.
  public var guidanceIDsUsed: [String] {
    var seen = Set<String>()
    var ids: [String] = []
    for passage in orderedPassages {
      for choice in passage.choices {
        for score in choice.scores where seen.insert(score.guidanceID).inserted {
          ids.append(score.guidanceID)
        }
      }
    }
    return ids
  }

  /// Every named fact (`@fact #id`) by id, with the passage that tells it; the first wins when
  /// an id is given twice (which the compiler reports).
  public var namedFacts: [String: NamedFact] {
    var named: [String: NamedFact] = [:]
    for passage in orderedPassages {
      for fact in passage.facts {
        if let id = fact.id, named[id] == nil { named[id] = NamedFact(fact: fact, passageID: passage.id) }
      }
    }
    return named
  }

  /// The roles a `share` reaches: those it names, or for `everyone` (an empty list) every role in
  /// the header. The engine and the compiled form both ask here.
  public func recipients(of roles: [String]) -> [String] { roles.isEmpty ? header.roles : roles }

  /// True when a team can play it together: it names two or more roles and has a meeting
  /// (`@joint`) where their tracks come together.
  public var isTeamScenario: Bool { header.roles.count >= 2 && passages.values.contains(where: \.isJoint) }

  /// Number of passages that offer the trainee a real decision (two or more choices).
  public var decisionPointCount: Int { passages.values.filter { $0.choices.count >= 2 }.count }
}

/// A fact with an id, and the passage that tells it.
public struct NamedFact: Sendable, Equatable {
  public var fact: Fact
  public var passageID: String

  public init(fact: Fact, passageID: String) {
    self.fact = fact
    self.passageID = passageID
  }
}

/// The `key: value` block at the top of a scenario file.
public struct ScenarioHeader: Sendable, Equatable {
  public var id: String
  public var title: String
  public var summary: String
  public var roles: [String]
  public var minutes: Int
  public var contentNote: String
  /// How hard the material is to read (`intensity:`); nil when the file does not say, which
  /// trainers' own files may do. Shown with the content note and in the library.
  public var intensity: ScenarioIntensity?
  public var reviews: [String]
  public var guides: [String]
  public var modes: [PlayMode]
  public var themes: [String]
  /// The first names of the children at the heart of the case. The surface-cue analysis uses
  /// them: an option that names the child should not, on that alone, be the right one.
  public var children: [String]
  public var lessons: [String]
  public var reflections: [String]
  public var start: String?
  /// Where each key was written, for diagnostics.
  public var locations: [String: SourceLocation]
  /// Where each item of a list-valued key (roles, guides, themes) was written, by "key:item".
  public var itemLocations: [String: SourceLocation] = [:]

  /// Where an item of a list-valued key was written (falls back to the key's value).
  public func location(of item: String, in key: String) -> SourceLocation? {
    itemLocations["\(key):\(item)"] ?? locations[key]
  }

  public init(
    id: String = "", title: String = "", summary: String = "", roles: [String] = [],
    minutes: Int = 0, contentNote: String = "", intensity: ScenarioIntensity? = nil,
    reviews: [String] = [], guides: [String] = [],
    modes: [PlayMode] = [], themes: [String] = [], children: [String] = [], lessons: [String] = [],
    reflections: [String] = [], start: String? = nil, locations: [String: SourceLocation] = [:]
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.roles = roles
    self.minutes = minutes
    self.contentNote = contentNote
    self.intensity = intensity
    self.reviews = reviews
    self.guides = guides
    self.modes = modes
    self.themes = themes
    self.children = children
    self.lessons = lessons
    self.reflections = reflections
    self.start = start
    self.locations = locations
  }
}

/// How a scenario is played: practice gives feedback after each decision and allows `undo`;
/// assessment keeps feedback for the debrief and does not.
public enum PlayMode: String, Sendable, Codable, CaseIterable {
  case practice, assessment
}

/// A declared flag or counter with its starting value.
public struct StateDeclaration: Sendable, Equatable {
  public enum Kind: String, Sendable { case flag, counter }
  public var name: String
  public var kind: Kind
  /// For flags, 0 or 1.
  public var initialValue: Int
  /// The values a counter is kept within: effects that would take it further stop at the bound.
  /// Bounded counters keep the state space finite, so analysis always terminates.
  public var range: ClosedRange<Int>
  public var location: SourceLocation

  /// Counters without `in LOW..HIGH` stay within -100...100.
  public static let defaultCounterRange = -100...100

  public init(
    name: String, kind: Kind, initialValue: Int, range: ClosedRange<Int>? = nil,
    location: SourceLocation
  ) {
    self.name = name
    self.kind = kind
    self.initialValue = initialValue
    self.range = range ?? (kind == .flag ? 0...1 : Self.defaultCounterRange)
    self.location = location
  }
}
