public import CaseFormat

/// The surface features of an option that a trainee could pick by without reading the case: its
/// length, and words that sound like good practice (or the child's name).
///
/// A score measures judgement only if these do not give the answer away, so the analysis plays
/// naive strategies built on them and the checker warns where the best option stands out.
public struct SurfaceCues: Sendable {
  /// Word stems that sound like safeguarding good practice, matched at the start of a word,
  /// ignoring case ("refer" matches "referral"). Kept short and documented in the trainer's
  /// guide, so an author can see what the keyword strategy looks for.
  public static let keywordStems = [
    "refer", "share", "sharing", "strategy", "safeguard", "explore", "protect", "escalat", "consult",
    "alone", "voice", "welfare", "concern",
  ]

  /// How much longer than every other option the best one must be for `check` to warn.
  public static let lengthWarningRatio = 1.2

  /// Lower-cased first names of the children at the heart of the case (header `children:`).
  public let childNames: [String]

  public init(scenario: Scenario) {
    childNames = scenario.header.children.map { $0.lowercased() }
  }

  /// How many keyword stems and child names the text contains (each counted once).
  public func hits(in text: String) -> Int { matchedWords(in: text).count }

  /// The keyword stems and child names the text contains, in list order.
  public func matchedWords(in text: String) -> [String] {
    let words = Self.words(text)
    var matched: [String] = []
    for stem in Self.keywordStems where words.contains(where: { $0.hasPrefix(stem) }) {
      matched.append(stem)
    }
    for name in childNames where words.contains(name) || words.contains(name + "s") {
      matched.append(name)
    }
    return matched
  }

  /// An option's length as a reader sees it: its characters.
  public static func length(_ text: String) -> Int { text.count }

  static func words(_ text: String) -> [String] {
    let lowered = text.lowercased()
    // Most option text is ASCII: split its bytes rather than walk grapheme clusters.
    if lowered.utf8.allSatisfy({ $0 < 0x80 }) {
      return lowered.utf8.split(whereSeparator: { !(0x61...0x7A).contains($0) }).map { String(decoding: $0, as: UTF8.self) }
    }
    var words: [String] = []
    var current = ""
    for character in lowered {
      if character.isLetter {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}
