import ArgumentParser
import CaseRecords
import CaseRecordsPostgres
import CaseRecordsSQLite

/// `casesim sync`: sends what this machine's outbox holds to the agency's shared store.
struct SyncCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Send the decisions kept on this machine to the shared record store (--store postgres://...).",
    discussion: """
      With a shared store, every decision is committed on this machine first (the outbox: CASESIM_OUTBOX, else the records file in your data folder) and sent on at once; what could not be sent (no network, the server down) stays in the outbox. 'casesim sync' sends it. Sending is idempotent: an event the shared store already holds is never kept twice, so sync can be run any number of times. A request the shared store has not finished within 5 minutes gives the connection up (CASESIM_STORE_TIMEOUT sets the limit in whole seconds).

      Exit codes: 0 everything sent; 64 no shared store named; 69 the shared store could not be reached (nothing is lost; run sync again later).
      """)

  @OptionGroup var global: GlobalOptions

  func run() throws { try Blocking.wait { try await self.runAsync() } }

  func runAsync() async throws {
    let environment = Environment(options: global)
    guard case .shared(let address) = try environment.storeTarget() else {
      throw ValidationError(
        "sync sends records to a shared store: give --store postgres://USER@HOST/DATABASE or set CASESIM_STORE")
    }
    let outbox = try Environment.openFile(environment.outboxPath)
    let report = await Environment.forwarder(from: outbox, to: address).forward()
    Output.print(
      "Sent \(report.sessions) session(s), \(report.events) event(s) and \(report.endings) ending(s) to \(address).\n")
    if let message = Environment.notSent(report, outbox: outbox.path) {
      Output.error(message + " again later")
      throw Exit.unavailable
    }
  }
}
