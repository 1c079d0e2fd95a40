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
    // The scaffold scores against the library's catalogs: without them it could not pass
    // 'check' where it is written, so say how to name the library instead of writing it.
    guard let root = environment.libraryRoot(near: output.map { ($0 as NSString).appendingPathComponent("x.case") }) else {
      Output.error(
        "cannot find the scenario library (a folder holding Scenarios/ and Guides/), whose guidance catalogs a new scenario is scored against; pass --library DIR or set CASESIM_LIBRARY")
      throw Exit.noInput
    }
    let directory = output ?? (root as NSString).appendingPathComponent("Scenarios")
    do {
      let written = try ScaffoldWriter.write(try ScenarioScaffold(id: id, role: role), into: directory)
      // Written where the library would not be found from (a folder of the trainer's own, with
      // an installed casesim): the commands name it.
      let found = environment.libraryRootWithoutOption(near: written.casePath)
      let library = found.map(SourceFile.canonicalPath) == SourceFile.canonicalPath(root) ? "" : " --library \(root)"
      Output.print(
        """
        created \(written.casePath)
        created \(written.testsPath)

        Replace the placeholder sentences with your scenario, then check and play-test it:
          casesim check\(library) \(written.casePath)
          casesim test\(library) \(written.casePath)

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
