/// A position in a source file, as editors and CI logs expect it.
///
/// Lines and columns are 1-based. Columns count Swift `Character`s from the start of the line, so
/// a caret printed under the source line lines up with what a trainer sees in their editor.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }

  /// True while two models are compared by meaning: every location then equals every other, so
  /// the models' own (synthesised) equality ignores where things were written, whatever fields
  /// they gain (see `ScenarioEquivalence`). Locations in hashed collections must not be compared
  /// this way: their hashes still differ.
  @TaskLocal package static var comparingMeaningOnly = false

  public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    if comparingMeaningOnly { return true }
    return lhs.file == rhs.file && lhs.line == rhs.line && lhs.column == rhs.column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

/// Where something is written on one line, from its first character for `length` characters:
/// what a diagnostic about the whole of it (a condition, say) underlines, not just its first
/// column.
public struct SourceSpan: Sendable, Equatable {
  public var start: SourceLocation
  /// How many characters it covers (at least 1).
  public var length: Int

  public init(start: SourceLocation, length: Int) {
    self.start = start
    self.length = max(1, length)
  }

  /// Like ``SourceLocation``'s, equal to every other span while models are compared by meaning:
  /// how wide a condition is written is layout.
  public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
    if SourceLocation.comparingMeaningOnly { return true }
    return lhs.start == rhs.start && lhs.length == rhs.length
  }
}
