import CaseRecords
import CaseRecordsPostgres
import CaseRecordsSQLite
import Foundation
import Testing

/// The stores the conformance suite runs against. PostgreSQL joins when a server is named in
/// `CASESIM_TEST_POSTGRES` (`.ci/run` starts a private one); without it, the suite below says it
/// was skipped and why.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqlite, memory, postgres

  var testDescription: String {
    switch self {
    case .sqlite: "SQLite file"
    case .memory: "in memory"
    case .postgres: "PostgreSQL"
    }
  }

  /// The kinds this run can test.
  static var available: [StoreKind] {
    allCases.filter { $0 != .postgres || TestPostgres.server != nil }
  }
}

/// A store of one kind under test, with what keeps it alive (a temporary folder, a private
/// database), and a second store on the same records, as another process would open it.
struct StoreUnderTest: Sendable {
  let store: any RecordStore
  let reopen: @Sendable () async throws -> any RecordStore
  private let keepAlive: (any Sendable)?

  static func make(_ kind: StoreKind) async throws -> StoreUnderTest {
    switch kind {
    case .sqlite:
      let directory = try TemporaryDirectory()
      let path = directory.file("casesim.sqlite")
      return StoreUnderTest(
        store: try SQLiteRecordStore(path: path), reopen: { try SQLiteRecordStore(path: path) },
        keepAlive: directory)
    case .memory:
      let store = InMemoryRecordStore()
      return StoreUnderTest(store: store, reopen: { store }, keepAlive: nil)
    case .postgres:
      let address = try await TestPostgres.freshDatabase()
      return StoreUnderTest(
        store: try await PostgresRecordStore.connect(to: address),
        reopen: { try await PostgresRecordStore.connect(to: address) }, keepAlive: nil)
    }
  }
}

/// Every rule of ``RecordStore``, checked against every kind of store by the same tests.
@Suite("Record stores: one conformance suite for SQLite, in memory and PostgreSQL")
struct StoreConformanceTests {
  @Test("a session and its events read back equal, in a second instance too", arguments: StoreKind.available)
  func roundTrip(kind: StoreKind) async throws {
    let under = try await StoreUnderTest.make(kind)
    var session = makeSession()
    session.group = "spring cohort"
    session.optionOrder = "shuffled"
    session.orderSeed = UInt64.max - 7
    try await under.store.createSession(session)
    let first = try await under.store.append(makeChoice(session: session.id, index: 2, deltas: ["see-child": 2, "a/b": -1]))
    let second = try await under.store.append(
      EventRecord(sessionID: session.id, kind: .note, passageID: "p", text: "a note — with ünïcode"))
    #expect(first.sequence == 1 && second.sequence == 2)
    #expect(first.participant == 1 && first.role == "social-worker")

    let other = try await under.reopen()
    #expect(try await other.session(id: session.id) == session)
    #expect(try await other.events(forSession: session.id) == [first, second])
  }

  @Test("each session numbers its own events from 1; none leaks into another", arguments: StoreKind.available)
  func sequencesPerSession(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let a = makeSession()
    let b = makeSession()
    try await store.createSession(a)
    try await store.createSession(b)
    for index in 1...3 { try await store.append(makeChoice(session: a.id, index: index)) }
    try await store.append(makeChoice(session: b.id, index: 9))
    #expect(try await store.events(forSession: a.id).map(\.sequence) == [1, 2, 3])
    #expect(try await store.events(forSession: b.id).map(\.choiceIndex) == [9])
  }

