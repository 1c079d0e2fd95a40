
/// A JSON document as a value, with object members kept in the order they were written.
///
/// Foundation's encoders sort keys alphabetically or not at all; the export wants a fixed,
/// readable order ("format" and "version" first) and byte-for-byte stable output, so it builds
/// these values and writes them itself.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  /// A number with a fraction or exponent, kept as written (the format has no use for one).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([Member])

  public struct Member: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// A string, or null for nil.
  package static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

  package static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

  // MARK: Writing

  /// Pretty-printed JSON: two-space indentation, one member or element per line, a final newline.
  public var text: String {
    var out = ""
    write(to: &out, indent: 0)
    return out + "\n"
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .number(let text): out += text
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let elements):
      guard !elements.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (offset, element) in elements.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        element.write(to: &out, indent: indent + 2)
        out += offset == elements.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (offset, member) in members.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        Self.writeString(member.key, to: &out)
        out += ": "
        member.value.write(to: &out, indent: indent + 2)
        out += offset == members.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  /// Escapes what JSON requires, plus every character `UntrustedText` considers unsafe, so an
  /// export printed to a terminal cannot carry control sequences.
  private static func writeString(_ value: String, to out: inout String) {
    out += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 || UntrustedText.isUnsafe(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}" {
          let hex = String(scalar.value, radix: 16, uppercase: false)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
