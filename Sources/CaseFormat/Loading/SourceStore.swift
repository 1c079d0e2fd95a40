/// The text of every file read, so diagnostics can show the offending line under the message.
///
/// Each file is kept once, as the UTF-8 bytes the parser read and the ranges of its lines: a line
/// becomes a `String` only when a diagnostic shows it, so a large file costs no string per line.
public struct SourceStore: Sendable {
  private var files: [String: SourceText] = [:]

  public init() {}

  public mutating func add(path: String, text: String) {
    files[path] = SourceText(text)
  }

  /// Keeps a file's text already split by the parser.
  mutating func add(path: String, source: SourceText) {
    files[path] = source
  }

  /// The 1-based line of a file, if it was read.
  public func line(_ number: Int, of path: String) -> String? {
    guard let source = files[path], number >= 1, number <= source.lines.count else { return nil }
    return String(decoding: source.bytes[source.lines[number - 1]], as: UTF8.self)
  }

  /// The UTF-8 bytes of a file that was read.
  package func bytes(of path: String) -> [UInt8]? { files[path]?.bytes }

  public mutating func merge(_ other: SourceStore) {
    files.merge(other.files) { _, new in new }
  }
}

/// A file's text as UTF-8 bytes with the byte ranges of its lines: split once, then shared by the
/// parser (which reads the lines) and the source store (which shows them in diagnostics).
struct SourceText: Sendable {
  let bytes: [UInt8]
  let lines: [Range<Int>]

  init(_ text: String) {
    bytes = Array(text.utf8)
    lines = Array(LineRanges(bytes))
  }

  /// Line `index + 1`.
  func line(_ index: Int) -> SourceLine { SourceLine(number: index + 1, utf8: bytes[lines[index]]) }

  /// Line `index + 1` kept as bytes only, for a line too long to read (see ``SourceLine/init(unread:utf8:)``).
  func unreadLine(_ index: Int) -> SourceLine { SourceLine(unread: index + 1, utf8: bytes[lines[index]]) }
}
