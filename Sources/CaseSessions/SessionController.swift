public import CaseEngine
public import CaseFormat
public import CaseRecords
import CaseScoring

import Foundation

/// Plays one session of one scenario, with no user interface: it takes the trainee's intents
/// (start, choose option N as shown, give a reason, undo, note, finish) and returns values (the
/// passage to show, a decision's feedback, the debrief) or a ``SessionProblem``. It never prints,
/// reads a terminal or exits, so the terminal and, next, the network present the same session.
///
/// The record is the truth. Every event is committed to the store before its effect is returned,
/// and the play state is the fold of the committed events through ``RecordedPlay`` (the same fold
/// resume uses), so a session killed at any moment resumes with every decision it had reported
/// as taken, in the same option order. When the store refuses an event, the problem is returned
/// and the state has not moved.
public final class SessionController {
  public let engine: Engine
  public let guidance: GuidanceLibrary
  let store: any LocalRecordStore
  let clock: any SessionClock

  /// The session's record; nil until it is started or resumed.
  public private(set) var record: SessionRecord?
  /// The fold of the session's events; nil until it is started or resumed.
  private var play: RecordedPlay?
  /// A decision chosen and waiting for its reason; committed only when complete.
  private var pending: PendingDecision?
  /// When the options now shown were shown, to time the decision (monotonic milliseconds).
  private var shownAt = 0
  private lazy var best = BestAchievable(engine: engine, guidance: guidance)

  /// A controller for `role` in `scenario`; nothing is recorded until ``start(_:)`` or
  /// ``resume(_:)``.
  public convenience init(
    scenario: Scenario, role: String, guidance: GuidanceLibrary, store: any LocalRecordStore,
    clock: any SessionClock = SystemClock()
  ) {
    self.init(scenario: scenario, team: [role], guidance: guidance, store: store, clock: clock)
  }

  /// A controller for a team playing `scenario` together: `team` is the roles played, each once,
  /// in the order of their first participant. A solo session is a team of one.
  public init(
    scenario: Scenario, team: [String], guidance: GuidanceLibrary, store: any LocalRecordStore,
    clock: any SessionClock = SystemClock()
  ) {
    self.engine = Engine(scenario: scenario, team: team)
    self.guidance = guidance
    self.store = store
    self.clock = clock
  }

  /// A controller for a recorded session: its team (one role, for a solo session) is the record's.
  public convenience init(
    resuming record: SessionRecord, scenario: Scenario, guidance: GuidanceLibrary, store: any LocalRecordStore,
    clock: any SessionClock = SystemClock()
  ) {
    self.init(
      scenario: scenario, team: RecordedPlay.team(of: record.participants), guidance: guidance, store: store,
      clock: clock)
  }

  public var scenario: Scenario { engine.scenario }

  /// The session's mode, once started or resumed.
  public var mode: PlayMode? { play?.mode }

  /// Why the scenario cannot be scored fairly (a scoring choice one playthrough can take more
  /// than once), or nil. Asked before anything is recorded.
  public var refusal: SessionProblem? {
    let others = engine.team.dropFirst().map {
      BestAchievable(engine: Engine(scenario: scenario, role: $0), guidance: guidance)
    }
    guard let repeated = ([best] + others).lazy.compactMap(\.repeatableScoredChoices.first).first else { return nil }
    return .cannotBeScored(
      "this scenario cannot be scored fairly: the choice \"\(repeated.text)\" (\(repeated.location)) scores and one playthrough can take it more than once; 'casesim check' reports it as scored-loop")
  }

  // MARK: Starting

