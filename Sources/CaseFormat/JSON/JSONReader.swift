/// Reads JSON text into a `JSONValue`, strictly (RFC 8259): no comments, no trailing commas, no
/// duplicate keys, no unpaired surrogates. Imported files are untrusted, so nesting is limited and
/// every error says where it is.
package struct JSONReader {
  package struct Failure: Error, Sendable, Equatable {
    package var message: String
    package var line: Int
    package var column: Int
  }

  /// Deeper than any export (conditions nest, but the parser limits them to 64 levels).
  static let maximumDepth = 512

  private let bytes: [UInt8]
  private var position = 0
  private var depth = 0

  private init(_ text: String) { bytes = Array(text.utf8) }

  package static func read(_ text: String) throws(Failure) -> JSONValue {
    var reader = JSONReader(text)
    reader.skipWhitespace()
    let value = try reader.value()
    reader.skipWhitespace()
    guard reader.position == reader.bytes.count else { throw reader.failure("unexpected text after the JSON value") }
    return value
  }

  // MARK: Positions

  private func failure(_ message: String) -> Failure {
    // Lines end at \n, \r\n or a bare \r, as the diagnostic renderer splits them.
    var line = 1
    var lineStart = 0
    var end = min(position, bytes.count)
    // At the very end, after a final line break, point at the end of the last line: the line
    // after the break does not exist in the file.
    if end == bytes.count {
      while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
    }
    var index = 0
    while index < end {
      let byte = bytes[index]
      if byte == 0x0A || byte == 0x0D {
        if byte == 0x0D, index + 1 < end, bytes[index + 1] == 0x0A { index += 1 }
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
    return Failure(message: message, line: line, column: column)
  }

  private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
  }

  private mutating func expect(_ literal: String, _ value: JSONValue) throws(Failure) -> JSONValue {
    let expected = Array(literal.utf8)
    guard position + expected.count <= bytes.count, Array(bytes[position..<(position + expected.count)]) == expected else {
      throw failure("expected a JSON value")
    }
    position += expected.count
    return value
  }

  // MARK: Values

  private mutating func value() throws(Failure) -> JSONValue {
    guard let byte = current else { throw failure("the JSON ends where a value was expected") }
    switch byte {
    case UInt8(ascii: "{"): return try nested { (reader: inout JSONReader) throws(Failure) in try reader.object() }
    case UInt8(ascii: "["): return try nested { (reader: inout JSONReader) throws(Failure) in try reader.array() }
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try expect("true", .bool(true))
    case UInt8(ascii: "f"): return try expect("false", .bool(false))
    case UInt8(ascii: "n"): return try expect("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("expected a JSON value")
    }
  }

  private mutating func nested(_ body: (inout JSONReader) throws(Failure) -> JSONValue) throws(Failure) -> JSONValue {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else { throw failure("the JSON is nested more than \(Self.maximumDepth) levels deep") }
    return try body(&self)
  }

  private mutating func object() throws(Failure) -> JSONValue {
    position += 1
    var members: [JSONValue.Member] = []
    var seen: Set<String> = []
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      position += 1
      return .object([])
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
      let keyStart = position
      let key = try string()
      guard seen.insert(key).inserted else {
        position = keyStart
        throw failure("the member \"\(key)\" appears twice in one object")
      }
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the member name") }
      position += 1
      skipWhitespace()
      members.append(JSONValue.Member(key, try value()))
      skipWhitespace()
      if current == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard current == UInt8(ascii: "}") else { throw failure("expected ',' or '}' in an object") }
      position += 1
      return .object(members)
    }
  }

  private mutating func array() throws(Failure) -> JSONValue {
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      position += 1
      return .array([])
    }
    while true {
      skipWhitespace()
      elements.append(try value())
      skipWhitespace()
      if current == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard current == UInt8(ascii: "]") else { throw failure("expected ',' or ']' in an array") }
      position += 1
      return .array(elements)
    }
  }

  private mutating func number() throws(Failure) -> JSONValue {
    let start = position
    func digits(_ reader: inout JSONReader) -> Int {
      var count = 0
      while let byte = reader.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        reader.position += 1
        count += 1
      }
      return count
    }
    if current == UInt8(ascii: "-") { position += 1 }
    let integerStart = position
    let integerDigits = digits(&self)
    guard integerDigits > 0 else { throw failure("expected digits in a number") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      position = integerStart
      throw failure("numbers do not start with 0")
    }
    var isInteger = true
    if current == UInt8(ascii: ".") {
      position += 1
      isInteger = false
      guard digits(&self) > 0 else { throw failure("expected digits after the decimal point") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      position += 1
      isInteger = false
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard digits(&self) > 0 else { throw failure("expected digits in the exponent") }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard isInteger else { return .number(text) }
    guard let value = Int(text) else {
      position = start
      throw failure("the number \(text) is too large")
    }
    return .int(value)
  }

  private mutating func string() throws(Failure) -> String {
    position += 1
    // UTF-8 bytes, decoded once at the end: appending to a string piece by piece copied it at
    // every escape, so a document of many lines (an editor's didOpen) took quadratic time.
    var utf8: [UInt8] = []
    var run = position
    while true {
      guard let byte = current else { throw failure("a string is not closed") }
      switch byte {
      case UInt8(ascii: "\""):
        utf8.append(contentsOf: bytes[run..<position])
        position += 1
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        utf8.append(contentsOf: bytes[run..<position])
        position += 1
        utf8.append(contentsOf: String(try escape()).utf8)
        run = position
      case 0..<0x20:
        throw failure("a control character must be escaped inside a string")
      default:
        position += 1
      }
    }
  }

  private mutating func escape() throws(Failure) -> Unicode.Scalar {
    guard let byte = current else { throw failure("a string is not closed") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try hexQuad()
      if (0xD800...0xDBFF).contains(high) {
        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
          throw failure("an unpaired surrogate in a \\u escape")
        }
        position += 2
        let low = try hexQuad()
        guard (0xDC00...0xDFFF).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
          throw failure("an unpaired surrogate in a \\u escape")
        }
        return scalar
      }
      guard let scalar = Unicode.Scalar(high) else { throw failure("an unpaired surrogate in a \\u escape") }
      return scalar
    default:
      position -= 1
      throw failure("unknown escape in a string")
    }
  }

  private mutating func hexQuad() throws(Failure) -> UInt32 {
    guard position + 4 <= bytes.count else { throw failure("expected four hex digits after \\u") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw failure("expected four hex digits after \\u")
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }
}
