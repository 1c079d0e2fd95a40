import ArgumentParser
import CaseAuthoring
import CaseFormat
import Foundation

/// `casesim fmt [PATH...] [--check]`: rewrites scenario files in the canonical layout, without
/// changing what they mean.
struct FmtCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fmt",
    abstract: "Rewrite .case files in the canonical layout, without changing what they mean.",
    discussion: """
      Header fields go in the reference order, long values wrapped at 100 columns; declarations follow the header; passages are separated by one blank line; a choice's own lines are indented two spaces; '->' and scores are spaced the same way everywhere; trailing spaces go. Comments stay where they are. Folders are searched for .case and .passages files; with no paths, formats the library's Scenarios/ folder.

      A file with errors is left alone: its diagnostics are printed and the exit status is 65. With --check nothing is written: the files that are not formatted are listed and the exit status is 1 if there are any.
      """)

  @Argument(help: ArgumentHelp("Files or folders to format.", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Write nothing; list the files that are not formatted and exit 1 if there are any.")
  var check = false

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        !Self.isScenarioFile(path)
      {
        throw ValidationError("fmt formats scenario files (.case and .passages), not \(path)")
      }
    }
  }

  func run() throws {
    let environment = Environment(options: global)
    let files = try collectFiles(environment)
    let guidance = environment.libraryRoot(near: files.first).map {
      ScenarioLoader.loadGuidance(directory: ($0 as NSString).appendingPathComponent("Guides")).library
    }
    var refused = 0
    var needFormatting = 0
    var formatted = 0
    var unchanged = 0
    for file in files {
      let shown = UntrustedText.escaped(file)
      let text: String
      switch ScenarioLoader.readText(file) {
      case .success(let read): text = read
      case .failure(let problem):
        Output.print(DiagnosticRenderer(sources: SourceStore()).render(problem))
        refused += 1
        continue
      }
      // Refuse whatever `casesim check` would call an error; included files are checked through
      // the scenarios that include them, so on their own only their syntax is checked.
      var diagnostics: [Diagnostic]
      var sources = SourceStore()
      if file.hasSuffix(".passages") {
        diagnostics = ScenarioParser.parse(text, path: file).diagnostics
        sources.add(path: file, text: text)
      } else {
        let loaded = ScenarioLoader.load(text: text, path: file, guidance: guidance)
        diagnostics = loaded.diagnostics
        sources = loaded.sources
      }
      if diagnostics.hasErrors {
        Output.print(DiagnosticRenderer(sources: sources, colour: environment.colourAllowed).render(diagnostics.sortedForDisplay))
        Output.print("\(shown): not formatted: fix the errors above first\n")
        refused += 1
        continue
      }
      switch ScenarioFormatter.format(text, path: file) {
      case .failure(.hasErrors(let errors)):
        Output.print(DiagnosticRenderer(sources: sources, colour: environment.colourAllowed).render(errors.sortedForDisplay))
        Output.print("\(shown): not formatted: fix the errors above first\n")
        refused += 1
      case .failure(.wouldChangeMeaning(let reason)):
        Output.error(
          "\(shown): left unchanged, because formatting it would change its meaning (\(UntrustedText.escaped(reason))); please report this")
        refused += 1
      case .success(let canonical) where canonical == text:
        unchanged += 1
      case .success(let canonical):
        if check {
          Output.print("\(shown)\n")
          needFormatting += 1
        } else {
          try write(canonical, to: file)
          Output.print("formatted \(shown)\n")
          formatted += 1
        }
      }
    }
    if check {
      Output.print(
        needFormatting == 0
          ? "\(Self.files(unchanged)) already formatted\n"
          : "\(Self.files(needFormatting)) not formatted; run 'casesim fmt' on \(needFormatting == 1 ? "it" : "them")\n")
    } else {
      Output.print("formatted \(Self.files(formatted)), \(unchanged) already formatted\n")
    }
    if refused > 0 {
      Output.error("\(Self.files(refused)) with errors \(refused == 1 ? "was" : "were") not formatted")
      throw Exit.dataError
    }
    if needFormatting > 0 { throw ExitCode.failure }
  }

  private static func files(_ count: Int) -> String { "\(count) file\(count == 1 ? "" : "s")" }

  private static func isScenarioFile(_ path: String) -> Bool {
    path.hasSuffix(".case") || path.hasSuffix(".passages")
  }

  /// The files named, and the scenario files under the folders named (the library's Scenarios/
  /// folder if none), in path order.
  private func collectFiles(_ environment: Environment) throws -> [String] {
    var targets = paths
    if targets.isEmpty {
      guard let root = environment.libraryRoot() else {
        Output.error("no paths given and no library found; pass files or folders to format")
        throw Exit.noInput
      }
      targets = [(root as NSString).appendingPathComponent("Scenarios")]
    }
    var files: [String] = []
    for path in targets {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        Output.error("no such file or folder: \(UntrustedText.escaped(path))")
        throw Exit.noInput
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      var found: [String] = []
      let enumerator = FileManager.default.enumerator(atPath: path)
      while let relative = enumerator?.nextObject() as? String {
        if Self.isScenarioFile(relative) { found.append((path as NSString).appendingPathComponent(relative)) }
      }
      files += found.sorted()
    }
    return files
  }

  /// Replaces the file's contents in one step (a reader never sees half a file), through any
  /// symbolic link and keeping its permissions.
  private func write(_ text: String, to file: String) throws {
    let target = URL(fileURLWithPath: file).resolvingSymlinksInPath()
    let permissions = (try? FileManager.default.attributesOfItem(atPath: target.path))?[.posixPermissions]
    do {
      try Data(text.utf8).write(to: target, options: .atomic)
      if let permissions {
        try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: target.path)
      }
    } catch {
      Output.error("cannot write \(UntrustedText.escaped(file)): \(error.localizedDescription)")
      throw Exit.ioError
    }
  }
}