  /// Records a new session (and the scenario's text under its hash) and returns its record. The
  /// session is a team of one: the plan's trainee, in the controller's role; every event is
  /// then recorded as theirs.
  public func start(_ plan: SessionPlan) throws(SessionProblem) -> SessionRecord {
    if let refusal { throw refusal }
    let order: OptionOrder
    if let planned = plan.order {
      order = planned
    } else {
      var generator = SystemRandomNumberGenerator()
      order = .shuffled(seed: generator.next())
    }
    let seed: UInt64 = if case .shuffled(let seed) = order { seed } else { 0 }
    let participants = plan.participants.isEmpty ? Participant.solo(trainee: plan.trainee, role: engine.role) : plan.participants
    let record = SessionRecord(
      id: UUID().uuidString.lowercased(), trainee: plan.trainee, scenarioID: scenario.id,
      scenarioHash: scenario.contentHash, scenarioPath: scenario.path, role: engine.role,
      participants: participants, mode: plan.mode.rawValue, startedAt: clock.now(), optionOrder: order.name,
      orderSeed: seed, isDraft: plan.isDraft, group: plan.group)
    let fresh: RecordedPlay
    do {
      fresh = try RecordedPlay(record: record, engine: engine)
    } catch {
      throw .recordDoesNotFit(error, scenarioChanged: false)
    }
    do {
      if !plan.sourceFiles.isEmpty {
        try store.saveScenarioVersion(
          ScenarioVersion(
            hash: scenario.contentHash, scenarioID: scenario.id, mainPath: scenario.path,
            files: plan.sourceFiles))
      }
      try store.createSession(record)
    } catch {
      throw .couldNotStart("\(error)")
    }
    self.record = record
    play = fresh
    pending = nil
    return record
  }

  /// Picks a recorded, unfinished session up: reads its events and folds them, refusing a record
  /// that cannot be played as it claims.
  public func resume(_ record: SessionRecord) throws(SessionProblem) -> Resumption {
    let recorded: [EventRecord]
    do {
      recorded = try store.events(forSession: record.id)
    } catch {
      throw .recordUnreadable("\(error)")
    }
    let changed = record.scenarioHash != scenario.contentHash
    let replayed: RecordedPlay
    do {
      replayed = try RecordedPlay(record: record, events: recorded, engine: engine)
    } catch {
      throw .recordDoesNotFit(error, scenarioChanged: changed)
    }
    self.record = record
    play = replayed
    pending = nil
    // In a team, each decision says who took it.
    let decisions = zip(replayed.standingDecisions, replayed.deciders).compactMap { decision, maker in
      engine.choice(for: decision).map {
        engine.isTeam ? "\($0.text) (\(maker.name), \(DebriefRenderer.roleName(maker.role)))" : $0.text
      }
    }
    return Resumption(decisions: decisions, scenarioChanged: changed)
  }

  // MARK: What is shown

  /// True when play has reached an ending.
  public var isFinished: Bool { engine.isFinished(state) }

  /// The current passage, without starting the decision timer.
  public var passage: PassageView { passage(for: engine.role) }

  /// Where `role`'s track is, as that role sees it (a meeting as its decider reads it once it
  /// has begun). At an ending, the ending that ended play for everyone.
  public func passage(for role: String) -> PassageView {
    let state = state
    let track = engine.track(of: role) ?? 0
    let finished = isFinished
    let ended = finished ? engine.endingTrack(state) : nil
    let id = state.tracks[ended ?? track].passageID
    let passage = engine.scenario.passages[id]
    let reader = passage.flatMap { $0.isJoint && engine.meetingHasBegun(id, in: state) ? engine.decider(of: $0) : nil } ?? role
    let shownTo = ended.map { engine.team[$0] } ?? reader
    return PassageView(
      passageID: id, paragraphs: engine.visibleParagraphs(state, for: shownTo),
      happensElsewhere: passage.map { !engine.isFor($0, role) } ?? false,
      newFacts: state.tracks[track].caseFile.filter { $0.passageID == id }.map(\.fact),
      options: finished ? [] : options(for: role), ending: passage?.ending, isFinished: finished,
      isMeeting: passage?.isJoint ?? false,
      waitingFor: passage?.isJoint == true && !engine.meetingHasBegun(id, in: state)
        ? engine.team.indices.filter { state.tracks[$0].passageID != id }.map { engine.team[$0] } : [],
      decider: passage.flatMap { $0.isJoint ? engine.decider(of: $0) : nil })
  }

  /// The current passage as it is shown to the trainee: the decision timer starts now.
  public func show() -> PassageView { show(for: engine.role) }

  /// `role`'s passage as it is shown to them: their decision timer starts now.
  public func show(for role: String) -> PassageView {
    let view = passage(for: role)
    if !view.isFinished { shownAt = clock.monotonicMilliseconds() }
    return view
  }

  /// True when more than one role is played.
  public var isTeam: Bool { engine.isTeam }

  /// How many decisions stand (after undos and retries).
  public var decisionsTaken: Int { play?.standingDecisions.count ?? 0 }

