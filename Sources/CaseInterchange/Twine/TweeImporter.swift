import CaseAuthoring
public import CaseFormat

/// Imports a Twine story, written in Twee 3 notation, as a CaseSim scenario, so that educators
/// who built a scenario in Twine can bring it over instead of retyping it.
///
/// The result is a complete `.case` file that loads without errors for any well-formed Twee
/// input: passages become passages (names made kebab-case, the map kept in `//` lines), links
/// become choices, passages without links become endings, and what a `.case` file cannot hold is
/// reported rather than silently lost:
///
/// - story-format code (Harlowe, SugarCube, Chapbook, Snowman) is never executed; each macro is
///   dropped with a `twee-macro-dropped` warning at its line and column, and the text it
///   controlled is kept. Only a plain `(set: $flag to true/false)` (or `<<set>>`) becomes a
///   declared flag with `~ set` / `~ clear` effects, when that is exactly what Twine would do;
/// - a broken `[[link]]` is reported (`twee-unknown-link`) and leads to a generated ending
///   `missing-<id>` for the trainer to write;
/// - passages no link reaches are kept as comment lines, loops with no ending get a "Stop here"
///   choice, and every ending asks the trainer to set its outcome and add the review's lessons.
///
/// Choices are unscored: scoring against guidance is the trainer's job after the import.
/// Locations in the diagnostics are 1-based lines and columns in the `.twee` file at `path`.
/// Errors are reported only when the input is not Twee at all (then `caseText` is empty).
public enum TweeImporter {
  public static func convert(text: String, path: String) -> (caseText: String, diagnostics: [Diagnostic]) {
    TweeConversion.convert(text: text, path: path)
  }
}
