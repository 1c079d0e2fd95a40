import CaseFormat

/// The spelling check's own part, around Hunspell: which words of a scenario to look up, and the
/// `misspelling` warnings for those Hunspell does not know.
///
/// Besides the dictionary it accepts the word lists (``WordList``) and the names the scenario
/// itself uses: those in `children:`, and any word written with a capital and then small letters
/// (`Adeyemi`, `Castlebridge`) at least twice, once at least where it does not open a sentence
/// (or a line: a line of prose may open one), since that is how a name is written and a slip is
/// rarely made the same way twice. Acronyms in capitals throughout (`MASH`) are not learned this
/// way, nor a name used once: they belong in the word list.
package enum SpellingCheck {
  /// The written words to look up: those neither a word list accepts nor a learned name.
  static func candidates(_ loaded: LoadedScenario, wordList: WordList) -> [WrittenWord] {
    let words = WrittenWords.words(in: loaded)
    let names = learnedNames(words, children: loaded.scenario.header.children)
    return words.filter { !names.contains($0.word) && !wordList.accepts($0.word) }
  }

  static func learnedNames(_ words: [WrittenWord], children: [String]) -> Set<String> {
    var uses: [String: (all: Int, midSentence: Int)] = [:]
    for word in words where isNameShaped(word.word) {
      uses[word.word, default: (0, 0)].all += 1
      if !word.opensSentence { uses[word.word, default: (0, 0)].midSentence += 1 }
    }
    return Set(uses.filter { $0.value.all >= 2 && $0.value.midSentence >= 1 }.keys).union(children)
  }

  /// A capital, then at least one small letter (apostrophes and capitals may follow: `O'Neill`,
  /// `McDonald`).
  private static func isNameShaped(_ word: String) -> Bool {
    guard let first = word.first, first.isUppercase else { return false }
    return word.dropFirst().contains { $0.isLowercase }
  }

  /// Hunspell's suggestions with the likeliest first: fewest edits away, then those that keep
  /// the word's first letter (a typo rarely changes it: 'Wrte' meant 'Write', not 'Rte'), then
  /// in Hunspell's order.
  package static func ranked(_ suggestions: [String], for word: String) -> [String] {
    let first = word.first.map { String($0).lowercased() }
    return suggestions.enumerated().sorted { a, b in
      func key(_ s: String) -> (Int, Int) {
        (Suggestions.distance(s.lowercased(), word.lowercased()), s.first.map { String($0).lowercased() } == first ? 0 : 1)
      }
      let (ka, kb) = (key(a.element), key(b.element))
      return ka != kb ? ka < kb : a.offset < b.offset
    }.map(\.element)
  }

  /// A warning at every written word Hunspell reports, with its likeliest suggestion as the fix.
  static func diagnostics(_ words: [WrittenWord], verdicts: [String: Speller.Verdict], dictionary: String) -> [Diagnostic] {
    words.compactMap { word in
      guard case .misspelt(let offered) = verdicts[word.word] else { return nil }
      let suggestions = ranked(offered, for: word.word)
      var notes: [DiagnosticNote] = []
      if suggestions.count > 1 {
        notes.append(DiagnosticNote("Hunspell also suggests: " + suggestions.dropFirst().prefix(4).joined(separator: ", ")))
      }
      notes.append(
        DiagnosticNote(
          "if it is spelt as meant (a name, a term of the trade), add it to \(WordList.fileName) at the library's root, one word a line"))
      return .warning(
        .misspelling, "'\(word.word)' is not in the \(dictionary) dictionary or the word list",
        at: word.location, length: word.length, suggestion: suggestions.first, notes: notes)
    }
  }
}
