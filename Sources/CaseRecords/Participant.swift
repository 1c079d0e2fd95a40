/// One person taking part in a session, and the role they play.
///
/// A session is played by a team: one or more participants, each a person (by the name they
/// gave) in one of the scenario's roles. One role may be played by two people, and a role nobody
/// plays is left to the scenario's default behaviour, so it has no participant. A solo session is
/// a team of one (the trainee, in the session's role), not a second kind of record, so that team
/// play and solo play are read by the same code.
///
/// Every event names its participant by ``ordinal``, and carries that participant's role, so the
/// log says who decided what, as which agency. Names are personal data, kept like trainee names.
public struct Participant: Sendable, Equatable, Hashable, Codable {
  /// 1-based position in the session's team, fixed when the session is created; events refer to
  /// the participant by it.
  public var ordinal: Int
  /// The person's name as they gave it (for the first participant of a solo session, the
  /// trainee's name).
  public var name: String
  /// The scenario role this participant plays.
  public var role: String

  public init(ordinal: Int, name: String, role: String) {
    self.ordinal = ordinal
    self.name = name
    self.role = role
  }

  /// The team of a solo session: the trainee, alone, in the session's role.
  public static func solo(trainee: String, role: String) -> [Participant] {
    [Participant(ordinal: 1, name: trainee, role: role)]
  }

  /// Why `participants` cannot be a session's team, or nil: every store applies this rule before
  /// it keeps a session, so no store holds a session nobody plays or two people under one ordinal.
  public static func problem(with participants: [Participant]) -> String? {
    guard !participants.isEmpty else { return "it has no participants" }
    if let bad = participants.first(where: { $0.ordinal < 1 }) {
      return "participant ordinals start at 1, and \(bad.name) has \(bad.ordinal)"
    }
    guard Set(participants.map(\.ordinal)).count == participants.count else {
      return "two participants have the same ordinal"
    }
    return nil
  }

  /// The participant who made `event` in a session of `participants`, with the event's role
  /// checked against theirs: the rule every store applies before appending, so an event never
  /// claims a person or a role the session does not have. A nil participant is the session's
  /// only one (solo sessions need not say), never a guess among several.
  public static func maker(
    of event: EventRecord, among participants: [Participant]
  ) throws(RecordStoreError) -> Participant {
    let found: Participant?
    if let ordinal = event.participant {
      found = participants.first { $0.ordinal == ordinal }
    } else {
      found = participants.count == 1 ? participants[0] : nil
    }
    guard let found else {
      throw .participantNotInSession(session: event.sessionID, participant: event.participant)
    }
    if let role = event.role, role != found.role {
      throw .roleNotParticipants(
        session: event.sessionID, participant: found.ordinal, role: role, participantRole: found.role)
    }
    return found
  }
}
