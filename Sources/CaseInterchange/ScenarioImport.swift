public import CaseFormat

/// One way into CaseSim from another format: a document in, `.case` text out, with what the
/// conversion found as positioned diagnostics. `casesim import` picks the importer by the file's
/// extension and treats every importer alike; a new format is a new conforming type added to
/// ``ScenarioImports/all``.
public protocol ScenarioImport: Sendable {
  /// The format's name, for messages ("JSON exported by casesim export").
  static var formatName: String { get }
  /// The file extensions it reads, lowercased, without the dot.
  static var fileExtensions: [String] { get }
  /// Converts `text`, read from `path`, into `.case` text meant for `casePath`, checked against
  /// `guidance` where the format needs it.
  static func convert(_ text: String, path: String, casePath: String, guidance: GuidanceLibrary?) -> ImportOutcome
}

/// What an importer made of a document.
public enum ImportOutcome: Sendable {
  /// `.case` text to write, with what the conversion noticed (warnings, notes).
  case converted(caseText: String, diagnostics: [Diagnostic])
  /// Nothing can be written: the diagnostics (positioned in the input) and, for a problem that has
  /// no place in the file, a sentence saying what it is.
  case refused(diagnostics: [Diagnostic], reason: String?)
}

/// Every importer, and the one for a file.
public enum ScenarioImports {
  public static let all: [any ScenarioImport.Type] = [JSONScenarioImport.self, TweeScenarioImport.self]

  /// The importer for `path`'s extension, if one reads it.
  public static func importer(for path: String) -> (any ScenarioImport.Type)? {
    let dot = path.lastIndex(of: ".").map { path.index(after: $0) }
    let fileExtension = dot.map { String(path[$0...]).lowercased() } ?? ""
    return all.first { $0.fileExtensions.contains(fileExtension) }
  }

  /// Every extension some importer reads.
  public static var fileExtensions: [String] { all.flatMap { $0.fileExtensions } }
}

/// JSON written by `casesim export`.
public enum JSONScenarioImport: ScenarioImport {
  public static let formatName = "JSON exported by casesim export"
  public static let fileExtensions = ["json"]

  public static func convert(_ text: String, path: String, casePath: String, guidance: GuidanceLibrary?) -> ImportOutcome {
    do {
      return .converted(caseText: try ScenarioImporter.importJSON(text, casePath: casePath, guidance: guidance).caseText, diagnostics: [])
    } catch {
      // Malformed JSON has a place in the file; a document that is JSON but not a scenario does not.
      if case .malformedJSON(let message, let line, let column) = error {
        return .refused(
          diagnostics: [
            .error(.badJSON, "not valid JSON: \(message); nothing was written", at: SourceLocation(file: path, line: line, column: column))
          ],
          reason: nil)
      }
      return .refused(diagnostics: [], reason: error.description)
    }
  }
}

/// A Twine story saved as Twee (`.twee`, `.tw`).
public enum TweeScenarioImport: ScenarioImport {
  public static let formatName = "Twine's Twee"
  public static let fileExtensions = ["twee", "tw"]

  public static func convert(_ text: String, path: String, casePath: String, guidance: GuidanceLibrary?) -> ImportOutcome {
    let (caseText, diagnostics) = TweeImporter.convert(text: text, path: path)
    return diagnostics.hasErrors
      ? .refused(diagnostics: diagnostics, reason: "it could not be converted (see above)")
      : .converted(caseText: caseText, diagnostics: diagnostics)
  }
}
