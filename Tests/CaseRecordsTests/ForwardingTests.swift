import CaseRecords
import CaseRecordsSQLite
import Foundation
import Synchronization
import Testing

/// A shared store whose network fails on cue: before a request reaches it, or after it has
/// been kept but before the answer comes back (the acknowledgement lost).
final class FlakyStore: DelegatingLocalRecordStore {
  enum Fault: Sendable { case none, beforeAppend(Int), afterAppend(Int) }
  struct NetworkDown: Error {}

  let inner = InMemoryRecordStore()
  var underlying: any LocalRecordStore { inner }
  private let state = Mutex<(fault: Fault, appends: Int)>((.none, 0))

  func fail(_ fault: Fault) { state.withLock { $0 = (fault, 0) } }

  func append(_ event: EventRecord) throws -> EventRecord {
    let (fault, count) = state.withLock { state -> (Fault, Int) in
      state.appends += 1
      return (state.fault, state.appends)
    }
    if case .beforeAppend(let n) = fault, count >= n { throw NetworkDown() }
    let stored = try inner.append(event)
    if case .afterAppend(let n) = fault, count >= n { throw NetworkDown() }
    return stored
  }
}

/// The outbox and its forwarding: a decision is kept locally first, and reaches the shared store
/// exactly once however the network fails.
@Suite("The outbox: forwarding to a shared store, idempotently")
struct ForwardingTests {
  /// An outbox file with one finished session of `count` decisions.
  static func outbox(decisions count: Int) throws -> (SQLiteRecordStore, SessionRecord, TemporaryDirectory) {
    let directory = try TemporaryDirectory()
    let outbox = try SQLiteRecordStore(path: directory.file("outbox.sqlite"))
    let session = makeSession()
    try outbox.createSession(session)
    try outbox.saveScenarioVersion(
      ScenarioVersion(hash: session.scenarioHash, scenarioID: session.scenarioID, mainPath: "/s", files: ["/s": "x"]))
    for index in 1...count { try outbox.append(makeChoice(session: session.id, index: index)) }
    try outbox.finishSession(
      id: session.id, endingID: "end", outcome: "safe", totalScore: 4, bestTotal: 4, grade: "safe-practice", at: Date())
    return (outbox, session, directory)
  }

  @Test("a lost acknowledgement is retried without a duplicate; a failure before sending resumes where it stopped")
  func failuresThenRetry() async throws {
    let (outbox, session, directory) = try Self.outbox(decisions: 6)
    _ = directory
    let shared = FlakyStore()
    let forwarder = RecordForwarder(outbox: outbox, destination: "postgres://test@shared/records") { shared }

    shared.fail(.afterAppend(3))
    let first = await forwarder.forward()
    #expect(first.failure != nil && first.pendingSessions == 1)
    #expect(try await shared.events(forSession: session.id).count == 3, "the third was kept; its answer was lost")
    #expect(try outbox.forwardingState(of: session.id, to: forwarder.destination).sequence == 2)

    // The third is found there (its answer was lost, not the event) and not sent again; the
    // fourth goes, then the network drops.
    shared.fail(.beforeAppend(2))
    let second = await forwarder.forward()
    #expect(second.failure != nil)
    #expect(try await shared.events(forSession: session.id).count == 4)

    shared.fail(.none)
    let third = await forwarder.forward()
    #expect(third.failure == nil && third.endings == 1)
    let local = try outbox.events(forSession: session.id)
    #expect(try await shared.events(forSession: session.id) == local, "every event once, with its own id and sequence")
    #expect(try await shared.session(id: session.id)?.grade == "safe-practice")
    #expect(try outbox.sessionsNotForwarded(to: forwarder.destination).isEmpty)
    #expect(try outbox.sessionsNotForwarded(to: "postgres://test@elsewhere/records").count == 1, "the ledger is per store")

    let idle = await forwarder.forward()
    #expect(idle.sessions == 0 && idle.events == 0 && idle.failure == nil)
  }

  @Test("a session the shared store lost (purged, restored from a backup) is sent again whole, numbered as it was")
  func lostByTheDestination() async throws {
    let directory = try TemporaryDirectory()
    let outbox = try SQLiteRecordStore(path: directory.file("outbox.sqlite"))
    let session = makeSession()
    try outbox.createSession(session)
    for index in 1...3 { try outbox.append(makeChoice(session: session.id, index: index)) }
    let shared = FlakyStore()
    let forwarder = RecordForwarder(outbox: outbox, destination: "postgres://test@shared/records") { shared }
    #expect(await forwarder.forward().failure == nil)
    try shared.inner.deleteSession(id: session.id)
    // The next decision makes the session pending again; the ledger says 3 were acknowledged,
    // but the shared store no longer has them.
    try outbox.append(makeChoice(session: session.id, index: 4))
    #expect(await forwarder.forward().failure == nil)
    #expect(try shared.inner.events(forSession: session.id) == outbox.events(forSession: session.id))
    #expect(try shared.inner.events(forSession: session.id).map(\.sequence) == [1, 2, 3, 4])
  }

  @Test("play through the forwarding store: each decision is committed locally before it returns, whether or not the shared store answers")
  func forwardingStore() async throws {
    let directory = try TemporaryDirectory()
    let outbox = try SQLiteRecordStore(path: directory.file("outbox.sqlite"))
    let shared = FlakyStore()
    shared.fail(.beforeAppend(1))
    let store = ForwardingRecordStore(
      outbox: outbox, forwarder: RecordForwarder(outbox: outbox, destination: "postgres://t@s/r") { shared })
    let session = makeSession()
    try store.createSession(session)
    for index in 1...3 { try store.append(makeChoice(session: session.id, index: index)) }
    #expect(try outbox.events(forSession: session.id).count == 3, "kept here before the shared store was asked")
    // The nudges run in the background; a forward after them finds the network still down.
    let down = await store.forwarder.forward()
    #expect(down.failure != nil && down.pendingSessions == 1)
    #expect(try shared.inner.events(forSession: session.id).isEmpty)

    shared.fail(.none)
    let up = await store.forwarder.forward()
    #expect(up.failure == nil)
    #expect(try shared.inner.events(forSession: session.id) == outbox.events(forSession: session.id))
  }
}
