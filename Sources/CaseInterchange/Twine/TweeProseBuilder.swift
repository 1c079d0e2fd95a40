import CaseAuthoring
import CaseFormat
import Foundation

/// One line of a converted passage body.
enum TweeBodyItem: Sendable, Equatable {
  case prose(String)
  case comment(String)
  case paragraphBreak
}

/// A passage's prose, ready to write, with the links that become its choices.
struct TweeProse: Sendable {
  var items: [TweeBodyItem] = []
  var links: [TweeLinkToken] = []
  var diagnostics: [Diagnostic] = []
  var wordCount = 0

  var hasProse: Bool { items.contains { if case .prose = $0 { true } else { false } } }
}

/// Turns a scanned passage into `.case` prose lines.
///
/// Twine shows each line break of a passage as a line break, and a `.case` file joins consecutive
/// lines into one paragraph, so every Twine line becomes its own paragraph (unless the passage is
/// tagged `nobr`, where Twine joins them too). A link in the middle of a sentence leaves its text
/// in the sentence and also becomes a choice; a line that held nothing but links is left out of
/// the prose, since its links are now the choices.
///
/// A `.case` file reads some line starts as structure (`*` a choice, `//` a comment, `@` a
/// directive, `==` a passage...). Prose that starts that way is adjusted so it stays prose: a
/// list item's `* ` or `- ` becomes `• `, and other marks are removed with a warning.
struct TweeProseBuilder {
  /// Prose lines longer than this are wrapped (they stay one paragraph) so no line nears the
  /// `.case` format's 64 KiB line limit.
  static let wrapWidth = 4000
  static let maximumCommentLength = 2000

  private let path: String
  private let joinLines: Bool
  private var prose = TweeProse()
  private var text = ""
  private var hasChoiceLink = false
  /// The line's text outside its choice links, to tell a sentence from a line of links.
  private var otherText = ""
  private var first: (line: Int, column: Int)?
  private var pendingComments: [String] = []
  private var needsBreak = false
  private var hasWrittenProse = false
  private var warnedControlLines: Set<Int> = []

  private init(path: String, joinLines: Bool) {
    self.path = path
    self.joinLines = joinLines
  }

  static func build(_ tokens: [TweeToken], path: String, joinLines: Bool) -> TweeProse {
    var builder = TweeProseBuilder(path: path, joinLines: joinLines)
    for token in tokens { builder.take(token) }
    builder.flush()
    return builder.prose
  }

  private mutating func take(_ token: TweeToken) {
    switch token {
    case .text(let character, let line, let column):
      if character.unicodeScalars.contains(where: UntrustedText.isUnsafe) {
        warnControl(line: line, column: column)
        return
      }
      if first == nil, character != " ", character != "\t" { first = (line, column) }
      text.append(character)
      otherText.append(character)
    case .lineBreak:
      flush()
    case .link(let token):
      prose.links.append(token)
      if first == nil { first = (token.location.line, token.location.column) }
      let shown = TweeText.removingControlCharacters(token.link.text).text.trimmingCharacters(in: .whitespaces)
      if token.link.isChoice {
        hasChoiceLink = true
      } else {
        otherText += shown
      }
      text += shown
    case .comment(let body):
      for line in body.split(whereSeparator: { $0 == "\n" }) {
        var cleaned = TweeText.collapsedSpaces(TweeText.removingControlCharacters(String(line)).text)
        if cleaned.count > Self.maximumCommentLength { cleaned = String(cleaned.prefix(Self.maximumCommentLength)) + "…" }
        if !cleaned.isEmpty { pendingComments.append(cleaned) }
      }
    }
  }

  private mutating func warnControl(line: Int, column: Int) {
    guard warnedControlLines.insert(line).inserted else { return }
    prose.diagnostics.append(
      .warning(
        .tweeControlCharacter, "terminal control characters were removed from this line",
        at: SourceLocation(file: path, line: line, column: column)))
  }

  private mutating func flush() {
    defer {
      text = ""
      hasChoiceLink = false
      otherText = ""
      first = nil
    }
    for comment in pendingComments { prose.items.append(.comment(comment)) }
    pendingComments = []
    let decoded = TweeText.decodingEntities(text)
    let cleaned = TweeText.removingControlCharacters(decoded)
    if cleaned.removed, let first { warnControl(line: first.line, column: first.column) }
    var line = TweeText.collapsedSpaces(cleaned.text)
    if line.isEmpty || (hasChoiceLink && !Self.hasWords(otherText)) || Self.isRule(line) {
      needsBreak = true
      return
    }
    let adjusted = Self.adjustedLineStart(line)
    if let change = adjusted.change, let first {
      let at = SourceLocation(file: path, line: first.line, column: first.column)
      switch change {
      case .bullet:
        prose.diagnostics.append(
          .importNote(.tweeProseAdjusted, "this list item now starts with '•' so it stays prose (a .case line starting '\(line.prefix(1))' is structure)", at: at))
      case .removed(let removed):
        prose.diagnostics.append(
          .warning(
            .tweeProseAdjusted,
            "'\(TweeText.excerpt(removed, limit: 12))' was removed from the start of this line: a .case line starting that way is read as structure, not prose",
            at: at, length: removed.count))
      }
    }
    line = adjusted.text
    guard !line.isEmpty else {
      needsBreak = true
      return
    }
    if hasWrittenProse, needsBreak || !joinLines { prose.items.append(.paragraphBreak) }
    hasWrittenProse = true
    for piece in Self.wrapped(line) { prose.items.append(.prose(piece)) }
    prose.wordCount += line.split(separator: " ").filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    needsBreak = false
  }

