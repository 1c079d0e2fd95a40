/// Every catalog in the `Guides/` folder, indexed for look-up by principle and area id.
public struct GuidanceLibrary: Sendable, Equatable {
  public private(set) var catalogs: [GuidanceCatalog]
  private var entryIndex: [String: GuidanceEntry] = [:]
  private var catalogIndex: [String: Int] = [:]

  public init(catalogs: [GuidanceCatalog]) {
    self.catalogs = catalogs
    for (i, catalog) in catalogs.enumerated() {
      catalogIndex[catalog.id] = catalogIndex[catalog.id] ?? i
      for entry in catalog.entries where entryIndex[entry.id] == nil {
        entryIndex[entry.id] = entry
      }
    }
  }

  public static let empty = GuidanceLibrary(catalogs: [])

  public func catalog(_ id: String) -> GuidanceCatalog? { catalogIndex[id].map { catalogs[$0] } }

  /// A principle or competency area by id.
  public func entry(_ id: String) -> GuidanceEntry? { entryIndex[id] }

  /// The catalog that defines `entryID`.
  public func catalog(containing entryID: String) -> GuidanceCatalog? {
    entryIndex[entryID].flatMap { catalog($0.catalogID) }
  }

  /// Principles only (not competency areas), in catalog order.
  public var principles: [GuidanceEntry] { catalogs.filter { !$0.isCompetencies }.flatMap(\.entries) }

  /// Competency areas, in catalog order.
  public var areas: [GuidanceEntry] { catalogs.filter(\.isCompetencies).flatMap(\.entries) }

  /// True when a competency catalog is loaded. Without one (a trainer's own catalog beside a lone
  /// scenario, no library found) principles' areas cannot be checked or reported, which is not
  /// the same as a role no framework names.
  public var hasCompetencyCatalog: Bool { catalogs.contains(where: \.isCompetencies) }

  public var allEntries: [GuidanceEntry] { catalogs.flatMap(\.entries) }

  /// The competency areas a role is scored against: those of the frameworks that name the role in
  /// their `roles:` line. A role no framework names has none (rather than another profession's).
  public func areas(forRole role: String) -> [GuidanceEntry] {
    catalogs.filter { $0.isCompetencies && $0.roles.contains(role) }.flatMap(\.entries)
  }

  /// The competency frameworks that apply to a role.
  public func frameworks(forRole role: String) -> [GuidanceCatalog] {
    catalogs.filter { $0.isCompetencies && $0.roles.contains(role) }
  }
}
