import ArgumentParser

/// Options every command that touches the library or the records shares.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The record store: an SQLite file, or postgres://user@host:port/database for an agency's shared store (default: CASESIM_STORE, else your data folder).",
      valueName: "path|url"))
  var store: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The training group new sessions are recorded in, for cohort reports (default: CASESIM_GROUP).",
      valueName: "name"))
  var group: String?

  @Option(name: .long, help: ArgumentHelp("Who is training (default: your login name).", valueName: "name"))
  var trainee: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The folder holding Scenarios/ and Guides/ (default: found from here).", valueName: "dir"))
  var library: String?
}
