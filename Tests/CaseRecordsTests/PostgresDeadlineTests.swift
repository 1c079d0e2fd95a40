import CaseRecords
import CaseRecordsPostgres
import Foundation
import Testing

/// A shared store on a network that silently drops everything costs a command its request
/// deadline at most, not the quarter of an hour the operating system takes to give up.
@Suite("PostgreSQL store: a deadline on every request")
struct PostgresDeadlineTests {
  @Test("CASESIM_STORE_TIMEOUT sets the deadline in whole seconds; five minutes without it; nonsense is refused")
  func deadlineFromTheEnvironment() throws {
    let text = "postgres://casesim@db.example/records"
    #expect(try PostgresAddress(text).requestTimeout == .seconds(300))
    #expect(try PostgresAddress(text, environment: ["CASESIM_STORE_TIMEOUT": "20"]).requestTimeout == .seconds(20))
    for bad in ["0", "-5", "ten", "1.5", "86401"] {
      #expect(throws: PostgresStoreError.self) { try PostgresAddress(text, environment: ["CASESIM_STORE_TIMEOUT": bad]) }
    }
  }

  @Test(
    "a request the server never answers ends at the deadline as 'unreachable', and the store is not asked again",
    .enabled(
      if: TestPostgres.server?.socketDirectory != nil || ProcessInfo.processInfo.environment["CASESIM_REQUIRE_POSTGRES"] != nil,
      "needs the test server's Unix socket (CASESIM_TEST_POSTGRES)"))
  func silentNetworkEndsAtTheDeadline() async throws {
    var address = try await TestPostgres.freshDatabase()
    let network = try SilentNetwork(
      relaying: "\(try #require(address.socketDirectory))/.s.PGSQL.\(address.port)", port: address.port)
    defer { network.stop() }
    address.socketDirectory = network.directory
    // Set up under the default deadline (a loaded machine can take seconds to make the schema);
    // only the request into silence runs under a short one.
    let store = try await PostgresRecordStore.connect(to: address)
    // Through the relay, the store works.
    #expect(try await store.sessions(trainee: nil, includeDrafts: true).isEmpty)
    await store.changeRequestTimeout(to: .seconds(2))

    network.goSilent()
    let clock = ContinuousClock()
    let started = clock.now
    // Bounded even if the deadline did not work: after 60 seconds the relay is closed, which ends
    // the wait, and the test fails.
    let outcome = await withTaskGroup(of: Result<Int, any Error>?.self) { group in
      group.addTask {
        do { return .success(try await store.sessions(trainee: nil, includeDrafts: true).count) } catch { return .failure(error) }
      }
      group.addTask {
        try? await Task.sleep(for: .seconds(60))
        return nil
      }
      let first = await group.next() ?? nil
      network.stop()
      group.cancelAll()
      return first
    }
    let waited = clock.now - started
    #expect(waited >= .seconds(2) && waited < .seconds(60), "waited \(waited)")
    guard case .failure(let error)? = outcome, case RecordStoreError.unreachable(_, let reason)? = error as? RecordStoreError else {
      Issue.record("expected the request to end as unreachable within the deadline, got \(String(describing: outcome))")
      return
    }
    #expect(reason.contains("the server did not finish the request within 2 seconds (CASESIM_STORE_TIMEOUT)"))

    // The connection was given up: the next request is refused at once.
    let refused = await #expect(throws: RecordStoreError.self) { try await store.session(id: "anything") }
    #expect(refused.map { "\($0)" }?.contains("the connection to the server was closed") == true, "\(String(describing: refused))")
    await store.close()
  }
}
