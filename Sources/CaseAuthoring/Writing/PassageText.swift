import CaseFormat

/// What a trainee reads in a passage, as pieces of text (a paragraph, a fact, an option, a line
/// of feedback), taken from the compiled scenario. The reading-ease and reading-time checks both
/// measure these, so they agree on what counts as the trainee's text.
///
/// `everything: false` keeps only what every playthrough that arrives is sure to be shown:
/// prose lines and options without a condition or a role, in a passage for every role. That is
/// the lower bound the reading time's shortest path needs; `true` is everything that can be shown.
enum PassageText {
  /// The story: prose paragraphs and case-file facts.
  static func story(_ passage: Passage, everything: Bool = true) -> [String] {
    if !everything && !passage.roles.isEmpty { return [] }
    return passage.paragraphs { everything || $0.condition == nil } + passage.facts.map(\.text)
  }

  /// The options' texts.
  static func options(_ passage: Passage, everything: Bool = true) -> [String] {
    passage.choices.filter { everything || ($0.condition == nil && $0.roles.isEmpty) }.map(\.text)
  }

  /// What follows a decision: its `>` feedback, the reasons given with its scores and its
  /// critical mark (shown after it in practice mode, and in the debrief in both modes).
  static func feedback(_ choice: Choice) -> [String] {
    choice.feedback + choice.scores.compactMap(\.explanation) + [choice.critical?.reason].compactMap { $0 }
  }

  /// An ending's lessons and reflection questions (its own, then the scenario's).
  static func ending(_ passage: Passage, scenarioWide header: ScenarioHeader? = nil) -> [String] {
    guard let ending = passage.ending else { return [] }
    return ending.lessons + ending.reflections + (header.map { $0.lessons + $0.reflections } ?? [])
  }

  /// Everything the passage can show, the feedback on each of its options and, for an ending,
  /// its own lessons and questions: what its reading ease is measured over.
  static func all(_ passage: Passage) -> [String] {
    story(passage) + options(passage) + passage.choices.flatMap(feedback) + ending(passage)
  }

  /// Words, counted as ``ReadingEase`` counts them.
  static func words(_ pieces: [String]) -> Int {
    pieces.reduce(0) { $0 + ReadingEase.words(in: $1).count }
  }
}
