import CaseRecords
import CaseRecordsSQLite
import Foundation
import Testing

@Suite("SQLite record store: concurrent writers")
struct ConcurrencyTests {
  @Test("two instances on one file appending from many tasks lose nothing")
  func concurrentAppends() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    let first = try SQLiteRecordStore(path: path)
    let second = try SQLiteRecordStore(path: path)
    let sessions = [makeSession(trainee: "alex"), makeSession(trainee: "sam")]
    for session in sessions { try first.createSession(session) }
    let perSession = 50

    // Task i writes through store i % 2 into session (i / 2) % 2, so both connections write
    // to both sessions and compete for every next sequence number.
    try await withThrowingTaskGroup(of: EventRecord.self) { group in
      for task in 0..<(perSession * 2) {
        let store = task % 2 == 0 ? first : second
        let session = sessions[(task / 2) % 2]
        group.addTask {
          try store.append(makeChoice(session: session.id, index: task + 1))
        }
      }
      var returned = 0
      for try await _ in group { returned += 1 }
      #expect(returned == perSession * 2)
    }

    let reader = try SQLiteRecordStore(path: path)
    var allIndices: [Int] = []
    for session in sessions {
      let events = try reader.events(forSession: session.id)
      #expect(events.count == perSession)
      #expect(events.map(\.sequence) == Array(1...perSession))
      allIndices += events.compactMap(\.choiceIndex)
    }
    #expect(allIndices.sorted() == Array(1...(perSession * 2)))
  }

  @Test("several instances opening a new file at once all succeed")
  func concurrentFirstOpen() async throws {
    let directory = try TemporaryDirectory()
    // Two openers racing to switch a new file to WAL, or to apply "v1", fail without the
    // store's retries in about half of the rounds; ten rounds make a regression visible.
    for round in 1...10 {
      let path = directory.file("round-\(round)/casesim.sqlite")
      let stores = try await withThrowingTaskGroup(of: SQLiteRecordStore.self) { group in
        for _ in 0..<4 {
          group.addTask { try SQLiteRecordStore(path: path) }
        }
        var stores: [SQLiteRecordStore] = []
        for try await store in group { stores.append(store) }
        return stores
      }
      #expect(stores.count == 4)
    }
  }
}
