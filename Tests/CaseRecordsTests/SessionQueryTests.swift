import CaseRecords
import CaseRecordsSQLite
import Foundation
import Testing

@Suite("SQLite record store: finding sessions")
struct SessionQueryTests {
  @Test("resolveSession accepts an exact id")
  func resolveExact() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession(id: "abcd1234-0000-4000-8000-000000000001")
    try store.createSession(session)
    // A second session whose id extends the first's prefix does not make the exact id ambiguous.
    try store.createSession(makeSession(id: "abcd1234-0000-4000-8000-000000000001x"))
    #expect(try store.resolveSession(session.id) == session)
  }

  @Test("resolveSession accepts a unique prefix of at least 4 characters, in any ASCII case")
  func resolveUniquePrefix() throws {
    let store = try SQLiteRecordStore.inMemory()
    let first = makeSession(id: "abcd1234-0000-4000-8000-000000000001")
    let second = makeSession(id: "abce5678-0000-4000-8000-000000000002")
    try store.createSession(first)
    try store.createSession(second)
    #expect(try store.resolveSession("abcd") == first)
    #expect(try store.resolveSession("abce56") == second)
    #expect(try store.resolveSession("ABCE") == second)
  }

  @Test("resolveSession throws ambiguousSession listing every match, sorted")
  func resolveAmbiguous() throws {
    let store = try SQLiteRecordStore.inMemory()
    let ids = [
      "abcd9999-0000-4000-8000-000000000003", "abcd1234-0000-4000-8000-000000000001",
      "abcd5678-0000-4000-8000-000000000002",
    ]
    for id in ids { try store.createSession(makeSession(id: id)) }
    try store.createSession(makeSession(id: "ffff0000-0000-4000-8000-000000000004"))
    #expect(throws: RecordStoreError.ambiguousSession("abcd", matches: ids.sorted())) {
      try store.resolveSession("abcd")
    }
    let error = RecordStoreError.ambiguousSession("abcd", matches: ids.sorted())
    #expect(error.description.contains("matches 3 sessions"))
  }

  @Test(
    "resolveSession throws sessionNotFound for short or unknown input",
    arguments: [
      "abc", "a", "", "abcx", "abcd1234-0000-4000-8000-000000000001-and-more",
    ])
  func resolveNotFound(input: String) throws {
    let store = try SQLiteRecordStore.inMemory()
    try store.createSession(makeSession(id: "abcd1234-0000-4000-8000-000000000001"))
    #expect(throws: RecordStoreError.sessionNotFound(input)) {
      try store.resolveSession(input)
    }
  }

  @Test("a short prefix is refused even when only one session could match")
  func shortPrefixRefused() throws {
    let store = try SQLiteRecordStore.inMemory()
    try store.createSession(makeSession(id: "abcd1234-0000-4000-8000-000000000001"))
    #expect(throws: RecordStoreError.sessionNotFound("abc")) { try store.resolveSession("abc") }
    #expect(RecordStoreError.sessionNotFound("abc").description.contains("at least 4"))
  }

  @Test("resolveSession treats LIKE wildcards literally")
  func resolveWildcards() throws {
    let store = try SQLiteRecordStore.inMemory()
    try store.createSession(makeSession(id: "abcd1234-0000-4000-8000-000000000001"))
    #expect(throws: RecordStoreError.sessionNotFound("ab%%")) { try store.resolveSession("ab%%") }
    #expect(throws: RecordStoreError.sessionNotFound("abc_")) { try store.resolveSession("abc_") }
  }

  @Test("sessions(trainee:) lists newest first, filtered by trainee")
  func listingNewestFirst() throws {
    let store = try SQLiteRecordStore.inMemory()
    let base = Date(timeIntervalSince1970: 1_780_000_000)
    let alexOld = makeSession(trainee: "alex", startedAt: base)
    let samMiddle = makeSession(trainee: "sam", startedAt: base.addingTimeInterval(60))
    let alexNew = makeSession(trainee: "alex", startedAt: base.addingTimeInterval(120))
    let alexTie = makeSession(trainee: "alex", startedAt: base.addingTimeInterval(120))
    // Inserted out of order, to show the order comes from start times.
    for session in [alexNew, alexOld, samMiddle, alexTie] { try store.createSession(session) }

    // Equal start times: the later-created session counts as newer.
    #expect(try store.sessions(trainee: "alex", includeDrafts: true).map(\.id) == [alexTie.id, alexNew.id, alexOld.id])
    #expect(try store.sessions(trainee: "sam", includeDrafts: true) == [samMiddle])
    #expect(try store.sessions(trainee: "nobody", includeDrafts: true).isEmpty)
    #expect(
      try store.sessions(trainee: nil, includeDrafts: true).map(\.id)
        == [alexTie.id, alexNew.id, samMiddle.id, alexOld.id])
  }

  @Test("latestUnfinishedSession ignores finished sessions and other trainees")
  func latestUnfinished() throws {
    let store = try SQLiteRecordStore.inMemory()
    let base = Date(timeIntervalSince1970: 1_780_000_000)
    let older = makeSession(trainee: "alex", startedAt: base)
    let newerFinished = makeSession(trainee: "alex", startedAt: base.addingTimeInterval(60))
    let samNewest = makeSession(trainee: "sam", startedAt: base.addingTimeInterval(120))
    for session in [older, newerFinished, samNewest] { try store.createSession(session) }
    try store.finishSession(
      id: newerFinished.id, endingID: "e", outcome: "safe", totalScore: 1, bestTotal: 2, grade: "developing",
      at: base.addingTimeInterval(90))

    #expect(try store.latestUnfinishedSession(trainee: "alex") == older)
    #expect(try store.latestUnfinishedSession(trainee: "sam") == samNewest)
    #expect(try store.latestUnfinishedSession(trainee: "nobody") == nil)

    try store.finishSession(
      id: older.id, endingID: "e", outcome: "unsafe", totalScore: 0, bestTotal: 2, grade: "developing", at: Date())
    #expect(try store.latestUnfinishedSession(trainee: "alex") == nil)
  }
}
