import CaseFormat

/// A word a trainee will read, where it is written: what the spelling check looks up.
package struct WrittenWord: Sendable, Equatable {
  /// The word to look up: straight apostrophes, without a possessive `'s` or a trailing `'`.
  package var word: String
  /// Where the looked-up part starts, and how many characters it spans there.
  package var location: SourceLocation
  package var length: Int
  /// True at the start of a sentence or a piece of text, where any word has a capital.
  package var opensSentence: Bool
}

/// Finds every word of trainee-visible text in a scenario's files, with its line and column:
/// prose (after any `{condition}`), facts (their time too), options (between any `{condition}`
/// and `->`), feedback, the reasons given with scores and critical marks, `?` prompts, `@why`,
/// `@lesson` and `@reflect` (and their continuation lines), ending titles, and the header's
/// `title:`, `summary:`, `content-note:`, `lesson:` and `reflect:`.
///
/// Not text: ids of every kind (passages, flags, roles, principles), conditions and effects,
/// comments, and `reviews:`, whose titles are quoted as published. Words holding a digit
/// (`s47`, `10am`), single letters and anything in a web or e-mail address are skipped; a
/// hyphenated word is looked up part by part.
///
/// Lines are classified by ``LineClassifier``, which reads them as the parser does; it runs on
/// files that compiled without errors.
package enum WrittenWords {
  /// Header fields a trainee reads.
  static let visibleHeaderKeys: Set<String> = ["title", "summary", "content-note", "lesson", "reflect"]

  /// The words of every file of the scenario (main file first, then includes by path).
  package static func words(in loaded: LoadedScenario) -> [WrittenWord] {
    let main = loaded.scenario.path
    let paths = loaded.files.keys.sorted { ($0 == main ? 0 : 1, $0) < ($1 == main ? 0 : 1, $1) }
    return paths.flatMap { path in words(inFile: loaded.files[path] ?? "", path: path) }
  }

  static func words(inFile text: String, path: String) -> [WrittenWord] {
    let parsed = ScenarioParser.parse(text, path: path)
    guard let classified = try? LineClassifier.classify(text, parsed: parsed) else { return [] }
    let lines = SourceLine.lines(of: text)
    var result: [WrittenWord] = []
    var headerKey = ""
    for (line, classification) in zip(lines, classified) {
      let characters = line.characters
      let spans: [Range<Int>]
      switch classification.kind {
      case .header(let key, _):
        headerKey = key
        guard visibleHeaderKeys.contains(key), let colon = characters.firstIndex(of: ":") else { continue }
        spans = [(colon + 1)..<characters.count]
      case .headerContinuation:
        guard visibleHeaderKeys.contains(headerKey) else { continue }
        spans = [line.indent..<characters.count]
      case .passageLine(let canonical):
        spans = textSpans(characters, from: line.indent, underChoice: canonical.hasPrefix("  "))
      case .blank, .comment, .topLevel, .passageStart:
        continue
      }
      for span in spans {
        result += words(characters, span: span, line: line.number, path: path)
      }
    }
    return result
  }

  /// The parts of a passage line a trainee reads. `indented` lines (canonically two spaces in)
  /// are a choice's own lines, or the continuation of a `@fact`, `@lesson`, `@reflect` or `@why`.
  private static func textSpans(_ c: [Character], from start: Int, underChoice indented: Bool) -> [Range<Int>] {
    let end = c.count
    guard start < end else { return [] }
    func after(_ index: Int) -> [Range<Int>] { index < end ? [index..<end] : [] }
    func startsWith(_ prefix: String) -> Bool { Array(c[start...].prefix(prefix.count)) == Array(prefix) }
    let first = c[start]
    if indented {
      let second = start + 1 < end ? c[start + 1] : " "
      let sigil = "+->?~".contains(first) && (second == " " || second == "\t" || start + 1 == end)
      if sigil && (first == "+" || first == "-") {
        return c[start...].firstIndex(of: ":").map { after($0 + 1) } ?? []
      }
      if sigil && (first == ">" || first == "?") { return after(start + 1) }
      if sigil && first == "~" { return [] }
      if first == "!" && c[start...].filter({ $0 != " " && $0 != "\t" }).starts(with: Array("!critical")) {
        return c[start...].firstIndex(of: ":").map { after($0 + 1) } ?? []
      }
      if startsWith("@if") || startsWith("@role") { return [] }
      return after(start)  // a directive's continuation
    }
    switch first {
    case "*":
      var i = start + 1
      while i < end, c[i] == " " || c[i] == "\t" { i += 1 }
      if i < end, c[i] == "{", let close = LineClassifier.matchingBrace(c, from: i) { i = close + 1 }
      var arrow = end - 2
      while arrow >= i, !(c[arrow] == "-" && c[arrow + 1] == ">") { arrow -= 1 }
      return arrow >= i ? [i..<arrow] : []
    case "{":
      return LineClassifier.matchingBrace(c, from: start).map { after($0 + 1) } ?? []
    case "@":
      var i = start + 1
      while i < end, c[i].isLetterQuickly || c[i] == "-" { i += 1 }
      switch String(c[(start + 1)..<i]) {
      case "fact", "lesson", "reflect", "why": return after(i)
      case "ending": return c[i...].firstIndex(of: "|").map { after($0 + 1) } ?? []
      default: return []
      }
    default:
      return [start..<end]
    }
  }

  /// The words in `span` of a line's characters.
  private static func words(_ c: [Character], span: Range<Int>, line: Int, path: String) -> [WrittenWord] {
    var result: [WrittenWord] = []
    var opens = true
    var i = span.lowerBound
    while i < span.upperBound {
      // One chunk between blanks at a time: an address is skipped whole.
      guard c[i] != " " && c[i] != "\t" else {
        i += 1
        continue
      }
      var chunkEnd = i
      while chunkEnd < span.upperBound, c[chunkEnd] != " ", c[chunkEnd] != "\t" { chunkEnd += 1 }
      let chunk = String(c[i..<chunkEnd])
      if chunk.contains("://") || chunk.contains("@") || chunk.lowercased().hasPrefix("www.") {
        i = chunkEnd
        opens = false
        continue
      }
      var j = i
      while j < chunkEnd {
        guard c[j].isLetterQuickly || c[j].isNumberQuickly else {
          j += 1
          continue
        }
        // A run of letters and digits, with apostrophes between letters.
        let wordStart = j
        while j < chunkEnd,
          c[j].isLetterQuickly || c[j].isNumberQuickly
            || (isApostrophe(c[j]) && j + 1 < chunkEnd && c[j + 1].isLetterQuickly && j > wordStart)
        {
          j += 1
        }
        var token = Array(c[wordStart..<j]).map { isApostrophe($0) ? "'" : $0 }
        if token.count >= 2, token[token.count - 2] == "'", token.last == "s" || token.last == "S" { token.removeLast(2) }
        if token.count >= 2, !token.contains(where: \.isNumberQuickly) {
          result.append(
            WrittenWord(
              word: String(token), location: SourceLocation(file: path, line: line, column: wordStart + 1),
              length: token.count, opensSentence: opens))
        }
        opens = false
      }
      // The next chunk opens a sentence if this one ended one.
      let last = chunk.last { !"\"'”’)]".contains($0) }
      opens = last.map { ".!?:".contains($0) } ?? opens
      i = chunkEnd
    }
    return result
  }

  private static func isApostrophe(_ c: Character) -> Bool { c == "'" || c == "’" }
}
