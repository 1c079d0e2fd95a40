/// One scenario or passages file as read, before includes are joined and names resolved.
public struct ParsedScenarioFile: Sendable {
  public var path: String
  public var headerEntries: [HeaderEntry] = []
  public var declarations: [StateDeclaration] = []
  public var includes: [IncludeDirective] = []
  public var passages: [Passage] = []
  public var nameReferences: [NameReference] = []
  public var roleReferences: [RoleReference] = []
  /// Facts named by `knows` conditions and `share` effects, for the check that each exists.
  public var factReferences: [FactReference] = []
  /// Where each `@fact #id` names its fact, for the checks that ids are unique and referred to.
  public var factDeclarations: [FactReference] = []
  public var diagnostics: [Diagnostic] = []
  /// Every line as read, with its kind and tokens: the file's lossless syntax tree.
  public var syntax: ScenarioSyntax

  public init(path: String) {
    self.path = path
    self.syntax = ScenarioSyntax(path: path)
  }
}

/// A `key: value` line of the header, with continuation lines already joined.
public struct HeaderEntry: Sendable, Equatable {
  public var key: String
  public var value: String
  public var keyLocation: SourceLocation
  public var valueLocation: SourceLocation
  /// Where each continuation line's text starts in `value` (a character offset) and in the file,
  /// so a diagnostic about an item on a continuation line points at that line.
  public var continuations: [Continuation] = []

  /// A continuation line of a header value: where its text starts in the joined value and in
  /// the file.
  public struct Continuation: Sendable, Equatable {
    public var offset: Int
    public var location: SourceLocation
  }

  public init(key: String, value: String, keyLocation: SourceLocation, valueLocation: SourceLocation) {
    self.key = key
    self.value = value
    self.keyLocation = keyLocation
    self.valueLocation = valueLocation
  }

  /// The place in the file of the character at `offset` in `value`.
  public func location(atOffset offset: Int) -> SourceLocation {
    guard let segment = continuations.last(where: { $0.offset <= offset }) else {
      var location = valueLocation
      location.column += offset
      return location
    }
    var location = segment.location
    location.column += offset - segment.offset
    return location
  }
}

/// An `@include "path"` line.
public struct IncludeDirective: Sendable, Equatable {
  public var path: String
  public var location: SourceLocation
}
