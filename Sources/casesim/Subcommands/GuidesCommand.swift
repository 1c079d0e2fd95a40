import ArgumentParser
import CaseAuthoring
import CaseFormat
import CaseShell
import Foundation
import LineEditing

/// `casesim guides [--json]`: the guidance catalog.
struct GuidesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "guides", abstract: "List the good-practice guidance catalog.")

  @Flag(help: "Print JSON: id, title, source, catalog and competency areas of each principle.")
  var json = false

  @OptionGroup var global: GlobalOptions

  struct Entry: Encodable {
    var id: String
    var title: String
    var source: String
    var catalog: String
    var areas: [String]
  }

  func run() throws {
    let library = try Environment(options: global).loadLibrary()
    let guidance = library.guidance.library
    if json {
      let entries = guidance.principles.map {
        Entry(id: $0.id, title: $0.title, source: $0.citation, catalog: $0.catalogID, areas: $0.areas)
      }
      try Output.printJSON(entries)
      return
    }
    Output.print(LibraryViews.guideList(guidance, width: LineEditor.terminalColumns(), colour: false))
  }
}

/// `casesim guidance ID`: one principle, as a trainee reads it.
struct GuidanceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "guidance",
    abstract: "Show a good-practice principle: what it says, its source and competency areas.")

  @Argument(help: ArgumentHelp("A principle id (see 'casesim guides').", valueName: "id"))
  var id: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let guidance = try Environment(options: global).loadLibrary().guidance.library
    try PrincipleLookup.require(id, in: guidance)
    Output.print(LibraryViews.principle(id, guidance: guidance, width: 80, colour: false))
  }
}

/// `casesim uses ID`: every decision in the library scored against a principle, with its points.
/// That is an answer key, so it is a trainer's tool and no part of a trainee's help.
struct UsesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uses",
    abstract: "List every scenario decision scored against a principle, with its points (an answer key, for trainers).")

  @Argument(help: ArgumentHelp("A principle id (see 'casesim guides').", valueName: "id"))
  var id: String

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let library = try Environment(options: global).loadLibrary()
    try PrincipleLookup.require(id, in: library.guidance.library)
    let uses = GuidanceUse.uses(of: id, in: library.playable)
    Output.print("\(id) is scored by \(uses.count) decision\(uses.count == 1 ? "" : "s"):\n")
    for use in uses {
      let points = use.points > 0 ? "+\(use.points)" : "\(use.points)"
      let explanation = use.explanation.map { ": \($0)" } ?? ""
      Output.print(
        TextWrapper.wrap(
          UntrustedText.escaped("\(points) \(use.scenarioID) / \(use.passageID) #\(use.choiceIndex) \"\(use.choiceText)\"\(explanation)"),
          width: 80, indent: "  ", hangingIndent: "      ") + "\n")
    }
  }
}

/// Looks a principle id up, or fails with a suggestion (exit 66).
enum PrincipleLookup {
  static func require(_ id: String, in guidance: GuidanceLibrary) throws {
    guard guidance.entry(id) == nil else { return }
    let suggestion = Suggestions.closest(to: id, among: guidance.allEntries.map(\.id))
    Output.error("no principle '\(id)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")")
    throw Exit.noInput
  }
}

/// `casesim index`: regenerate the library's Markdown catalog.
struct IndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Write the library index (Documentation/library-index.md) from the scenarios.",
    discussion: "--check exits 1 if the file in the repository is out of date, writing nothing.")

  @Option(help: "Where to write it (default: Documentation/library-index.md in the library).")
  var output: String?

  @Flag(help: "Only report whether the index is up to date.")
  var check = false

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let library = try Environment(options: global).loadLibrary()
    let path = output ?? (library.root as NSString).appendingPathComponent("Documentation/library-index.md")
    let text = LibraryIndex.markdown(scenarios: library.playable, guidance: library.guidance.library)
    if check {
      let current = try? String(contentsOfFile: path, encoding: .utf8)
      if current == text {
        Output.print("\(path) is up to date\n")
        return
      }
      Output.print("\(path) is out of date; run 'casesim index'\n")
      throw ExitCode.failure
    }
    // A library kept anywhere may have no Documentation/ folder yet: it is made, as the index's
    // home; anything else that stops the write is named, with exit 73.
    let folder = (path as NSString).deletingLastPathComponent
    do {
      if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      Output.error("cannot write the library index to \(UntrustedText.escaped(path)): \(Output.describe(error))")
      throw Exit.cannotCreate
    }
    Output.print("wrote \(UntrustedText.escaped(path)) (\(library.playable.count) scenario\(library.playable.count == 1 ? "" : "s"))\n")
  }
}
