#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Sends one session from one store to another, idempotently: the one way records move between
/// stores, used by the outbox's forwarding, `casesim sync` and `casesim store copy|migrate`.
///
/// The session is created unfinished if the destination lacks it (its scenario text first, if
/// the destination lacks that too; a session is only ever created here, after its text, so a
/// session already there has its text and a forward after each decision does not read it again), its events are appended in order by their
/// own ids (an event the destination already holds is answered with the stored one and never
/// kept twice, so a transfer interrupted at any point can simply run again), and its ending is
/// recorded last. What is sent is decided by what the destination holds, read from it, never by
/// a ledger alone: a destination that lost a session (purged, restored from a backup, a new
/// database at the same address) gets all of it again, numbered as it was.
public enum SessionTransfer {
  /// How far the destination has acknowledged a session: the last event it confirmed and whether
  /// it holds the ending, for the outbox's ledger to keep.
  public struct Progress: Sendable, Equatable {
    public var sequence: Int
    public var hasEnding: Bool
    public init(sequence: Int = 0, hasEnding: Bool = false) {
      self.sequence = sequence
      self.hasEnding = hasEnding
    }
  }

  /// Counts of what one transfer sent.
  public struct Sent: Sendable, Equatable {
    public var createdSession = false
    public var events = 0
    public var ending = false
  }

  /// Sends `session` (with `events`, in sequence order, and the scenario text `version`) to
  /// `destination`, whatever of it the destination lacks; `acknowledged` is told after each step
  /// the destination confirmed, for a ledger to keep.
  @discardableResult
  public static func send(
    _ session: SessionRecord, events: [EventRecord], version: ScenarioVersion?, to destination: any RecordStore,
    acknowledged: (Progress) throws -> Void = { _ in }
  ) async throws -> Sent {
    var sent = Sent()
    var progress = Progress()
    let existing = try await destination.session(id: session.id)
    var held: Set<String> = []
    if let existing {
      held = Set(try await destination.events(forSession: session.id).map(\.id))
      progress.hasEnding = existing.isFinished
    } else {
      if let version, try await destination.scenarioVersion(hash: version.hash) == nil {
        try await destination.saveScenarioVersion(version)
      }
      try await destination.createSession(session.unfinished)
      sent.createdSession = true
    }
    for event in events {
      guard !held.contains(event.id) else {
        progress.sequence = event.sequence
        continue
      }
      let stored = try await destination.append(event)
      guard stored.id == event.id else {
        throw RecordStoreError.notWritten(
          path: "the destination", reason: "event \(event.id) was stored under another id")
      }
      progress.sequence = event.sequence
      try acknowledged(progress)
      sent.events += 1
    }
    if let finishedAt = session.finishedAt, !progress.hasEnding {
      do {
        try await destination.finishSession(
          id: session.id, endingID: session.endingID ?? "", outcome: session.outcome ?? "",
          totalScore: session.totalScore ?? 0, bestTotal: session.bestTotal ?? 0, grade: session.grade ?? "",
          at: finishedAt)
        sent.ending = true
      } catch RecordStoreError.sessionFinished {
        // The ending arrived before an acknowledgement was lost: nothing more to send.
      }
      progress.hasEnding = true
    }
    // Once more at the end, so that a session with nothing yet to send is known to be there.
    try acknowledged(progress)
    return sent
  }
}
