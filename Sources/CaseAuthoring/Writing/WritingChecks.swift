public import CaseFormat

/// Which writing-quality checks `casesim check` makes, and with what settings: reading ease per
/// passage, reading time against `minutes:`, and spelling. They report warnings, which a
/// trainer silences like any other (`// casesim-ignore: CODE`).
public struct WritingChecks: Sendable {
  /// The lowest Flesch reading ease a passage may have without a warning.
  ///
  /// 40 lies in the lower half of Flesch's "difficult" band (30 to 50), the register of
  /// professional writing for graduates, which is whom the scenarios are for. The shipped
  /// library's 238 measured passages score 49 to 89 (half of them 65 to 75), so the default
  /// leaves it clean with a margin, and warns where a passage has drifted into the writing of a
  /// report: long sentences of long words, where a trainee deciding under time pressure would
  /// lose the thread.
  public static let defaultReadingEase = 40.0

  /// Passages with fewer words are not measured: a formula built on averages says little about a
  /// handful of sentences (Flesch tested it on samples of 100 words).
  public static let minimumWordsForReadingEase = 100

  /// How far `minutes:` may fall outside the estimated range before a warning: below two thirds
  /// of the quickest playthrough or above one and a half times the slowest, and in either case
  /// by more than ``minutesSlack`` minutes. An estimate from words and fixed allowances is rough;
  /// the warning is for a header that is clearly wrong (5 for a 40-minute scenario).
  public static let minutesRatio = 1.5
  public static let minutesSlack = 5.0

  /// The reading-ease target; nil makes no reading-ease check.
  public var readingEaseTarget: Double?
  /// Whether `minutes:` is compared with the estimated reading time.
  public var checksMinutes: Bool
  /// The spell checker, shared by every scenario checked (nil: no spelling check).
  public var speller: Speller?
  /// The library whose word list (`words.txt` at its root) spelling accepts, besides the one
  /// beside each scenario.
  public var libraryRoot: String?

  public init(
    readingEaseTarget: Double? = WritingChecks.defaultReadingEase, checksMinutes: Bool = true, speller: Speller? = nil,
    libraryRoot: String? = nil
  ) {
    self.readingEaseTarget = readingEaseTarget
    self.checksMinutes = checksMinutes
    self.speller = speller
    self.libraryRoot = libraryRoot
  }

  /// No writing checks at all.
  public static let none = WritingChecks(readingEaseTarget: nil, checksMinutes: false)

  /// The reading-ease and reading-time warnings for a compiled scenario.
  public func readingDiagnostics(_ scenario: Scenario) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if let target = readingEaseTarget {
      diagnostics += ReadabilityCheck.hardPassages(scenario, target: target)
    }
    if checksMinutes, let warning = ReadabilityCheck.minutesMismatch(scenario) {
      diagnostics.append(warning)
    }
    return diagnostics
  }
}
