import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("Writing quality: reading ease, reading time and spelling")
struct WritingQualityTests {
  @Test("the likeliest suggestion comes first: fewest edits, keeping the first letter, else Hunspell's order")
  func suggestionsRanked() {
    #expect(SpellingCheck.ranked(["Rte", "Wert", "Arte", "Write", "Wrote"], for: "Wrte") == ["Write", "Wrote", "Rte", "Arte", "Wert"])
    #expect(SpellingCheck.ranked(["b", "a"], for: "c") == ["b", "a"])
  }

  /// Writes `marked` to a fresh folder (with `words` as its word list, if given) and checks it as
  /// `casesim check` does.
  func check(
    _ marked: String, writing: WritingChecks = WritingChecks(), words: String? = nil
  ) throws -> (diagnostics: [Diagnostic], text: MarkedText, path: String) {
    let text = MarkedText(marked)
    let folder = Fixtures.temporaryDirectory()
    let path = folder + "/w.case"
    try text.text.write(toFile: path, atomically: true, encoding: .utf8)
    if let words { try words.write(toFile: folder + "/" + WordList.fileName, atomically: true, encoding: .utf8) }
    let loaded = ScenarioChecker.check(path: path, guidance: Fixtures.guidance, writing: writing)
    #expect(!loaded.diagnostics.hasErrors, "fixture must compile: \(loaded.diagnostics.map(\.description))")
    return (loaded.diagnostics, text, path)
  }

  static let ending = "== done\n@ending safe | Done\nShe is safe.\n@lesson L.\n"

  /// A passage of `repeats` copies of `sentence`, with one scored choice to the ending.
  static func scenario(_ sentence: String, repeats: Int, minutes: Int = 5) -> String {
    Fixtures.header(guides: "practice-lessons").replacingOccurrences(of: "minutes: 5", with: "minutes: \(minutes)")
      + "== ⟦start⟧start\n" + Array(repeating: sentence, count: repeats).joined(separator: "\n")
      + "\n* Go on -> done\n  + see-child-alone 1\n" + ending
  }

  static let hardSentence =
    "Multi-agency safeguarding arrangements necessitate comprehensive information-sharing protocols, incorporating systematic documentation of organisational responsibilities and demonstrable consideration of proportionality."
  static let easySentence = "Amy is at the door. She looks cold, so you ask her in. She sits down and says she is hungry."

  // MARK: Reading ease

  @Test("syllables are estimated by the documented heuristic")
  func syllables() {
    let cases: [(String, Int)] = [
      ("the", 1), ("make", 1), ("table", 2), ("asked", 1), ("wanted", 2), ("makes", 1), ("places", 2),
      ("changes", 2), ("boxes", 2), ("social", 2), ("agree", 2), ("played", 1), ("information", 4), ("child", 1),
      ("thirteen-year-old", 4), ("13", 2),
    ]
    for (word, expected) in cases {
      #expect(ReadingEase(pieces: [word]).syllables == expected, "\(word)")
    }
  }

  @Test("the Flesch score follows the formula, and options and facts end sentences without full stops")
  func formula() {
    let ease = ReadingEase(pieces: ["The cat sat. The dog ran!", "Ring the school now"])
    #expect(ease.sentences == 3 && ease.words == 10 && ease.syllables == 10)
    #expect(abs(ease.score - (206.835 - 1.015 * 10 / 3 - 84.6)) < 0.001)
    #expect(ReadingEase(pieces: ["Mr. Lowe met Dr. Shah. They talked."]).sentences == 2)
  }

  @Test("a hard passage warns at its == line with the score, the target and what makes it hard; an easy one does not")
  func hardPassage() throws {
    let hard = try check(Self.scenario(Self.hardSentence, repeats: 6))
    let warning = try #require(hard.diagnostics.first { $0.code == .hardToRead })
    #expect(warning.severity == .warning)
    #expect(warning.location == hard.text.location("start", file: hard.path))
    #expect(warning.length == "start".count)
    #expect(warning.message.contains("passage 'start' is hard to read"))
    #expect(warning.message.contains("below the target of 40"))
    let notes = warning.notes.map(\.message).joined(separator: "\n")
    #expect(notes.contains("its longest sentence has 18 words: \"Multi-agency safeguarding"))
    #expect(notes.contains("three syllables or more (") && notes.contains("proportionality"))
    let easy = try check(Self.scenario(Self.easySentence, repeats: 6))
    #expect(!easy.diagnostics.contains { $0.code == .hardToRead })
  }

  @Test("the target is the trainer's: a stricter one warns on a fair passage, none turns the check off")
  func target() throws {
    let fair = Self.scenario("The school nurse telephones about Jayden, who has appeared hungry and exhausted throughout the week in class.", repeats: 8)
    let score = ReadingEase(pieces: ["The school nurse telephones about Jayden, who has appeared hungry and exhausted throughout the week in class."]).score
    #expect(score > 50 && score < 80)
    #expect(try !check(fair).diagnostics.contains { $0.code == .hardToRead })
    #expect(try check(fair, writing: WritingChecks(readingEaseTarget: 90)).diagnostics.contains { $0.code == .hardToRead })
    let off = try check(Self.scenario(Self.hardSentence, repeats: 6), writing: WritingChecks(readingEaseTarget: nil))
    #expect(!off.diagnostics.contains { $0.code == .hardToRead })
  }

