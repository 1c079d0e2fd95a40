import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

@Suite("SQLite record store: participants and who made each event")
struct ParticipantTests {
  /// A team of three for a four-role case: two people share the police role, one role is left to
  /// the scenario's default.
  static let team = [
    Participant(ordinal: 1, name: "Sam Okafor", role: "social-worker"),
    Participant(ordinal: 2, name: "Priya Shah", role: "police-officer"),
    Participant(ordinal: 3, name: "Dee Walsh", role: "police-officer"),
  ]

  func teamSession() -> SessionRecord {
    var session = makeSession(trainee: "Sam Okafor")
    session.participants = Self.team
    return session
  }

  @Test("a solo session is a team of one: the trainee in the session's role")
  func soloByDefault() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession(trainee: "alex")
    #expect(session.participants == [Participant(ordinal: 1, name: "alex", role: "social-worker")])
    try store.createSession(session)
    #expect(try store.session(id: session.id)?.participants == session.participants)
    // An event that does not say is the only participant's, in their role.
    let stored = try store.append(EventRecord(sessionID: session.id, kind: .note, text: "hello"))
    #expect(stored.participant == 1)
    #expect(stored.role == "social-worker")
    #expect(try store.events(forSession: session.id) == [stored])
  }

  @Test("a team's participants and each event's participant and role read back as written")
  func teamRoundTrip() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let session = teamSession()
    var written: [EventRecord] = []
    do {
      let store = try SQLiteRecordStore(path: path)
      try store.createSession(session)
      for participant in Self.team {
        written.append(
          try store.append(
            EventRecord(
              sessionID: session.id, kind: .note, passageID: "strategy", participant: participant.ordinal,
              role: participant.role, text: "\(participant.name) speaks")))
      }
    }
    let reopened = try SQLiteRecordStore(path: path)
    #expect(try reopened.session(id: session.id) == session)
    #expect(try reopened.sessions(trainee: nil, includeDrafts: true).map(\.participants) == [Self.team])
    #expect(try reopened.events(forSession: session.id) == written)
    #expect(written.map(\.participant) == [1, 2, 3])
    #expect(written.map(\.role) == ["social-worker", "police-officer", "police-officer"])
  }

  @Test("an event by someone not in the session, in another role than theirs, or unattributed in a team, is refused and leaves nothing")
  func refusedEvents() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = teamSession()
    try store.createSession(session)
    #expect(throws: RecordStoreError.participantNotInSession(session: session.id, participant: 4)) {
      try store.append(EventRecord(sessionID: session.id, kind: .note, participant: 4, text: "x"))
    }
    #expect(
      throws: RecordStoreError.roleNotParticipants(
        session: session.id, participant: 2, role: "social-worker", participantRole: "police-officer")
    ) {
      try store.append(EventRecord(sessionID: session.id, kind: .note, participant: 2, role: "social-worker", text: "x"))
    }
    #expect(throws: RecordStoreError.participantNotInSession(session: session.id, participant: nil)) {
      try store.append(EventRecord(sessionID: session.id, kind: .note, text: "x"))
    }
    #expect(try store.events(forSession: session.id).isEmpty)
    // The log carries on at sequence 1: nothing of the refused events was kept.
    let next = try store.append(EventRecord(sessionID: session.id, kind: .note, participant: 3, text: "ok"))
    #expect(next.sequence == 1)
    #expect(next.role == "police-officer")
    #expect(
      RecordStoreError.roleNotParticipants(
        session: "s", participant: 2, role: "social-worker", participantRole: "police-officer"
      ).description == "participant 2 of session s plays police-officer, not social-worker; nothing was recorded")
  }

  @Test("a session with no participants, or two under one ordinal, is refused and not kept")
  func refusedTeams() throws {
    let store = try SQLiteRecordStore.inMemory()
    var nobody = makeSession()
    nobody.participants = []
    #expect(throws: RecordStoreError.invalidParticipants(session: nobody.id, reason: "it has no participants")) {
      try store.createSession(nobody)
    }
    var twice = makeSession()
    twice.participants = [
      Participant(ordinal: 1, name: "a", role: "social-worker"), Participant(ordinal: 1, name: "b", role: "police-officer"),
    ]
    #expect(throws: RecordStoreError.invalidParticipants(session: twice.id, reason: "two participants have the same ordinal")) {
      try store.createSession(twice)
    }
    var zero = makeSession()
    zero.participants = [Participant(ordinal: 0, name: "a", role: "social-worker")]
    #expect(throws: RecordStoreError.self) { try store.createSession(zero) }
    #expect(try store.sessions(trainee: nil, includeDrafts: true).isEmpty)
  }

  @Test("the schema itself refuses an event whose participant and role do not match a participant")
  func schemaRefusesMismatch() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    let insert = """
      INSERT INTO event (event_id, session_id, sequence, kind, participant, role, recorded_at)
      VALUES ('e-%@-%@', '\(session.id)', 1, 'note', %@, '%@', '2026-01-01T00:00:00.000Z')
      """
    #expect(throws: (any Error).self) {
      try store.executeUnchecked(String(format: insert, "1", "police-officer", "1", "police-officer"))
    }
    #expect(throws: (any Error).self) {
      try store.executeUnchecked(String(format: insert, "2", "social-worker", "2", "social-worker"))
    }
    try store.executeUnchecked(String(format: insert, "1", "social-worker", "1", "social-worker"))
    #expect(try store.events(forSession: session.id).map(\.participant) == [1])
  }

  @Test("a session whose participants were removed behind the store's back reads as damaged")
  func damagedWithoutParticipants() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    try store.executeUnchecked("DELETE FROM participant")  // the session has no events yet
    let error = try #require(throws: RecordStoreError.self) { try store.session(id: session.id) }
    #expect(error.description.contains("session \(session.id) has no participants"))
  }
}
