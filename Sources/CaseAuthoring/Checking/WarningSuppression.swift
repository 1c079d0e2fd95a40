public import CaseFormat

/// Lets a trainer silence a warning they have considered, on the line it points at:
///
/// ```
/// // casesim-ignore: unscored-choice
/// * Carry on -> next
/// ```
///
/// The comment applies to the next line that is not a comment. Errors cannot be silenced.
public enum WarningSuppression {
  public static let marker = "casesim-ignore:"

  /// The diagnostics without the warnings a `casesim-ignore` comment silences. A scenario file's
  /// comments are found in its syntax tree (`syntax`, by path), where the parser marked them;
  /// other files (guidance catalogs) by their `//` lines.
  public static func apply(
    _ diagnostics: [Diagnostic], sources: SourceStore, syntax: [String: ScenarioSyntax] = [:]
  ) -> [Diagnostic] {
    diagnostics.filter { diagnostic in
      guard diagnostic.severity == .warning, let location = diagnostic.location else { return true }
      let codes = syntax[location.file]?.ignoredCodes(above: location.line, marker: marker)
        ?? commentCodes(above: location.line, of: location.file, sources: sources)
      return !codes.contains(diagnostic.code.rawValue) && !codes.contains("all")
    }
  }

  /// The diagnostics of a loaded scenario without the warnings its comments silence.
  public static func apply(_ diagnostics: [Diagnostic], to loaded: LoadedScenario) -> [Diagnostic] {
    apply(diagnostics, sources: loaded.sources, syntax: loaded.syntax)
  }

  /// The codes named by the `//` comment lines directly above line `number` of a file that has
  /// no syntax tree.
  private static func commentCodes(above number: Int, of file: String, sources: SourceStore) -> Set<String> {
    var codes: Set<String> = []
    var number = number - 1
    while number >= 1, let line = sources.line(number, of: file) {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("//") else { break }
      let body = trimmed.dropFirst(2).drop { $0 == " " }
      if body.hasPrefix(marker) {
        for code in body.dropFirst(marker.count).split(separator: ",") { codes.insert(code.filter { !$0.isWhitespace }) }
      }
      number -= 1
    }
    return codes
  }
}
