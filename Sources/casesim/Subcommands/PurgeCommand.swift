import ArgumentParser
import CaseRecords
import Foundation

/// `casesim purge --before DATE`: the retention rule, applied.
struct PurgeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "purge",
    abstract: "Delete every session started before a date, with its decisions and rationales (records retention).",
    discussion: "Applies to the store --store or CASESIM_STORE names (a file or a postgres:// address). Nothing is deleted without --yes: without it, purge says how many sessions it would delete.")

  @Option(help: ArgumentHelp("Delete sessions started before this day (YYYY-MM-DD, UTC).", valueName: "date"))
  var before: String

  @Flag(help: "Really delete (without it, only count).")
  var yes = false

  @OptionGroup var global: GlobalOptions

  func run() throws { try Blocking.wait { try await self.runAsync() } }

  func runAsync() async throws {
    guard let cut = DateArgument.day(before) else {
      throw ValidationError("--before takes a day as YYYY-MM-DD, such as 2025-09-01; got '\(before)'")
    }
    let store = try await Environment(options: global).openRecords()
    if !yes {
      let count = try await store.sessions(trainee: nil, includeDrafts: true).filter { $0.startedAt < cut }.count
      Output.print("\(count) session(s) started before \(before) would be deleted; run again with --yes to delete them.\n")
      return
    }
    do {
      let deleted = try await store.purgeSessions(startedBefore: cut)
      Output.print("Deleted \(deleted) session(s) started before \(before), with their decisions and rationales.\n")
    } catch let error as RecordStoreError {
      Output.error("\(error)")
      throw Exit.ioError
    }
  }
}
