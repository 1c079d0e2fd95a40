#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One event in a session's log. The play state is a fold of these.
///
/// Events are append-only: a store assigns `sequence` when it appends, and never changes an
/// event afterwards, so the log doubles as the audit trail of who decided what and when.
///
/// `recordedAt` is truncated to the millisecond when set, because that is what stores keep.
public struct EventRecord: Sendable, Equatable, Codable {
  /// The event's own id: a lowercase UUID minted when the event is made (for a choice, at
  /// decision time), kept by every store and unique among them all. It makes forwarding from
  /// the local outbox to a shared store idempotent (a store that already holds an event with
  /// this id answers with it and adds nothing), and it is the xAPI statement id of a decision,
  /// so exporting twice gives the same statements.
  public var id: String
  public var sessionID: String
  /// 1-based position in the session's log; assigned by the store on append (the value passed
  /// in is ignored).
  public var sequence: Int
  public var kind: EventKind
  /// Choice and note: the passage the trainee was at.
  public var passageID: String?
  /// Choice: 1-based index of the choice as written in the passage. Retry: the 1-based number of
  /// the decision play went back to (it, and every decision after it, no longer stand).
  public var choiceIndex: Int?
  /// Choice: its text, for audit (the scenario may be edited later).
  public var choiceText: String?
  /// The ``Participant/ordinal`` of the participant who made the event. Events read from a store
  /// always have one. Nil only on an event about to be appended: the store then attributes it to
  /// the session's only participant, and refuses it in a session with several.
  public var participant: Int?
  /// The acting role: the participant's role. Events read from a store always have one; nil on
  /// an event about to be appended means the participant's role, and any other role than the
  /// participant's is refused.
  public var role: String?
  /// Choice: the trainee's explanation, if they were asked for one.
  public var rationale: String?
  /// Note: the note's text.
  public var text: String?
  /// Choice: time from the passage being shown to the choice being made.
  public var decisionMilliseconds: Int?
  public var recordedAt: Date {
    didSet { recordedAt = RecordTimestamp.truncated(recordedAt) }
  }
  /// Guidance id -> points. Choices only; empty for other kinds.
  public var scoreDeltas: [String: Int]

  public init(
    id: String = EventRecord.mintID(),
    sessionID: String,
    sequence: Int = 0,
    kind: EventKind,
    passageID: String? = nil,
    choiceIndex: Int? = nil,
    choiceText: String? = nil,
    participant: Int? = nil,
    role: String? = nil,
    rationale: String? = nil,
    text: String? = nil,
    decisionMilliseconds: Int? = nil,
    recordedAt: Date = Date(),
    scoreDeltas: [String: Int] = [:]
  ) {
    self.id = id
    self.sessionID = sessionID
    self.sequence = sequence
    self.kind = kind
    self.passageID = passageID
    self.choiceIndex = choiceIndex
    self.choiceText = choiceText
    self.participant = participant
    self.role = role
    self.rationale = rationale
    self.text = text
    self.decisionMilliseconds = decisionMilliseconds
    self.recordedAt = RecordTimestamp.truncated(recordedAt)
    self.scoreDeltas = scoreDeltas
  }

  /// A new event id: a random UUID in lowercase, the form every store keeps.
  public static func mintID() -> String { UUID().uuidString.lowercased() }
}
