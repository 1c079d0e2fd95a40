public import CaseEngine

/// Why the session controller did not do what it was asked. Returned as a value (a typed
/// error), never printed: each presenter says it in its own words, and nothing about the session
/// has changed when one is reported.
public enum SessionProblem: Error, Equatable, CustomStringConvertible {
  /// The scenario cannot be scored fairly as it stands; no session was started.
  case cannotBeScored(String)
  /// An intent that needs a session, before one was started or resumed.
  case notStarted
  /// The session could not be recorded, so it did not start.
  case couldNotStart(String)
  /// The session's events could not be read.
  case recordUnreadable(String)
  /// The record cannot be played on this scenario (damaged, or the scenario changed under it).
  case recordDoesNotFit(RecordProblem, scenarioChanged: Bool)
  /// The store did not take the event; nothing was taken and play is where it was.
  case notRecorded(String)
  /// No option has this number; `count` are shown.
  case noSuchOption(count: Int)
  /// The engine refused the choice where play stands.
  case choiceUnavailable(PlayError)
  /// A reason was given when none was asked for.
  case noReasonAsked
  /// Undo in assessment mode, where every decision stands.
  case undoIsForPractice
  /// Undo with no standing decision.
  case nothingToUndo
  /// Retry in assessment mode, where every decision stands.
  case retryIsForPractice
  /// Retry of a decision that does not stand; `standing` decisions do.
  case noSuchDecision(standing: Int)
  /// The running score, asked for in assessment mode (it waits for the debrief).
  case scoreIsForPractice
  /// The running score, asked for in a team session (each participant's points are in the
  /// team's debrief).
  case scoreIsForSolo
  /// A decision by someone who is not in the session.
  case notAParticipant(String)
  /// A note with no text.
  case emptyNote
  /// A decision after the scenario has ended.
  case ended
  /// The debrief could not be derived from the record.
  case debriefFailed(String)

  public var description: String {
    switch self {
    case .cannotBeScored(let reason): reason
    case .notStarted: "no session has been started"
    case .couldNotStart(let reason): reason
    case .recordUnreadable(let reason): "could not read the session's record: \(reason)"
    case .recordDoesNotFit(.decisionDoesNotFit(_, let error), scenarioChanged: true):
      "the recorded decisions no longer fit the scenario (\(error)); the scenario file was changed after the session began"
    case .recordDoesNotFit(let problem, scenarioChanged: true):
      "the record does not fit the scenario (\(problem)); the scenario file was changed after the session began"
    case .recordDoesNotFit(let problem, scenarioChanged: false):
      "the session's record cannot be played: \(problem)"
    case .notRecorded(let reason): "could not save to the record (\(reason)); nothing was taken"
    case .noSuchOption(let count): "choose a number from 1 to \(count)"
    case .choiceUnavailable(let error): "that choice cannot be taken: \(error)"
    case .noReasonAsked: "no reason was asked for"
    case .undoIsForPractice: "undo is for practice mode; in assessment every decision stands"
    case .nothingToUndo: "there is no decision to undo yet"
    case .retryIsForPractice: "retry is for practice mode; in assessment every decision stands"
    case .scoreIsForSolo: "the running score is for one trainee; the team's debrief shows each participant's points"
    case .notAParticipant(let name): "\(name) is not playing in this session"
    case .noSuchDecision(0): "there is no decision to go back to yet"
    case .noSuchDecision(let standing): "choose a decision from 1 to \(standing) to go back to"
    case .scoreIsForPractice: "the score so far is for practice mode; in assessment it waits for the debrief"
    case .emptyNote: "a note needs text"
    case .ended: "the scenario has ended"
    case .debriefFailed(let reason): "could not build the debrief: \(reason)"
    }
  }
}
