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
  /// written into the format reference (a test fails when the two differ). It describes the
  /// level with examples, not the scenario: the content note above it says what this scenario
  /// holds, so no level names one kind of harm as if every scenario at it held that.
  public var meaning: String {
    switch self {
    case .low:
      "worries about a child's care or safety, with no harm to a child described: missed appointments, poor attendance, a worried call; an ending may leave a child at risk but does not show harm happening"
    case .moderate:
      "harm to a child is part of the case, named plainly and briefly, for example neglect that affects a child's health, a child frightened or humiliated by the adults meant to protect them, or domestic abuse between adults; the review behind it may have been into a child's death, and the lessons say so"
    case .high:
      "the case turns on serious harm done to a child, such as sexual abuse or exploitation, deliberate injury or serious violence, and an unsafe ending may tell of the child being hurt again; nothing is described graphically, but the subject is among the hardest in safeguarding"
    }
  }

  /// A few words for the library listing, where each scenario has a line or two.
  public var gist: String {
    switch self {
    case .low: "no harm to a child described"
    case .moderate: "harm to a child named plainly, never described"
    case .high: "serious harm done to a child, such as abuse, exploitation or violence; never described graphically"
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
