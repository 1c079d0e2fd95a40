import CaseFormat
import CaseLearningRecords
import CaseRecords
import CaseTestSupport
import Foundation
import Testing

/// Statements built over plain records: one `answered` per choice event (standing or taken back),
/// `completed` and `passed`/`failed` per finished session, with ids that never change.
@Suite("xAPI statements from records")
struct XAPIStatementBuilderTests {
  static let scenarioText =
    Fixtures.header(id: "xapi-fixture")
    + """
    == start
    A school rings about a child.
    * See the child alone today -> visit
      + see-child-alone 2
      + refer-without-delay 1
    * Wait for Monday -> visit
      - refer-without-delay 2
    * Ask the school to keep an eye -> visit
    == visit
    You are at the house.
    * Speak to the child on their own -> safe
      + see-child-alone 3
    * Speak to the family together -> unsafe
      - see-child-alone 2
    == safe
    @ending safe | Seen and heard
    The child was seen.
    == unsafe
    @ending unsafe | Not heard
    The child was not seen alone.

    """

  static let scenario = Fixtures.playable(scenarioText)
  static let sessionID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
  static let started = Date(timeIntervalSince1970: 1_790_000_000)

  static func choice(_ sequence: Int, passage: String, index: Int, deltas: [String: Int], rationale: String? = nil)
    -> EventRecord
  {
    EventRecord(
      id: eventID(sequence), sessionID: sessionID, sequence: sequence, kind: .choice, passageID: passage, choiceIndex: index,
      choiceText: "option \(index)", participant: 1, role: "social-worker", rationale: rationale,
      decisionMilliseconds: 41_275, recordedAt: started.addingTimeInterval(Double(sequence) * 60 + 0.512),
      scoreDeltas: deltas)
  }

  /// A fixed event id, as a store would give back every time.
  static func eventID(_ sequence: Int) -> String { "5e0c1e55-8d7a-4c3e-9b8e-2a6f4d1c7b\(sequence + 10)" }

  /// A practice session: Monday chosen, undone, the visit chosen; then the child seen alone.
  static func records(grade: String = "safe-practice", trainee: String = "Alex Trainee") -> LearningRecords {
    let session = SessionRecord(
      id: sessionID, trainee: trainee, scenarioID: scenario.id, scenarioHash: scenario.contentHash,
      scenarioPath: "fixture.case", role: "social-worker", mode: "practice", startedAt: started,
      finishedAt: started.addingTimeInterval(600), endingID: "safe", outcome: "safe", totalScore: 6, bestTotal: 6,
      grade: grade)
    let events = [
      choice(1, passage: "start", index: 2, deltas: ["refer-without-delay": -2]),
      EventRecord(id: eventID(2), sessionID: sessionID, sequence: 2, kind: .undo, participant: 1, recordedAt: started.addingTimeInterval(150)),
      choice(3, passage: "start", index: 1, deltas: ["see-child-alone": 2, "refer-without-delay": 1], rationale: "Alex saw Jo"),
      choice(4, passage: "visit", index: 1, deltas: ["see-child-alone": 3]),
    ]
    return LearningRecords(
      sessions: [.init(record: session, events: events)], scenarios: [scenario.contentHash: scenario],
      guidance: Fixtures.guidance)
  }

  @Test("one answered statement per choice event, taken-back ones included and marked, then completed and passed")
  func shapes() throws {
    let statements = XAPIStatementBuilder().statements(for: Self.records())
    #expect(statements.map(\.verb) == [.answered, .answered, .answered, .completed, .passed])
    let stands = statements.prefix(3).map { $0.context.extensions.first { $0.0.hasSuffix("/decision-stands") }?.1 }
    #expect(stands == [.bool(false), .bool(true), .bool(true)])
    #expect(statements.prefix(3).map(\.id) == [1, 3, 4].map(Self.eventID), "a decision's statement id is its event's id")
    for statement in statements {
      #expect(statement.context.registration == Self.sessionID)
      #expect(NameBasedUUID.isUUID(statement.id))
    }
    #expect(Set(statements.map(\.id)).count == statements.count)
  }

