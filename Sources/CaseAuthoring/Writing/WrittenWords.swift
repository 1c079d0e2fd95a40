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
/// The parser has already said, in each file's syntax tree, which parts of which lines a trainee
/// reads (tokens of kind `text`, a fact's `when`, and the values of the visible header fields), so
/// nothing here repeats its rules.
package enum WrittenWords {
  /// The words of every file of the scenario (main file first, then includes by path).
  package static func words(in loaded: LoadedScenario) -> [WrittenWord] {
    let main = loaded.scenario.path
    let paths = loaded.syntax.keys.sorted { ($0 == main ? 0 : 1, $0) < ($1 == main ? 0 : 1, $1) }
    return paths.flatMap { path in loaded.syntax[path].map { words(in: $0, path: path) } ?? [] }
  }

  /// The words of one file's trainee-visible text.
  static func words(in syntax: ScenarioSyntax, path: String) -> [WrittenWord] {
    var result: [WrittenWord] = []
    for line in syntax.lines {
      let visible: Set<SyntaxToken.Kind>
      switch line.kind {
      case .headerField(let key), .headerContinuation(let key):
        guard CaseVocabulary.proseHeaderKeys.contains(key) else { continue }
        visible = [.value]
      case .rejected, .comment, .blank:
        continue
      default:
        visible = [.text, .when]
      }
      let spans = line.tokens.filter { visible.contains($0.kind) }.map(\.columns)
      guard !spans.isEmpty else { continue }
      let characters = line.source.characters
      for span in spans {
        let clamped = min(span.lowerBound, characters.count)..<min(span.upperBound, characters.count)
        result += words(characters, span: clamped, line: line.number, path: path)
      }
    }
    return result
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
