/// What a logged event records.
///
/// The play state is a fold of a session's events, so each kind must carry enough to replay it:
/// a `choice` moves the story on, an `undo` takes back the latest choice (practice mode), a
/// `retry` goes back to an earlier decision to take it again (practice mode: the decision's number
/// is in ``EventRecord/choiceIndex``, and it and every later decision are taken back), and a
/// `note` is free text the trainee attached where they were, kept for the debrief.
public enum EventKind: String, Sendable, Codable, CaseIterable {
  case choice
  case undo
  case note
  case retry
}
