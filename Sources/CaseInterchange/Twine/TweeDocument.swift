import CaseAuthoring
import CaseFormat
import Foundation

/// One physical line of a `.twee` file.
struct TweeLine: Sendable {
  /// 1-based line number, as editors and `SourceStore` count lines.
  let number: Int
  let characters: [Character]

  var isBlank: Bool { characters.allSatisfy { $0 == " " || $0 == "\t" } }
}

/// A passage as written in the Twee file: its header and its content lines.
struct TweeSourcePassage: Sendable {
  var name: String
  var tags: [String]
  /// The line of the `::` header.
  var headerLine: Int
  /// The content lines, trailing blank lines removed (the Twee 3 spec says compilers ignore them).
  var lines: [TweeLine]
}

/// A Twee 3 file read into passages and story settings, following the Twee 3 specification
/// (iftechfoundation/twine-specs, twee-3-specification.md): `:: Name [tags] {metadata}` headers,
/// backslash escapes in names and tags, and the special `StoryTitle` and `StoryData` passages.
///
/// Reading never fails: what cannot be read becomes a warning and is skipped, as the spec asks
/// of compilers ("emit a warning, discard the metadata, and continue").
struct TweeDocument: Sendable {
  var title: String?
  var titleLine: Int?
  var format: String?
  var formatVersion: String?
  var start: String?
  var storyDataLine: Int?
  /// Story passages (everything but `StoryTitle` and `StoryData`), in file order.
  var passages: [TweeSourcePassage] = []
  var diagnostics: [Diagnostic] = []
  /// False when the text has no passage header at all.
  var isTwee = false

  /// The most a StoryData or passage-metadata object may hold (JSONReader limits nesting).
  static let maximumJSONBytes = 64 * 1024

  static func parse(_ text: String, path: String) -> TweeDocument {
    var document = TweeDocument()
    let lines = splitLines(text)
    var current: TweeSourcePassage?
    var sawTextBeforeFirstPassage = false

    func finish(_ passage: TweeSourcePassage?) {
      guard var passage else { return }
      while let last = passage.lines.last, last.isBlank { passage.lines.removeLast() }
      document.accept(passage, path: path)
    }

    for line in lines {
      if line.characters.count >= 2, line.characters[0] == ":", line.characters[1] == ":" {
        finish(current)
        document.isTwee = true
        current = document.readHeader(line, path: path)
        continue
      }
      if current == nil {
        if !line.isBlank && !sawTextBeforeFirstPassage {
          sawTextBeforeFirstPassage = true
          document.pendingTextBeforePassage = SourceLocation(file: path, line: line.number, column: 1)
        }
        continue
      }
      current?.lines.append(unescapedContentLine(line))
    }
    finish(current)

    if document.isTwee, let location = document.pendingTextBeforePassage {
      document.diagnostics.append(
        .warning(
          .tweeTextBeforePassage,
          "text before the first '::' passage header is not part of any passage; it was not imported",
          at: location))
    }
    return document
  }

  private var pendingTextBeforePassage: SourceLocation?
  private var seenTitle = false
  private var seenData = false

  // MARK: Lines

