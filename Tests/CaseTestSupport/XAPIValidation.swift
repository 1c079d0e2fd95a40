import Foundation

/// Validates exported xAPI statements with python3's `jsonschema` against the committed schema
/// (Documentation/xapi-statement.schema.json), through Tests/xAPI/validate-statements.py, which
/// adds the rules JSON Schema cannot express.
package enum XAPIValidation {
  package static let schemaPath = Fixtures.repositoryRoot + "/Documentation/xapi-statement.schema.json"
  package static let scriptPath = Fixtures.repositoryRoot + "/Tests/xAPI/validate-statements.py"

  /// The validator's problems per document (name -> problems; empty when valid). Each document
  /// is a JSON array of statements, one statement, or JSON Lines. Records an issue and throws
  /// when python3 or jsonschema is missing (see ``SchemaValidator``).
  package static func problems(_ documents: [String: String]) throws -> [String: [String]] {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var paths: [String] = []
    for (name, text) in documents.sorted(by: { $0.key < $1.key }) {
      let path = directory + "/" + name
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    return try SchemaValidator.run([scriptPath, schemaPath] + paths)
  }
}
