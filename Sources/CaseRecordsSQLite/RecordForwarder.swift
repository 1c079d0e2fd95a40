import CaseRecords
import Foundation

/// Forwards what the local outbox holds to a shared store, idempotently.
///
/// A decision is committed to the local SQLite outbox before the trainee sees what follows, so
/// a bad network never loses one. Forwarding then sends, session by session and in order, what
/// the shared store has not acknowledged: the session (created unfinished), its scenario text,
/// each event (by its own id, so an event whose acknowledgement was lost is answered with the
/// stored one and never kept twice), then the ending. The ledger moves only after the shared
/// store answers, so an interrupted forward resumes where it stopped.
///
/// It is an actor, and each forward waits for the one before it to end, so that the shell's
/// nudges after each decision and a final flush never run two forwards at once (an actor alone
/// would let them interleave at every network wait).
public actor RecordForwarder {
  /// What a forward did.
  public struct Report: Sendable, Equatable {
    public var sessions = 0
    public var events = 0
    public var endings = 0
    /// Sessions still not fully forwarded, after a failure.
    public var pendingSessions = 0
    /// Why forwarding stopped or a session was refused, or nil when everything was sent.
    public var failure: String?
    /// Sessions the shared store refused (a rule of its own, not the network): each with the
    /// reason. Forwarding goes on with the others, so one refused session never holds the rest
    /// back; the refused ones are tried again at every forward.
    public var refused: [Refusal] = []

    /// A session the shared store refused, and why.
    public struct Refusal: Sendable, Equatable {
      public var session: String
      public var reason: String
    }

    public init() {}
  }

  private let outbox: SQLiteRecordStore
  /// The shared store's address without a password: the ledger's key.
  public nonisolated let destination: String
  private let connect: @Sendable () async throws -> any RecordStore
  private var connection: (any RecordStore)?
  /// The forward running or last run: the next one starts after it.
  private var latest: Task<Report, Never>?
  /// True while a forward is waiting to start: a nudge then has nothing to add, since that
  /// forward will read everything recorded before it starts.
  private var waitingToStart = false

  /// A forwarder from `outbox` to the shared store `destination`, reached through `connect`
  /// (called again after a failure, since a broken connection is not reused).
  public init(
    outbox: SQLiteRecordStore, destination: String, connect: @escaping @Sendable () async throws -> any RecordStore
  ) {
    self.outbox = outbox
    self.destination = destination
    self.connect = connect
  }

  /// Sends everything not yet acknowledged, after any forward already under way; stops at the
  /// first failure and says why.
  @discardableResult
  public func forward() async -> Report {
    let previous = latest
    waitingToStart = true
    let next = Task { () -> Report in
      _ = await previous?.value
      await self.starting()
      return await self.forwardNow()
    }
    latest = next
    return await next.value
  }

  /// After a change was recorded: forwards it, unless a forward already waiting to start will.
  /// This is what runs after every decision, so that with the network down the decisions do not
  /// queue one connection attempt each.
  public func nudge() async {
    guard !waitingToStart else { return }
    await forward()
  }

  private func starting() { waitingToStart = false }

  private func forwardNow() async -> Report {
    var report = Report()
    let pending: [SessionRecord]
    do {
      pending = try outbox.sessionsNotForwarded(to: destination)
    } catch {
      report.failure = "\(error)"
      return report
    }
    for (index, session) in pending.enumerated() {
      do {
        let store = try await shared()
        try await forward(session, to: store, report: &report)
        report.sessions += 1
      } catch let error as RecordStoreError where !Self.isNetwork(error) {
        // The store refused this session by one of its rules: the others may still go.
        report.refused.append(Report.Refusal(session: session.id, reason: "\(error)"))
      } catch {
        // The network or the server: a broken connection is not reused, and the next forward
        // connects again.
        connection = nil
        report.failure = "\(error)"
        report.pendingSessions = pending.count - index + report.refused.count
        return report
      }
    }
    if !report.refused.isEmpty {
      report.pendingSessions = report.refused.count
      report.failure = report.refused.map { "session \($0.session): \($0.reason)" }.joined(separator: "; ")
    }
    return report
  }

  /// True for a failure of the network or the server (worth trying again later), as opposed to a
  /// refusal by the store's rules.
  private static func isNetwork(_ error: RecordStoreError) -> Bool {
    if case .unreachable = error { return true }
    return false
  }

  private func shared() async throws -> any RecordStore {
    if let connection { return connection }
    let made = try await connect()
    connection = made
    return made
  }

  private func forward(_ local: SessionRecord, to store: any RecordStore, report: inout Report) async throws {
    let outbox = self.outbox
    let destination = self.destination
    let sent = try await SessionTransfer.send(
      local, events: try outbox.events(forSession: local.id), version: try outbox.scenarioVersion(hash: local.scenarioHash),
      to: store
    ) { progress in
      try outbox.recordForwarded(local.id, to: destination, state: progress)
    }
    report.events += sent.events
    report.endings += sent.ending ? 1 : 0
  }
}
