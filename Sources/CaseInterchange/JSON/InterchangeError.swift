import CaseFormat
import CaseAuthoring
/// Why a JSON scenario document could not be imported. Every case says where the problem is, so a
/// trainer (or the tool that wrote the file) can fix it.
public enum InterchangeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Not JSON: the message, with the line and column.
  case malformedJSON(message: String, line: Int, column: Int)
  /// JSON, but not a CaseSim scenario document, or a version this build does not read.
  case unsupported(String)
  /// A member is missing, has the wrong type, or holds a value the format cannot have. `path` is
  /// a JSON path such as `passages[3].choices[0].scores[1].points`.
  case invalid(path: String, message: String)
  /// The document is valid but cannot be written as `.case` text that means the same (for
  /// example, a prose line that starts with '*').
  case notRepresentable(String)

  public var description: String {
    switch self {
    case .malformedJSON(let message, let line, let column): "not valid JSON at line \(line), column \(column): \(message)"
    case .unsupported(let message): message
    case .invalid(let path, let message): "\(path): \(message)"
    case .notRepresentable(let message): "cannot be written as a .case file that means the same: \(message)"
    }
  }
}
