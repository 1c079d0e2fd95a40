import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseSessions
import CaseTestSupport
import Foundation
import Testing

@Suite("Who made each event: the session's participants, recorded and checked on replay")
struct RecordedParticipantTests {
  let scenario = SessionControllerTests.scenario

  /// A new practice session of the tester's, in a store of its own.
  func startedInPractice() throws -> (SQLiteRecordStore, SessionController, SessionRecord) {
    let store = try SQLiteRecordStore.inMemory()
    let play = SessionController(
      scenario: scenario, role: "social-worker", guidance: Fixtures.guidance, store: store, clock: FixedClock())
    let record = try play.start(SessionPlan(trainee: "tester", role: "social-worker", mode: .practice, order: .written))
    return (store, play, record)
  }

  @Test("a solo session records its trainee as its one participant, and every event as theirs")
  func soloParticipant() throws {
    let (store, play, record) = try startedInPractice()
    #expect(record.participants == [Participant(ordinal: 1, name: "tester", role: "social-worker")])
    #expect(try store.session(id: record.id)?.participants == record.participants)
    _ = try SessionControllerTests().take(1, in: play)
    try play.note("a note")
    try play.undo()
    let events = try store.events(forSession: record.id)
    #expect(events.map(\.kind) == [.choice, .note, .undo])
    #expect(events.allSatisfy { $0.participant == 1 && $0.role == "social-worker" })
  }

  @Test("replay refuses an event by someone not in the session, or in a role its maker does not play")
  func refusesStrangers() throws {
    let engine = Engine(scenario: scenario, role: "social-worker")
    let record = SessionRecord(
      id: "s", trainee: "t", scenarioID: scenario.id, scenarioHash: scenario.contentHash,
      scenarioPath: scenario.path, role: "social-worker", mode: "practice", startedAt: Date())
    func choice(participant: Int?, role: String? = nil) -> EventRecord {
      EventRecord(
        sessionID: "s", sequence: 1, kind: .choice, passageID: "start", choiceIndex: 1, participant: participant,
        role: role)
    }
    #expect(throws: RecordProblem.participantNotInSession(sequence: 1, participant: 2)) {
      try RecordedPlay(record: record, events: [choice(participant: 2)], engine: engine)
    }
    #expect(
      throws: RecordProblem.roleNotParticipants(
        sequence: 1, participant: 1, role: "police-officer", participantRole: "social-worker")
    ) {
      try RecordedPlay(record: record, events: [choice(participant: 1, role: "police-officer")], engine: engine)
    }
    #expect(
      RecordProblem.participantNotInSession(sequence: 1, participant: 2).description
        == "event 1 was made by participant 2, who is not in the session, so the record is damaged")
    // The trainee's own event, named or not, is played.
    #expect(try RecordedPlay(record: record, events: [choice(participant: 1)], engine: engine).decisions.count == 1)
    #expect(try RecordedPlay(record: record, events: [choice(participant: nil)], engine: engine).decisions.count == 1)

    // In a team, an event must say who made it; a session nobody plays in this role is refused.
    var team = record
    team.participants = [
      Participant(ordinal: 1, name: "a", role: "social-worker"), Participant(ordinal: 2, name: "b", role: "police-officer"),
    ]
    let teamEngine = Engine(scenario: scenario, team: ["social-worker", "police-officer"])
    #expect(throws: RecordProblem.participantNotInSession(sequence: 1, participant: nil)) {
      try RecordedPlay(record: team, events: [choice(participant: nil)], engine: teamEngine)
    }
    // A team's record is played by its team, never by one of its roles alone.
    #expect(throws: RecordProblem.otherTeam(recorded: ["social-worker", "police-officer"], playing: ["social-worker"])) {
      try RecordedPlay(record: team, events: [], engine: engine)
    }
    var elsewhere = record
    elsewhere.participants = [Participant(ordinal: 1, name: "b", role: "police-officer")]
    #expect(throws: RecordProblem.noParticipantInRole("social-worker")) {
      try RecordedPlay(record: elsewhere, events: [], engine: engine)
    }
  }

  @Test("a played decision attributed to someone not in the session is refused by the debrief, with the reason")
  func misattributedDecision() throws {
    let (store, play, record) = try startedInPractice()
    _ = try SessionControllerTests().take(1, in: play)
    // The events as they would read had the decision been attributed to someone not there.
    var events = try store.events(forSession: record.id)
    events[0].participant = 3
    #expect(throws: RecordProblem.participantNotInSession(sequence: 1, participant: 3)) {
      try SessionLog.debrief(record: record, events: events, scenario: scenario, guidance: Fixtures.guidance)
    }
  }
}
