import ArgumentParser
import CaseFormat
import CaseRecords
import CaseShell
import Foundation
import Synchronization

/// `casesim` / `casesim shell`: the interactive shell on the library.
struct ShellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell", abstract: "Open the interactive shell on the scenario library (the default).")

  @OptionGroup var global: GlobalOptions

  @Option(help: "Play in this mode where a scenario allows it: practice or assessment.")
  var mode: PlayMode?

  func run() throws {
    let environment = Environment(options: global)
    let (library, store) = try Self.loadLibraryAndOpenStore(environment)
    let console = environment.makeConsole()
    let shell = Shell(
      load: library, store: store, console: console,
      trainee: environment.trainee(askingOn: console), debriefDirectory: environment.debriefDirectory,
      defaultMode: mode, support: environment.support, group: environment.group)
    shell.run()
    environment.finishForwarding(store)
  }

  /// Opens the library (from the library cache when nothing changed, see `LibraryLoad`) and the
  /// record store at the same time: they are independent, and together they are nearly all the
  /// work before the first prompt. What the trainee sees is as
  /// before: a missing library is reported (exit 66) before the store is touched, and a store
  /// that cannot be opened is reported (exit 74) once the library has loaded.
  private static func loadLibraryAndOpenStore(_ environment: Environment) throws -> (LibraryLoad, any LocalRecordStore) {
    let root = try environment.requireLibraryRoot()
    let library = Mutex<LibraryLoad?>(nil)
    let store = Mutex<Result<any LocalRecordStore, any Error>?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { task in
      if task == 0 {
        let opened = Result { try environment.openStore() }
        store.withLock { $0 = opened }
      } else {
        let loaded = LibraryLoad.open(root: root, cache: environment.libraryCache)
        library.withLock { $0 = loaded }
      }
    }
    guard let loaded = library.withLock({ $0 }), let opened = store.withLock({ $0 }) else {
      preconditionFailure("both tasks of concurrentPerform have run")
    }
    return (loaded, try opened.get())
  }
}

extension PlayMode: ExpressibleByArgument {}
