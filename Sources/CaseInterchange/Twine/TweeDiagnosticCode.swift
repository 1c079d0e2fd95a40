import CaseAuthoring
public import CaseFormat

/// The stable codes of what `TweeImporter` reports. Import commands, tests and `--format json`
/// consumers match on these, never on the English message.
///
/// Only `tweeNotTwee` and `tweeTooLarge` are errors (the input cannot be imported at all);
/// everything else is a warning about something that could not be carried across, or a note
/// about a faithful change (a rename, a converted `(set:)`).
extension DiagnosticCode {
  /// The input has no `::` passage header: it is not Twee (perhaps Twine HTML or binary data).
  public static let tweeNotTwee: DiagnosticCode = "twee-not-twee"
  /// The input is larger than the importer accepts.
  public static let tweeTooLarge: DiagnosticCode = "twee-too-large"
  /// A passage header, `StoryTitle` or `StoryData` that could not be read as written.
  public static let tweeBadHeader: DiagnosticCode = "twee-bad-header"
  /// Story-format code (a Harlowe, SugarCube, Chapbook or Snowman macro) that was not carried.
  public static let tweeMacroDropped: DiagnosticCode = "twee-macro-dropped"
  /// A `(set:)`-style change of a true/false variable that became a flag effect (a note).
  public static let tweeSetConverted: DiagnosticCode = "twee-set-converted"
  /// A `[[link]]` to a passage that does not exist; it now leads to a generated ending.
  public static let tweeUnknownLink: DiagnosticCode = "twee-unknown-link"
  /// A `[[link]]` that cannot be read (not closed on its line, no target).
  public static let tweeBadLink: DiagnosticCode = "twee-bad-link"
  /// A `[[link]]` to a web address; its text stays in the prose but it is no choice.
  public static let tweeExternalLink: DiagnosticCode = "twee-external-link"
  /// HTML tags or image markup removed from the prose.
  public static let tweeHTMLStripped: DiagnosticCode = "twee-html-stripped"
  /// `$variable` printed in the prose; CaseSim shows it as written.
  public static let tweeVariableShown: DiagnosticCode = "twee-variable-shown"
  /// A passage name that became a different id (a note), or two names that became one id.
  public static let tweePassageRenamed: DiagnosticCode = "twee-passage-renamed"
  public static let tweeNameCollision: DiagnosticCode = "twee-name-collision"
  /// The same passage name twice; links go to the first.
  public static let tweeDuplicatePassage: DiagnosticCode = "twee-duplicate-passage"
  /// A script, stylesheet or story-format special passage that is not imported.
  public static let tweePassageSkipped: DiagnosticCode = "twee-passage-skipped"
  /// A passage no `[[link]]` reaches from the start; it is kept as comment lines.
  public static let tweeUnreachablePassage: DiagnosticCode = "twee-unreachable-passage"
  /// A passage with no links that became an ending: the trainer must set its outcome and lessons.
  public static let tweeEndingNeedsReview: DiagnosticCode = "twee-ending-needs-review"
  /// An outcome tag on a passage that has links (it cannot be an ending).
  public static let tweeEndingTagIgnored: DiagnosticCode = "twee-ending-tag-ignored"
  /// An ending with no text left after conversion.
  public static let tweeEmptyPassage: DiagnosticCode = "twee-empty-passage"
  /// The start passage named by `StoryData` (or `Start`) is missing.
  public static let tweeNoStart: DiagnosticCode = "twee-no-start"
  /// No `StoryTitle` passage.
  public static let tweeNoTitle: DiagnosticCode = "twee-no-title"
  /// No story passages at all.
  public static let tweeNoPassages: DiagnosticCode = "twee-no-passages"
  /// Passages that loop with no way to an ending; a "stop here" choice was added.
  public static let tweeLoopWithoutEnding: DiagnosticCode = "twee-loop-without-ending"
  /// A prose line whose first characters would have been read as a `.case` mark.
  public static let tweeProseAdjusted: DiagnosticCode = "twee-prose-adjusted"
  /// Terminal control characters removed from the text.
  public static let tweeControlCharacter: DiagnosticCode = "twee-control-character"
  /// Text before the first passage header, which Twee ignores.
  public static let tweeTextBeforePassage: DiagnosticCode = "twee-text-before-passage"
}
