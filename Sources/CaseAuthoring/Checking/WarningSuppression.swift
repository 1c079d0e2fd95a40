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

  public static func apply(_ diagnostics: [Diagnostic], sources: SourceStore) -> [Diagnostic] {
    diagnostics.filter { diagnostic in
      guard diagnostic.severity == .warning, let location = diagnostic.location else { return true }
      return !silenced(diagnostic.code, at: location, sources: sources)
    }
  }

  static func silenced(_ code: DiagnosticCode, at location: SourceLocation, sources: SourceStore) -> Bool {
    var number = location.line - 1
    while number >= 1, let line = sources.line(number, of: location.file) {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("//") else { return false }
      let body = trimmed.dropFirst(2).drop { $0 == " " }
      if body.hasPrefix(marker) {
        let codes = body.dropFirst(marker.count).split(separator: ",").map { $0.filter { !$0.isWhitespace } }
        if codes.contains(code.rawValue) || codes.contains("all") { return true }
      }
      number -= 1
    }
    return false
  }
}
