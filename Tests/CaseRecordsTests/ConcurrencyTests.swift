import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

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

  @Test("several instances opening a new file at once all succeed, every round forced to collide")
  func concurrentFirstOpen() throws {
    let directory = try TemporaryDirectory()
    // The collision is forced, not hoped for: another program holds the new file locked while
    // four openers start, and lets go only once all four have it open and are waiting. Released
    // together, they all race to switch the file to WAL and apply "v1", which fails without the
    // store's retries; left to chance, the race happened in about half of the rounds.
    var forced = 0
    for round in 1...5 {
      let path = directory.file("round-\(round)/casesim.sqlite")
      try FileManager.default.createDirectory(
        atPath: directory.file("round-\(round)"), withIntermediateDirectories: true)
      let lock = try LockHolder(path: path)
      let results = OpenResults()
      let finished = DispatchGroup()
      // The four threads start first and wait at a gate, so that they open the file together.
      let ready = DispatchSemaphore(value: 0)
      let gate = DispatchSemaphore(value: 0)
      for _ in 0..<4 {
        finished.enter()
        Thread.detachNewThread {
          ready.signal()
          gate.wait()
          results.add(Result { try SQLiteRecordStore(path: path) })
          finished.leave()
        }
      }
      for _ in 0..<4 { ready.wait() }
      for _ in 0..<4 { gate.signal() }
      // Each opener waits for the lock for up to the store's busy timeout (5 s), so the lock is
      // let go well before that even if a thread is slow to get going on a loaded machine.
      if LockHolder.waitUntil(timeout: 2, { LockHolder.openDescriptors(to: path) >= 4 }) { forced += 1 }
      #expect(results.count == 0, "round \(round): an opener finished while the file was locked: \(results.failures)")
      try lock.release()
      #expect(finished.wait(timeout: .now() + 60) == .success, "round \(round): an opener hung")
      let failures = results.failures
      #expect(results.count == 4 && failures.isEmpty, "round \(round): \(failures)")
      // The file the winners made is a working store in WAL mode.
      let store = try SQLiteRecordStore(path: path)
      #expect(try store.pragma("journal_mode") == "wal")
    }
    #expect(forced >= 1, "in no round were all four openers waiting on the lock together")
  }
}

/// What the racing openers got, collected from their threads.
private final class OpenResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<SQLiteRecordStore, any Error>] = []
  func add(_ result: Result<SQLiteRecordStore, any Error>) { lock.withLock { results.append(result) } }
  var count: Int { lock.withLock { results.count } }
  var failures: [String] {
    lock.withLock {
      results.compactMap { if case .failure(let error) = $0 { "\(error)" } else { nil } }
    }
  }
}

/// Another program (Python's sqlite3 module) holding an exclusive lock on a database file, as a
/// second CaseSim in the middle of creating it would.
private final class LockHolder {
  private let process = Process()
  private let input = Pipe()

  static let script = """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    connection.execute("ROLLBACK")
    connection.close()
    """

  init(path: String) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.script, path]
    process.standardInput = input
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    // Blocks until the lock is held (or the helper fails and closes its output).
    var said = Data()
    while !said.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      said.append(chunk)
    }
    guard String(decoding: said, as: UTF8.self) == "locked\n" else {
      throw LockFailed(output: String(decoding: said, as: UTF8.self))
    }
  }

  struct LockFailed: Error { var output: String }

  func release() throws {
    try input.fileHandleForWriting.write(contentsOf: Data("\n".utf8))
    process.waitUntilExit()
  }

  /// How many of this process's file descriptors are open on `path` (Linux: /proc/self/fd).
  static func openDescriptors(to path: String) -> Int {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return fds.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == target }.count
  }

  /// Checks `condition` every few milliseconds until it holds (true) or the timeout passes.
  static func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.002)
    }
    return condition()
  }
}
