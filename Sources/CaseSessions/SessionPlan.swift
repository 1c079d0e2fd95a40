public import CaseEngine
public import CaseFormat
public import CaseRecords

/// What a new session is to be: who plays, as which role, in which mode, with options in which
/// order. The record is made from it when the session starts, and is the truth from then on.
public struct SessionPlan: Sendable, Equatable {
  /// Who plays: recorded as the session's trainee and as its one participant (in `role`).
  public var trainee: String
  public var role: String
  public var mode: PlayMode
  /// The option order; nil mints a shuffled order with a fresh seed (the usual case), so position
  /// never gives the answer away. The seed is recorded, so replay shows the same order.
  public var order: OptionOrder?
  /// A play of a file outside the library, kept apart from the trainee's history.
  public var isDraft: Bool
  /// The scenario's text by path, kept with the record so the session is always replayed on it.
  public var sourceFiles: [String: String]
  /// A team's participants, by ordinal, each in a role (the first participant's role is `role`);
  /// empty for a solo session, whose one participant is the trainee in `role`.
  public var participants: [Participant]
  /// The training group the session is played in (recorded for cohort reports), or nil.
  public var group: String?

  public init(
    trainee: String, role: String, mode: PlayMode, order: OptionOrder? = nil, isDraft: Bool = false,
    sourceFiles: [String: String] = [:], participants: [Participant] = [], group: String? = nil
  ) {
    self.group = group
    self.participants = participants
    self.trainee = trainee
    self.role = role
    self.mode = mode
    self.order = order
    self.isDraft = isDraft
    self.sourceFiles = sourceFiles
  }
}
