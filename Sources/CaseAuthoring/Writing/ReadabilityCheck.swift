import CaseFormat
import Foundation

/// The warnings about how a scenario reads: a passage below the reading-ease target
/// (`hard-to-read`), and a `minutes:` header clearly outside the estimated playing time
/// (`minutes-mismatch`). Each says the numbers and what to change.
enum ReadabilityCheck {
  static func hardPassages(_ scenario: Scenario, target: Double) -> [Diagnostic] {
    scenario.orderedPassages.compactMap { passage in
      let ease = ReadingEase(pieces: PassageText.all(passage))
      guard ease.words >= WritingChecks.minimumWordsForReadingEase, ease.score < target else { return nil }
      let longShare = Int((Double(ease.longWordCount) / Double(ease.words) * 100).rounded())
      var notes = [
        DiagnosticNote(
          "its longest sentence has \(ease.longestSentenceWords) words: \"\(excerpt(ease.longestSentence))\""),
        DiagnosticNote(
          "\(longShare)% of its words have three syllables or more"
            + (ease.longWords.isEmpty ? "" : " (\(ease.longWords.prefix(5).joined(separator: ", ")))")),
      ]
      notes.append(
        DiagnosticNote(
          "split long sentences and prefer short, everyday words; the trainee reads this under time pressure"))
      return .warning(
        .hardToRead,
        "passage '\(passage.id)' is hard to read: its reading ease is \(Int(ease.score.rounded())), below the target of \(format(target)) "
          + "(\(format(ease.averageSentenceWords)) words a sentence, \(format(ease.averageSyllablesPerWord, places: 2)) syllables a word)",
        at: passage.location, length: passage.id.count, notes: notes)
    }
  }

  static func minutesMismatch(_ scenario: Scenario) -> Diagnostic? {
    guard let time = ReadingTime(scenario: scenario), let at = scenario.header.locations["minutes"] else { return nil }
    let minutes = Double(scenario.header.minutes)
    let low = Int(time.shortestMinutes.rounded(.up))
    let high = max(low, Int(time.longestMinutes.rounded(.down)))
    let range = low == high ? "about \(low) minutes" : "\(low) to \(high) minutes"
    let explanation = DiagnosticNote(
      "estimated from the words read at \(Int(ReadingTime.wordsPerMinute)) a minute, \(Int(ReadingTime.secondsPerDecision)) seconds a decision "
        + "and \(Int(ReadingTime.secondsPerRationale)) more to answer \"Why?\" in assessment mode, along the quickest and the slowest way to an ending")
    if minutes < time.shortestMinutes / WritingChecks.minutesRatio && time.shortestMinutes - minutes > WritingChecks.minutesSlack {
      return .warning(
        .minutesMismatch,
        "minutes: \(scenario.header.minutes) is too short: a playthrough is estimated to take \(range)",
        at: at, length: String(scenario.header.minutes).count, suggestion: String(low),
        notes: [explanation, DiagnosticNote("set minutes: to a time within the range, such as \(low)")])
    }
    if minutes > time.longestMinutes * WritingChecks.minutesRatio && minutes - time.longestMinutes > WritingChecks.minutesSlack {
      return .warning(
        .minutesMismatch,
        "minutes: \(scenario.header.minutes) is too long: a playthrough is estimated to take \(range)",
        at: at, length: String(scenario.header.minutes).count, suggestion: String(high),
        notes: [explanation, DiagnosticNote("set minutes: to a time within the range, such as \(high)")])
    }
    return nil
  }

  private static func excerpt(_ sentence: String) -> String {
    sentence.count <= 90 ? sentence : String(sentence.prefix(87)) + "..."
  }

  private static func format(_ value: Double, places: Int = 0) -> String {
    places == 0 && value == value.rounded() ? String(Int(value)) : String(format: "%.\(max(places, 1))f", value)
  }
}
