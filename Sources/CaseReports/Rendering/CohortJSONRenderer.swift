import CaseFormat
import Foundation

/// The cohort report as JSON: the ``CohortReport`` value with sorted keys, so the output is
/// stable and diffable; unsafe characters in text are written as `\u` escapes.
public struct CohortJSONRenderer: Sendable {
  public init() {}

  public func render(_ report: CohortReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return UntrustedText.jsonEscaped(String(decoding: try encoder.encode(report), as: UTF8.self)) + "\n"
  }
}
