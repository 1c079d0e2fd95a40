public import CaseEngine
public import CaseFormat
public import CaseRecords
public import CaseScoring

/// A session's record read as play: the one decoder from stored events to the engine's terms.
///
/// Resume, the live session, the debrief and the preview's last decisions all fold events through
/// ``apply(_:)``, so a decision taken now and the same decision read back after a kill give the
/// same state, and undo is taken back in one place only. The fold is strict: a record that cannot
/// be what it claims (an unknown mode, a decision not on offer, an undo with nothing before it,
/// an event by someone who is not among the session's participants) is refused with a
/// ``RecordProblem`` rather than played some other way.
public struct RecordedPlay: Sendable {
  public let engine: Engine
  /// The session's mode, as recorded.
  public let mode: PlayMode
  /// The order the session shows options in, from its recorded name and seed.
  public let order: OptionOrder
  /// Who plays the session, as recorded (a solo session: the trainee alone).
  public let participants: [Participant]
  /// The participant who plays the engine's role (the first, if two share it): the one a live
  /// session records its events as.
  public let player: Participant
  /// Where play stands after every event so far.
  public private(set) var state: PlayState
  /// The standing decisions (after undos), each with the reason and timing recorded for it.
  public private(set) var decisions: [DecisionInput] = []
  /// Who took each standing decision, in step with ``decisions``.
  public private(set) var deciders: [Participant] = []
  /// The trainee's notes, in order.
  public private(set) var notes: [String] = []
  /// Who wrote each note, in step with ``notes``.
  public private(set) var noteMakers: [Participant] = []
  /// How many decisions were taken back with undo.
  public private(set) var undoCount = 0
  /// The decisions gone back to with retry, by number, in the order it happened.
  public private(set) var retried: [Int] = []
  /// The state before each standing decision, so an undo goes back without replaying.
  private var earlier: [PlayState] = []

  /// The play of a session with no events yet.
  public init(record: SessionRecord, engine: Engine) throws(RecordProblem) {
    guard let mode = PlayMode(rawValue: record.mode) else { throw .unknownMode(record.mode) }
    guard record.role == engine.role else {
      throw .otherRole(recorded: record.role, playing: engine.role)
    }
    guard let player = record.participants.first(where: { $0.role == engine.role }) else {
      throw .noParticipantInRole(engine.role)
    }
    guard Self.team(of: record.participants) == engine.team else {
      throw .otherTeam(recorded: Self.team(of: record.participants), playing: engine.team)
    }
    switch record.optionOrder {
    case OptionOrder.written.name, OptionOrder.shuffled(seed: 0).name:
      order = OptionOrder(name: record.optionOrder, seed: record.orderSeed)
    default:
      throw .unknownOptionOrder(record.optionOrder)
    }
    self.engine = engine
    self.mode = mode
    participants = record.participants
    self.player = player
    state = engine.start()
  }

  /// The play of a session after its recorded events, in order.
  public init(record: SessionRecord, events: [EventRecord], engine: Engine) throws(RecordProblem) {
    try self.init(record: record, engine: engine)
    for event in events { try apply(event) }
  }

  /// Folds one more event in; on a problem, nothing changes.
  public mutating func apply(_ event: EventRecord) throws(RecordProblem) {
    let maker = try checkMaker(of: event)
    switch event.kind {
    case .choice:
      guard let passageID = event.passageID, let index = event.choiceIndex else {
        throw .incompleteChoice(sequence: event.sequence)
      }
      // In a team, the decision is its maker's role's, on that role's track.
      let decision = TakenDecision(passageID: passageID, choiceIndex: index, role: engine.isTeam ? maker.role : nil)
      let next: PlayState
      do {
        next = try engine.apply(decision, to: state)
      } catch {
        throw .decisionDoesNotFit(sequence: event.sequence, error)
      }
      earlier.append(state)
      decisions.append(
        DecisionInput(decision: decision, rationale: event.rationale, milliseconds: event.decisionMilliseconds))
      deciders.append(maker)
      state = next
    case .undo:
      guard !decisions.isEmpty else { throw .nothingToUndo(sequence: event.sequence) }
      takeBack(from: decisions.count)
      undoCount += 1
    case .note:
      if let text = event.text {
        notes.append(text)
        noteMakers.append(maker)
      }
    case .retry:
      guard mode == .practice, let number = event.choiceIndex, decisions.indices.contains(number - 1) else {
        throw .retryDoesNotFit(
          sequence: event.sequence, decision: event.choiceIndex, standing: decisions.count,
          assessment: mode == .assessment)
      }
      takeBack(from: number)
      retried.append(number)
    }
  }

  /// Takes back decision `number` (1-based) and every one after it: play returns to where it
  /// stood before that decision. Undo is this for the last decision; retry, for any.
  private mutating func takeBack(from number: Int) {
    state = earlier[number - 1]
    earlier.removeSubrange((number - 1)...)
    decisions.removeSubrange((number - 1)...)
    deciders.removeSubrange((number - 1)...)
  }

  /// Refuses an event made by someone the session does not have, or in a role its maker does
  /// not play: the record would then say something about who decided that cannot be true. The
  /// same rule as the stores' (``Participant/maker(of:among:)``), so a record refused here was
  /// damaged after it was written.
  private func checkMaker(of event: EventRecord) throws(RecordProblem) -> Participant {
    do {
      return try Participant.maker(of: event, among: participants)
    } catch {
      switch error {
      case .roleNotParticipants(_, let participant, let role, let participantRole):
        throw .roleNotParticipants(
          sequence: event.sequence, participant: participant, role: role, participantRole: participantRole)
      default:
        throw .participantNotInSession(sequence: event.sequence, participant: event.participant)
      }
    }
  }

  /// This play with one more event folded in.
  public func applying(_ event: EventRecord) throws(RecordProblem) -> RecordedPlay {
    var next = self
    try next.apply(event)
    return next
  }

  /// The roles a session's participants play, each once, in the order of their ordinals: the
  /// engine's team for the session.
  public static func team(of participants: [Participant]) -> [String] {
    var roles: [String] = []
    for participant in participants.sorted(by: { $0.ordinal < $1.ordinal }) where !roles.contains(participant.role) {
      roles.append(participant.role)
    }
    return roles
  }

  /// The standing decisions, as the engine and the score sheet take them.
  public var standingDecisions: [TakenDecision] { decisions.map(\.decision) }
}
