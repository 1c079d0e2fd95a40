public import CaseFormat

/// `casesim fmt`: rewrites a `.case` (or `.passages`) file in the canonical layout without changing
/// what it means.
///
/// The formatter works from the file's syntax tree, where the parser kept every line (comments and
/// blank lines too) with what it is and where its parts are: it writes each line canonically
/// (`CanonicalLine`) and lays the file out (`CanonicalLayout`). It then proves its work: the result must parse without errors, compile to
/// the same scenario as the original (ignoring locations) and keep every comment. If it does not,
/// the file is refused rather than changed.
public enum ScenarioFormatter {
  /// Why a file was not formatted.
  public enum Failure: Error, Sendable, Equatable {
    /// The file has errors; it is formatted only once they are fixed.
    case hasErrors([Diagnostic])
    /// The formatter could not reproduce the file's meaning exactly (a formatter bug: the file is
    /// left alone). The text says what differed.
    case wouldChangeMeaning(String)
  }

  /// The canonical text of a scenario file, or why it cannot be formatted. Only parse-level errors
  /// are checked here; `casesim fmt` also refuses files `casesim check` finds errors in.
  public static func format(_ text: String, path: String) -> Result<String, Failure> {
    let parsed = ScenarioParser.parse(text, path: path)
    let errors = parsed.diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else { return .failure(.hasErrors(errors)) }
    let lines: [CanonicalLine]
    do {
      lines = try CanonicalLine.lines(of: parsed)
    } catch {
      return .failure(.wouldChangeMeaning("line \(error.line) was not read as part of the scenario"))
    }
    let formatted = CanonicalLayout.render(lines)
    if let problem = difference(between: parsed, and: formatted, path: path, originalText: text) {
      return .failure(.wouldChangeMeaning(problem))
    }
    return .success(formatted)
  }

  /// True when the file is already in the canonical layout (false if it cannot be formatted).
  public static func isCanonical(_ text: String, path: String) -> Bool {
    if case .success(let formatted) = format(text, path: path) { return formatted == text }
    return false
  }

  private static func difference(
    between original: ParsedScenarioFile, and formatted: String, path: String, originalText: String
  ) -> String? {
    let reparsed = ScenarioParser.parse(formatted, path: path)
    if let error = reparsed.diagnostics.first(where: { $0.severity == .error }) {
      return "the rewritten file would not parse: \(error)"
    }
    if reparsed.includes.map(\.path) != original.includes.map(\.path) {
      return "the includes would change"
    }
    if comments(in: formatted) != comments(in: originalText) {
      return "a comment would be lost or changed"
    }
    let before = compile(original)
    let after = compile(reparsed)
    if let difference = ScenarioEquivalence.firstDifference(before, after) {
      return difference
    }
    // Header fields are compared as compiled; compare the raw entries too, so a repeated field
    // that compiling would ignore still has to survive.
    let raw = { (file: ParsedScenarioFile) in
      file.headerEntries.map { "\($0.key): \($0.value)" }.sorted()
    }
    if raw(original) != raw(reparsed) { return "the header fields would change" }
    return nil
  }

  private static func compile(_ file: ParsedScenarioFile) -> Scenario {
    ScenarioCompiler.compile(main: file, includes: [], contentHash: "", guidance: nil).0
  }

  /// Every comment's text, sorted: formatting may move a comment but never drop or alter one.
  private static func comments(in text: String) -> [String] {
    SourceLine.lines(of: text).filter(\.isComment).map(\.content).sorted()
  }
}
