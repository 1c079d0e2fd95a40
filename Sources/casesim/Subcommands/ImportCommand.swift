import ArgumentParser
import CaseAuthoring
import CaseFormat
import CaseInterchange
import Foundation

/// `casesim import FILE [--output FILE.case]`: brings a scenario written elsewhere into the
/// library as a `.case` file. The kind of file is decided by its extension: `.json` (written by
/// `casesim export`) or `.twee`/`.tw` (Twine).
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn a scenario exported as JSON (or a Twine .twee file) into a .case file.",
    discussion: """
      The .case file is written in the canonical layout beside the input (FILE.case) unless --output says where. An existing file is only replaced with --force. Malformed or unsupported input is refused with the reason and exit 65, and nothing is written. If the imported scenario itself has errors (a principle the local Guides/ lacks, say), the file is written, the errors are listed and the exit status is 65, so you can fix them in the .case file.
      """)

  /// Imported files are read whole; this keeps a hostile file from exhausting memory.
  static let maximumInputBytes = 16 * 1024 * 1024

  @Argument(help: ArgumentHelp("The file to import: .json, .twee or .tw.", valueName: "file"))
  var file: String

  @Option(help: ArgumentHelp("The .case file to write (default: FILE with the extension .case).", valueName: "file"))
  var output: String?

  @Flag(help: "Replace the output file if it exists.")
  var force = false

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    guard ScenarioImports.importer(for: file) != nil else {
      throw ValidationError("casesim imports .json files (from casesim export) and Twine .twee/.tw files, not \(file)")
    }
    if let output, !output.hasSuffix(".case") {
      throw ValidationError("--output names the .case file to write, not \(output)")
    }
  }

  func run() throws {
    let environment = Environment(options: global)
    let outputPath = output ?? ((file as NSString).deletingPathExtension + ".case")
    let text = try readInput()
    if FileManager.default.fileExists(atPath: outputPath) && !force {
      Output.error("\(UntrustedText.escaped(outputPath)) already exists; pass --force to replace it, or --output FILE")
      throw Exit.cannotCreate
    }
    let guidance = environment.libraryRoot(near: outputPath).map {
      ScenarioLoader.loadGuidance(directory: ($0 as NSString).appendingPathComponent("Guides")).library
    }
    guard let importer = ScenarioImports.importer(for: file) else { throw ExitCode.validationFailure }
    var sources = SourceStore()
    sources.add(path: file, text: text)
    let renderer = DiagnosticRenderer(sources: sources, colour: environment.colourAllowed)
    switch importer.convert(text, path: file, casePath: outputPath, guidance: guidance) {
    case .refused(let diagnostics, let reason):
      // Why nothing was written, positioned in the input where it has a place.
      FileHandle.standardError.write(Data(renderer.render(diagnostics.sortedForDisplay).utf8))
      if let reason {
        Output.error("\(UntrustedText.escaped(file)): \(UntrustedText.escaped(reason)); nothing was written")
      }
      throw Exit.dataError
    case .converted(let caseText, let diagnostics):
      Output.print(renderer.render(diagnostics.sortedForDisplay))
      let loaded = ScenarioLoader.load(text: caseText, path: outputPath, guidance: guidance)
      try finish(caseText: caseText, loaded: loaded, to: outputPath, environment: environment)
    }
  }

  /// Writes the `.case` text and reports what checking it found.
  private func finish(caseText: String, loaded: LoadedScenario, to outputPath: String, environment: Environment) throws {
    // Never write what check would refuse to read.
    guard caseText.utf8.count <= SourceLimits.maximumFileBytes else {
      Output.error(
        "\(UntrustedText.escaped(file)) would become a \(caseText.utf8.count)-byte .case file, over the \(SourceLimits.maximumFileSize) a scenario file may have; nothing was written (split the story, or move passages into included .passages files)")
      throw Exit.dataError
    }
    do {
      try Data(caseText.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
    } catch {
      Output.error("cannot write \(UntrustedText.escaped(outputPath)): \(error.localizedDescription)")
      throw Exit.cannotCreate
    }
    let shown = UntrustedText.escaped(outputPath)
    Output.print(DiagnosticRenderer(sources: loaded.sources, colour: environment.colourAllowed).render(loaded.diagnostics.sortedForDisplay))
    if loaded.diagnostics.hasErrors {
      Output.print("wrote \(shown), but it has errors (above); fix them and run 'casesim check \(shown)'\n")
      throw Exit.dataError
    }
    Output.print("imported \(UntrustedText.escaped(file)) as \(shown)\n")
  }

  private func readInput() throws -> String {
    switch SourceFile.read(file, limit: Self.maximumInputBytes) {
    case .failure(let failure):
      switch failure.kind {
      case .missing:
        Output.error("no such file: \(UntrustedText.escaped(file))")
        throw Exit.noInput
      case .regular(let size):
        Output.error("\(UntrustedText.escaped(file)) is \(size) bytes; the limit for an import is 16 MiB")
        throw Exit.dataError
      default:
        Output.error("\(UntrustedText.escaped(file)) \(SourceFile.describe(failure.kind))")
        throw Exit.noInput
      }
    case .success(let data):
      guard data.count <= Self.maximumInputBytes else {
        Output.error("\(UntrustedText.escaped(file)) is larger than 16 MiB")
        throw Exit.dataError
      }
      switch ScenarioLoader.decode(data, path: file) {
      case .success(let text): return text
      case .failure(let problem):
        // Positioned like every other diagnostic: file:line:column: error: ...
        FileHandle.standardError.write(Data(DiagnosticRenderer(sources: SourceStore()).render([problem]).utf8))
        throw Exit.dataError
      }
    }
  }
}
