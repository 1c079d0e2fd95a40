import CaseFormat

/// How easy a piece of text is to read, by the Flesch reading-ease formula (Flesch, 1948):
///
///     206.835 - 1.015 × (words / sentences) - 84.6 × (syllables / words)
///
/// Higher is easier: 60 to 70 is plain English, 50 to 60 fairly difficult, 30 to 50 difficult
/// (the register of most professional and academic writing), below 30 very difficult. Long
/// sentences and long words are what lower it, so a warning can say which ones.
///
/// The text is given as pieces (a paragraph, a fact, an option, a line of feedback): a piece
/// ends a sentence whether or not it ends with a full stop, since an option or a heading is read
/// as one. Within a piece, sentences end at `.`, `!` or `?` followed by a space, a closing quote
/// or bracket, or the end, except after a few abbreviations (`Mr.`, `Dr.`, `e.g.`...). A word is
/// a run of characters between spaces holding a letter or a digit; a hyphenated word is one word
/// whose syllables are its parts'.
public struct ReadingEase: Sendable, Equatable {
  public let words: Int
  public let sentences: Int
  public let syllables: Int
  /// The sentence with the most words, as written.
  public let longestSentence: String
  public let longestSentenceWords: Int
  /// Words of three or more syllables, each once, longest first.
  public let longWords: [String]
  /// How many of the words have three or more syllables.
  public let longWordCount: Int

  /// The Flesch reading ease; 0 for no words.
  public var score: Double {
    guard words > 0, sentences > 0 else { return 0 }
    return 206.835 - 1.015 * Double(words) / Double(sentences) - 84.6 * Double(syllables) / Double(words)
  }

  public var averageSentenceWords: Double { sentences == 0 ? 0 : Double(words) / Double(sentences) }
  public var averageSyllablesPerWord: Double { words == 0 ? 0 : Double(syllables) / Double(words) }

  public init(pieces: [String]) {
    var words = 0
    var sentences = 0
    var syllables = 0
    var longest = (text: "", words: 0)
    var long: [String: Int] = [:]
    var longCount = 0
    // Words repeat: each is counted once.
    var counted: [Substring: Int] = [:]
    for piece in pieces {
      for sentence in Self.sentences(in: piece) {
        let tokens = Self.words(in: sentence)
        guard !tokens.isEmpty else { continue }
        sentences += 1
        words += tokens.count
        if tokens.count > longest.words { longest = (sentence, tokens.count) }
        for token in tokens {
          let count = counted[token] ?? Self.syllables(inToken: token)
          counted[token] = count
          syllables += count
          if count >= 3 {
            longCount += 1
            long[Self.letters(token).lowercased(), default: 0] = count
          }
        }
      }
    }
    self.words = words
    self.sentences = sentences
    self.syllables = syllables
    longestSentence = longest.text
    longestSentenceWords = longest.words
    longWords = long.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    longWordCount = longCount
  }

  // MARK: Sentences and words

  private static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "eg", "e.g", "ie", "i.e", "etc", "no", "vs", "cf", "approx", "prof", "sgt", "dc", "ds", "pc",
  ]

  /// The sentences of one piece of text.
  package static func sentences(in piece: String) -> [String] {
    var result: [String] = []
    var current = ""
    let characters = Array(piece)
    var i = 0
    while i < characters.count {
      let c = characters[i]
      current.append(c)
      if c == "." || c == "!" || c == "?" {
        // Closing quotes and brackets belong to the sentence they end.
        var j = i + 1
        while j < characters.count, "\"'”’)]".contains(characters[j]) {
          current.append(characters[j])
          j += 1
        }
        let atBreak = j == characters.count || characters[j] == " " || characters[j] == "\t"
        let lastWord = current.split(separator: " ").last.map { $0.lowercased().filter { $0.isLetter || $0 == "." } } ?? ""
        let abbreviation = c == "." && abbreviations.contains(String(lastWord.dropLast()))
        if atBreak && !abbreviation {
          result.append(current.trimmingBlanks)
          current = ""
        }
        i = j
        continue
      }
      i += 1
    }
    if !current.trimmingBlanks.isEmpty { result.append(current.trimmingBlanks) }
    return result
  }

  /// The words of a sentence: space-separated runs holding a letter or a digit.
  static func words(in sentence: String) -> [Substring] {
    sentence.split(whereSeparator: { $0 == " " || $0 == "\t" }).filter { $0.contains { $0.isLetterQuickly || $0.isNumberQuickly } }
  }

  private static func letters(_ token: Substring) -> String { String(token.filter { $0.isLetterQuickly || $0 == "-" }) }

  /// The syllables of a word as written: its hyphenated parts' syllables added up; a number
  /// counts one syllable a digit (`13` is two, as in "thir-teen"), a rough but stable guess.
  static func syllables(inToken token: Substring) -> Int {
    let parts = token.split(separator: "-")
    var total = 0
    for part in parts {
      let letters = part.filter(\.isLetterQuickly)
      if !letters.isEmpty {
        total += syllables(in: String(letters))
      } else {
        let digits = part.filter(\.isNumberQuickly).count
        if digits > 0 { total += digits }
      }
    }
    return max(1, total)
  }

  /// Syllables of an English word, estimated by the usual vowel-group heuristic (there is no
  /// pronouncing dictionary offline):
  /// 1. each run of vowels (`a e i o u y`, and `y` only after the first letter) is a syllable;
  /// 2. a final silent `e` is not (`make`), unless the word ends in a consonant and `le`
  ///    (`table`) or the `e` is its only vowel (`the`);
  /// 3. a final `-ed` is silent except after `t` or `d` (`asked` one, `wanted` two);
  /// 4. a final `-es` is silent except after `s`, `x`, `z`, `c`, `g`, `ch` and `sh` (`makes`
  ///    one, `boxes`, `places`, `changes` two);
  /// 5. every word has at least one.
  /// It is right for most words and close for the rest (`period` gets two, not three); over a
  /// passage the errors are small beside what the score measures.
  static func syllables(in word: String) -> Int {
    let w = Array(word.lowercased().filter { $0.isLetterQuickly }.map { $0 == "é" || $0 == "è" || $0 == "ê" ? "e" : $0 })
    guard w.count > 2 else { return 1 }
    func isVowel(_ index: Int) -> Bool {
      switch w[index] {
      case "a", "e", "i", "o", "u", "à", "â", "ä", "î", "ï", "ô", "ö", "û", "ü": return true
      case "y": return index > 0
      default: return false
      }
    }
    var groups = 0
    var previousVowel = false
    for index in w.indices {
      let vowel = isVowel(index)
      if vowel && !previousVowel { groups += 1 }
      previousVowel = vowel
    }
    let n = w.count
    if groups > 1, w[n - 1] == "e" {
      let consonantLE = w[n - 2] == "l" && !isVowel(n - 3)
      if !consonantLE && !isVowel(n - 2) { groups -= 1 }
    } else if groups > 1, w[n - 2] == "e", w[n - 1] == "d" {
      if !"td".contains(w[n - 3]) && !isVowel(n - 3) { groups -= 1 }
    } else if groups > 1, w[n - 2] == "e", w[n - 1] == "s" {
      let before = w[n - 3]
      let sibilant = "sxzcg".contains(before) || (n >= 4 && (before == "h" && "cs".contains(w[n - 4])))
      if !sibilant && !isVowel(n - 3) { groups -= 1 }
    }
    return max(1, groups)
  }
}