  @Test("a passage under 100 words is not measured, however hard")
  func shortPassage() throws {
    let short = try check(Self.scenario(Self.hardSentence, repeats: 3))
    #expect(!short.diagnostics.contains { $0.code == .hardToRead })
  }

  @Test("hard-to-read is silenced by a comment above the passage")
  func silenceHard() throws {
    let text = Self.scenario(Self.hardSentence, repeats: 6).replacingOccurrences(
      of: "== ⟦start⟧start", with: "// casesim-ignore: hard-to-read\n== start")
    #expect(try !check(text).diagnostics.contains { $0.code == .hardToRead })
  }

  // MARK: Reading time

  @Test("a minutes: header far below the estimate warns at the number with one that fits; a fitting one does not")
  func minutesTooShort() throws {
    // About 1,700 words before the only decision: some seven minutes of reading.
    let long = Self.scenario(Self.easySentence, repeats: 80, minutes: 1).replacingOccurrences(
      of: "minutes: 1", with: "minutes: ⟦m⟧1")
    let warned = try check(long)
    let warning = try #require(warned.diagnostics.first { $0.code == .minutesMismatch })
    #expect(warning.location == warned.text.location("m", file: warned.path))
    #expect(warning.message.hasPrefix("minutes: 1 is too short: a playthrough is estimated to take"))
    let suggested = try #require(warning.suggestion.flatMap { Int($0) })
    #expect((7...9).contains(suggested))
    let fitting = Self.scenario(Self.easySentence, repeats: 80, minutes: suggested)
    #expect(try !check(fitting).diagnostics.contains { $0.code == .minutesMismatch })
  }

  @Test("a minutes: header far above the slowest playthrough warns; the quickest counts only what every arrival sees")
  func minutesTooLong() throws {
    let tiny = try check(Self.scenario(Self.easySentence, repeats: 1, minutes: 60))
    #expect(tiny.diagnostics.first { $0.code == .minutesMismatch }?.message.hasPrefix("minutes: 60 is too long") == true)
    let scenario = Fixtures.load(
      Fixtures.header(guides: "practice-lessons") + "flag x\n== start\n{x} " + Array(repeating: "word", count: 476).joined(separator: " ")
        + "\n* Go -> done\n  + see-child-alone 1\n  ~ set x\n" + Self.ending
    ).scenario
    let time = try #require(ReadingTime(scenario: scenario))
    // 476 words are two minutes of reading, in the slowest playthrough only.
    #expect(time.longestMinutes - time.shortestMinutes > 1.9)
  }

  // MARK: Spelling

  @Test("words are found where the trainee reads them, and ids, conditions, effects and comments are not text")
  func writtenWords() throws {
    let text = MarkedText(
      Fixtures.header(guides: "practice-lessons").replacingOccurrences(of: "title: Fixture", with: "title: ⟦title⟧Tytle")
        + "flag seen\n// a cmment\n== start\n@fact Mon | ⟦fact⟧Factt here.\n{seen} ⟦prose⟧Prosse line.\n"
        + "* {not seen} ⟦choice⟧Choyce text -> done\n  + see-child-alone 1: ⟦why⟧Becauze.\n  > ⟦feedback⟧Feedbak, Amy’s ⟦poss⟧frend's.\n  ~ set seen\n"
        + "== done\n@ending safe | ⟦title2⟧Endd\n@lesson ⟦lesson⟧Lessen\n  ⟦more⟧continyes here.\n")
    let loaded = Fixtures.load(text.text, path: "s.case")
    #expect(!loaded.diagnostics.hasErrors)
    let words = Set(WrittenWords.words(in: loaded).map { "\($0.word)@\($0.location.line):\($0.location.column)" })
    for (marker, word) in [
      ("title", "Tytle"), ("fact", "Factt"), ("prose", "Prosse"), ("choice", "Choyce"), ("why", "Becauze"),
      ("feedback", "Feedbak"), ("poss", "frend"), ("title2", "Endd"), ("lesson", "Lessen"), ("more", "continyes"),
    ] {
      let at = try #require(text.markers[marker])
      #expect(words.contains("\(word)@\(at.line):\(at.column)"), "\(word)")
    }
    let all = Set(WrittenWords.words(in: loaded).map(\.word))
    for notText in ["seen", "cmment", "see", "alone", "done", "start", "safe"] {
      #expect(!all.contains(notText), "\(notText)")
    }
    #expect(all.contains("Amy"))
  }

