import ArgumentParser
import CaseRecords
import CaseRecordsPostgres
import Foundation

/// `casesim store copy|migrate FROM TO`: moves records between stores (a trainee's file and an
/// agency's PostgreSQL, two files, two servers).
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "Copy or move records between stores (SQLite files and postgres:// addresses).",
    subcommands: [StoreCopyCommand.self, StoreMigrateCommand.self])
}

/// Which sessions to move, and from where to where.
struct StoreTransferOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("The store to read: an SQLite file or a postgres:// address.", valueName: "from"))
  var from: String

  @Argument(help: ArgumentHelp("The store to write: an SQLite file or a postgres:// address.", valueName: "to"))
  var to: String

  @Option(help: ArgumentHelp("Only sessions this person took part in (as trainee or team member).", valueName: "name"))
  var trainee: String?

  @Option(help: ArgumentHelp("Only this session (its id or a unique prefix): a team's session, say.", valueName: "id"))
  var session: String?

  /// Copies the chosen sessions; with `removing`, deletes each from the source once the
  /// destination holds all of its events (an unfinished one only with `includeUnfinished`).
  /// Prints what was done.
  func transfer(removing: Bool, includeUnfinished: Bool = false) async throws {
    let variables = ProcessInfo.processInfo.environment
    let sourceTarget = try Environment.target(from, environment: variables)
    let destinationTarget = try Environment.target(to, environment: variables)
    let source = try await Environment.open(sourceTarget)
    // Refused before the destination is opened (and, on a server, migrated): the source file
    // exists by now, so a second path to it is recognised.
    guard !Self.same(sourceTarget, destinationTarget) else {
      throw Exit.usage("\(from) and \(to) are the same store; name two different ones")
    }
    let destination = try await Environment.open(destinationTarget)
    let chosen: [SessionRecord]
    do {
      if let session {
        chosen = [try await source.resolveSession(session)]
      } else {
        chosen = try await source.sessions(trainee: nil, includeDrafts: true).filter { record in
          trainee.map { name in record.trainee == name || record.participants.contains { $0.name == name } } ?? true
        }
      }
    } catch let error as RecordStoreError {
      Output.error("\(error)")
      throw Exit.noInput
    }
    var events = 0
    var moved = 0
    var leftUnfinished = 0
    do {
      // Oldest first, so that the destination lists them as the source did.
      for record in chosen.reversed() {
        // An unfinished session may still be played (or forwarded to) while it moves, and a
        // decision recorded between the check and the delete would be lost: it is copied and
        // left where it is unless asked for.
        let removable = removing && (record.isFinished || includeUnfinished)
        if removing && !removable { leftUnfinished += 1 }
        let log = try await source.events(forSession: record.id)
        let sent = try await SessionTransfer.send(
          record, events: log, version: try await source.scenarioVersion(hash: record.scenarioHash), to: destination)
        events += sent.events
        if removable {
          // Only once the destination holds every event and the ending.
          let held = try await destination.events(forSession: record.id).map(\.id)
          let finished = try await destination.session(id: record.id)?.isFinished ?? false
          guard held == log.map(\.id), finished == record.isFinished else {
            Output.error("session \(record.id) did not arrive whole in \(to); it is left in \(from)")
            throw Exit.ioError
          }
          try await source.deleteSession(id: record.id)
          moved += 1
        }
      }
    } catch let error as RecordStoreError {
      Output.error("\(error); what was sent before this is kept, and running the command again sends the rest")
      throw Exit.ioError
    }
    if removing {
      Output.print("Moved \(moved) session(s) (\(events) new event(s)) from \(describe(sourceTarget)) to \(describe(destinationTarget)).\n")
      if leftUnfinished > 0 {
        Output.print("\(leftUnfinished) unfinished session(s) were copied and left in \(describe(sourceTarget)); finish them, or move them with --include-unfinished when nobody is playing them.\n")
      }
    } else {
      Output.print("Copied \(chosen.count) session(s) (\(events) new event(s)) from \(describe(sourceTarget)) to \(describe(destinationTarget)).\n")
    }
  }

  /// True when two targets name one store: the same file (by device and inode, whatever the
  /// path), or the same server address and database.
  static func same(_ first: Environment.StoreTarget, _ second: Environment.StoreTarget) -> Bool {
    switch (first, second) {
    case (.file(let a), .file(let b)):
      var one = stat()
      var two = stat()
      guard stat(a, &one) == 0, stat(b, &two) == 0 else { return a == b }
      return one.st_dev == two.st_dev && one.st_ino == two.st_ino
    case (.shared(let a), .shared(let b)):
      return a.description == b.description
    default:
      return false
    }
  }

  private func describe(_ target: Environment.StoreTarget) -> String {
    switch target {
    case .file(let path): path
    case .shared(let address): address.description
    }
  }
}

struct StoreCopyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "copy",
    abstract: "Copy sessions from one store to another; the source is left as it is.",
    discussion: "Idempotent: a session or event the destination already holds is not copied again, so an interrupted copy can simply be run again.")

  @OptionGroup var options: StoreTransferOptions

  func run() throws { try Blocking.wait { try await options.transfer(removing: false) } }
}

struct StoreMigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Move sessions from one store to another: each is deleted from the source once the destination holds all of it.",
    discussion: "For a trainee whose records move to the agency's shared store, or the other way. Idempotent and safe to interrupt: a session is deleted from the source only after the destination has every one of its events and its ending.")

  @OptionGroup var options: StoreTransferOptions

  @Flag(help: "Move unfinished sessions too (only when nobody is playing them); without it they are copied and left.")
  var includeUnfinished = false

  func run() throws {
    try Blocking.wait { [options, includeUnfinished] in
      try await options.transfer(removing: true, includeUnfinished: includeUnfinished)
    }
  }
}
