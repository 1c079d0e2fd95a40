public import CaseFormat

/// The case file so far: the facts revealed, and the trainee's notes.
public struct CaseFileView: Sendable, Equatable {
  /// In the order they were revealed.
  public var facts: [Fact]
  public var notes: [String]

  /// The dated facts in the order they happened on the story's timeline (``Fact/order``); facts
  /// at the same point keep the order they were revealed in.
  public var chronology: [Fact] {
    facts.enumerated().filter { $0.element.order != nil }
      .sorted { ($0.element.order!, $0.offset) < ($1.element.order!, $1.offset) }.map(\.element)
  }

  /// The facts with no time, in the order they were revealed.
  public var undated: [Fact] { facts.filter { $0.order == nil } }
}
