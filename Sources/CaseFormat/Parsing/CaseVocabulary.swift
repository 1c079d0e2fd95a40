import Foundation

/// The words of the `.case` format in one table: header fields, directives and the signs that
/// open a choice's lines. The parser, the compiler and the formatter take them from here, and the
/// reference tables in Documentation/scenario-format.md are generated from here (a test fails
/// when the two drift apart), so a new word is added once.
public enum CaseVocabulary {
  /// A `key: value` line of the header.
  public struct HeaderField: Sendable {
    public let key: String
    public let isRequired: Bool
    /// `lesson:` and `reflect:` may be given more than once; every other field once.
    public let mayRepeat: Bool
    /// What the field means, as the format reference says it.
    public let meaning: String
    /// True when a trainee reads the value as prose (the title, the summary, the content note,
    /// lessons and reflections): the writing checks read these, not ids or keywords.
    public let isProse: Bool

    init(key: String, isRequired: Bool, mayRepeat: Bool, isProse: Bool = false, meaning: String) {
      self.key = key
      self.isRequired = isRequired
      self.mayRepeat = mayRepeat
      self.isProse = isProse
      self.meaning = meaning
    }
  }

  /// The keys of the header fields a trainee reads as prose.
  public static let proseHeaderKeys = Set(headerFields.filter(\.isProse).map(\.key))

  /// Where a directive may be written.
  public enum Place: String, Sendable {
    /// Outside passages, before the first one.
    case file = "outside passages"
    /// On its own line in a passage.
    case passage = "in a passage"
    /// Indented under a choice.
    case choice = "under a choice"
    /// In a passage, or under a choice.
    case passageOrChoice = "in a passage or under a choice"
  }

  /// An `@word` line.
  public struct Directive: Sendable {
    public let name: String
    public let place: Place
    /// True when its text may go on over the indented lines after it.
    public let continues: Bool
    public let meaning: String
  }

  /// A sign that opens one of a choice's own lines (`+ see-child-alone 2`).
  public struct ChoiceSign: Sendable {
    public let sign: Character
    public let written: String
    public let meaning: String
  }

  /// The header fields, in the order the reference lists them and `fmt` writes them.
  public static let headerFields: [HeaderField] = [
    .init(
      key: "id", isRequired: true, mayRepeat: false,
      meaning: "stable kebab-case id, e.g. `duty-desk-friday`; what `casesim play ID` uses and what records store"),
    .init(key: "title", isRequired: true, mayRepeat: false, isProse: true, meaning: "the title shown in the library"),
    .init(key: "summary", isRequired: true, mayRepeat: false, isProse: true, meaning: "one or two sentences for the library screen"),
    .init(
      key: "roles", isRequired: true, mayRepeat: false,
      meaning: "comma-separated role ids the scenario is written for, e.g. `social-worker, police`; the first is the default"),
    .init(key: "minutes", isRequired: true, mayRepeat: false, meaning: "estimated minutes to play (a whole number)"),
    .init(
      key: "content-note", isRequired: true, mayRepeat: false, isProse: true,
      meaning: "what the material contains, shown before the first passage so a trainee can step out"),
    .init(
      key: "intensity", isRequired: false, mayRepeat: false,
      meaning:
        "how hard the material is to read, shown with the content note and in the library: `low`, `moderate` or `high` (each defined under [Intensity](#intensity)); never graphic at any level"),
    .init(
      key: "reviews", isRequired: true, mayRepeat: false,
      meaning:
        "the case review(s) the scenario is informed by, separated by `;` — title and year, e.g. `Independent Inquiry into Child Sexual Exploitation in Rotherham (2014)`"),
    .init(
      key: "guides", isRequired: true, mayRepeat: false,
      meaning: "comma-separated ids of the guidance catalogs (files in `Guides/`) the scenario scores against"),
    .init(key: "modes", isRequired: true, mayRepeat: false, meaning: "`practice`, `assessment`, or both, comma-separated"),
    .init(
      key: "themes", isRequired: false, mayRepeat: false,
      meaning: "comma-separated practice-theme tags, e.g. `child-voice, information-sharing`"),
    .init(
      key: "children", isRequired: false, mayRepeat: false,
      meaning:
        "comma-separated first names of the children at the heart of the case, e.g. `Alfie, Mason`; the surface-cue analysis checks that naming the child does not, on its own, mark the right option"),
    .init(
      key: "start", isRequired: false, mayRepeat: false,
      meaning: "the passage play begins at; default: the passage called `start`, else the first passage"),
    .init(
      key: "lesson", isRequired: false, mayRepeat: true, isProse: true,
      meaning: "a \"what the review found\" lesson that applies to every ending"),
    .init(key: "reflect", isRequired: false, mayRepeat: true, isProse: true, meaning: "a reflection question for the debrief"),
  ]