  @Test("a word list accepts lower-case words in any capitals and capitalised words as written")
  func wordList() {
    let list = WordList(["safeguarding", "Childline", "MASH"])
    #expect(list.accepts("safeguarding") && list.accepts("Safeguarding") && list.accepts("SAFEGUARDING"))
    #expect(list.accepts("Childline") && list.accepts("CHILDLINE") && !list.accepts("childline"))
    #expect(list.accepts("MASH") && !list.accepts("Mash"))
  }

  @Test("Hunspell's pipe output gives each word its suggestions, leaving out those of two words")
  func pipeOutput() {
    let output = ["@(#) International Ispell Version 3.2.06 (but really Hunspell 1.7.1)", "& recieve 3 1: receive, relieve, reverie", "",
      "# zzxq 1", "", "& color 4 1: colour, colon, col or, col-or", ""]
    #expect(
      Speller.suggestions(fromPipeOutput: output) == [["receive", "relieve", "reverie"], [], ["colour", "colon", "col-or"]])
  }

  static let spellingFixture =
    Fixtures.header(guides: "practice-lessons").replacingOccurrences(of: "modes:", with: "children: Kayden\nmodes:")
    + "== start\nKayden tells you he will ⟦1⟧recieve a phone from Mr Dorrington. Mr Dorrington gave Kayden trainers.\n"
    + "You read the MASH notes and the ISVA's letter.\n* Go on -> done\n  + see-child-alone 1\n" + ending

  @Test(
    "a misspelt word is reported at its line and column with Hunspell's suggestion; names from children: and used twice, and the word list, are not",
    .enabled(if: Fixtures.hunspellInstalled, "needs Hunspell and its en_GB dictionary (apt-get install hunspell hunspell-en-gb)"))
  func misspelling() throws {
    let speller = Speller(settings: .init(searchPath: ProcessInfo.processInfo.environment["PATH"]))
    let checked = try check(Self.spellingFixture, writing: WritingChecks(speller: speller), words: "# acronyms\nISVA\n")
    let misspelt = checked.diagnostics.filter { $0.code == .misspelling }
    #expect(misspelt.count == 1, "\(misspelt.map(\.description))")
    let warning = try #require(misspelt.first)
    #expect(warning.severity == .warning)
    #expect(warning.location == checked.text.location("1", file: checked.path))
    #expect(warning.length == "recieve".count)
    #expect(warning.suggestion == "receive")
    #expect(warning.message == "'recieve' is not in the en_GB dictionary or the word list")
    // Without the word list, the acronym is reported too.
    let without = try check(Self.spellingFixture, writing: WritingChecks(speller: speller))
    #expect(without.diagnostics.filter { $0.code == .misspelling }.map { $0.message.prefix(6) }.contains("'ISVA'"))
  }

  @Test("a misspelling is silenced by a comment above its line", .enabled(if: Fixtures.hunspellInstalled, "needs Hunspell and its en_GB dictionary (apt-get install hunspell hunspell-en-gb)"))
  func silenceMisspelling() throws {
    let speller = Speller(settings: .init(searchPath: ProcessInfo.processInfo.environment["PATH"]))
    let text = Self.spellingFixture.replacingOccurrences(of: "== start\n", with: "== start\n// casesim-ignore: misspelling\n")
    let checked = try check(text, writing: WritingChecks(speller: speller), words: "ISVA\n")
    #expect(!checked.diagnostics.contains { $0.code == .misspelling })
  }

  @Test("without Hunspell, spelling is skipped with one note saying what to install, and nothing fails")
  func hunspellMissing() throws {
    let missing = Speller(settings: .init(hunspell: "/nonexistent/hunspell", searchPath: nil))
    let checked = try check(Self.spellingFixture, writing: WritingChecks(speller: missing))
    let notes = checked.diagnostics.filter { $0.code == .spellingSkipped }
    #expect(notes.count == 1)
    #expect(notes.first?.severity == .note)
    #expect(notes.first?.message.contains("there is no Hunspell program at /nonexistent/hunspell") == true)
    #expect(!checked.diagnostics.contains { $0.code == .misspelling })
    let noPath = Speller(settings: .init(searchPath: "/nonexistent"))
    guard case .failure(let reason) = noPath.verdicts(for: ["hello"]) else {
      Issue.record("a Hunspell found on a search path with none")
      return
    }
    #expect(reason.reason.contains("sudo apt-get install hunspell hunspell-en-gb"))
  }

  @Test("a missing dictionary is a note too", .enabled(if: Fixtures.hunspellInstalled, "needs Hunspell and its en_GB dictionary (apt-get install hunspell hunspell-en-gb)"))
  func dictionaryMissing() {
    let speller = Speller(settings: .init(dictionary: "xx_YY", searchPath: ProcessInfo.processInfo.environment["PATH"]))
    guard case .failure(let reason) = speller.verdicts(for: ["hello"]) else {
      Issue.record("a dictionary that does not exist was opened")
      return
    }
    #expect(reason.reason.contains("cannot open the dictionary 'xx_YY'"))
  }
}