  /// The session's participants (a solo session: the trainee alone); empty before it starts.
  public var participants: [Participant] { play?.participants ?? [] }

  /// Who takes the next decision in a team at one table: the role after the one that decided
  /// last (in team order, coming round again) that has a decision to take, and of the people
  /// playing it, the one whose turn it is (two people in one role take turns). Nil once play has
  /// ended, or if nobody can act.
  public var turn: Participant? {
    guard let play, !isFinished else { return nil }
    let last = play.standingDecisions.last.map { $0.role ?? engine.role }
    guard let role = engine.nextToAct(after: last, in: state) else { return nil }
    let people = play.participants.filter { $0.role == role }.sorted { $0.ordinal < $1.ordinal }
    let taken = play.standingDecisions.filter { ($0.role ?? engine.role) == role }.count
    return people.isEmpty ? nil : people[taken % people.count]
  }

  /// Which decision this is and the fewest it can take to end the case; nil at an ending.
  public var progress: SessionProgress? {
    guard !isFinished, !engine.isTeam, let play else { return nil }
    let taken = play.standingDecisions.count
    let remaining = SessionProgress.fewestDecisionsToEnding(engine, from: state)
    return SessionProgress(decision: taken + 1, atLeast: remaining.map { taken + $0 })
  }

  /// The feedback on the last decision that stands, to read again: practice mode only (in
  /// assessment feedback waits for the debrief); nil before any decision.
  public var lastFeedback: DecisionFeedback? {
    guard let play, play.mode == .practice, let last = play.standingDecisions.last,
      let choice = engine.choice(for: last)
    else { return nil }
    return feedback(choice)
  }

  /// The options on offer, in the session's order.
  public var options: [PassageOption] { options(for: engine.role) }

  /// The options on offer to `role`, in the session's order (none while it waits).
  public func options(for role: String) -> [PassageOption] {
    let (state, play) = (state, play)
    return presented(for: role).enumerated().map { n, choice in
      PassageOption(
        number: n + 1, text: choice.text, choiceIndex: choice.index,
        reasonQuestion: play.flatMap { engine.rationalePrompt(for: choice, by: role, in: state, mode: $0.mode) })
    }
  }

  /// The case file so far, with the trainee's notes.
  public var caseFile: CaseFileView { caseFile(for: engine.role) }

  /// What `role` has been told so far, with the notes written in that role (in a solo session,
  /// every note): a note is part of what one agency knows, like a fact.
  public func caseFile(for role: String) -> CaseFileView {
    let notes = play.map { play in
      zip(play.notes, play.noteMakers).filter { !engine.isTeam || $0.1.role == role }.map(\.0)
    } ?? []
    return CaseFileView(facts: state.tracks[engine.track(of: role) ?? 0].caseFile.map(\.fact), notes: notes)
  }

  /// Points so far against the best achievable; practice mode only.
  public func score() throws(SessionProblem) -> ScoreStanding {
    guard let play else { throw .notStarted }
    guard play.mode == .practice else { throw .scoreIsForPractice }
    guard !engine.isTeam else { throw .scoreIsForSolo }
    return ScoreStanding(
      total: ScoreSheet(engine: engine, decisions: play.standingDecisions).total, best: best.total)
  }

  // MARK: Deciding

  /// Chooses option `number` as shown. Returns the question to ask when a reason is wanted;
  /// otherwise the decision is committed at once.
  public func choose(_ number: Int) throws(SessionProblem) -> DecisionStep {
    guard let play else { throw .notStarted }
    return try choose(number, by: play.player)
  }

  /// `participant` chooses option `number` as shown to their role (in a team, whoever has a
  /// decision to take; ``turn`` says whose turn it is at one table).
  public func choose(_ number: Int, by participant: Participant) throws(SessionProblem) -> DecisionStep {
    guard let play else { throw .notStarted }
    guard !isFinished else { throw .ended }
    guard play.participants.contains(participant) else { throw .notAParticipant(participant.name) }
    let presented = presented(for: participant.role)
    guard number >= 1, number <= presented.count else { throw .noSuchOption(count: presented.count) }
    let choice = presented[number - 1]
    // Timed from when the options were shown to the choice, not to the end of the reason.
    let milliseconds = max(0, clock.monotonicMilliseconds() - shownAt)
    let decision = PendingDecision(choice: choice, milliseconds: milliseconds, participant: participant)
    if let question = engine.rationalePrompt(for: choice, by: participant.role, in: play.state, mode: play.mode) {
      pending = decision
      return .askReason(question: question)
    }
    pending = nil
    return .taken(try commit(decision))
  }

