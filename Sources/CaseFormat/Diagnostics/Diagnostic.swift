/// How serious a diagnostic is. Errors make `casesim check` fail (exit 65); warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
  case note, warning, error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable identifier for a kind of problem. Tests and `--format json` consumers match on it,
/// never on the English message, so messages can improve without breaking anyone.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable,
  CustomStringConvertible, ExpressibleByStringLiteral
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }

  public static let missingHeader: DiagnosticCode = "missing-header"
  public static let unknownHeader: DiagnosticCode = "unknown-header"
  public static let badHeader: DiagnosticCode = "bad-header"
  public static let badID: DiagnosticCode = "bad-id"
  public static let duplicatePassage: DiagnosticCode = "duplicate-passage"
  public static let unknownTarget: DiagnosticCode = "unknown-target"
  public static let unknownGuidance: DiagnosticCode = "unknown-guidance"
  public static let unknownCatalog: DiagnosticCode = "unknown-catalog"
  public static let undefinedName: DiagnosticCode = "undefined-name"
  public static let duplicateDeclaration: DiagnosticCode = "duplicate-declaration"
  public static let typeMismatch: DiagnosticCode = "type-mismatch"
  public static let unknownRole: DiagnosticCode = "unknown-role"
  public static let unknownFact: DiagnosticCode = "unknown-fact"
  public static let duplicateFact: DiagnosticCode = "duplicate-fact"
  public static let badWeight: DiagnosticCode = "bad-weight"
  public static let badCondition: DiagnosticCode = "bad-condition"
  public static let unknownDirective: DiagnosticCode = "unknown-directive"
  public static let misplacedLine: DiagnosticCode = "misplaced-line"
  public static let badChoice: DiagnosticCode = "bad-choice"
  public static let badOutcome: DiagnosticCode = "bad-outcome"
  public static let unreachablePassage: DiagnosticCode = "unreachable-passage"
  public static let deadEnd: DiagnosticCode = "dead-end"
  public static let endingWithChoices: DiagnosticCode = "ending-with-choices"
  public static let noEnding: DiagnosticCode = "no-ending"
  public static let includeCycle: DiagnosticCode = "include-cycle"
  public static let includeFailed: DiagnosticCode = "include-failed"
  public static let controlCharacter: DiagnosticCode = "control-character"
  public static let fileTooLarge: DiagnosticCode = "file-too-large"
  public static let lineTooLong: DiagnosticCode = "line-too-long"
  public static let notText: DiagnosticCode = "not-text"
  public static let unreadableFile: DiagnosticCode = "unreadable-file"
  public static let duplicateGuidance: DiagnosticCode = "duplicate-guidance"
  public static let unknownArea: DiagnosticCode = "unknown-area"
  public static let missingField: DiagnosticCode = "missing-field"
  public static let missingContentNote: DiagnosticCode = "missing-content-note"
  // Semantic checks over the state space (casesim check).
  public static let unreachableEnding: DiagnosticCode = "unreachable-ending"
  public static let stuckPassage: DiagnosticCode = "stuck-passage"
  public static let teamDeadlock: DiagnosticCode = "team-deadlock"
  public static let unlearnableFact: DiagnosticCode = "unlearnable-fact"
  public static let noWayOut: DiagnosticCode = "no-way-out"
  public static let conditionNeverTrue: DiagnosticCode = "condition-never-true"
  public static let conditionAlwaysTrue: DiagnosticCode = "condition-always-true"
  public static let unusedState: DiagnosticCode = "unused-state"
  public static let neverSet: DiagnosticCode = "never-set"
  public static let unusedCatalog: DiagnosticCode = "unused-catalog"
  public static let unscoredChoice: DiagnosticCode = "unscored-choice"
  public static let bestPathCritical: DiagnosticCode = "best-path-critical"
  public static let missingLesson: DiagnosticCode = "missing-lesson"
  public static let analysisTruncated: DiagnosticCode = "analysis-truncated"
  public static let scoredLoop: DiagnosticCode = "scored-loop"
  public static let duplicateScenario: DiagnosticCode = "duplicate-scenario"
  public static let badJSON: DiagnosticCode = "bad-json"
  public static let surfaceCue: DiagnosticCode = "surface-cue"
  public static let naiveStrategy: DiagnosticCode = "naive-strategy"
  public static let criticalReachesSafe: DiagnosticCode = "critical-reaches-safe"
  public static let criticalScoresHigh: DiagnosticCode = "critical-scores-high"
  public static let untitledEnding: DiagnosticCode = "untitled-ending"
  public static let bracesShown: DiagnosticCode = "braces-shown"
  public static let unorderedFact: DiagnosticCode = "unordered-fact"
  public static let unanchoredTime: DiagnosticCode = "unanchored-time"
  // Writing quality (casesim check and the language server).
  public static let hardToRead: DiagnosticCode = "hard-to-read"
  public static let minutesMismatch: DiagnosticCode = "minutes-mismatch"
  public static let misspelling: DiagnosticCode = "misspelling"
  public static let spellingSkipped: DiagnosticCode = "spelling-skipped"
}

