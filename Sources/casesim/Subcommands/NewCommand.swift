import CaseFormat
import ArgumentParser
import CaseAuthoring
import Foundation

/// `casesim new ID [--role ROLE] [--output DIR]`: starts a scenario from a working example.
struct NewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Start a new scenario: ID.case with an example of every construct, and ID.tests.",
    discussion: """
      The new scenario checks cleanly and its three expected paths (best, worst, typical) pass as created; each construct has a comment saying what it does, and each placeholder says what to write there. Existing files are never overwritten (exit 73).
      """)

  @Argument(help: ArgumentHelp("The new scenario's id, in kebab-case (e.g. missed-appointments).", valueName: "id"))
  var id: String

  @Option(help: ArgumentHelp("The role the scenario is written for.", valueName: "role"))
  var role = "social-worker"

  @Option(help: ArgumentHelp("The folder to write to (default: the library's Scenarios/).", valueName: "dir"))
  var output: String?

  @OptionGroup var global: GlobalOptions


  func validate() throws {
    guard Identifier.isValid(id) else { throw ValidationError(ScaffoldError.invalidID(id).description) }
    guard Identifier.isValid(role) else { throw ValidationError(ScaffoldError.invalidRole(role).description) }
  }

  func run() throws {
    let environment = Environment(options: global)
    let directory =
      output ?? environment.libraryRoot().map { ($0 as NSString).appendingPathComponent("Scenarios") } ?? "Scenarios"
    do {
      let written = try ScaffoldWriter.write(try ScenarioScaffold(id: id, role: role), into: directory)
      Output.print(
        """
        created \(written.casePath)
        created \(written.testsPath)

        Replace the placeholder sentences with your scenario, then check and play-test it:
          casesim check \(written.casePath)
          casesim test \(written.casePath)

        """)
    } catch {
      Output.error(error.description)
      switch error {
      case .invalidID, .invalidRole: throw ExitCode.validationFailure
      case .alreadyExists, .cannotWrite: throw Exit.cannotCreate
      }
    }
  }
}
