import ArgumentParser

/// `casesim`: practise child-safeguarding decisions on branching case scenarios.
@main
struct CaseSim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "casesim",
    abstract: "Practise child-safeguarding decisions on case scenarios informed by real reviews.",
    discussion: """
      With no subcommand, opens the interactive shell on the scenario library. Records are kept in SQLite under $XDG_DATA_HOME/casesim (or ~/.local/share/casesim); --store or CASESIM_STORE chooses another file.

      Exit codes: 0 success; 64 usage error; 65 a scenario or guidance file has errors (or a learning record store refused statements); 66 a scenario, session or file was not found; 69 a needed program (Graphviz) is missing, or a learning record store cannot be reached; 70 a recorded session cannot be replayed; 73 an output file cannot be created; 74 the record store or an output file could not be written; 77 a learning record store refused the credentials.
      """,
    version: "0.1.0",
    subcommands: [
      ShellCommand.self, PlayCommand.self, ResumeCommand.self, ListCommand.self,
      HistoryCommand.self, DebriefCommand.self, ReportCommand.self, GuidesCommand.self, GuidanceCommand.self,
    ],
    groupedSubcommands: [
      CommandGroup(
        name: "Trainer's tools",
        subcommands: [
          CheckCommand.self, ExplainCommand.self, AnalyzeCommand.self, UsesCommand.self, TestCommand.self, GraphCommand.self,
          NewCommand.self, FmtCommand.self, ExportCommand.self, ImportCommand.self,
          GenerateCommand.self, IndexCommand.self, LSPCommand.self,
        ]),
      CommandGroup(
        name: "Agency records",
        subcommands: [SyncCommand.self, StoreCommand.self, PurgeCommand.self]),
    ],
    defaultSubcommand: ShellCommand.self)

  /// ArgumentParser's `main`, but for a `ValidationError` thrown while a command runs (a value only
  /// its work can judge: a date, an address, a setting, a session of the wrong kind): that is one
  /// line and exit 64 (``Exit/usage(_:)``), where ArgumentParser would follow it with the usage of
  /// `casesim <subcommand>`, which says nothing about the mistake. A mistake in the options
  /// themselves, found while parsing or in `validate()`, keeps the command's usage screen.
  static func main() {
    var command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(withError: error)
    }
    do {
      try command.run()
    } catch let mistake as ValidationError {
      exit(withError: Exit.usage(mistake.message))
    } catch {
      exit(withError: error)
    }
  }
}
