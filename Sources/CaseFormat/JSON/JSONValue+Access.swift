/// Reading and writing JSON values for other targets (the language server speaks JSON-RPC): the
/// same strict reader the importer uses, member access, and one-line output.
extension JSONValue {
  /// Reads JSON text; nil when it is not valid JSON.
  package static func parse(_ text: String) -> JSONValue? {
    try? JSONReader.read(text)
  }

  /// The member named `key` of an object.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  package var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  package var intValue: Int? {
    if case .int(let value) = self { return value }
    return nil
  }

  package var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// An object from key-value pairs, in order; nil values are left out.
  package static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
    .object(pairs.compactMap { key, value in value.map { Member(key, $0) } })
  }

  /// The value on one line, as JSON-RPC messages carry it.
  package var compactText: String {
    switch self {
    case .null, .bool, .int, .number, .string:
      return text.dropLast().description
    case .array(let elements):
      return "[" + elements.map(\.compactText).joined(separator: ",") + "]"
    case .object(let members):
      return "{" + members.map { JSONValue.string($0.key).compactText + ":" + $0.value.compactText }.joined(separator: ",") + "}"
    }
  }
}