  /// Every directive.
  public static let directives: [Directive] = [
    .init(name: "include", place: .file, continues: false, meaning: "include a `.passages` file, by a path in quotes relative to this file"),
    .init(name: "fact", place: .passage, continues: true, meaning: "add a fact to the case file: `@fact WHEN | TEXT` (WHEN is optional; `Label [TIME]` gives a label its place in the chronology); `@fact #ID WHEN | TEXT` names it, so it can be shared and asked about"),
    .init(name: "role", place: .passageOrChoice, continues: false, meaning: "show the passage, or offer the choice, only to these roles"),
    .init(name: "ending", place: .passage, continues: false, meaning: "make the passage an ending: `@ending safe|partly-safe|unsafe | TITLE`"),
    .init(name: "lesson", place: .passage, continues: true, meaning: "what the real review found, shown in an ending's debrief"),
    .init(name: "reflect", place: .passage, continues: true, meaning: "a reflection question for an ending's debrief"),
    .init(name: "why", place: .passage, continues: true, meaning: "the neutral question asked after any choice here (\"Why?\")"),
    .init(name: "keep-order", place: .passage, continues: false, meaning: "show the passage's options as written, never shuffled"),
    .init(name: "joint", place: .passage, continues: false, meaning: "a meeting: in a team session it begins when every role played has reached it, everyone sees it, and one decision moves everyone on"),
    .init(name: "chair", place: .passage, continues: false, meaning: "`@chair ROLE`: who takes a joint passage's decision when that role is played (otherwise the table agrees and the first participant enters it)"),
    .init(name: "if", place: .choice, continues: false, meaning: "offer the choice only when the condition holds"),
  ]

  /// The signs of a choice's own lines; each is followed by a space.
  public static let choiceSigns: [ChoiceSign] = [
    .init(sign: "+", written: "+ ID N[: TEXT]", meaning: "the decision follows a principle, with weight N (1 to 5) and why"),
    .init(sign: "-", written: "- ID N[: TEXT]", meaning: "the decision goes against a principle, with weight N and why"),
    .init(sign: ">", written: "> TEXT", meaning: "feedback shown after the decision (in practice mode)"),
    .init(sign: "!", written: "! critical[: TEXT]", meaning: "a critical decision: on its own it leaves the child unsafe"),
    .init(sign: "?", written: "? TEXT", meaning: "the question to ask about this decision"),
    .init(sign: "~", written: "~ EFFECT", meaning: "change a flag or counter: `set F`, `clear F`, `C += N`, `C -= N`, `C = N`; or tell roles a named fact: `share FACT with ROLE, ROLE` (or `with everyone`)"),
  ]

  /// The header field named `key`, if there is one.
  public static func headerField(_ key: String) -> HeaderField? {
    headerFields.first { $0.key == key }
  }

  /// The directive named `name` (without `@`), if there is one.
  public static func directive(_ name: String) -> Directive? {
    directives.first { $0.name == name }
  }

  /// True when `character` opens one of a choice's own lines.
  public static func isChoiceSign(_ character: Character) -> Bool {
    choiceSigns.contains { $0.sign == character }
  }

  // MARK: Reference tables

  /// The header table of the format reference.
  public static var headerTable: String {
    var rows = ["| key | required | meaning |", "|---|---|---|"]
    for field in headerFields {
      let required = field.isRequired ? "yes" : (field.mayRepeat ? "no, repeatable" : "no")
      rows.append("| `\(field.key)` | \(required) | \(MarkdownTable.cell(field.meaning)) |")
    }
    return rows.joined(separator: "\n") + "\n"
  }

  /// The directive and choice-sign tables of the format reference.
  public static var directiveTable: String {
    var rows = ["| directive | where | meaning |", "|---|---|---|"]
    for directive in directives {
      let continued = directive.continues ? "; its text may continue on indented lines" : ""
      rows.append("| `@\(directive.name)` | \(directive.place.rawValue) | \(MarkdownTable.cell(directive.meaning))\(continued) |")
    }
    rows += ["", "| a choice's line | meaning |", "|---|---|"]
    for sign in choiceSigns {
      rows.append("| `\(MarkdownTable.cell(sign.written))` | \(MarkdownTable.cell(sign.meaning)) |")
    }
    return rows.joined(separator: "\n") + "\n"
  }
}
