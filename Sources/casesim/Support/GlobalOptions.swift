import ArgumentParser

/// Options every command that touches the library or the records shares.
struct GlobalOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The SQLite record store to use.", valueName: "path"))
  var store: String?

  @Option(name: .long, help: ArgumentHelp("Who is training (default: your login name).", valueName: "name"))
  var trainee: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The folder holding Scenarios/ and Guides/ (default: found from here).", valueName: "dir"))
  var library: String?
}
