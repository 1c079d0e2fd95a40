/// How hard a scenario's material is to read, on a small fixed scale, so that a trainee (and a
/// facilitator choosing scenarios for a group) can see before starting how much of it may weigh on
/// them. Every level is non-graphic: the scale says what a trainee will *meet*, never how vividly.
///
/// The words are the values of the header's `intensity:` field and are shown as they are
/// ("Intensity: moderate — ..."), so they are plain English rather than codes. The field is
/// optional, so that trainers' own files written before it existed stay valid; every shipped
/// scenario has one.
public enum ScenarioIntensity: String, Sendable, Codable, CaseIterable, Equatable {
  case low
  case moderate
  case high

  /// What a trainee will meet at this level, in a sentence: shown next to the content note and
  /// written into the format reference, so the two never say different things.
  public var meaning: String {
    switch self {
    case .low:
      "worries about a child's care or safety, with no harm to a child described: missed appointments, poor attendance, a worried call; an ending may leave a child at risk but does not show harm happening"
    case .moderate:
      "harm to a child is part of the case, named plainly and briefly: neglect that affects a child's health (hunger, weight loss, a child admitted to hospital unwell), a child frightened or humiliated by the adults meant to protect them, domestic abuse between adults; the review behind it may have been into a child's death, and the lessons say so"
    case .high:
      "the case turns on the sexual abuse or sexual exploitation of a child, on deliberate injury to a child or serious violence against one, and an unsafe ending may tell of the child being hurt again; nothing is described graphically, but the subject is among the hardest in safeguarding"
    }
  }

  /// A few words for the library listing, where each scenario has a line or two.
  public var gist: String {
    switch self {
    case .low: "no harm to a child described"
    case .moderate: "harm to a child named plainly, never described"
    case .high: "sexual abuse, exploitation or violence against a child; never described graphically"
    }
  }

  /// The line shown before play, next to the content note: "Intensity: moderate — ...".
  public var label: String { "Intensity: \(rawValue) — \(meaning)." }

  /// The line shown in the library listing: "Intensity: moderate — harm to a child named...".
  public var shortLabel: String { "Intensity: \(rawValue) — \(gist)." }

  /// The words allowed, for messages and suggestions: "low, moderate or high".
  public static var allowedWords: String {
    let words = allCases.map(\.rawValue)
    return words.dropLast().joined(separator: ", ") + " or " + words.last!
  }
}
