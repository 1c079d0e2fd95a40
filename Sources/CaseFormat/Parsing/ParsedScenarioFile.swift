/// One scenario or passages file as read, before includes are joined and names resolved.
public struct ParsedScenarioFile: Sendable {
  public var path: String
  public var headerEntries: [HeaderEntry] = []
  public var declarations: [StateDeclaration] = []
  public var includes: [IncludeDirective] = []
  public var passages: [Passage] = []
  public var nameReferences: [NameReference] = []
  public var roleReferences: [RoleReference] = []
  public var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }
}

/// A `key: value` line of the header, with continuation lines already joined.
public struct HeaderEntry: Sendable, Equatable {
  public var key: String
  public var value: String
  public var keyLocation: SourceLocation
  public var valueLocation: SourceLocation
}

/// An `@include "path"` line.
public struct IncludeDirective: Sendable, Equatable {
  public var path: String
  public var location: SourceLocation
}