  /// Gives the reason for the decision waiting for one. One nudge, never a wall: a reason that is
  /// empty or one word asks once for more, and the second answer is accepted (an empty one keeps
  /// the first); the debrief marks a short reason.
  public func giveReason(_ text: String) throws(SessionProblem) -> DecisionStep {
    guard var decision = pending else { throw .noReasonAsked }
    let reason = text.trimmingCharacters(in: .whitespaces)
    if decision.rationale == nil {
      decision.rationale = reason
      if RationaleShortfall(answer: reason) != nil {
        pending = decision
        return .askMore
      }
    } else if !reason.isEmpty {
      decision.rationale = reason
    }
    pending = nil
    return .taken(try commit(decision))
  }

  /// Drops a decision waiting for its reason (the trainee left): nothing was recorded.
  public func withdrawDecision() { pending = nil }

  /// Records the decision, then moves play on.
  private func commit(_ decision: PendingDecision) throws(SessionProblem) -> DecisionTaken {
    guard let record, let play else { throw .notStarted }
    let choice = decision.choice
    let maker = decision.participant
    let at = play.state.tracks[engine.track(of: maker.role) ?? 0].passageID
    let event = EventRecord(
      sessionID: record.id, kind: .choice, passageID: at,
      choiceIndex: choice.index, choiceText: choice.text, participant: maker.ordinal,
      role: maker.role,
      rationale: decision.rationale, decisionMilliseconds: decision.milliseconds,
      recordedAt: clock.now(), scoreDeltas: ScoreSheet.deltas(of: choice))
    let next: RecordedPlay
    do {
      next = try play.applying(event)
    } catch {
      if case .decisionDoesNotFit(_, let refused) = error { throw .choiceUnavailable(refused) }
      throw .recordDoesNotFit(error, scenarioChanged: false)
    }
    try append(event, then: next)
    return DecisionTaken(
      decision: TakenDecision(passageID: at, choiceIndex: choice.index, role: engine.isTeam ? maker.role : nil),
      feedback: play.mode == .practice ? feedback(choice) : nil,
      reachedEnding: engine.isFinished(next.state))
  }

  /// Takes the last decision back (practice mode); the undo is recorded like any event, as made
  /// by `participant` (the trainee, in a solo session; whoever has the keyboard, in a team).
  public func undo(by participant: Participant? = nil) throws(SessionProblem) {
    guard let record, let play else { throw .notStarted }
    guard play.mode == .practice else { throw .undoIsForPractice }
    let maker = participant ?? play.player
    let event = EventRecord(
      sessionID: record.id, kind: .undo, passageID: passageID(of: maker),
      participant: maker.ordinal, role: maker.role, recordedAt: clock.now())
    guard !play.decisions.isEmpty, let next = try? play.applying(event) else { throw .nothingToUndo }
    pending = nil
    try append(event, then: next)
  }

  /// Goes back to decision `number` (1-based, practice mode) to take it again: it and every later
  /// decision are taken back, and the retry is recorded like any event, so the record stays a
  /// fold and the debrief can say what was tried again.
  public func retry(_ number: Int, by participant: Participant? = nil) throws(SessionProblem) {
    guard let record, let play else { throw .notStarted }
    guard play.mode == .practice else { throw .retryIsForPractice }
    guard play.decisions.indices.contains(number - 1) else {
      throw .noSuchDecision(standing: play.decisions.count)
    }
    let maker = participant ?? play.player
    let event = EventRecord(
      sessionID: record.id, kind: .retry, passageID: passageID(of: maker), choiceIndex: number,
      participant: maker.ordinal, role: maker.role, recordedAt: clock.now())
    let next: RecordedPlay
    do {
      next = try play.applying(event)
    } catch {
      throw .recordDoesNotFit(error, scenarioChanged: false)
    }
    pending = nil
    try append(event, then: next)
  }