  @Test("an event forwarded twice is kept once and answered as stored; an id of another session is refused", arguments: StoreKind.available)
  func idempotentAppend(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let a = makeSession()
    let b = makeSession()
    try await store.createSession(a)
    try await store.createSession(b)
    let event = makeChoice(session: a.id, index: 1)
    let stored = try await store.append(event)
    #expect(try await store.append(event) == stored)
    try await store.finishSession(
      id: a.id, endingID: "safe-end", outcome: "safe", totalScore: 2, bestTotal: 4, grade: "developing", at: Date())
    // A retry after the session finished elsewhere still finds it.
    #expect(try await store.append(event) == stored)
    #expect(try await store.events(forSession: a.id).count == 1)

    var stolen = makeChoice(session: b.id, index: 1)
    stolen.id = event.id
    await #expect(throws: RecordStoreError.eventIDTaken(id: event.id, session: a.id)) {
      try await store.append(stolen)
    }
    #expect(try await store.events(forSession: b.id).isEmpty)
  }

  @Test("unknown sessions, finished sessions and strangers are refused, and leave nothing", arguments: StoreKind.available)
  func refusals(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let missing = newSessionID()
    await #expect(throws: RecordStoreError.sessionNotFound(missing)) { try await store.events(forSession: missing) }
    await #expect(throws: RecordStoreError.sessionNotFound(missing)) {
      try await store.append(makeChoice(session: missing, index: 1))
    }
    await #expect(throws: RecordStoreError.sessionNotFound(missing)) {
      try await store.finishSession(id: missing, endingID: "e", outcome: "safe", totalScore: 0, bestTotal: 0, grade: "unsafe", at: Date())
    }

    var team = makeSession()
    team.participants = [
      Participant(ordinal: 1, name: "Hannah", role: "social-worker"),
      Participant(ordinal: 2, name: "Tom", role: "police-officer"),
    ]
    try await store.createSession(team)
    var unattributed = makeChoice(session: team.id, index: 1)
    unattributed.role = nil
    await #expect(throws: RecordStoreError.participantNotInSession(session: team.id, participant: nil)) {
      try await store.append(unattributed)
    }
    var wrongRole = makeChoice(session: team.id, index: 1)
    wrongRole.participant = 2
    await #expect(
      throws: RecordStoreError.roleNotParticipants(
        session: team.id, participant: 2, role: "social-worker", participantRole: "police-officer")
    ) { try await store.append(wrongRole) }
    var tom = makeChoice(session: team.id, index: 1)
    tom.participant = 2
    tom.role = nil
    let kept = try await store.append(tom)
    #expect(kept.sequence == 1 && kept.role == "police-officer")

    try await store.finishSession(
      id: team.id, endingID: "end", outcome: "safe", totalScore: 3, bestTotal: 3, grade: "safe-practice", at: Date())
    await #expect(throws: RecordStoreError.sessionFinished(team.id)) {
      try await store.append(makeChoice(session: team.id, index: 2))
    }
    await #expect(throws: RecordStoreError.sessionFinished(team.id)) {
      try await store.finishSession(id: team.id, endingID: "x", outcome: "unsafe", totalScore: 0, bestTotal: 3, grade: "unsafe", at: Date())
    }
    let finished = try #require(try await store.session(id: team.id))
    #expect(finished.endingID == "end" && finished.grade == "safe-practice" && finished.totalScore == 3)
    #expect(try await store.events(forSession: team.id).count == 1)

    var nobody = makeSession()
    nobody.participants = []
    await #expect(throws: RecordStoreError.invalidParticipants(session: nobody.id, reason: "it has no participants")) {
      try await store.createSession(nobody)
    }
    #expect(try await store.session(id: nobody.id) == nil)
    await #expect(throws: (any Error).self) { try await store.createSession(team) }
  }

  @Test("sessions list newest first, by trainee, drafts apart; the latest unfinished is the one to resume", arguments: StoreKind.available)
  func listing(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let base = Date(timeIntervalSince1970: 1_790_000_000)
    let old = makeSession(trainee: "alex", startedAt: base)
    let tieFirst = makeSession(trainee: "alex", startedAt: base.addingTimeInterval(60))
    let tieSecond = makeSession(trainee: "alex", startedAt: base.addingTimeInterval(60))
    var draft = makeSession(trainee: "alex", startedAt: base.addingTimeInterval(120))
    draft.isDraft = true
    let someoneElse = makeSession(trainee: "sam", startedAt: base.addingTimeInterval(180))
    for session in [old, tieFirst, tieSecond, draft, someoneElse] { try await store.createSession(session) }
    try await store.finishSession(
      id: tieSecond.id, endingID: "e", outcome: "safe", totalScore: 1, bestTotal: 1, grade: "safe-practice", at: base)

    #expect(try await store.sessions(trainee: "alex", includeDrafts: false).map(\.id) == [tieSecond.id, tieFirst.id, old.id])
    #expect(try await store.sessions(trainee: nil, includeDrafts: true).map(\.id)
      == [someoneElse.id, draft.id, tieSecond.id, tieFirst.id, old.id])
    #expect(try await store.latestUnfinishedSession(trainee: "alex")?.id == draft.id)
    #expect(try await store.latestUnfinishedSession(trainee: "nobody") == nil)
  }

  @Test("a session is found by id or by a unique prefix of 4 or more characters in any case", arguments: StoreKind.available)
  func resolving(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let one = makeSession(id: "abcd1234-0000-4000-8000-000000000001")
    let two = makeSession(id: "abcd1299-0000-4000-8000-000000000002")
    try await store.createSession(one)
    try await store.createSession(two)
    #expect(try await store.resolveSession(one.id) == one)
    #expect(try await store.resolveSession("ABCD12_3".replacingOccurrences(of: "_", with: "")) == one)
    await #expect(throws: RecordStoreError.ambiguousSession("abcd", matches: [one.id, two.id])) {
      try await store.resolveSession("abcd")
    }
    await #expect(throws: RecordStoreError.sessionNotFound("abc")) { try await store.resolveSession("abc") }
    await #expect(throws: RecordStoreError.sessionNotFound("ab%_")) { try await store.resolveSession("ab%_") }
  }

  @Test("a scenario's text is kept once under its hash", arguments: StoreKind.available)
  func scenarioVersions(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let version = ScenarioVersion(hash: "sha256:1", scenarioID: "s", mainPath: "/s.case", files: ["/s.case": "id: s\n"])
    try await store.saveScenarioVersion(version)
    try await store.saveScenarioVersion(
      ScenarioVersion(hash: "sha256:1", scenarioID: "changed", mainPath: "/t.case", files: [:]))
    #expect(try await store.scenarioVersion(hash: "sha256:1") == version)
    #expect(try await store.scenarioVersion(hash: "sha256:2") == nil)
  }

  @Test("purge deletes the sessions started before a date with their events and unused scenario texts, and nothing else", arguments: StoreKind.available)
  func purge(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let cut = Date(timeIntervalSince1970: 1_790_000_000)
    var old = makeSession(startedAt: cut.addingTimeInterval(-1))
    old.scenarioHash = "sha256:old"
    var kept = makeSession(startedAt: cut)
    kept.scenarioHash = "sha256:kept"
    for session in [old, kept] {
      try await store.createSession(session)
      try await store.saveScenarioVersion(
        ScenarioVersion(hash: session.scenarioHash, scenarioID: "s", mainPath: "/s", files: [:]))
      try await store.append(makeChoice(session: session.id, index: 1))
    }
    let oldEvent = try await store.events(forSession: old.id)[0]
    #expect(try await store.purgeSessions(startedBefore: cut) == 1)
    #expect(try await store.session(id: old.id) == nil)
    await #expect(throws: RecordStoreError.sessionNotFound(old.id)) { try await store.events(forSession: old.id) }
    #expect(try await store.scenarioVersion(hash: "sha256:old") == nil)
    #expect(try await store.scenarioVersion(hash: "sha256:kept") != nil)
    #expect(try await store.events(forSession: kept.id).count == 1)
    // A purged event's id is free again: nothing of it is left.
    var reused = makeChoice(session: kept.id, index: 2)
    reused.id = oldEvent.id
    #expect(try await store.append(reused).sequence == 2)
  }

  @Test("events of many sessions come back in one read, by session and sequence, filtered by trainee, scenario, start and drafts", arguments: StoreKind.available)
  func bulkEvents(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let base = Date(timeIntervalSince1970: 1_790_000_000)
    let early = makeSession(id: "ffff0000-0000-4000-8000-000000000001", startedAt: base)
    let late = makeSession(id: "0000ffff-0000-4000-8000-000000000002", startedAt: base.addingTimeInterval(10))
    var draft = makeSession(startedAt: base.addingTimeInterval(20))
    draft.isDraft = true
    for session in [early, late, draft] {
      try await store.createSession(session)
      for index in 1...2 { try await store.append(makeChoice(session: session.id, index: index)) }
    }
    let all = try await store.events(of: SessionSelection())
    #expect(all.map(\.sessionID) == [late.id, late.id, early.id, early.id])
    #expect(all.map(\.sequence) == [1, 2, 1, 2])
    let since = try await store.events(of: SessionSelection(startedSince: base.addingTimeInterval(5), includeDrafts: true))
    #expect(Set(since.map(\.sessionID)) == [late.id, draft.id])
    let someoneElse = makeSession(trainee: "sam", startedAt: base.addingTimeInterval(30))
    try await store.createSession(someoneElse)
    try await store.append(makeChoice(session: someoneElse.id, index: 1))
    let sams = try await store.events(of: SessionSelection(trainee: "sam", includeDrafts: true))
    #expect(sams.map(\.sessionID) == [someoneElse.id])
    let alexSince = try await store.events(of: SessionSelection(trainee: "alex", startedSince: base.addingTimeInterval(5), includeDrafts: true))
    #expect(Set(alexSince.map(\.sessionID)) == [late.id, draft.id])
    var otherScenario = makeSession(startedAt: base.addingTimeInterval(40))
    otherScenario.scenarioID = "school-gate-2"
    try await store.createSession(otherScenario)
    try await store.append(makeChoice(session: otherScenario.id, index: 1))
    let oneScenario = try await store.events(of: SessionSelection(scenarioID: "school-gate-2"))
    #expect(oneScenario.map(\.sessionID) == [otherScenario.id])
    let theFirst = try await store.events(of: SessionSelection(trainee: "alex", scenarioID: "home-visit-1", startedSince: base.addingTimeInterval(5)))
    #expect(theFirst.map(\.sessionID) == [late.id, late.id])
  }

  @Test("concurrent writers through two instances get every sequence number exactly once", arguments: StoreKind.available)
  func concurrentWriters(kind: StoreKind) async throws {
    let under = try await StoreUnderTest.make(kind)
    let second = try await under.reopen()
    let session = makeSession()
    try await under.store.createSession(session)
    let perWriter = 25
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (writer, store) in [under.store, second, under.store, second].enumerated() {
        group.addTask {
          for index in 0..<perWriter { try await store.append(makeChoice(session: session.id, index: writer * 100 + index)) }
        }
      }
      try await group.waitForAll()
    }
    let events = try await under.store.events(forSession: session.id)
    #expect(events.map(\.sequence) == Array(1...(4 * perWriter)))
    #expect(Set(events.map(\.choiceIndex)).count == 4 * perWriter)
  }

  @Test(
    "PostgreSQL joins the suite when a server is named (and must, where CASESIM_REQUIRE_POSTGRES is set, as in CI)",
    .enabled(
      if: TestPostgres.server != nil || ProcessInfo.processInfo.environment["CASESIM_REQUIRE_POSTGRES"] != nil,
      "skipped: no PostgreSQL server (set CASESIM_TEST_POSTGRES=postgres://USER@HOST:PORT/postgres; .ci/run starts a private one)"))
  func postgresIsTested() async throws {
    try #require(StoreKind.available.contains(.postgres), "CASESIM_TEST_POSTGRES is missing or does not parse")
    // The server answers: a store connects and migrates a fresh database.
    let store = try await StoreUnderTest.make(.postgres).store
    #expect(try await store.sessions(trainee: nil, includeDrafts: true).isEmpty)
  }

  @Test("one PostgreSQL store used by many tasks at once runs one request at a time: a refused request undoes nothing of the others'", arguments: StoreKind.available)
  func oneInstanceManyTasks(kind: StoreKind) async throws {
    let store = try await StoreUnderTest.make(kind).store
    let session = makeSession()
    try await store.createSession(session)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<40 {
        group.addTask {
          if index % 5 == 4 {
            // Refused inside its transaction (nobody plays this role): rolled back on its own.
            var stranger = makeChoice(session: session.id, index: index)
            stranger.participant = 9
            _ = try? await store.append(stranger)
          } else {
            try await store.append(makeChoice(session: session.id, index: index))
          }
        }
      }
      try await group.waitForAll()
    }
    let events = try await store.events(forSession: session.id)
    #expect(events.map(\.sequence) == Array(1...32))
    #expect(Set(events.compactMap(\.choiceIndex)) == Set((0..<40).filter { $0 % 5 != 4 }))
  }
}
