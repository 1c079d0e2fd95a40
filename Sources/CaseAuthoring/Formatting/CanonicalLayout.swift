/// Lays canonical lines out in the canonical shape:
///
/// - comments at the very top of the file stay there;
/// - the header fields, one line each, in the reference order (a comment just above a field moves
///   with it);
/// - one blank line, then declarations, includes and their comments in their original order;
/// - one blank line before each passage; comments between two passages stay directly above the
///   second one (and so does a `// casesim-ignore:` line above an `==`), except a run written
///   right under the first passage's last line and followed by a blank line, which stays there;
/// - inside a passage, lines in their original order, runs of blank lines cut to one, none right
///   after the `==` line.
///
/// Blank lines are only ever collapsed or dropped where the parser ignores them (a run of blanks
/// makes one paragraph break, as one blank does), so the layout never changes the prose.
struct CanonicalLayout {
  private enum Piece: Equatable {
    case blank
    case comment(String)
    case line(String)
  }

  private struct HeaderField {
    var rank: Int
    var sequence: Int
    var comments: [String]
    var line: String
  }

  static func render(_ lines: [CanonicalLine]) -> String {
    // Split into the part before the first passage and one region per passage.
    var top: [CanonicalLine] = []
    var passages: [[CanonicalLine]] = []
    for line in lines {
      if case .passageStart = line.kind {
        passages.append([line])
      } else if passages.isEmpty {
        top.append(line)
      } else {
        passages[passages.count - 1].append(line)
      }
    }

    var out: [String] = []
    var carried = layOutTop(top, into: &out)
    for (number, region) in passages.enumerated() {
      var body: [Piece] = []
      var head = ""
      for line in region {
        switch line.kind {
        case .passageStart(let text): head = text
        case .blank: body.append(.blank)
        case .comment(let text, let under): body.append(.comment(under ? "  " + text : text))
        case .passageLine(let text): body.append(.line(text))
        case .header, .headerContinuation, .topLevel: break  // only before the first passage
        }
      }
      // Comments after the passage's last line belong above the next passage, except a run
      // written right under the last line and followed by a blank line, or by the end of the
      // file (which the run then ends, so formatting again keeps it): that one stays put.
      let lastLine = body.lastIndex { if case .line = $0 { return true } else { return false } }
      var trailing = lastLine.map { Array(body[($0 + 1)...]) } ?? body
      var kept = lastLine.map { Array(body[...$0]) } ?? []
      if lastLine != nil {
        let attached = splitAttached(trailing, atEndOfFile: number == passages.count - 1)
        kept += attached.attached
        trailing = attached.rest
      }

      if !out.isEmpty { out.append("") }
      out += leadingComments(carried)
      out.append(head)
      out += collapse(kept).map(text)
      carried = trailing.map { piece in
        if case .comment(let text) = piece { return .comment(text.trimmingBlanks) }
        return piece
      }
    }
    // Comments after the last passage (or in a file without passages) stay at the end.
    var tail = collapse(carried, keepLeadingBlank: true)
    while tail.last == .blank { tail.removeLast() }
    if tail.contains(where: { $0 != .blank }) {
      if out.isEmpty { tail = Array(tail.drop { $0 == .blank }) }
      out += tail.map(text)
    }
    return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
  }

