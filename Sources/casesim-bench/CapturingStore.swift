import CaseRecords
import Foundation
import Synchronization

/// The store the cohort generator plays into: an in-memory store for one session at a time, so
/// that one session controller per scenario can play session after session (working out the best
/// achievable once) and each session's records are taken as the store kept them.
final class CapturingStore: DelegatingLocalRecordStore {
  private let current = Mutex(InMemoryRecordStore())

  private var store: InMemoryRecordStore { current.withLock { $0 } }
  var underlying: any LocalRecordStore { store }

  /// Starts afresh for the next session.
  func reset() { current.withLock { $0 = InMemoryRecordStore() } }

  /// The one session played since the last reset, as stored, with its events.
  func contents() throws -> (record: SessionRecord, events: [EventRecord]) {
    guard let record = try store.sessions(trainee: nil, includeDrafts: true).first else {
      throw RecordStoreError.sessionNotFound("(none played)")
    }
    return (record, try store.events(forSession: record.id))
  }
}
