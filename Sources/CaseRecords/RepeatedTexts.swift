/// The texts a bulk read of events meets again and again (passage ids, choice texts, roles,
/// session ids, score deltas), each kept once.
///
/// A cohort's million events repeat the few thousand texts of the library's choices. Keeping one
/// copy of each, rather than one per event, saves most of the memory a report over them needs,
/// and decoding a score-delta text once per distinct text saves most of the decoding.
package struct RepeatedTexts {
  private var texts: Set<String> = []
  private var deltas: [String: [String: Int]] = [:]

  package init() {}

  /// The copy of `text` already kept, or `text`, now kept.
  package mutating func shared(_ text: String) -> String {
    texts.insert(text).memberAfterInsert
  }

  package mutating func sharedIfPresent(_ text: String?) -> String? {
    text.map { shared($0) }
  }

  /// The score deltas a stored text holds (a JSON object of principle ids to points), decoded
  /// once per distinct text; nil when the text is not such an object.
  package mutating func scoreDeltas(_ text: String, decode: (String) -> [String: Int]?) -> [String: Int]? {
    if let known = deltas[text] { return known }
    guard let decoded = decode(text) else { return nil }
    deltas[text] = decoded
    return decoded
  }
}
