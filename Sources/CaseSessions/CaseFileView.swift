public import CaseFormat

/// The case file so far: the facts revealed, in the order seen, and the trainee's notes.
public struct CaseFileView: Sendable, Equatable {
  public var facts: [Fact]
  public var notes: [String]
}
