import CaseFormat
import CaseRecords
import CaseScoring
public import Foundation

/// Builds xAPI 1.0.3 statements from CaseSim's records (Documentation/xapi.md shows each shape).
///
/// - Every choice event gives one `answered` statement: the decision point as a `choice`
///   interaction with its options, the option chosen as the response, its points as the score,
///   the time taken to decide as the duration, the session as the registration, the scenario as
///   the parent and the principles it scored on as the grouping. Decisions later taken back
///   (undo, retry) are exported too, marked `decision-stands: false`.
/// - Every finished session gives `completed`, and `passed` (graded safe practice) or `failed`
///   (graded developing or unsafe).
///
/// Statement ids depend only on the records, so exporting again gives the same statements and
/// an LRS that already has one ignores it.
public struct XAPIStatementBuilder: Sendable {
  public var vocabulary: XAPIVocabulary
  /// When set, every person's name is replaced by their pseudonym, and rationales (free text that
  /// can name people) are left out; only whether one was given is said.
  public var pseudonymiser: Pseudonymiser?
  /// When set, only statements timestamped at or after it.
  public var since: Date?

  public init(vocabulary: XAPIVocabulary = XAPIVocabulary(), pseudonymiser: Pseudonymiser? = nil, since: Date? = nil) {
    self.vocabulary = vocabulary
    self.pseudonymiser = pseudonymiser
    self.since = since
  }

  /// Every statement, session by session (oldest first), each session's decisions in log order
  /// and then its ending's statements.
  public func statements(for records: LearningRecords) -> [XAPIStatement] {
    records.sessions.sorted { ($0.record.startedAt, $0.record.id) < ($1.record.startedAt, $1.record.id) }
      .flatMap { session in
        let scenario = records.scenarios[session.record.scenarioHash]
        return decisionStatements(session, scenario: scenario, guidance: records.guidance)
          + endingStatements(session.record, scenario: scenario)
      }
      .filter { statement in since.map { statement.timestamp >= $0 } ?? true }
  }

  // MARK: Decisions

  func decisionStatements(_ session: LearningRecords.Session, scenario: Scenario?, guidance: GuidanceLibrary)
    -> [XAPIStatement]
  {
    let record = session.record
    let standing = StandingDecisions.sequences(in: session.events)
    return session.events.compactMap { event -> XAPIStatement? in
      guard event.kind == .choice, let passageID = event.passageID, let chosen = event.choiceIndex else { return nil }
      let role = event.role ?? record.role
      let passage = scenario?.passages[passageID]
      let offered = passage.map { options(of: $0, forRole: role, including: chosen) }
      let raw = event.scoreDeltas.values.reduce(0, +)
      let principles = event.scoreDeltas.keys.sorted()

      var extensions: [(String, JSONValue)] = [
        (vocabulary.iri(.role), .string(role)),
        (vocabulary.iri(.mode), .string(record.mode)),
        (vocabulary.iri(.decisionStands), .bool(standing.contains(event.sequence))),
        (vocabulary.iri(.sequence), .int(event.sequence)),
      ]
      let rationale = event.rationale.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
      extensions.append((vocabulary.iri(.rationaleGiven), .bool(rationale != nil)))
      if let rationale, pseudonymiser == nil { extensions.append((vocabulary.iri(.rationale), .string(rationale))) }

      let points = principles.map { JSONValue.Member($0, .int(event.scoreDeltas[$0] ?? 0)) }
      return XAPIStatement(
        id: Self.statementID(for: event),
        actor: actor(forParticipant: event.participant, in: record),
        verb: .answered,
        object: XAPIStatement.Activity(
          id: vocabulary.decision(scenarioID: record.scenarioID, version: record.scenarioHash, passageID: passageID),
          type: XAPIVocabulary.interactionType,
          name: "\(scenario?.header.title ?? record.scenarioID): decision at \(passageID)",
          description: passage.flatMap(Self.question(of:)),
          interactionType: "choice",
          choices: offered?.map { (id: String($0.index), description: $0.text) }),
        result: XAPIStatement.Result(
          score: score(raw: raw, options: offered),
          response: String(chosen),
          duration: event.decisionMilliseconds.map(XAPITime.duration(milliseconds:)),
          extensions: points.isEmpty ? [] : [(vocabulary.iri(.principlePoints), .object(points))]),
        context: XAPIStatement.Context(
          registration: Self.registration(for: record), revision: record.scenarioHash,
          parent: [scenarioActivity(record, scenario: scenario)],
          grouping: principles.map { principleActivity($0, guidance: guidance) },
          extensions: extensions),
        timestamp: event.recordedAt)
    }
  }

  /// The options a role was offered at a passage, as written (conditions decided at play time
  /// are not known here, so options they hid are listed too). The chosen one is always among
  /// them, even if the record and the scenario disagree about roles.
  private func options(of passage: Passage, forRole role: String, including chosen: Int) -> [Choice] {
    passage.choices.filter { $0.roles.isEmpty || $0.roles.contains(role) || $0.index == chosen }
  }