  /// Adds a note to the record where `participant` (the trainee, in a solo session) stands.
  public func note(_ text: String, by participant: Participant? = nil) throws(SessionProblem) {
    guard let record, let play else { throw .notStarted }
    guard !text.isEmpty else { throw .emptyNote }
    let maker = participant ?? play.player
    let event = EventRecord(
      sessionID: record.id, kind: .note, passageID: passageID(of: maker),
      participant: maker.ordinal, role: maker.role, text: text, recordedAt: clock.now())
    let next: RecordedPlay
    do {
      next = try play.applying(event)
    } catch {
      throw .recordDoesNotFit(error, scenarioChanged: false)
    }
    try append(event, then: next)
  }

  /// Leaves the session resumable: nothing is recorded (every decision already is), and a
  /// decision waiting for its reason is not taken. Returns the session's id.
  @discardableResult
  public func suspend() -> String? {
    pending = nil
    return record?.id
  }

  /// Commits `event`, and only then makes `next` (the fold with it) the play.
  private func append(_ event: EventRecord, then next: RecordedPlay) throws(SessionProblem) {
    do {
      try store.append(event)
    } catch {
      throw .notRecorded("\(error)")
    }
    play = next
  }

  // MARK: Ending

  /// Derives the debrief from the record (exactly as `casesim debrief` will) and marks the
  /// session finished with its ending, score and grade.
  public func finish() throws(SessionProblem) -> SessionOutcome {
    guard let record else { throw .notStarted }
    let debrief: Debrief
    do {
      let recorded = try store.events(forSession: record.id)
      debrief = try SessionLog.debrief(
        record: record, events: recorded, scenario: scenario, guidance: guidance, best: best)
    } catch {
      throw .debriefFailed("\(error)")
    }
    let notMarked = markFinished(
      record, ending: debrief.ending, total: debrief.total, best: debrief.bestTotal, grade: debrief.grade)
    return SessionOutcome(sessionID: record.id, debrief: debrief, notMarkedFinished: notMarked)
  }

  /// Derives a team's debrief from the record (exactly as `casesim debrief` will) and marks the
  /// session finished with its ending, the team's points and its grade.
  public func finishTeam() throws(SessionProblem) -> TeamSessionOutcome {
    guard let record else { throw .notStarted }
    let debrief: TeamDebrief
    do {
      let recorded = try store.events(forSession: record.id)
      debrief = try SessionLog.teamDebrief(record: record, events: recorded, scenario: scenario, guidance: guidance)
    } catch {
      throw .debriefFailed("\(error)")
    }
    let notMarked = markFinished(
      record, ending: debrief.ending, total: debrief.total, best: debrief.range?.upperBound ?? debrief.total,
      grade: debrief.grade)
    return TeamSessionOutcome(sessionID: record.id, debrief: debrief, notMarkedFinished: notMarked)
  }

  /// Marks the session finished with its ending, points and grade; returns why it could not be,
  /// if it could not (the debrief still stands: it is recomputed from the recorded decisions).
  private func markFinished(
    _ record: SessionRecord, ending: EndingSummary?, total: Int, best: Int, grade: Grade
  ) -> String? {
    guard let ending else { return nil }
    do {
      try store.finishSession(
        id: record.id, endingID: ending.passageID, outcome: ending.outcome.rawValue, totalScore: total,
        bestTotal: best, grade: grade.rawValue, at: clock.now())
    } catch RecordStoreError.sessionFinished {
      // Already finished (a resumed session that had reached its ending): nothing to do.
    } catch {
      return "\(error)"
    }
    return nil
  }

  // MARK: Private

  /// Where `participant`'s role's track stands.
  private func passageID(of participant: Participant) -> String {
    state.tracks[engine.track(of: participant.role) ?? 0].passageID
  }

  /// A decision chosen and waiting for its reason.
  private struct PendingDecision {
    var choice: Choice
    var milliseconds: Int
    var participant: Participant
    var rationale: String?
  }

  private var state: PlayState { play?.state ?? engine.start() }

  private func presented(for role: String) -> [Choice] {
    engine.presentedChoices(state, for: role, order: play?.order ?? .written)
  }

  private func feedback(_ choice: Choice) -> DecisionFeedback {
    DecisionFeedback(
      critical: choice.critical.map { $0.reason ?? "This decision on its own leaves the child unsafe." },
      lines: choice.feedback,
      scores: choice.scores.map { score in
        DecisionFeedback.Line(
          guidanceID: score.guidanceID, title: guidance.entry(score.guidanceID)?.title ?? score.guidanceID,
          points: score.points, explanation: score.explanation)
      })
  }
}
