import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

@Suite("SQLite record store: records")
struct SQLiteRecordStoreTests {
  @Test("create, append and reload in a new instance returns equal records")
  func reloadInNewInstance() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let session = makeSession()
    let written: [EventRecord]
    do {
      let store = try SQLiteRecordStore(path: path)
      try store.createSession(session)
      let choice = makeChoice(
        session: session.id, index: 2,
        deltas: ["wt-2023/child-focus": 2, "info-sharing": -1, "a/b": 0],
        at: Date(timeIntervalSince1970: 1_780_000_001.987_654))
      let undo = EventRecord(
        sessionID: session.id, sequence: 99, kind: .undo, participant: 1, role: "social-worker")
      let note = EventRecord(
        sessionID: session.id, kind: .note, passageID: "passage-1",
        text: "Mother's partner answered the door; \"unicode\" ✓ é", recordedAt: Date())
      written = [
        try store.append(choice), try store.append(undo), try store.append(note),
      ]
      #expect(written.map(\.sequence) == [1, 2, 3])
      // The returned events are the input with the sequence filled in.
      var expectedUndo = undo
      expectedUndo.sequence = 2
      #expect(written[1] == expectedUndo)
      #expect(written[0].scoreDeltas == choice.scoreDeltas)
    }

    let reopened = try SQLiteRecordStore(path: path)
    #expect(try reopened.session(id: session.id) == session)
    let events = try reopened.events(forSession: session.id)
    #expect(events == written)
    #expect(events.map(\.kind) == [.choice, .undo, .note])
    #expect(events[0].scoreDeltas == ["wt-2023/child-focus": 2, "info-sharing": -1, "a/b": 0])
    #expect(events[1].scoreDeltas.isEmpty)
    #expect(events[2].text == "Mother's partner answered the door; \"unicode\" ✓ é")
  }

  @Test("an append is visible to another open instance as soon as it returns")
  func appendIsCommittedOnReturn() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let writer = try SQLiteRecordStore(path: path)
    let reader = try SQLiteRecordStore(path: path)
    let session = makeSession()
    try writer.createSession(session)
    for index in 1...3 {
      try writer.append(makeChoice(session: session.id, index: index))
      #expect(try reader.events(forSession: session.id).count == index)
    }
  }

  @Test("score deltas are stored as JSON text with sorted keys")
  func scoreDeltasStoredSorted() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    try store.append(
      makeChoice(session: session.id, index: 1, deltas: ["b": 1, "a": -2, "c/d": 3]))
    #expect(
      try RecordRows.encodeScoreDeltas(["b": 1, "a": -2, "c/d": 3]) == #"{"a":-2,"b":1,"c/d":3}"#)
    #expect(try RecordRows.encodeScoreDeltas([:]) == "{}")
    #expect(try store.events(forSession: session.id)[0].scoreDeltas == ["b": 1, "a": -2, "c/d": 3])
  }

  @Test("dates round-trip at millisecond precision")
  func datesTruncatedToMilliseconds() throws {
    let store = try SQLiteRecordStore.inMemory()
    let raw = Date(timeIntervalSince1970: 1_780_000_000.999_5)
    let session = makeSession(startedAt: raw)
    #expect(session.startedAt != raw)
    #expect(session.startedAt == Date(timeIntervalSince1970: 1_780_000_000.999))
    try store.createSession(session)
    let event = try store.append(makeChoice(session: session.id, index: 1, at: raw))
    #expect(event.recordedAt == session.startedAt)
    let reloaded = try #require(try store.session(id: session.id))
    #expect(reloaded.startedAt == session.startedAt)
    #expect(try store.events(forSession: session.id) == [event])
  }

  @Test("finishSession stores the ending, outcome and scores")
  func finishStoresOutcome() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    let finishedAt = Date(timeIntervalSince1970: 1_780_000_900.25)
    try store.finishSession(
      id: session.id, endingID: "ending-strategy-meeting", outcome: "partly-safe",
      totalScore: 7, bestTotal: 12, grade: "developing", at: finishedAt)
    let finished = try #require(try store.session(id: session.id))
    var expected = session
    expected.finishedAt = finishedAt
    expected.endingID = "ending-strategy-meeting"
    expected.outcome = "partly-safe"
    expected.totalScore = 7
    expected.bestTotal = 12
    expected.grade = "developing"
    #expect(finished == expected)
    #expect(finished.isFinished)
  }

  @Test("appending to or finishing a finished session throws sessionFinished")
  func finishedSessionIsClosed() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    try store.append(makeChoice(session: session.id, index: 1))
    try store.finishSession(
      id: session.id, endingID: "e", outcome: "safe", totalScore: 3, bestTotal: 3, grade: "developing", at: Date())
    #expect(throws: RecordStoreError.sessionFinished(session.id)) {
      try store.append(makeChoice(session: session.id, index: 2))
    }
    #expect(throws: RecordStoreError.sessionFinished(session.id)) {
      try store.finishSession(
        id: session.id, endingID: "other", outcome: "unsafe", totalScore: 0, bestTotal: 3, grade: "developing",
        at: Date())
    }
    // Nothing was written by the refused calls.
    #expect(try store.events(forSession: session.id).count == 1)
    #expect(try store.session(id: session.id)?.outcome == "safe")
  }

  @Test("unknown sessions throw sessionNotFound")
  func unknownSession() throws {
    let store = try SQLiteRecordStore.inMemory()
    let missing = newSessionID()
    #expect(throws: RecordStoreError.sessionNotFound(missing)) {
      try store.append(makeChoice(session: missing, index: 1))
    }
    #expect(throws: RecordStoreError.sessionNotFound(missing)) {
      try store.events(forSession: missing)
    }
    #expect(throws: RecordStoreError.sessionNotFound(missing)) {
      try store.finishSession(
        id: missing, endingID: "e", outcome: "safe", totalScore: 1, bestTotal: 1, grade: "developing", at: Date())
    }
    #expect(try store.session(id: missing) == nil)
  }

  @Test("a session id cannot be created twice")
  func duplicateSessionRejected() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    var other = makeSession(id: session.id, trainee: "sam")
    other.role = "police"
    #expect(throws: (any Error).self) { try store.createSession(other) }
    #expect(try store.session(id: session.id) == session)
  }

  @Test("events of one session do not leak into another, and sequences are per session")
  func sequencesArePerSession() throws {
    let store = try SQLiteRecordStore.inMemory()
    let first = makeSession()
    let second = makeSession()
    try store.createSession(first)
    try store.createSession(second)
    try store.append(makeChoice(session: first.id, index: 1))
    try store.append(makeChoice(session: second.id, index: 1))
    try store.append(makeChoice(session: first.id, index: 2))
    #expect(try store.events(forSession: first.id).map(\.sequence) == [1, 2])
    #expect(try store.events(forSession: first.id).map(\.choiceIndex) == [1, 2])
    #expect(try store.events(forSession: second.id).map(\.sequence) == [1])
  }
}