  /// The decision's points as a score: the range is that of the options offered, and `scaled`
  /// puts the worst option at 0 and the best at 1. Without the options (or when every option
  /// scores the same) only `raw` is known.
  private func score(raw: Int, options: [Choice]?) -> XAPIStatement.Score {
    let totals = (options ?? []).map(\.totalPoints)
    guard let low = totals.min(), let high = totals.max(), low < high, (low...high).contains(raw) else {
      return XAPIStatement.Score(raw: raw)
    }
    return XAPIStatement.Score(raw: raw, min: low, max: high, scaled: Double(raw - low) / Double(high - low))
  }

  /// The passage's prose as the question's description: its first lines, up to about 300
  /// characters.
  private static func question(of passage: Passage) -> String? {
    let text = passage.prose.filter { !$0.isParagraphBreak }.map(\.text).joined(separator: " ")
    guard !text.isEmpty else { return nil }
    guard text.count > 300 else { return text }
    let cut = text.prefix(300)
    return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
  }

  // MARK: Endings

  func endingStatements(_ record: SessionRecord, scenario: Scenario?) -> [XAPIStatement] {
    guard let finished = record.finishedAt else { return [] }
    let duration = Int(finished.timeIntervalSince(record.startedAt) * 1000)
    let context = XAPIStatement.Context(
      registration: Self.registration(for: record), revision: record.scenarioHash, parent: [], grouping: [],
      extensions: [(vocabulary.iri(.role), .string(record.role)), (vocabulary.iri(.mode), .string(record.mode))])
    let actor = teamActor(record)
    let object = scenarioActivity(record, scenario: scenario)
    var endingExtensions: [(String, JSONValue)] = []
    if let ending = record.endingID { endingExtensions.append((vocabulary.iri(.ending), .string(ending))) }
    if let outcome = record.outcome { endingExtensions.append((vocabulary.iri(.outcome), .string(outcome))) }
    var statements = [
      XAPIStatement(
        id: Self.endingStatementID(session: record.id, verb: .completed), actor: actor, verb: .completed,
        object: object,
        result: XAPIStatement.Result(
          completion: true, duration: XAPITime.duration(milliseconds: duration), extensions: endingExtensions),
        context: context, timestamp: finished)
    ]
    if let grade = record.grade {
      let verb: XAPIVocabulary.Verb = Grade(rawValue: grade) == .safePractice ? .passed : .failed
      let score = record.totalScore.map { total in
        XAPIStatement.Score(raw: total, max: record.bestTotal.flatMap { total <= $0 ? $0 : nil })
      }
      statements.append(
        XAPIStatement(
          id: Self.endingStatementID(session: record.id, verb: verb), actor: actor, verb: verb, object: object,
          result: XAPIStatement.Result(
            score: score, success: verb == .passed, completion: true,
            extensions: [(vocabulary.iri(.grade), .string(grade))]),
          context: context, timestamp: finished))
    }
    return statements
  }

  // MARK: Activities and actors

  private func scenarioActivity(_ record: SessionRecord, scenario: Scenario?) -> XAPIStatement.Activity {
    XAPIStatement.Activity(
      id: vocabulary.scenario(record.scenarioID), type: XAPIVocabulary.simulationType,
      name: scenario?.header.title ?? record.scenarioID)
  }

  private func principleActivity(_ id: String, guidance: GuidanceLibrary) -> XAPIStatement.Activity {
    let entry = guidance.entry(id)
    return XAPIStatement.Activity(
      id: vocabulary.principle(id), type: XAPIVocabulary.objectiveType, name: entry?.title ?? id,
      description: entry?.citation)
  }

  /// The person who made an event: its participant, else (an event from before participants
  /// were recorded) the session's trainee.
  private func actor(forParticipant ordinal: Int?, in record: SessionRecord) -> XAPIStatement.Actor {
    let name = ordinal.flatMap(record.participant)?.name ?? record.trainee
    return .agent(accountName: pseudonymiser?.pseudonym(for: name) ?? name, homePage: vocabulary.accountHomePage)
  }

  /// Who a session's ending belongs to: the trainee alone, or the team as a group.
  private func teamActor(_ record: SessionRecord) -> XAPIStatement.Actor {
    guard record.participants.count > 1 else { return actor(forParticipant: nil, in: record) }
    return .group(members: record.participants.map { actor(forParticipant: $0.ordinal, in: record) })
  }

  // MARK: Ids

  /// The registration: the session's id, which is a UUID (a session id that is not one, which no
  /// CaseSim records, is turned into one by name).
  static func registration(for record: SessionRecord) -> String {
    NameBasedUUID.isUUID(record.id)
      ? record.id.lowercased() : NameBasedUUID.make(name: "urn:casesim:session:" + record.id)
  }

  /// The statement id of a decision: the event's own id, minted when the decision was made, so
  /// every export (and every store the event is forwarded to) names it the same way. An id that
  /// is not a UUID (no CaseSim store holds one) is turned into one by name.
  static func statementID(for event: EventRecord) -> String {
    NameBasedUUID.isUUID(event.id) ? event.id.lowercased() : NameBasedUUID.make(name: "urn:casesim:event:" + event.id)
  }

  /// The statement id of a session's `completed`, `passed` or `failed`: a version-5 UUID of
  /// `urn:casesim:session:<session id>:<verb>` in the URL namespace.
  static func endingStatementID(session: String, verb: XAPIVocabulary.Verb) -> String {
    NameBasedUUID.make(name: "urn:casesim:session:\(session):\(verb.rawValue)")
  }
}
