/// The text of every file read, so diagnostics can show the offending line under the message.
public struct SourceStore: Sendable {
  private var lines: [String: [String]] = [:]

  public init() {}

  public mutating func add(path: String, text: String) {
    lines[path] = splitLines(text).map(String.init)
  }

  /// The 1-based line of a file, if it was read.
  public func line(_ number: Int, of path: String) -> String? {
    guard let fileLines = lines[path], number >= 1, number <= fileLines.count else { return nil }
    return fileLines[number - 1]
  }

  public mutating func merge(_ other: SourceStore) {
    lines.merge(other.lines) { _, new in new }
  }
}
