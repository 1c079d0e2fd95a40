/// The lossless syntax tree of one `.case` or `.passages` file: every line, comments and blank
/// lines included, classified once by the parser, with passage and choice nodes over them.
///
/// It is what every tool that works on the text rather than the meaning reads: the formatter lays
/// it out, warning suppression finds its comments, the language server finds names in its
/// tokens. None of them repeats the parser's rules for what a line is.
public struct ScenarioSyntax: Sendable {
  /// A passage: its `==` line and every line up to the next passage (or the end of the file).
  public struct PassageNode: Sendable {
    /// The index in ``ScenarioSyntax/lines`` of the `==` line.
    public let head: Int
    /// The indices of the lines after the head that belong to the passage.
    public internal(set) var body: Range<Int>
    public internal(set) var choices: [ChoiceNode] = []
  }

  /// A choice: its `*` line and the lines under it (its own lines, and comments indented under
  /// it).
  public struct ChoiceNode: Sendable {
    public let head: Int
    /// How far the `*` line is indented: lines indented further belong to the choice.
    public let indent: Int
    public internal(set) var lines: [Int] = []
  }

  /// The file the tree was read from (used only in locations).
  public internal(set) var path: String
  public internal(set) var lines: [SyntaxLine] = []
  public internal(set) var passages: [PassageNode] = []
  /// What the parser found wrong with the form of a line: a line that is not one of the
  /// grammar's, a missing part, a name that is not a name. Mistakes of meaning (an outcome that is
  /// not one, a value out of its range) are found when the tree is lowered.
  public internal(set) var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }

  /// The lines before the first passage: comments, the header, declarations and includes.
  public var top: Range<Int> { 0..<(passages.first?.head ?? lines.count) }

  /// The indices of the comment lines indented under a choice.
  public var commentsUnderChoices: Set<Int> {
    var under: Set<Int> = []
    for passage in passages {
      for choice in passage.choices {
        for index in choice.lines where lines[index].kind == .comment { under.insert(index) }
      }
    }
    return under
  }

  /// The file's bytes, which the lines are slices of (shared, not copied): with them the tree
  /// gives back the file exactly, line breaks included.
  var bytes: [UInt8] = []

  /// The text of the file exactly as read.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The line breaks after each line, as written (`\n`, `\r\n`, `\r`, or nothing after the
  /// last): what lies between one line's bytes and the next's.
  public var lineBreaks: [String] {
    lines.indices.map { index in
      let end = lines[index].source.utf8.endIndex
      let next = index + 1 < lines.count ? lines[index + 1].source.utf8.startIndex : bytes.count
      return String(decoding: bytes[end..<next], as: UTF8.self)
    }
  }

  /// The line numbered `number` (from 1), if there is one.
  public func line(_ number: Int) -> SyntaxLine? {
    lines.indices.contains(number - 1) ? lines[number - 1] : nil
  }

  /// The comment lines directly above line `number` (up to the first line that is not a
  /// comment), nearest first, each without its indentation: where a line's annotations live.
  public func comments(above number: Int) -> [String] {
    var found: [String] = []
    var index = number - 2
    while index >= 0, index < lines.count, lines[index].kind == .comment {
      found.append(lines[index].source.content)
      index -= 1
    }
    return found
  }

  // MARK: Building (the parser)

  mutating func append(_ line: SyntaxLine) {
    lines.append(line)
  }

  /// Starts a passage node at the line just appended.
  mutating func openPassage() {
    if let p = passages.indices.last {
      passages[p].body = passages[p].body.lowerBound..<(lines.count - 1)
    }
    passages.append(PassageNode(head: lines.count - 1, body: lines.count..<lines.count))
  }

  /// Starts a choice node at the line just appended.
  mutating func openChoice(indent: Int) {
    guard !passages.isEmpty else { return }
    passages[passages.count - 1].choices.append(ChoiceNode(head: lines.count - 1, indent: indent))
  }

  /// Puts the line just appended under the open choice.
  mutating func addToChoice() {
    guard let p = passages.indices.last, let c = passages[p].choices.indices.last else { return }
    passages[p].choices[c].lines.append(lines.count - 1)
  }

  /// Ends the last passage at the last line read.
  mutating func closePassage() {
    guard let p = passages.indices.last else { return }
    passages[p].body = passages[p].body.lowerBound..<lines.count
  }

  /// Adds a token to the line just appended.
  mutating func addToken(_ kind: SyntaxToken.Kind, _ columns: Range<Int>) {
    guard !lines.isEmpty, !columns.isEmpty else { return }
    lines[lines.count - 1].tokens.append(SyntaxToken(kind, columns))
  }

  /// Keeps the condition or effect parsed on the line just appended.
  mutating func setExpression(_ expression: SyntaxExpression) {
    guard !lines.isEmpty else { return }
    lines[lines.count - 1].expression = expression
  }

  /// Changes what the line just appended is (a line first taken as one kind and then rejected).
  mutating func reclassify(_ kind: SyntaxLine.Kind) {
    guard !lines.isEmpty else { return }
    lines[lines.count - 1].kind = kind
  }
}