  @Test("a decision: its options as choices, the chosen id as response, points as score, the scenario as parent, the principles as grouping")
  func decision() throws {
    let vocabulary = XAPIVocabulary()
    let statement = try #require(XAPIStatementBuilder().statements(for: Self.records()).dropFirst().first)
    #expect(statement.object.interactionType == "choice")
    #expect(statement.object.choices?.map(\.id) == ["1", "2", "3"])
    #expect(statement.object.choices?.first?.description == "See the child alone today")
    #expect(statement.object.id == vocabulary.decision(scenarioID: "xapi-fixture", version: Self.scenario.contentHash, passageID: "start"))
    #expect(statement.result?.response == "1")
    // Options score 3, -2 and 0: this one 3, the best.
    #expect(statement.result?.score == XAPIStatement.Score(raw: 3, min: -2, max: 3, scaled: 1))
    #expect(statement.result?.duration == "PT41.27S")
    #expect(statement.context.parent.map(\.id) == [vocabulary.scenario("xapi-fixture")])
    #expect(statement.context.grouping.map(\.id) == ["refer-without-delay", "see-child-alone"].map(vocabulary.principle))
    #expect(statement.context.grouping.first?.name == Fixtures.guidance.entry("refer-without-delay")?.title)
    #expect(statement.context.extensions.contains { $0.0 == vocabulary.iri(.rationale) && $0.1 == .string("Alex saw Jo") })
    #expect(statement.context.extensions.contains { $0.0 == vocabulary.iri(.role) && $0.1 == .string("social-worker") })
    #expect(XAPITime.timestamp(statement.timestamp) == XAPITime.timestamp(Self.started.addingTimeInterval(180.512)))
  }

  @Test("the same records give the same statements, byte for byte; session ids are derived from the session and verb")
  func idempotent() {
    let first = XAPIStatement.text(XAPIStatementBuilder().statements(for: Self.records()), layout: .json)
    let second = XAPIStatement.text(XAPIStatementBuilder().statements(for: Self.records()), layout: .json)
    #expect(first == second)
    let passed = XAPIStatementBuilder().statements(for: Self.records()).last
    let failed = XAPIStatementBuilder().statements(for: Self.records(grade: "developing")).last
    #expect(passed?.verb == .passed)
    #expect(failed?.verb == .failed)
    #expect(passed?.id != failed?.id, "the verb is part of the name")
    #expect(passed?.result?.success == true && failed?.result?.success == false)
  }

  @Test("an unfinished session has decisions and no ending; --since keeps only later statements")
  func unfinishedAndSince() {
    var records = Self.records()
    records.sessions[0].record.finishedAt = nil
    records.sessions[0].record.grade = nil
    #expect(XAPIStatementBuilder().statements(for: records).map(\.verb) == [.answered, .answered, .answered])
    let later = XAPIStatementBuilder(since: Self.started.addingTimeInterval(200)).statements(for: Self.records())
    #expect(later.map(\.verb) == [.answered, .completed, .passed])
  }

  @Test("a session whose scenario version is not known still exports: no options, a raw score only")
  func unknownVersion() throws {
    var records = Self.records()
    records.scenarios = [:]
    let statement = try #require(XAPIStatementBuilder().statements(for: records).first)
    #expect(statement.object.choices == nil)
    #expect(statement.result?.score == XAPIStatement.Score(raw: -2))
    #expect(statement.context.parent.first?.name == "xapi-fixture")
  }

  @Test("pseudonymised: no name and no rationale in the text, the same pseudonym every time, another key another pseudonym")
  func pseudonymised() throws {
    let key = Data((0..<32).map { UInt8($0) })
    let pseudonymiser = try #require(Pseudonymiser(key: key))
    let text = XAPIStatement.text(
      XAPIStatementBuilder(pseudonymiser: pseudonymiser).statements(for: Self.records()), layout: .jsonl)
    #expect(!text.contains("Alex"))
    #expect(text.contains(pseudonymiser.pseudonym(for: "Alex Trainee")))
    #expect(text.contains("rationale-given\":true"))
    #expect(pseudonymiser.pseudonym(for: "Alex Trainee") == pseudonymiser.pseudonym(for: "Alex Trainee"))
    #expect(pseudonymiser.pseudonym(for: "Alex Trainee") != pseudonymiser.pseudonym(for: "Alex trainee"))
    let other = try #require(Pseudonymiser(key: Data(repeating: 7, count: 32)))
    #expect(other.pseudonym(for: "Alex Trainee") != pseudonymiser.pseudonym(for: "Alex Trainee"))
    #expect(Pseudonymiser(key: Data(repeating: 1, count: 16)) == nil, "a short key is refused")
  }

  @Test("a team's ending names the team as a group of its members")
  func team() throws {
    var records = Self.records()
    records.sessions[0].record.participants = [
      Participant(ordinal: 1, name: "Alex Trainee", role: "social-worker"),
      Participant(ordinal: 2, name: "Sam Officer", role: "police"),
    ]
    let completed = try #require(XAPIStatementBuilder().statements(for: records).first { $0.verb == .completed })
    guard case .group(let members) = completed.actor else {
      Issue.record("expected a group, got \(completed.actor)")
      return
    }
    #expect(members.count == 2)
    #expect(XAPIStatement.text([completed], layout: .json).contains("Sam Officer"))
  }
}