  /// Writes the header and declarations; returns the comments (and blanks) after the last of
  /// them, which belong above the first passage.
  private static func layOutTop(_ lines: [CanonicalLine], into out: inout [String]) -> [Piece] {
    enum Item {
      case piece(Piece)
      case header(HeaderField)
    }
    var items: [Item] = []
    var sequence = 0
    var lastField: Int?
    for line in lines {
      switch line.kind {
      case .blank: items.append(.piece(.blank))
      case .comment(let text, _): items.append(.piece(.comment(text)))
      case .topLevel(let text): items.append(.piece(.line(text)))
      case .header(let key, let value):
        let rank = CaseSyntax.headerKeyOrder.firstIndex(of: key) ?? CaseSyntax.headerKeyOrder.count
        items.append(.header(HeaderField(rank: rank, sequence: sequence, comments: [], line: CaseSyntax.header(key, value))))
        lastField = items.count - 1
        sequence += 1
      case .headerContinuation:
        // Comments between a field and its continuation go above the field (only comments can
        // sit there: a blank line ends the field).
        guard let index = lastField, case .header(var field) = items[index] else { continue }
        for case .piece(.comment(let text)) in items[(index + 1)...] { field.comments.append(text) }
        items.removeSubrange((index + 1)...)
        items[index] = .header(field)
      case .passageStart, .passageLine: break
      }
    }
    func isItem(_ item: Item) -> Bool {
      switch item {
      case .header, .piece(.line): true
      default: false
      }
    }
    guard let firstItem = items.firstIndex(where: isItem), let lastItem = items.lastIndex(where: isItem) else {
      // Only comments before the first passage: they are its leading comments.
      return items.compactMap { if case .piece(let p) = $0 { p } else { nil } }
    }

    var preamble = items[..<firstItem].compactMap { if case .piece(let p) = $0 { p } else { nil } }
    while preamble.first == .blank { preamble.removeFirst() }
    var fields: [HeaderField] = []
    var block: [Piece] = []
    var pending: [Piece] = []
    for item in items[firstItem...lastItem] {
      switch item {
      case .piece(.line(let text)):
        block += pending
        pending = []
        block.append(.line(text))
      case .piece(let piece):
        pending.append(piece)
      case .header(var field):
        let comments: [String] = pending.compactMap { if case .comment(let c) = $0 { c } else { nil } }
        field.comments = comments + field.comments
        pending = []
        fields.append(field)
      }
    }
    let suffix = items[(lastItem + 1)...].compactMap { if case .piece(let p) = $0 { p } else { nil } }
    let (attached, carried) = splitAttached(suffix)
    block += attached
    fields.sort { ($0.rank, $0.sequence) < ($1.rank, $1.sequence) }
    let headerLines = fields.flatMap { $0.comments + [$0.line] }
    let blockLines = collapse(block).map(text)

    if preamble.contains(where: { $0 != .blank }) {
      let blankAfter = preamble.last == .blank
      out += collapse(preamble).map(text)
      if blankAfter { out.append("") }
    }
    out += headerLines
    if !headerLines.isEmpty && !blockLines.isEmpty { out.append("") }
    out += blockLines
    return carried
  }

  /// Splits the comments and blanks after a region's last line into a run of comments written
  /// directly under that line and followed by a blank line (they describe what is above them and
  /// stay), and the rest (which describes what comes next). A run that runs straight into the
  /// next passage is all "rest": it stays directly above that passage.
  private static func splitAttached(_ pieces: [Piece], atEndOfFile: Bool = false) -> (attached: [Piece], rest: [Piece]) {
    let run = pieces.prefix { if case .comment = $0 { true } else { false } }.count
    guard run > 0, run < pieces.count || atEndOfFile else { return ([], pieces) }
    return (Array(pieces[..<run]), Array(pieces[run...]))
  }

  /// Comments carried over from the end of the previous region, to go above a passage: blank lines
  /// between them kept (one at most), and one blank before the `==` line only if there was one.
  private static func leadingComments(_ pieces: [Piece]) -> [String] {
    guard pieces.contains(where: { $0 != .blank }) else { return [] }
    let blankBefore = pieces.last == .blank
    var lines = collapse(pieces).map(text)
    if blankBefore { lines.append("") }
    return lines
  }

  /// Runs of blank pieces cut to one; blanks at the start (unless asked) and end dropped.
  private static func collapse(_ pieces: [Piece], keepLeadingBlank: Bool = false) -> [Piece] {
    var result: [Piece] = []
    for piece in pieces {
      if piece == .blank && (result.last == .blank || (result.isEmpty && !keepLeadingBlank)) { continue }
      result.append(piece)
    }
    if !keepLeadingBlank { while result.last == .blank { result.removeLast() } }
    return result
  }

  private static func text(_ piece: Piece) -> String {
    switch piece {
    case .blank: ""
    case .comment(let text), .line(let text): text
    }
  }
}