  /// Splits on `\n`, `\r\n` and `\r`, exactly as CaseFormat's `SourceStore` does, so line numbers
  /// in diagnostics match what the renderer shows.
  static func splitLines(_ text: String) -> [TweeLine] {
    var lines: [TweeLine] = []
    var current: [Character] = []
    for character in text {
      if character == "\n" || character == "\r\n" || character == "\r" {
        lines.append(TweeLine(number: lines.count + 1, characters: current))
        current = []
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { lines.append(TweeLine(number: lines.count + 1, characters: current)) }
    return lines
  }

  /// A content line starting `\::` is a literal `::` (the escape tools use so that a line of
  /// passage text is not read as a header).
  private static func unescapedContentLine(_ line: TweeLine) -> TweeLine {
    let c = line.characters
    guard c.count >= 3, c[0] == "\\", c[1] == ":", c[2] == ":" else { return line }
    return TweeLine(number: line.number, characters: Array(c.dropFirst()))
  }

  // MARK: Headers

  private mutating func readHeader(_ line: TweeLine, path: String) -> TweeSourcePassage {
    let c = line.characters
    let at = SourceLocation(file: path, line: line.number, column: 1)
    var i = 2
    while i < c.count, c[i] == " " || c[i] == "\t" { i += 1 }
    var name: [Character] = []
    while i < c.count, c[i] != "[", c[i] != "{" {
      if c[i] == "\\", i + 1 < c.count {
        name.append(c[i + 1])
        i += 2
      } else {
        name.append(c[i])
        i += 1
      }
    }
    var tags: [String] = []
    if i < c.count, c[i] == "[" {
      var tagText: [Character] = []
      var j = i + 1
      var closed = false
      while j < c.count {
        if c[j] == "\\", j + 1 < c.count {
          tagText.append(c[j + 1])
          j += 2
          continue
        }
        if c[j] == "]" {
          closed = true
          break
        }
        tagText.append(c[j])
        j += 1
      }
      if closed {
        tags = String(tagText).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        i = j + 1
      } else {
        diagnostics.append(
          .warning(
            .tweeBadHeader, "the tag block '[' in this passage header is not closed; the tags were ignored",
            at: SourceLocation(file: path, line: line.number, column: i + 1)))
        i = c.count
      }
    }
    while i < c.count, c[i] == " " || c[i] == "\t" { i += 1 }
    if i < c.count, c[i] == "{" {
      let metadata = String(c[i...]).trimmingCharacters(in: .whitespaces)
      if Self.jsonObject(metadata) == nil {
        diagnostics.append(
          .warning(
            .tweeBadHeader, "the passage metadata is not valid JSON; it was ignored (it only holds the story-map position)",
            at: SourceLocation(file: path, line: line.number, column: i + 1)))
      }
      i = c.count
    }
    while i < c.count, c[i] == " " || c[i] == "\t" { i += 1 }
    if i < c.count {
      let rest = String(c[i...])
      // Twee2 (unofficial) wrote the map position as <x,y>; it carries nothing we need.
      let isTwee2Position = rest.hasPrefix("<") && rest.hasSuffix(">")
        && rest.dropFirst().dropLast().allSatisfy { $0.isNumber || $0 == "," || $0 == " " }
      if !isTwee2Position {
        diagnostics.append(
          .warning(
            .tweeBadHeader, "unexpected text after the passage name, tags and metadata; it was ignored",
            at: SourceLocation(file: path, line: line.number, column: i + 1)))
      }
    }
    var trimmedName = String(name).trimmingCharacters(in: .whitespaces)
    if trimmedName.isEmpty {
      diagnostics.append(.warning(.tweeBadHeader, "this passage header has no name", at: at))
      trimmedName = "Untitled passage"
    }
    return TweeSourcePassage(name: trimmedName, tags: tags, headerLine: line.number, lines: [])
  }

  // MARK: Special passages

  private mutating func accept(_ passage: TweeSourcePassage, path: String) {
    let at = SourceLocation(file: path, line: passage.headerLine, column: 1)
    switch passage.name {
    case "StoryTitle":
      guard !seenTitle else {
        diagnostics.append(.warning(.tweeBadHeader, "a second 'StoryTitle' passage was ignored", at: at))
        return
      }
      seenTitle = true
      let words = passage.lines.map { String($0.characters).trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      title = words.joined(separator: " ")
      titleLine = passage.headerLine
    case "StoryData":
      guard !seenData else {
        diagnostics.append(.warning(.tweeBadHeader, "a second 'StoryData' passage was ignored", at: at))
        return
      }
      seenData = true
      storyDataLine = passage.headerLine
      let json = passage.lines.map { String($0.characters) }.joined(separator: "\n")
      guard let object = Self.jsonObject(json) else {
        diagnostics.append(
          .warning(
            .tweeBadHeader,
            "StoryData is not a valid JSON object; its settings (start passage, story format) were ignored",
            at: at))
        return
      }
      format = object["format"]?.stringValue
      formatVersion = object["format-version"]?.stringValue
      start = object["start"]?.stringValue
    default:
      passages.append(passage)
    }
  }

  /// Parses a JSON object with the importer's strict reader (one JSON reader for every import;
  /// it limits nesting itself), refusing oversized text first.
  static func jsonObject(_ text: String) -> JSONValue? {
    guard text.utf8.count <= maximumJSONBytes, let value = try? JSONReader.read(text), case .object = value else { return nil }
    return value
  }
}
