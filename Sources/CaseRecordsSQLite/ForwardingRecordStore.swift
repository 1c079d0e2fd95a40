import CaseRecords
import Foundation

/// The store play records to when records are kept in a shared store: the local SQLite outbox,
/// which commits every decision on this machine before returning, then nudges the forwarder to
/// send it on in the background. A decision is therefore never lost to a bad network; what could
/// not be sent is sent by the next nudge, by the forward the program waits for at its end, or by
/// `casesim sync`.
public final class ForwardingRecordStore: DelegatingLocalRecordStore {
  public let outbox: SQLiteRecordStore
  public let forwarder: RecordForwarder

  /// Reads, and the writes that need no forwarding, go to the outbox as they are.
  public var underlying: any LocalRecordStore { outbox }

  public init(outbox: SQLiteRecordStore, forwarder: RecordForwarder) {
    self.outbox = outbox
    self.forwarder = forwarder
  }

  /// Starts a forward in the background (none when one is already waiting to start).
  private func nudge() {
    let forwarder = self.forwarder
    Task.detached { await forwarder.nudge() }
  }

  public func createSession(_ session: SessionRecord) throws {
    try outbox.createSession(session)
    nudge()
  }

  @discardableResult
  public func append(_ event: EventRecord) throws -> EventRecord {
    let stored = try outbox.append(event)
    nudge()
    return stored
  }

  public func finishSession(
    id: String, endingID: String, outcome: String, totalScore: Int, bestTotal: Int, grade: String, at: Date
  ) throws {
    try outbox.finishSession(
      id: id, endingID: endingID, outcome: outcome, totalScore: totalScore, bestTotal: bestTotal, grade: grade, at: at)
    nudge()
  }
}
