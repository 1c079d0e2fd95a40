/// One source document's principles (Working Together, the information-sharing advice...), or,
/// with `kind: competencies`, the competency areas principles map to.
public struct GuidanceCatalog: Sendable, Equatable {
  public var id: String
  public var title: String
  public var publisher: String
  public var year: Int
  public var isCompetencies: Bool
  /// For a competency framework: the roles (professions) whose practice it describes, so that a
  /// trainee is scored against their own profession's areas and no other's.
  public var roles: [String]
  public var entries: [GuidanceEntry]
  public var path: String

  public init(
    id: String, title: String, publisher: String, year: Int, isCompetencies: Bool,
    roles: [String] = [], entries: [GuidanceEntry], path: String
  ) {
    self.id = id
    self.title = title
    self.publisher = publisher
    self.year = year
    self.isCompetencies = isCompetencies
    self.roles = roles
    self.entries = entries
    self.path = path
  }
}

/// A good-practice principle, written in our own words, with the source it comes from.
public struct GuidanceEntry: Sendable, Equatable {
  public var id: String
  public var title: String
  /// Document and year ("Working Together to Safeguard Children (HM Government, 2023)").
  public var citation: String
  /// Competency-area ids (KSS, PCF, SWE) the principle maps to.
  public var areas: [String]
  public var statement: String
  public var catalogID: String
  public var location: SourceLocation

  public init(
    id: String, title: String, citation: String, areas: [String], statement: String,
    catalogID: String, location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.citation = citation
    self.areas = areas
    self.statement = statement
    self.catalogID = catalogID
    self.location = location
  }
}
