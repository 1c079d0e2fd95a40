import Foundation
import Testing

/// Runs a python3 validation script that uses `jsonschema` (exit 3 when the module is missing)
/// and decodes its answer: document name -> problems.
package enum SchemaValidator {
  /// Records an issue and throws when python3 or jsonschema is missing or the script fails, so a
  /// missing validator never lets a test pass silently.
  package static func run(_ arguments: [String]) throws -> [String: [String]] {
    let (status, text) = CommandRunner.run(["python3"] + arguments)
    guard status == 0 else {
      let reason =
        status == 3 || status == 127
        ? "schema validation needs python3 with the jsonschema package; install it (pip install jsonschema) to validate exports"
        : "python3 could not validate: \(text)"
      Issue.record(Comment(rawValue: reason))
      throw CancellationError()
    }
    return try JSONDecoder().decode([String: [String]].self, from: Data(text.utf8))
  }
}
