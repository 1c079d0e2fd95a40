/// A named scene: prose, case-file facts and the choices that lead on (or, for an ending, the
/// outcome and what the real review found).
public struct Passage: Sendable, Equatable {
  public var id: String
  public var location: SourceLocation
  public var prose: [ProseLine]
  public var facts: [Fact]
  /// Roles the passage is for; empty means every role.
  public var roles: [String]
  public var ending: Ending?
  public var choices: [Choice]
  /// `@why`: the neutral question asked after any choice here in assessment mode, so that being
  /// asked for a reason never tells the trainee which option was the good one.
  public var rationalePrompt: String?
  /// `@keep-order`: the options are always shown as written (an escalation ladder, say), never
  /// in the session's shuffled order.
  public var keepsWrittenOrder: Bool
  /// `@joint`: a meeting. In a team session it begins when every role played has reached it;
  /// everyone sees it and its decision is the chair's (or the table's).
  public var isJoint: Bool
  /// `@chair ROLE`: who takes a meeting's decision when that role is played; otherwise the table
  /// agrees and the first participant enters it.
  public var chair: String?

  public init(
    id: String, location: SourceLocation, prose: [ProseLine] = [], facts: [Fact] = [],
    roles: [String] = [], ending: Ending? = nil, choices: [Choice] = [],
    rationalePrompt: String? = nil, keepsWrittenOrder: Bool = false, isJoint: Bool = false, chair: String? = nil
  ) {
    self.isJoint = isJoint
    self.chair = chair
    self.id = id
    self.location = location
    self.prose = prose
    self.facts = facts
    self.roles = roles
    self.ending = ending
    self.choices = choices
    self.rationalePrompt = rationalePrompt
    self.keepsWrittenOrder = keepsWrittenOrder
  }

  public var isEnding: Bool { ending != nil }
}

/// One line of prose, or a paragraph break. A line may carry a condition that decides whether it
/// is shown.
public struct ProseLine: Sendable, Equatable {
  /// Empty text marks a paragraph break.
  public var text: String
  public var condition: Condition?
  /// Where the text starts.
  public var location: SourceLocation
  /// Where the condition is written (the whole `{...}`), so a diagnostic about it underlines the
  /// condition rather than the text.
  public var conditionSpan: SourceSpan?

  public init(text: String, condition: Condition? = nil, location: SourceLocation, conditionSpan: SourceSpan? = nil) {
    self.text = text
    self.condition = condition
    self.location = location
    self.conditionSpan = conditionSpan
  }

  public var isParagraphBreak: Bool { text.isEmpty }
}

/// An entry for the case file (the chronology the trainee builds up as they play).
public struct Fact: Sendable, Equatable, Codable {
  /// The fact's name (`@fact #conviction ...`), so that a choice can share it with another role
  /// (`~ share conviction with social-worker`) and a condition can ask who holds it
  /// (`social-worker knows conviction`); nil for a fact nobody refers to.
  public var id: String?
  /// When it happened, as the author wrote it ("Fri 16:40", "Week 3", "Strategy discussion [Fri
  /// 18:30]"); optional. The trainee sees ``shownWhen``.
  public var when: String?
  public var text: String
  /// Where it falls on the story's timeline (``StoryTime``), so the case file lists facts in the
  /// order they happened; nil for a fact with no WHEN, which the case file lists undated.
  public var order: Int?
  /// Where the WHEN is written (nil for a fact with none, or one not read from a file), so a
  /// check about its place on the timeline can point at it.
  public var location: SourceLocation?
  /// Where the id after `#` is written, so a check about the named fact can point at it.
  public var idLocation: SourceLocation?

  public init(
    id: String? = nil, when: String?, text: String, order: Int? = nil, location: SourceLocation? = nil,
    idLocation: SourceLocation? = nil
  ) {
    self.id = id
    self.idLocation = idLocation
    self.when = when
    self.text = text
    self.order = order
    self.location = location
  }

  /// The WHEN as the trainee sees it: without the `[...]` that tells the case file its place.
  public var shownWhen: String? { when.map(StoryTime.label) }
}

/// How an ending left the child.
public enum Outcome: String, Sendable, Codable, CaseIterable {
  case safe
  case partlySafe = "partly-safe"
  case unsafe
}

/// What makes a passage an ending: its outcome class and the review's lessons for it.
public struct Ending: Sendable, Equatable {
  public var outcome: Outcome
  /// The ending's name in the author's words (`@ending unsafe | The boat not rocked`), shown in
  /// debriefs and history instead of the passage id.
  public var title: String?
  public var lessons: [String]
  public var reflections: [String]

  public init(outcome: Outcome, title: String? = nil, lessons: [String] = [], reflections: [String] = []) {
    self.outcome = outcome
    self.title = title
    self.lessons = lessons
    self.reflections = reflections
  }
}
