import CaseFormat
import CaseAuthoring
/// Reads the members of one JSON object for the importer, remembering which were read so that
/// unknown members are reported, and naming each problem by its JSON path.
struct JSONObjectReader {
  let path: String
  private let members: [String: JSONValue]
  private let order: [String]

  init(_ value: JSONValue, path: String) throws(InterchangeError) {
    guard case .object(let members) = value else { throw InterchangeError.invalid(path: path, message: "expected an object") }
    self.path = path
    self.members = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    self.order = members.map(\.key)
  }

  /// Fails on any member not in `known` (the document is strict, like its schema).
  func allowOnly(_ known: [String]) throws(InterchangeError) {
    if let unknown = order.first(where: { !known.contains($0) }) {
      throw InterchangeError.invalid(
        path: path, message: "unknown member \"\(unknown)\" (expected \(known.map { "\"\($0)\"" }.joined(separator: ", ")))")
    }
  }

  func member(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  private func value(_ key: String) -> JSONValue? {
    guard let value = members[key], value != .null else { return nil }
    return value
  }

  func has(_ key: String) -> Bool { value(key) != nil }

  func requireValue(_ key: String) throws(InterchangeError) -> JSONValue {
    guard let value = value(key) else { throw InterchangeError.invalid(path: member(key), message: "is required") }
    return value
  }

  func string(_ key: String) throws(InterchangeError) -> String {
    guard let text = try optionalString(key) else { throw InterchangeError.invalid(path: member(key), message: "is required") }
    return text
  }

  func optionalString(_ key: String) throws(InterchangeError) -> String? {
    guard let value = value(key) else { return nil }
    guard case .string(let text) = value else { throw InterchangeError.invalid(path: member(key), message: "expected a string") }
    return text
  }

  func int(_ key: String) throws(InterchangeError) -> Int {
    guard let value = value(key) else { throw InterchangeError.invalid(path: member(key), message: "is required") }
    guard case .int(let number) = value else { throw InterchangeError.invalid(path: member(key), message: "expected a whole number") }
    return number
  }

  func bool(_ key: String) throws(InterchangeError) -> Bool {
    guard let value = value(key) else { throw InterchangeError.invalid(path: member(key), message: "is required") }
    guard case .bool(let flag) = value else { throw InterchangeError.invalid(path: member(key), message: "expected true or false") }
    return flag
  }

  /// The elements of an array member (an absent or null member is an empty array), with the path
  /// of each.
  func array(_ key: String) throws(InterchangeError) -> [(JSONValue, String)] {
    guard let value = value(key) else { return [] }
    guard case .array(let elements) = value else { throw InterchangeError.invalid(path: member(key), message: "expected an array") }
    return elements.enumerated().map { ($0.element, "\(member(key))[\($0.offset)]") }
  }

  func strings(_ key: String) throws(InterchangeError) -> [String] {
    var result: [String] = []
    for (element, path) in try array(key) {
      guard case .string(let text) = element else { throw InterchangeError.invalid(path: path, message: "expected a string") }
      result.append(text)
    }
    return result
  }
}