/// A problem found in a scenario or guidance file, as a value.
///
/// Libraries never print: they return diagnostics, and the command-line edge renders them as
/// `file:line:column: severity: message [code]` with the source line and a caret.
public struct Diagnostic: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  public var code: DiagnosticCode
  public var severity: Severity
  public var message: String
  public var location: SourceLocation?
  /// How many characters the caret underline spans (at least 1).
  public var length: Int
  /// A replacement the author probably meant ("did you mean 'details'?").
  public var suggestion: String?
  /// Secondary locations, such as the first definition of a duplicate.
  public var notes: [DiagnosticNote]

  public init(
    _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
    length: Int = 1, suggestion: String? = nil, notes: [DiagnosticNote] = []
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.location = location
    self.length = max(1, length)
    self.suggestion = suggestion
    self.notes = notes
  }

  public static func error(
    _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, length: Int = 1,
    suggestion: String? = nil, notes: [DiagnosticNote] = []
  ) -> Diagnostic {
    Diagnostic(
      .error, code, message, at: location, length: length, suggestion: suggestion, notes: notes)
  }

  public static func warning(
    _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, length: Int = 1,
    suggestion: String? = nil, notes: [DiagnosticNote] = []
  ) -> Diagnostic {
    Diagnostic(
      .warning, code, message, at: location, length: length, suggestion: suggestion, notes: notes)
  }

  /// The one-line form: `file:line:column: severity: message [code]`.
  public var description: String {
    let place = location.map { "\($0): " } ?? ""
    return "\(place)\(severity.rawValue): \(message) [\(code)]"
  }
}

/// A secondary message attached to a diagnostic, optionally at its own location.
public struct DiagnosticNote: Sendable, Equatable, Codable {
  public var message: String
  public var location: SourceLocation?
  /// How many characters from `location` the note marks (at least 1): the whole name, id or
  /// condition it points at, underlined as its diagnostic underlines its own.
  public var length: Int

  public init(_ message: String, at location: SourceLocation? = nil, length: Int = 1) {
    self.message = message
    self.location = location
    self.length = max(1, length)
  }

  /// A note marking the whole of what `span` covers (a condition, say).
  public init(_ message: String, over span: SourceSpan) {
    self.init(message, at: span.start, length: span.length)
  }

  private enum CodingKeys: String, CodingKey { case message, location, length }

  /// Notes written before they had a length mark one column, as they did then.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    message = try container.decode(String.self, forKey: .message)
    location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    length = max(1, try container.decodeIfPresent(Int.self, forKey: .length) ?? 1)
  }
}

extension Array where Element == Diagnostic {
  /// True when any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file, line and column, errors before warnings at the same place.
  public var sortedForDisplay: [Diagnostic] {
    sorted { a, b in
      switch (a.location, b.location) {
      case let (la?, lb?) where la != lb: return la < lb
      case (nil, _?): return true
      case (_?, nil): return false
      default: return a.severity > b.severity
      }
    }
  }
}