  /// True when `text` has words beyond a list marker (`1.`, `a)`, `*`, `•`): a line of links such
  /// as `1. [[Call the police]]` is a menu, not a sentence.
  static func hasWords(_ text: String) -> Bool {
    var rest = TweeText.collapsedSpaces(text)[...]
    if let marker = rest.firstIndex(where: { $0 == "." || $0 == ")" }),
      rest[..<marker].count <= 3, rest[..<marker].allSatisfy({ $0.isNumber || $0.isLetter })
    {
      rest = rest[rest.index(after: marker)...]
    }
    return rest.contains { ($0.isLetter || $0.isNumber) }
  }

  // MARK: Line starts

  /// A horizontal rule (`---`, `===`, `***`): layout only, so it becomes a paragraph break.
  static func isRule(_ line: String) -> Bool {
    line.count >= 3 && line.allSatisfy { "-=*_ ".contains($0) }
  }

  enum LineStartChange: Equatable {
    case bullet
    case removed(String)
  }

  /// True when a `.case` parser would read a passage line starting with `line` as something other
  /// than prose: a choice, a choice's sub-line, a directive, a condition, a comment or a passage.
  static func isReadAsStructure(_ line: Substring) -> Bool {
    guard let first = line.first else { return false }
    if line.hasPrefix("==") || line.hasPrefix("//") { return true }
    if "*!@{".contains(first) { return true }
    if "+->?~".contains(first) {
      let second = line.dropFirst().first
      return second == nil || second == " " || second == "\t"
    }
    return false
  }

  /// `line` changed, if it must be, so that it is read as prose.
  static func adjustedLineStart(_ line: String) -> (text: String, change: LineStartChange?) {
    guard isReadAsStructure(line[...]) else { return (line, nil) }
    let characters = Array(line)
    if characters.count >= 2, "*-+".contains(characters[0]), characters[1] == " " {
      return ("• " + String(characters.dropFirst(2)).trimmingCharacters(in: .whitespaces), .bullet)
    }
    var rest = line[...]
    // Emphasis that opens a line (`**Remember:**`, `//aside//`): remove the pair.
    for marker in ["**", "//", "*"] where rest.hasPrefix(marker) {
      let after = rest.dropFirst(marker.count)
      if let close = after.range(of: marker) {
        // Judged as it will be written: spaces collapsed, so a space after the marker cannot hide
        // a `==` or `//` that would then start the line.
        let text = TweeText.collapsedSpaces(String(after[..<close.lowerBound]) + String(after[close.upperBound...]))
        if !text.isEmpty, !isReadAsStructure(text[...]) {
          return (text, .removed(marker))
        }
      }
    }
    var removed = ""
    while isReadAsStructure(rest), let first = rest.first {
      // The whole run: `== Heading` loses both `=`, `!!! Shout` all three `!`.
      while rest.first == first {
        removed.append(first)
        rest = rest.dropFirst()
      }
      while rest.first == " " { rest = rest.dropFirst() }
    }
    return (String(rest), .removed(removed))
  }

  /// A long line cut into pieces of at most `wrapWidth` characters, never starting a piece with
  /// a word that would be read as structure (the pieces join back into one paragraph).
  static func wrapped(_ line: String) -> [String] {
    guard line.count > wrapWidth else { return [line] }
    var pieces: [String] = []
    var current = ""
    // String.count walks the string, so the length is kept alongside.
    var currentLength = 0
    func start(_ text: String) {
      current = pieces.isEmpty ? text : adjustedLineStart(text).text
      currentLength = current.count
    }
    for word in line.split(separator: " ", omittingEmptySubsequences: true) {
      var word = Substring(word)
      var wordLength = word.count
      while wordLength > wrapWidth {
        if !current.isEmpty { pieces.append(current) }
        start(String(word.prefix(wrapWidth)))
        pieces.append(current)
        current = ""
        currentLength = 0
        word = word.dropFirst(wrapWidth)
        wordLength -= wrapWidth
      }
      if current.isEmpty {
        start(String(word))
      } else if currentLength + 1 + wordLength > wrapWidth, !isReadAsStructure(word) {
        pieces.append(current)
        current = String(word)
        currentLength = wordLength
      } else if currentLength > 8 * wrapWidth {
        pieces.append(current)
        start(String(word))
      } else {
        current += " " + word
        currentLength += 1 + wordLength
      }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces.filter { !$0.isEmpty }
  }
}

extension Diagnostic {
  /// A note: something the importer changed faithfully, worth knowing but not fixing.
  static func importNote(
    _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, length: Int = 1
  ) -> Diagnostic {
    Diagnostic(.note, code, message, at: location, length: length)
  }
}
