import CaseRecords
import CaseRecordsSQLite
import Dispatch
import Foundation
import Synchronization
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

  @Test("eight connections opening a new file at once all succeed")
  func concurrentFirstOpen() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new/casesim.sqlite")
    // Real threads rather than tasks: the cooperative pool has only as many threads as cores,
    // which would let few opens overlap.
    let results = onThreads(count: 8) { _ in try SQLiteRecordStore(path: path) }
    let stores = try results.map { try $0.get() }
    #expect(stores.count == 8)
    let session = makeSession()
    try stores[0].createSession(session)
    for store in stores {
      #expect(try store.session(id: session.id) == session)
    }
  }

  /// Runs `body` on `count` new threads at once and returns each result, in thread order.
  private func onThreads<T: Sendable>(
    count: Int, _ body: @escaping @Sendable (Int) throws -> T
  ) -> [Result<T, any Error>] {
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    let group = DispatchGroup()
    for index in 0..<count {
      group.enter()
      Thread.detachNewThread {
        let result = Result { try body(index) }
        results.withLock { $0[index] = result }
        group.leave()
      }
    }
    group.wait()
    return results.withLock { finished in (0..<count).compactMap { finished[$0] } }
  }
}
