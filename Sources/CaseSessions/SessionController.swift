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
  let store: any RecordStore
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
  public init(
    scenario: Scenario, role: String, guidance: GuidanceLibrary, store: any RecordStore,
    clock: any SessionClock = SystemClock()
  ) {
    self.engine = Engine(scenario: scenario, role: role)
    self.guidance = guidance
    self.store = store
    self.clock = clock
  }

  public var scenario: Scenario { engine.scenario }

  /// The session's mode, once started or resumed.
  public var mode: PlayMode? { play?.mode }

  /// Why the scenario cannot be scored fairly (a scoring choice one playthrough can take more
  /// than once), or nil. Asked before anything is recorded.
  public var refusal: SessionProblem? {
    guard let repeated = best.repeatableScoredChoices.first else { return nil }
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
    let record = SessionRecord(
      id: UUID().uuidString.lowercased(), trainee: plan.trainee, scenarioID: scenario.id,
      scenarioHash: scenario.contentHash, scenarioPath: scenario.path, role: engine.role,
      participants: Participant.solo(trainee: plan.trainee, role: engine.role), mode: plan.mode.rawValue, startedAt: clock.now(), optionOrder: order.name, orderSeed: seed,
      isDraft: plan.isDraft)
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
    return Resumption(
      decisions: replayed.standingDecisions.compactMap { engine.choice(for: $0)?.text },
      scenarioChanged: changed)
  }

  // MARK: What is shown

  /// True when play has reached an ending.
  public var isFinished: Bool { engine.isFinished(state) }

  /// The current passage, without starting the decision timer.
  public var passage: PassageView {
    let passage = engine.passage(state)
    return PassageView(
      passageID: state.passageID, paragraphs: engine.visibleParagraphs(state),
      happensElsewhere: passage.map { !engine.isForRole($0) } ?? false,
      newFacts: state.caseFile.filter { $0.passageID == state.passageID }.map(\.fact),
      options: isFinished ? [] : options, ending: passage?.ending, isFinished: isFinished)
  }

  /// The current passage as it is shown to the trainee: the decision timer starts now.
  public func show() -> PassageView {
    let view = passage
    if !view.isFinished { shownAt = clock.monotonicMilliseconds() }
    return view
  }

  /// Which decision this is and the fewest it can take to end the case; nil at an ending.
  public var progress: SessionProgress? {
    guard !isFinished, let play else { return nil }
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
  public var options: [PassageOption] {
    let (state, play) = (state, play)
    return presented.enumerated().map { n, choice in
      PassageOption(
        number: n + 1, text: choice.text, choiceIndex: choice.index,
        reasonQuestion: play.flatMap { engine.rationalePrompt(for: choice, in: state, mode: $0.mode) })
    }
  }

  /// The case file so far, with the trainee's notes.
  public var caseFile: CaseFileView {
    CaseFileView(facts: state.caseFile.map(\.fact), notes: play?.notes ?? [])
  }

  /// Points so far against the best achievable; practice mode only.
  public func score() throws(SessionProblem) -> ScoreStanding {
    guard let play else { throw .notStarted }
    guard play.mode == .practice else { throw .scoreIsForPractice }
    return ScoreStanding(
      total: ScoreSheet(engine: engine, decisions: play.standingDecisions).total, best: best.total)
  }

  // MARK: Deciding

  /// Chooses option `number` as shown. Returns the question to ask when a reason is wanted;
  /// otherwise the decision is committed at once.
  public func choose(_ number: Int) throws(SessionProblem) -> DecisionStep {
    guard let play else { throw .notStarted }
    guard !isFinished else { throw .ended }
    let presented = presented
    guard number >= 1, number <= presented.count else { throw .noSuchOption(count: presented.count) }
    let choice = presented[number - 1]
    // Timed from when the options were shown to the choice, not to the end of the reason.
    let milliseconds = max(0, clock.monotonicMilliseconds() - shownAt)
    let decision = PendingDecision(choice: choice, milliseconds: milliseconds)
    if let question = engine.rationalePrompt(for: choice, in: play.state, mode: play.mode) {
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
    let event = EventRecord(
      sessionID: record.id, kind: .choice, passageID: play.state.passageID,
      choiceIndex: choice.index, choiceText: choice.text, participant: play.player.ordinal,
      role: play.player.role,
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
      decision: TakenDecision(passageID: play.state.passageID, choiceIndex: choice.index),
      feedback: play.mode == .practice ? feedback(choice) : nil,
      reachedEnding: engine.isFinished(next.state))
  }

  /// Takes the last decision back (practice mode); the undo is recorded like any event.
  public func undo() throws(SessionProblem) {
    guard let record, let play else { throw .notStarted }
    guard play.mode == .practice else { throw .undoIsForPractice }
    let event = EventRecord(
      sessionID: record.id, kind: .undo, passageID: play.state.passageID,
      participant: play.player.ordinal, role: play.player.role, recordedAt: clock.now())
    guard !play.decisions.isEmpty, let next = try? play.applying(event) else { throw .nothingToUndo }
    pending = nil
    try append(event, then: next)
  }

  /// Goes back to decision `number` (1-based, practice mode) to take it again: it and every later
  /// decision are taken back, and the retry is recorded like any event, so the record stays a
  /// fold and the debrief can say what was tried again.
  public func retry(_ number: Int) throws(SessionProblem) {
    guard let record, let play else { throw .notStarted }
    guard play.mode == .practice else { throw .retryIsForPractice }
    guard play.decisions.indices.contains(number - 1) else {
      throw .noSuchDecision(standing: play.decisions.count)
    }
    let event = EventRecord(
      sessionID: record.id, kind: .retry, passageID: play.state.passageID, choiceIndex: number,
      participant: play.player.ordinal, role: play.player.role, recordedAt: clock.now())
    let next: RecordedPlay
    do {
      next = try play.applying(event)
    } catch {
      throw .recordDoesNotFit(error, scenarioChanged: false)
    }
    pending = nil
    try append(event, then: next)
  }

  /// Adds a note to the record where play stands.
  public func note(_ text: String) throws(SessionProblem) {
    guard let record, let play else { throw .notStarted }
    guard !text.isEmpty else { throw .emptyNote }
    let event = EventRecord(
      sessionID: record.id, kind: .note, passageID: play.state.passageID,
      participant: play.player.ordinal, role: play.player.role, text: text, recordedAt: clock.now())
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
    var notMarked: String?
    do {
      if let ending = debrief.ending {
        try store.finishSession(
          id: record.id, endingID: ending.passageID, outcome: ending.outcome.rawValue,
          totalScore: debrief.total, bestTotal: debrief.bestTotal, grade: debrief.grade.rawValue,
          at: clock.now())
      }
    } catch RecordStoreError.sessionFinished {
      // Already finished (a resumed session that had reached its ending): nothing to do.
    } catch {
      notMarked = "\(error)"
    }
    return SessionOutcome(sessionID: record.id, debrief: debrief, notMarkedFinished: notMarked)
  }

  // MARK: Private

  /// A decision chosen and waiting for its reason.
  private struct PendingDecision {
    var choice: Choice
    var milliseconds: Int
    var rationale: String?
  }

  private var state: PlayState { play?.state ?? engine.start() }

  private var presented: [Choice] {
    engine.presentedChoices(state, order: play?.order ?? .written)
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
