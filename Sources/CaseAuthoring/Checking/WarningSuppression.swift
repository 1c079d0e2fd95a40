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
      let comments = syntax[location.file]?.comments(above: location.line)
        ?? commentLines(above: location.line, of: location.file, sources: sources)
      let codes = Set(comments.flatMap(codes(in:)))
      return !codes.contains(diagnostic.code.rawValue) && !codes.contains("all")
    }
  }

  /// The diagnostics of a loaded scenario without the warnings its comments silence.
  public static func apply(_ diagnostics: [Diagnostic], to loaded: LoadedScenario) -> [Diagnostic] {
    apply(diagnostics, sources: loaded.sources, syntax: loaded.syntax)
  }

  /// The codes a comment names after the marker (`// casesim-ignore: a, b`); none for any other.
  static func codes(in comment: String) -> [String] {
    let body = comment.drop { $0 == " " || $0 == "\t" }.dropFirst(2).drop { $0 == " " }
    guard body.hasPrefix(marker) else { return [] }
    return body.dropFirst(marker.count).split(separator: ",").map { $0.filter { !$0.isWhitespace } }
  }

  /// The `//` lines directly above line `number` of a file that has no syntax tree.
  private static func commentLines(above number: Int, of file: String, sources: SourceStore) -> [String] {
    var found: [String] = []
    var number = number - 1
    while number >= 1, let line = sources.line(number, of: file) {
      guard line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("//") else { break }
      found.append(line)
      number -= 1
    }
    return found
  }
}
