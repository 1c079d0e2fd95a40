public import CaseEngine

/// Why a session's record cannot be read as play.
///
/// A record is the truth about a session, so one that cannot be what it claims is refused, never
/// guessed at: a mode CaseSim does not know is not taken for practice (where undo is allowed, so a
/// damaged assessment record would gain undo), and a decision that was never on offer is not
/// skipped. Each case says what is wrong in a short lowercase sentence, fit to print after
/// "error: " or inside a longer message.
public enum RecordProblem: Error, Equatable, CustomStringConvertible {
  /// The session's mode is neither practice nor assessment.
  case unknownMode(String)
  /// The session's option order is neither shuffled nor written.
  case unknownOptionOrder(String)
  /// The session was recorded for another role than the one it is being played as.
  case otherRole(recorded: String, playing: String)
  /// The session's participants play other roles than the team it is being played by.
  case otherTeam(recorded: [String], playing: [String])
  /// A single path was asked of a team's session, which has a track per role.
  case teamHasNoSinglePath
  /// No participant of the session plays the role it is being played as.
  case noParticipantInRole(String)
  /// An event made by a participant the session does not have (nil: an event that does not say,
  /// in a session of several).
  case participantNotInSession(sequence: Int, participant: Int?)
  /// An event in another role than its participant's.
  case roleNotParticipants(sequence: Int, participant: Int, role: String, participantRole: String)
  /// A choice event without the passage or the index of its choice.
  case incompleteChoice(sequence: Int)
  /// An undo with no standing decision before it.
  case nothingToUndo(sequence: Int)
  /// A retry of a decision that does not stand (`standing` decisions do), or one in assessment.
  case retryDoesNotFit(sequence: Int, decision: Int?, standing: Int, assessment: Bool)
  /// A recorded decision the scenario does not offer where play stands (a choice index not on
  /// offer, a passage play is not at, a decision after the ending).
  case decisionDoesNotFit(sequence: Int, PlayError)

  public var description: String {
    switch self {
    case .unknownMode(let mode):
      "the session's mode '\(mode)' is neither practice nor assessment, so the record is damaged; it is not played in either mode"
    case .unknownOptionOrder(let order):
      "the session's option order '\(order)' is neither shuffled nor written, so the record is damaged"
    case .otherRole(let recorded, let playing):
      "the session was recorded as \(recorded), not \(playing)"
    case .otherTeam(let recorded, let playing):
      "the session was recorded for a team of \(recorded.joined(separator: ", ")), not \(playing.joined(separator: ", "))"
    case .teamHasNoSinglePath:
      "a team's session has a track for each role, not one path; its debrief shows who knew what, when ('casesim debrief SESSION', with --svg for the swim-lane picture)"
    case .noParticipantInRole(let role):
      "nobody in the session's record plays \(role), so the record is damaged"
    case .participantNotInSession(let sequence, let participant?):
      "event \(sequence) was made by participant \(participant), who is not in the session, so the record is damaged"
    case .participantNotInSession(let sequence, nil):
      "event \(sequence) does not say which of the session's participants made it, so the record is damaged"
    case .roleNotParticipants(let sequence, let participant, let role, let participantRole):
      "event \(sequence) was made as \(role), but its participant (\(participant)) plays \(participantRole), so the record is damaged"
    case .incompleteChoice(let sequence):
      "event \(sequence) is a decision that does not say which choice was taken, so the record is damaged"
    case .nothingToUndo(let sequence):
      "event \(sequence) undoes a decision, but no decision stands before it"
    case .retryDoesNotFit(let sequence, _, _, true):
      "event \(sequence) goes back to retry a decision in an assessment, where every decision stands, so the record is damaged"
    case .retryDoesNotFit(let sequence, let decision, let standing, false):
      "event \(sequence) goes back to decision \(decision.map(String.init) ?? "(none given)"), but \(standing) decision\(standing == 1 ? "" : "s") stand\(standing == 1 ? "s" : ""), so the record is damaged"
    case .decisionDoesNotFit(let sequence, let error):
      sequence > 0 ? "event \(sequence): \(error)" : "\(error)"
    }
  }
}
