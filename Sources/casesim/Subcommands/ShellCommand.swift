import ArgumentParser
import CaseFormat
import CaseShell

/// `casesim` / `casesim shell`: the interactive shell on the library.
struct ShellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell", abstract: "Open the interactive shell on the scenario library (the default).")

  @OptionGroup var global: GlobalOptions

  @Option(help: "Play in this mode where a scenario allows it: practice or assessment.")
  var mode: PlayMode?

  func run() throws {
    let environment = Environment(options: global)
    let library = try environment.loadLibrary()
    let store = try environment.openStore()
    let shell = Shell(
      library: library, store: store, console: environment.makeConsole(),
      trainee: environment.trainee, debriefDirectory: environment.debriefDirectory,
      defaultMode: mode)
    shell.run()
  }
}

extension PlayMode: ExpressibleByArgument {}
