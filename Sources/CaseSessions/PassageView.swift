public import CaseFormat

/// What the trainee sees at the current passage: everything a presenter needs to show it, and
/// nothing about how it is shown.
public struct PassageView: Sendable, Equatable {
  public var passageID: String
  /// The prose, as paragraphs, with conditional lines decided by the state (empty when the
  /// passage is not for the acting role).
  public var paragraphs: [String]
  /// True when this part of the case happens away from the acting role, with another agency.
  public var happensElsewhere: Bool
  /// Facts this passage added to the case file (shown once, under the prose).
  public var newFacts: [Fact]
  /// The options, in the order the session shows them; empty at an ending.
  public var options: [PassageOption]
  /// The ending reached, if this passage is one.
  public var ending: Ending?
  /// True when play is over (an ending, or a passage that does not exist).
  public var isFinished: Bool
  /// True at a meeting (`@joint`).
  public var isMeeting: Bool = false
  /// At a meeting that has not begun: the roles it waits for, in team order.
  public var waitingFor: [String] = []
  /// At a meeting: the role that takes its decision in this team.
  public var decider: String?
}
