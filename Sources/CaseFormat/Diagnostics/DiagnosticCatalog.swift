import Foundation

/// What each diagnostic code means: its default severity, the shape of its message, what it means
/// and why it matters, and an example of what brings it with the fix. The one description of
/// every code, from which the trainer's guide's tables are generated (a test fails when they
/// drift) and which `casesim explain CODE` prints; a test holds every diagnostic the checks emit
/// to its descriptor's severity and message shape.
public struct DiagnosticDescriptor: Sendable {
  public let code: DiagnosticCode
  public let group: Group
  /// The severity it is reported with.
  public let severity: Severity
  /// The one other severity a case of it takes, where the case decides (`twee-too-large` is an
  /// error when nothing can be written, a warning otherwise); nil for almost every code.
  public let otherSeverity: Severity?
  /// The shapes of its message, `{...}` standing for what varies (a name, a number, a reason):
  /// the first is the usual one; a code reported in several wordings has one for each.
  public let messages: [String]
  /// What the check means and why it matters to a trainee, in Markdown.
  public let description: String
  /// What brings it, in Markdown.
  public let example: String
  /// What to do about it, in Markdown.
  public let fix: String

  init(
    _ code: DiagnosticCode, _ group: Group, _ severity: Severity, or otherSeverity: Severity? = nil,
    message: String, description: String, example: String, fix: String
  ) {
    self.init(
      code, group, severity, or: otherSeverity, messages: [message], description: description, example: example,
      fix: fix)
  }

  init(
    _ code: DiagnosticCode, _ group: Group, _ severity: Severity, or otherSeverity: Severity? = nil,
    messages: [String], description: String, example: String, fix: String
  ) {
    self.code = code
    self.group = group
    self.severity = severity
    self.otherSeverity = otherSeverity
    self.messages = messages
    self.description = description
    self.example = example
    self.fix = fix
  }

  /// The severity as the tables and `casesim explain` write it: "error", or "error / warning".
  public var severityLabel: String {
    [severity, otherSeverity].compactMap { $0?.rawValue }.joined(separator: " / ")
  }

  /// True when a diagnostic of this code may be reported with `severity`.
  public func allows(_ severity: Severity) -> Bool {
    severity == self.severity || severity == otherSeverity
  }

  /// True when `message` has the shape of one of the templates: the template's fixed words, in
  /// order, with anything (or nothing) where it has a `{...}`.
  public func matches(_ message: String) -> Bool {
    messages.contains { Self.message(message, fits: $0) }
  }

  package static func message(_ message: String, fits template: String) -> Bool {
    let fixed = fixedParts(of: template)
    guard fixed.count > 1 else { return message == template }
    guard let first = fixed.first, let last = fixed.last, message.hasPrefix(first) else { return false }
    var remaining = message.dropFirst(first.count)
    guard remaining.count >= last.count, remaining.hasSuffix(last) else { return false }
    remaining = remaining.dropLast(last.count)
    for part in fixed.dropFirst().dropLast() where !part.isEmpty {
      guard let found = remaining.range(of: part) else { return false }
      remaining = remaining[found.upperBound...]
    }
    return true
  }

  /// A template's fixed text, in order: what lies before, between and after its `{...}`
  /// placeholders (the whole template when it has none).
  package static func fixedParts(of template: String) -> [Substring] {
    var fixed: [Substring] = []
    var rest = template[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      fixed.append(rest[..<open])
      rest = rest[rest.index(after: close)...]
    }
    fixed.append(rest)
    return fixed
  }

  /// The kinds of problem, as the trainer's guide groups them.
  public enum Group: String, Sendable, CaseIterable {
    case headerAndFile = "Header and file"
    case passagesAndChoices = "Passages and choices"
    case stateAndConditions = "State and conditions"
    case reachabilityAndPlay = "Reachability and play"
    case scoringAndLessons = "Scoring and lessons"
    case writingQuality = "Writing quality"
    case guidanceCatalogs = "Guidance catalogs (`.guide` files)"
    case twineImport = "Twine import"
  }
}

/// Every diagnostic code CaseSim reports, described.
public enum DiagnosticCatalog {
  public static let all: [DiagnosticDescriptor] = [
    .init(
      "missing-header", .headerAndFile, .error,
      messages: [
        "the header is missing {the field or fields} {fields}",
        "the catalog has no '{key}:' field",
      ],
      description: "A required header field is missing. The header is what the library, the debrief and the records read about a scenario, so without it the scenario cannot be listed or played.",
      example: "no `minutes:` line",
      fix: "add every required field: id, title, summary, roles, minutes, reviews, guides, modes"),
    .init(
      "missing-content-note", .headerAndFile, .error,
      message: "the header has no 'content-note:': say plainly what the material contains, so a trainee can step out before it starts",
      description: "The header does not say what the material contains. Safeguarding scenarios can be distressing, and the note is shown before play so that a trainee can choose not to start.",
      example: "no `content-note:`",
      fix: "say plainly what the material contains, so a trainee can step out before it starts"),
    .init(
      "unknown-header", .headerAndFile, .error,
      messages: [
        "unknown header field '{key}'",
        "unknown catalog header field '{key}'",
        "unknown field '{key}' in a guidance entry",
        "unknown key '{key}'",
      ],
      description: "A `key:` line names a field CaseSim does not know, usually a misspelling. The value is ignored, so whatever it was meant to say is lost.",
      example: "`tittle: Duty desk`",
      fix: "use the field the suggestion names (`title`)"),
    .init(
      "bad-header", .headerAndFile, .error,
      messages: [
        "minutes must be a whole number of minutes from 1 to 600, not '{value}'",
        "'{value}' is not a mode; use practice, assessment or both",
        "'{value}' is not an intensity; use {the intensities}",
        "'{value}' in '{key}' is not a valid id (lowercase letters, digits and '-')",
        "'{key}' needs a value",
        "'{key}' is given twice",
        "kind must be 'guidance' or 'competencies'",
        "year must be a four-digit year",
        "'roles:' names the professions a competency framework belongs to; it needs 'kind: competencies'",
      ],
      description: "A header field has a value CaseSim cannot read, or is given twice. The scenario would be listed, timed or offered in the wrong way.",
      example: "`minutes: twenty`, `modes: practise`, a field given twice",
      fix: "a whole number of minutes; `practice` or `assessment`; give each field once"),
    .init(
      "bad-id", .headerAndFile, .error,
      messages: [
        "'{id}' is not a valid {kind} id{ (the rule)}",
        "a passage needs an id after '=='",
        "'@role' needs one or more role ids",
      ],
      description: "An id is not lowercase letters, digits and `-` starting with a letter. Ids are what choices, records and debriefs refer to, so they are kept to one spelling that is safe everywhere.",
      example: "`== Start_Here`",
      fix: "ids are lowercase letters, digits and `-`, starting with a letter: `start-here`"),
    .init(
      "not-text", .headerAndFile, .error,
      messages: [
        "file is not valid UTF-8 text",
        "file contains a NUL byte: it is not a text file",
      ],
      description: "The file is not UTF-8 text. CaseSim reads scenarios and guidance only as text, so nothing in it can be checked or played.",
      example: "a binary or non-UTF-8 file",
      fix: "save the file as UTF-8 text"),
    .init(
      "file-too-large", .headerAndFile, .error,
      messages: [
        "file is larger than {limit}",
        "file is {size} bytes; the limit is {limit}",
      ],
      description: "The file is larger than the safety bound for one file. The bound keeps a wrong file (or a hostile one) from exhausting memory.",
      example: "a file over 128 MiB, a safety bound far above any real scenario",
      fix: "split it with `@include`"),
    .init(
      "line-too-long", .headerAndFile, .error,
      messages: [
        "line is {length} bytes long; the limit is {limit}",
        "line is too long",
      ],
      description: "One line is longer than the safety bound. Real prose never comes near it, so the line is almost certainly not what was meant.",
      example: "a line over 64 KiB",
      fix: "break the prose into lines"),
    .init(
      "unreadable-file", .headerAndFile, .error,
      messages: [
        "no such file",
        "is a folder, not a file",
        "is {a FIFO, a socket or a device}, not a regular file; only regular files are read",
        "is a symbolic link that leads round in a loop",
        "cannot be read ({check its permissions, or the system's reason})",
        "the kept text has no file '{path}'",
      ],
      description: "The file could not be read: it is missing, a folder, a special file or not readable. Nothing in it is checked.",
      example: "a missing file, or one without read permission",
      fix: "check the path and its permissions"),
    .init(
      "control-character", .headerAndFile, .warning,
      message: "text contains a terminal control, bidirectional or invisible character; it will be shown escaped",
      description: "The text holds a character that could change the terminal or reorder what a trainee sees. It is shown escaped, never obeyed, so the trainee sees odd symbols instead of the intended text.",
      example: "a pasted escape sequence or right-to-left override in the text",
      fix: "delete it; it would be shown escaped, never sent to the terminal"),
    .init(
      "bad-json", .headerAndFile, .error,
      message: "not valid JSON: {problem}; nothing was written",
      description: "The file given to `casesim import` is not valid JSON. Nothing is written, so no half-read scenario reaches the library.",
      example: "`casesim import x.json` of malformed JSON (JSON that is not an exported scenario is refused with the reason, and no code)",
      fix: "fix the JSON at the line and column given, or export again with `casesim export`"),
    .init(
      "duplicate-passage", .passagesAndChoices, .error,
      message: "passage '{id}' is defined twice",
      description: "Two passages have the same id, so choices leading to it are ambiguous. Only the first is kept.",
      example: "two `== details`",
      fix: "rename one; the note points at the first"),
    .init(
      "unknown-target", .passagesAndChoices, .error,
      messages: [
        "choice leads to unknown passage '{id}'",
        "start passage '{id}' does not exist",
      ],
      description: "A choice (or `start:`) names a passage that does not exist. A trainee taking that choice would have nowhere to go.",
      example: "`* Go -> detials`",
      fix: "use the passage the suggestion names, or write the missing passage"),
    .init(
      "bad-choice", .passagesAndChoices, .error,
      messages: [
        "a choice needs {what is missing}",
        "'{sign}' needs a space after it: as written, this line is story text the trainee would see, {what is lost}",
        "choices are whole numbers separated by commas; in a team's playthrough, each is 'ROLE N'",
      ],
      description: "A choice line cannot be read: it has no target, no text, or a sign without a space. A sign without a space is read as story text, so its points or feedback would be silently lost.",
      example: "`* Go to the school` with no `->`; `+see-child-alone 1` or `>Well done` under a choice (no space after the sign)",
      fix: "add `-> passage-id`, and text before `->`; put a space after `+ - > ? ~` (without it the line is story text and its points are lost)"),
    .init(
      "braces-shown", .passagesAndChoices, .warning,
      message: "'{text}' will be shown to the trainee as written, braces and all: {where conditions work}",
      description: "Braces that are not at a place where a condition works are shown to the trainee as written. The author probably meant a condition, and the trainee would see its syntax.",
      example: "`@fact Mon | Seen {seen-alone}`, `> Good {x} work`",
      fix: "braces work only at the start of a story line, in a choice's `{...}` or an `@if` line; elsewhere they are shown as written: put the text that depends on the condition on a line of its own, or drop the braces"),
    .init(
      "unordered-fact", .passagesAndChoices, .warning,
      messages: [
        "'{when}' is not a time the case file can order, so it lists this fact with the one before it ({place}); write a time such as 'Fri 18:30' or '4 weeks ago', or keep the label and add its place in brackets: '{label} [{place}]'",
        "'{place}' in brackets is not a time the case file can order; write one such as 'Fri 18:30', '4 weeks ago, Sat' or 'Two days later'",
      ],
      description: "A `@fact` has a time the case file cannot place in order. The case file shows facts in time order, so this one would be placed by guesswork.",
      example: "`@fact Strategy discussion | Chaired by...`, `@fact Summer | ...`",
      fix: "write a time the case file can order (`Fri 18:30`, `4 weeks ago, Sat`, `Two days later`), or keep the label and give its place in brackets, which the trainee does not see: `@fact Strategy discussion [Fri 18:30] | ...` (the message writes out the place it takes now, to keep or change)"),
    .init(
      "duplicate-scenario", .passagesAndChoices, .error,
      message: "the library has another scenario with the id '{id}' ({files}); give each scenario its own id",
      description: "Two scenarios in the library share an id. Records name scenarios by id, so neither is played until they differ.",
      example: "two library files with `id: duty-desk`",
      fix: "give each scenario its own id; none of them plays until they differ"),
    .init(
      "misplaced-line", .passagesAndChoices, .error,
      messages: [
        "'{sign}' lines belong to a choice: {indent this line under the choice, or put it under a '* choice -> target' line}",
        "text outside a passage; start a passage with '== id' before the prose",
        "this line must be inside a passage; start one with '== id'",
        "'@{directive}' belongs inside a passage; start one with '== id'",
        "'@if' belongs to a choice: indent it under the choice",
        "'@include' goes outside passages, before the first '=='",
        "header fields go at the top of the file, before the first passage",
        "included files hold passages and declarations, not header fields",
        "'@lesson' and '@reflect' belong to an ending; add '@ending safe|partly-safe|unsafe' to this passage",
        "'@{lesson or reflect}' needs its text",
        "'@fact{ #id}' needs the fact's text{: '@fact #id WHEN | TEXT'}",
        "'@why' needs the question to ask, e.g. '@why What made you decide as you did?'",
        "'?' needs the question to ask the trainee",
        "a condition in braces must be followed by the prose it controls",
        "expected a guidance id and a weight, e.g. '{+ or -} see-child-alone 2'",
        "this passage already has {a '@why' question or a chair}; keep one{ '@chair' line}",
        "'@{keep-order or joint}' takes nothing after it{; name who decides with '@chair ROLE' on a line of its own}",
        "'@chair' names who decides at a meeting; add '@joint' to this passage, or remove '@chair'",
        "a joint passage is for every role, but '@role' limits this one to {roles}; remove '@role', or '@joint' if it is not a meeting",
        "text before the first entry; start an entry with '== id'",
        "start each expected path with '== name'",
        "expected 'key: value'",
        "'{name}' names a role for each choice: add 'team: ROLE, ROLE' for the roles that play",
      ],
      description: "A line is somewhere its kind does not belong: a choice line not under a choice, a directive outside its passage, text before the first passage. It would be read as something other than what was written.",
      example: "`~ set seen` not indented under a choice; text before the first passage; `@lesson` in a passage that is not an ending",
      fix: "indent choice lines under their choice; start a passage with `== id`; add `@ending`"),
    .init(
      "unknown-directive", .passagesAndChoices, .error,
      message: "unknown directive '@{name}'",
      description: "An `@` line names a directive CaseSim does not know, usually a misspelling. The line would otherwise do nothing.",
      example: "`@fakt Monday`",
      fix: "use the directive the suggestion names (`@fact`)"),
    .init(
      "bad-outcome", .passagesAndChoices, .error,
      messages: [
        "'{value}' is not an outcome class; write '@ending safe|partly-safe|unsafe | Title', e.g. '@ending unsafe | The boat not rocked'",
        "the ending's title after '|' is empty; name the ending in a few words or drop the '|'",
        "'{value}' is not an outcome class",
      ],
      description: "An ending's outcome is not `safe`, `partly-safe` or `unsafe`. The outcome is what the debrief and the cohort reports count, so it must be one of the three.",
      example: "`@ending good`",
      fix: "`safe`, `partly-safe` or `unsafe`"),
    .init(
      "dead-end", .passagesAndChoices, .error,
      message: "passage '{id}' has no choices and is not an ending; add a choice or '@ending safe|partly-safe|unsafe'",
      description: "A passage has no choices and is not an ending, so play would stop there with no outcome and no debrief.",
      example: "a passage with no choices and no `@ending`",
      fix: "add a choice, or make it an ending"),
    .init(
      "ending-with-choices", .passagesAndChoices, .error,
      message: "ending '{id}' offers choices; an ending closes the scenario",
      description: "An ending also offers choices. An ending closes the scenario and starts the debrief, so its choices could never be taken.",
      example: "an `@ending` passage with `*` lines",
      fix: "move the choices to another passage"),
    .init(
      "no-ending", .passagesAndChoices, .error,
      messages: [
        "the scenario has no ending; mark at least one passage with '@ending'",
        "the scenario has no passages; start one with '== start'",
      ],
      description: "No passage is an ending, so no playthrough can finish and be debriefed.",
      example: "no passage has `@ending`",
      fix: "add at least one ending (three classes make a good scenario)"),
    .init(
      "unreachable-passage", .passagesAndChoices, .error,
      messages: [
        "no path from '{start}' reaches passage '{id}'",
        "no playthrough reaches passage '{id}': the conditions on the choices leading to it never hold",
      ],
      description: "No playthrough reaches the passage. What it says is never read by a trainee, which usually means a link or a condition is wrong.",
      example: "no choice leads to `== orphan`, or only choices whose conditions never hold",
      fix: "link to it, fix the conditions, or delete it"),
    .init(
      "include-cycle", .passagesAndChoices, .error,
      message: "include cycle: {files}",
      description: "Included files include each other in a loop, which would never finish reading.",
      example: "`a.passages` includes `b.passages`, which includes `a.passages`",
      fix: "remove one of the includes"),
    .init(
      "include-failed", .passagesAndChoices, .error,
      messages: [
        "cannot include '{path}': {why it cannot be read}",
        "'{path}' is outside the scenario's folder; includes must stay inside it",
        "include paths are relative to the including file; '{path}' is absolute",
        "includes are nested more than {limit} deep",
        "write the included file's path in double quotes: @include \"shared/file.passages\"",
      ],
      description: "An `@include` could not be followed: the file is missing, outside the scenario's folder or unreadable. Its passages are missing from the scenario.",
      example: "`@include \"../x.passages\"` or a missing file",
      fix: "include files inside the scenario's folder, by a relative path in quotes"),
    .init(
      "undefined-name", .stateAndConditions, .error,
      messages: [
        "'{name}' is not declared{ (used N times)}; add '{kind} {name}' before the first passage",
        "'{name}' is not declared{ (used N times)}; the declared {kind} '{near}' is probably meant: correct whichever is misspelt",
      ],
      description: "A condition or effect uses a flag or counter that is not declared, usually a misspelling of one that is. Each misspelt name is reported once, at its first use, with its other uses as notes.",
      example: "`~ set sen` with `flag seen` declared",
      fix: "use the declared name (the suggestion), or declare it: `flag sen`"),
    .init(
      "duplicate-declaration", .stateAndConditions, .error,
      message: "'{name}' is declared twice",
      description: "A flag or counter is declared twice, so it is unclear which start value or range holds.",
      example: "`flag seen` twice",
      fix: "declare each name once"),
    .init(
      "type-mismatch", .stateAndConditions, .error,
      message: "'{name}' is a {kind} but is used as a {other kind}",
      description: "A flag is used as a counter or a counter as a flag. The condition or effect could not mean what was written.",
      example: "`{worry}` where `worry` is a counter",
      fix: "compare counters (`{worry >= 1}`), test flags bare (`{seen}`)"),
    .init(
      "bad-condition", .stateAndConditions, .error,
      messages: [
        "'{name}' starts at {value}, outside its range {low}..{high}",
        "'{operator}' is not a comparison; use ==, !=, <, <=, > or >=",
        "expected {what belongs there} after '{word}'{ (what it is)}",
        "expected a flag, a comparison, 'not', 'role', 'ROLE knows FACT' or '('",
        "expected 'set NAME', 'clear NAME', 'NAME += N' or 'share FACT with ROLE'",
        "expected 'with' and the roles to share '{fact}' with ('with everyone' for all)",
        "expected a role id to share '{fact}' with",
        "unexpected '{word}' in condition",
        "unexpected '{word}' after the effect",
        "unexpected character '{character}'",
        "missing '}' to close the condition",
        "missing ')' to close the '(' at column {column}",
        "'{and|or}' needs a condition before it",
        "'{name}' is not a valid name (lowercase letters, digits and '-')",
        "empty {condition or effect}",
        "condition ends too early",
        "condition nested more than {limit} deep",
        "'@if' needs a condition",
        "a flag starts as 'true' or 'false'",
        "a counter starts at a whole number, e.g. 'counter {name} = 0'",
        "a counter's range is written 'in LOW..HIGH', e.g. 'counter {name} = 0 in 0..10'",
      ],
      description: "A condition, effect or declaration cannot be read: `=` for `==`, `+ 1` for `+= 1`, a start value outside its range. The scenario's state would not change as intended.",
      example: "`{a = 2}`, `~ trust + 1`, `counter x = 9 in 0..3`",
      fix: "`==` in conditions; `+=` in effects; a start value inside the range"),
    .init(
      "unknown-role", .stateAndConditions, .error,
      message: "role '{role}' is not declared in the header's 'roles:'",
      description: "A line is written for a role the scenario does not declare, usually a misspelling. No trainee would ever play as it, so the line would never be seen.",
      example: "`@role polise`",
      fix: "use a role declared in `roles:` (the suggestion)"),
    .init(
      "unknown-fact", .stateAndConditions, .error,
      message: "no fact is named '{id}'; name one with '@fact #{id} WHEN | TEXT'",
      description: "A `knows` condition or `share` effect names a fact no `@fact #id` line gives. It could never hold or share anything.",
      example: "`~ share convicton with social-worker` where the fact is `@fact #conviction ...`",
      fix: "use the id a `@fact #id` line gives (the suggestion), or name the fact: `@fact #conviction WHEN | TEXT`"),
    .init(
      "duplicate-fact", .stateAndConditions, .error,
      message: "fact id '{id}' is given to two facts",
      description: "Two `@fact` lines have the same id, so what a role knows would be ambiguous.",
      example: "`@fact #bruises ...` in two passages",
      fix: "give each fact its own id; a fact told again in another passage needs no second `@fact`"),
    .init(
      "condition-never-true", .stateAndConditions, .warning,
      message: "the condition is never true where it is reached{why}, so {what} never shown",
      description: "No playthrough makes the condition true where it is checked, so the line or choice it guards is never shown. The message says why (for example, the most a counter reaches).",
      example: "`{worry > 5}` where worry never passes 3",
      fix: "fix the condition or the effects that should make it true; otherwise the line or choice is never shown"),
    .init(
      "condition-always-true", .stateAndConditions, .warning,
      message: "the condition is always true where it is reached{why}; it can be removed",
      description: "The condition holds in every playthrough that reaches it, so it guards nothing. Often the story goes somewhere the author did not mean.",
      example: "`{seen}` in a passage only reached after `~ set seen`",
      fix: "remove the condition, or check that the story goes where you meant"),
    .init(
      "unused-state", .stateAndConditions, .warning,
      messages: [
        "{kind} '{name}' is set but never read by any condition",
        "{kind} '{name}' is declared but never used",
      ],
      description: "A flag or counter is never read by a condition, so setting it changes nothing a trainee sees.",
      example: "`flag noted` set but never read",
      fix: "read it in a condition where it should matter, or remove it"),
    .init(
      "never-set", .stateAndConditions, .warning,
      message: "{kind} '{name}' is read but never changed, so the conditions on it never vary",
      description: "A flag or counter is read but nothing changes it, so the conditions on it always go the same way.",
      example: "`{not known}` but nothing ever sets `known`",
      fix: "set it with an effect where it should change, or remove it"),
    .init(
      "unreachable-ending", .reachabilityAndPlay, .error,
      message: "no playthrough reaches ending '{id}': the conditions on the choices leading to it never hold",
      description: "No playthrough reaches the ending, so its outcome and its lesson are never given to a trainee.",
      example: "the only choice into an ending needs a flag that is never set",
      fix: "fix the condition, or remove the ending"),
    .init(
      "stuck-passage", .reachabilityAndPlay, .error,
      messages: [
        "passage '{id}' offers no choice{ for roles} in any playthrough that reaches it: every choice's condition or role rules it out; add a choice that is always available",
        "in some playthroughs passage '{id}' offers no choice{ for roles}: every choice's condition or role rules it out; add a choice that is always available",
      ],
      description: "Some playthroughs arrive at a passage where no choice is offered (every one is conditional or for another role), so the trainee is stuck with no way on.",
      example: "every choice in a passage needs `{ready}`, and some paths arrive without it; or no choice is for a role",
      fix: "give every passage a choice that is always available to every role"),
    .init(
      "team-deadlock", .reachabilityAndPlay, .error,
      message: "when {roles} play together, play can stop for good: {where each is} ({example}); {what to do}",
      description: "In team play, a joint passage can wait for a role that can never arrive, so the whole team is stuck.",
      example: "a `@joint` meeting the police reach while the social worker's track ends at a passage with no choice for them",
      fix: "a meeting begins only when every role has reached it: give every role's track a way to it, and every passage a choice for each role that can be there"),
    .init(
      "unlearnable-fact", .reachabilityAndPlay, .warning,
      message: "no role ever holds fact '{id}': {why}",
      description: "No playthrough lets any role learn the fact, so a `knows` condition on it never holds and sharing it shares nothing.",
      example: "`@fact #conviction ...` in a passage for `police-officer` that only the social worker's choices reach",
      fix: "let a role the passage is written for reach it, or share the fact from a passage that is reached"),
    .init(
      "no-way-out", .reachabilityAndPlay, .error,
      message: "from passage '{id}' some playthroughs can never reach an ending: they loop forever",
      description: "Some playthroughs loop without ever reaching an ending, so a trainee could play on forever with no debrief.",
      example: "a loop of passages with no choice leading to an ending",
      fix: "add a way out of the loop"),
    .init(
      "analysis-truncated", .reachabilityAndPlay, .warning,
      message: "the scenario has {states}, so only part of it was explored: {what is not proven}",
      description: "The scenario has more states than the checker's bound, so the checks that need every state report nothing they cannot prove. A real problem may be hidden.",
      example: "flags and counters that make more states or transitions than the bound for the scenario's size (4,096 states and 12,288 transitions a passage, at least 1,000,000 and 10,000,000, at most 40,000,000 and 120,000,000)",
      fix: "bound counters with `in LOW..HIGH`, clear flags once they have been read, or raise the bound with `--max-states N` / `--max-transitions N`"),
    .init(
      "unanchored-time", .reachabilityAndPlay, .warning,
      message: "'{when}' counts on from the fact at {line} in passage '{id}', but play can reach '{other}' without passing {it}{...}",
      description: "A relative time (`Two days later`) counts on from a fact that some playthroughs never pass, so the case file would place it against the wrong moment.",
      example: "`@fact Two days later | ...` in a passage that play can reach without passing the passage of the fact written above it",
      fix: "give the fact an absolute time (`Sun 20:50`), or keep its words and add its place in brackets: `@fact Two days later [Sun 20:50] | ...`"),
    .init(
      "unknown-guidance", .scoringAndLessons, .error,
      messages: [
        "unknown guidance principle '{id}'",
        "'{id}' is in catalog '{catalog}', which 'guides:' does not list",
      ],
      description: "A score line names a principle that is not in the catalogs `guides:` lists, usually a misspelling. Its points and its explanation in the debrief would be lost.",
      example: "`+ see-child-alon 2`, or a principle from a catalog `guides:` does not list",
      fix: "use the id the suggestion names, or add its catalog to `guides:`"),
    .init(
      "unknown-catalog", .scoringAndLessons, .error,
      messages: [
        "no guidance catalog '{id}' in the Guides folder",
        "no guidance catalog '{id}' in the Guides folder; the {n} {principles} scored ({m} score {lines}) that no catalog found holds {are} left unchecked until {it is} found",
      ],
      description: "`guides:` names a catalog that is not in the library's `Guides/` folder (or beside the scenario), so none of its principles can score. The principles scored that no catalog found holds are notes on it, not an error each.",
      example: "`guides: practice-lesons`",
      fix: "use a catalog in `Guides/` (`casesim guides`)"),
    .init(
      "bad-weight", .scoringAndLessons, .error,
      messages: [
        "weight '{weight}' must be a whole number from 1 to 5",
        "missing weight after '{id}': write a whole number from 1 to 5",
        "expected ':' and an explanation after the weight",
        "score is a whole number or a range like 20..30",
      ],
      description: "A score line's weight is missing or not a whole number from 1 to 5, so the choice cannot be scored as intended.",
      example: "`+ see-child-alone 7`, or no weight",
      fix: "a whole number from 1 to 5; the sign comes from `+` or `-`"),
    .init(
      "unused-catalog", .scoringAndLessons, .warning,
      message: "'guides:' lists catalog '{id}' but no choice scores any of its principles",
      description: "A catalog is listed in `guides:` but nothing scores against it, so the debrief never cites it.",
      example: "`guides:` lists `working-together` but nothing scores its principles",
      fix: "remove it from `guides:`, or score one of its principles"),
    .init(
      "unscored-choice", .scoringAndLessons, .warning,
      message: "this decision scores no principle; add '+ id N' or '- id N' so the debrief can explain it",
      description: "A choice in a real decision has no score line, so the debrief has nothing to say about it.",
      example: "a choice in a real decision with no `+`/`-` line",
      fix: "score it; the debrief needs something to explain"),
    .init(
      "best-path-critical", .scoringAndLessons, .warning,
      message: "the best score{ for a role} can only be had by taking a critical choice; the scoring rewards leaving the child unsafe",
      description: "The highest score needs a choice marked `! critical`. The scoring would then teach that the unsafe action pays.",
      example: "the highest total needs a `! critical` choice",
      fix: "re-weight: a critical choice should never pay"),
    .init(
      "missing-lesson", .scoringAndLessons, .warning,
      message: "ending '{id}' has no '@lesson': say what the real review found, for the debrief",
      description: "An ending has no `@lesson`, so the debrief cannot say what the real case review found.",
      example: "an ending with no `@lesson`",
      fix: "say what the real review found, citing it by title and year"),
    .init(
      "untitled-ending", .scoringAndLessons, .warning,
      message: "ending '{id}' has no title; name it for the debrief and history, e.g. '@ending {outcome} | {title}'",
      description: "An ending has no title, so the debrief and a trainee's history can only show its outcome class.",
      example: "`@ending unsafe`",
      fix: "name the ending for the debrief: `@ending unsafe | The boat not rocked`"),
    .init(
      "scored-loop", .scoringAndLessons, .error,
      message: "this choice scores, and one playthrough can take it more than once {...}",
      description: "A scored choice sits on a loop, so one playthrough could take it again and again and count its points each time.",
      example: "`* Ask her again -> start` under a scored choice back to an earlier passage",
      fix: "score the choice that is taken once; leave the loop's choices unscored"),
    .init(
      "surface-cue", .scoringAndLessons, .warning,
      messages: [
        "the best option here is much the longest ({n} characters against at most {m}); {...}",
        "only the best option here uses the words {words}; a trainee could pick it by those words alone",
      ],
      description: "The best option stands out by its length or its words, so a trainee could pick it without judging the situation.",
      example: "the best option is 300 characters and the others 120, or only it says \"refer\"",
      fix: "equal length and register; move detail into `>` feedback; let poor options use the same words"),
    .init(
      "naive-strategy", .scoringAndLessons, .warning,
      message: "{strategy}{ as a role} scores {share} of the score range (the limit is {limit}){...}",
      description: "A strategy that ignores the story (always the longest option, always the first) scores well, so the scenario would not tell judgement from habit.",
      example: "always the longest option scores 85% of the range as police-officer",
      fix: "rewrite options until every naive strategy is at most 60% (`casesim analyze`)"),
    .init(
      "critical-scores-high", .scoringAndLessons, .warning,
      message: "a playthrough{ as a role} that takes a critical choice can still score {share} of the range (the limit is {limit}){...}",
      description: "A playthrough that takes a critical choice still scores high, so the debrief would understate how serious the choice was.",
      example: "a path through `! critical` still scores 70% of the range",
      fix: "heavier negative weights on critical choices, or route play after them"),
    .init(
      "critical-reaches-safe", .scoringAndLessons, .warning,
      message: "a playthrough{ as a role} that takes this critical choice still reaches the safe ending '{id}' (choices: {choices}){...}",
      description: "A playthrough that takes a critical choice still reaches a safe ending, so the story would tell the trainee the unsafe action worked out.",
      example: "a path through `! critical` reaches `@ending safe`",
      fix: "route play after the critical choice away from safe endings (`~ set x`, `@if not x`)"),
    .init(
      "hard-to-read", .writingQuality, .warning,
      message: "passage '{id}' is hard to read: its reading ease is {score}, below the target of {target} {...}",
      description: "A long passage scores below the reading-ease target. Dense prose slows trainees down and hides the detail that matters.",
      example: "a passage of 100 words or more whose Flesch reading ease is below the target (40; `--reading-ease N`): 32 words a sentence, one word in four of three syllables",
      fix: "split the longest sentence (the note quotes it) and use shorter, everyday words for the long ones it lists"),
    .init(
      "minutes-mismatch", .writingQuality, .warning,
      messages: [
        "minutes: {n} is too short: a playthrough is estimated to take {range}",
        "minutes: {n} is too long: a playthrough is estimated to take {range}",
      ],
      description: "The `minutes:` header is far from the estimated playing time, so a trainer planning a session would plan wrongly.",
      example: "`minutes: 5` where the quickest playthrough is estimated at 12 minutes and the slowest at 31",
      fix: "set `minutes:` within the estimated range (the suggestion); the estimate counts the words read, the decisions and the \"Why?\" answers"),
    .init(
      "misspelling", .writingQuality, .warning,
      message: "'{word}' is not in the {dictionary} dictionary or the word list",
      description: "A word a trainee reads is not in the dictionary, the library's word list or the names the scenario uses. Misspellings undermine a scenario's credibility.",
      example: "`recieve` in text a trainee reads: not in Hunspell's en_GB dictionary, the word list or the names the scenario uses",
      fix: "correct it (the suggestion is Hunspell's first); a name or term of the trade goes in `words.txt` at the library's root"),
    .init(
      "spelling-skipped", .writingQuality, .note,
      message: "spelling was not checked: {reason}",
      description: "Hunspell or its dictionary is missing, so spelling was not checked. The other checks still ran.",
      example: "Hunspell or its en_GB dictionary is not installed, or it failed; said once, and the other checks go on",
      fix: "install them (`sudo apt-get install hunspell hunspell-en-gb`), or check without spelling (`--no-spelling`)"),
    .init(
      "missing-field", .guidanceCatalogs, .error,
      messages: [
        "entry '{id}' has no '{key}:' line",
        "entry '{id}' has no statement; write it as prose under the fields",
      ],
      description: "A guidance entry lacks its title, citation, areas or statement. The debrief cites principles by these, so an entry without them cannot be explained.",
      example: "an entry without `cite:` or `areas:`, or without a statement",
      fix: "every principle needs a title, a citation, competency areas and a statement"),
    .init(
      "duplicate-guidance", .guidanceCatalogs, .error,
      messages: [
        "guidance id '{id}' is defined twice",
        "catalog id '{id}' is also used by {path}",
      ],
      description: "The same principle or catalog id appears twice, so a score line naming it would be ambiguous.",
      example: "the same principle id in two catalogs",
      fix: "ids are unique across the catalog"),
    .init(
      "unknown-area", .guidanceCatalogs, .error, or: .warning,
      messages: [
        "entry '{id}' maps to unknown competency area '{area}'{ (N entries map to it)}",
        "no competency catalog ('kind: competencies') is loaded, so the {n} competency {areas} that {m} {entries map} to {are} not checked and the debrief gives no breakdown by competency area; to check and report {it or them}, put the competency catalogs (such as the library's Guides/competencies.guide) beside this catalog, or name the library with --library DIR or CASESIM_LIBRARY",
      ],
      description: "A principle maps to a competency area no loaded competency catalog defines, so the debrief cannot report that competency. Each unknown area is an error, once, with the other entries as notes. With no competency catalog loaded at all (a catalog of your own beside a lone scenario, no library found) it is one warning for all: the areas cannot be checked, and the debrief gives no breakdown by area.",
      example: "`areas: kss-11` with the library's competency catalogs loaded (error); a catalog of your own with `areas:` lines, checked or played with no library (warning)",
      fix: "use an id from a competency catalog (`kind: competencies`); with none loaded, copy the ones you need (such as `competencies.guide`) beside your catalog, or name the library (`--library DIR`)"),
    .init(
      "twee-not-twee", .twineImport, .error,
      messages: [
        "this is a Twine HTML file, not Twee; {how to export Twee}",
        "this is not a Twee file: no line starts a passage with '::'; in Twine 2 choose Build > Export as Twee",
      ],
      description: "The file has no Twee passage header: it may be Twine HTML or not a story at all. Nothing is written.",
      example: "the file has no `::` passage header (it may be Twine HTML, or not a story at all); nothing is written",
      fix: "export Twee from Twine (step 1)"),
    .init(
      "twee-too-large", .twineImport, .error, or: .warning,
      messages: [
        "the file is {size} bytes; the importer reads Twee files up to {limit} MiB",
        "the converted scenario is larger than the {limit} a .case file may be; {...}",
      ],
      description: "The Twee file, or the scenario made from it, is over the size bound. Over the input bound nothing is written (an error); over the output bound the scenario is written but will not load (a warning).",
      example: "the file is over 16 MiB (error, nothing written), or the result is over the 128 MiB a `.case` file may be (warning)",
      fix: "split the story"),
    .init(
      "twee-bad-header", .twineImport, .warning,
      messages: [
        "{what in the header} {was or is} {...}; {...} ignored",
        "this passage header has no name",
        "a second '{special passage}' passage was ignored",
        "unexpected text after the passage name, tags and metadata; it was ignored",
      ],
      description: "A passage header, `StoryTitle` or `StoryData` could not be read, and that part was ignored. The start passage or the story format may have been lost.",
      example: "a passage header, `StoryTitle` or `StoryData` could not be read; that part was ignored",
      fix: "fix the Twee if the start passage or format was lost"),
    .init(
      "twee-text-before-passage", .twineImport, .warning,
      message: "text before the first '::' passage header is not part of any passage; it was not imported",
      description: "Text before the first passage header belongs to no passage; Twine ignores it too.",
      example: "text before the first `::` header, which Twine ignores too",
      fix: "nothing, or move it into a passage"),
    .init(
      "twee-no-title", .twineImport, .warning,
      message: "the story has no StoryTitle passage, so the scenario is called 'Imported Twine story'; change 'title:' and 'id:'",
      description: "The story has no title, so the scenario gets a placeholder title and id.",
      example: "no `StoryTitle`; the title is \"Imported Twine story\"",
      fix: "set `title:` and `id:`"),
    .init(
      "twee-no-start", .twineImport, .warning,
      message: "StoryData names {which start passage}{...}; play starts at the first passage, '{name}'",
      description: "The start passage named in StoryData does not exist (or there is no `Start`), so play starts at the first passage.",
      example: "StoryData names a start passage that does not exist (or there is no `Start`); play starts at the first passage",
      fix: "check `start:`"),
    .init(
      "twee-no-passages", .twineImport, .warning,
      message: "the story has no passages to import; the scenario has one placeholder ending to write",
      description: "The story has no passages, so the scenario is a single placeholder ending.",
      example: "the story has no passages; one placeholder ending was written",
      fix: "write the scenario"),
    .init(
      "twee-passage-skipped", .twineImport, .warning,
      message: "passage '{name}' {why}; it was not imported",
      description: "A script, stylesheet, widget or special passage was not imported, because CaseSim runs no story-format code.",
      example: "a script, stylesheet, widget or special passage (`StoryMenu`, `PassageHeader`...) was not imported",
      fix: "rebuild what it did, if trainees need it"),
    .init(
      "twee-passage-renamed", .twineImport, .note,
      message: "passage '{name}' is '{id}' in the .case file{...}",
      description: "A passage name was turned into a valid id. Nothing is lost; the note says which id to look for.",
      example: "a passage name became a different id (`Kayden's words` is `kaydens-words`)",
      fix: "nothing"),
    .init(
      "twee-name-collision", .twineImport, .warning,
      message: "passage '{name}' is '{id}' in the .case file, because '{other}' (line {line}) already became '{first id}'{...}",
      description: "Two passage names gave the same id, so the second got a numbered one.",
      example: "two names gave the same id; the second got `-2`",
      fix: "rename if the ids confuse you"),
    .init(
      "twee-duplicate-passage", .twineImport, .warning,
      message: "a second passage called '{name}' (the first is at line {line}); links lead to the first",
      description: "Two passages have the same name; links lead to the first, and the second is reached by none.",
      example: "two passages with the same name; links go to the first",
      fix: "merge or rename them"),
    .init(
      "twee-macro-dropped", .twineImport, .warning,
      messages: [
        "{what }'{code}' was dropped: {why}",
        "{n} more like this were not listed",
      ],
      description: "A macro, insert, modifier or link setter was dropped, because CaseSim runs no story-format code. Any logic it carried must be rebuilt with flags, conditions and effects.",
      example: "a macro, insert, modifier or link setter was dropped (the message quotes it)",
      fix: "rebuild the logic with flags, conditions and effects"),
    .init(
      "twee-set-converted", .twineImport, .note,
      messages: [
        "'{code}' became {what}",
        "'{code}' sets the starting value of flag '{flag}'{...}",
        "the link setter became '~ {set or clear} {flag}' on this choice{...}",
      ],
      description: "A simple `(set: $flag to true/false)` became a CaseSim flag with `~ set` and `~ clear` effects.",
      example: "a `(set: $flag to true/false)` became a flag and `~ set`/`~ clear` effects",
      fix: "check the flag is what you meant"),
    .init(
      "twee-variable-shown", .twineImport, .warning,
      message: "'{name}' prints a story variable in Twine; CaseSim shows it as written, so reword this sentence",
      description: "The text prints a story variable, which Twine replaced with a value; CaseSim shows it as written.",
      example: "`$name` in the text, which Twine replaced with a value; CaseSim shows it as written",
      fix: "reword the sentence"),
    .init(
      "twee-html-stripped", .twineImport, .warning,
      messages: [
        "HTML removed from the prose ({tags}); a .case file is plain text, so re-add any emphasis in words",
        "a <{name}> element was removed with everything inside it; CaseSim does not run scripts or styles",
      ],
      description: "HTML was removed from the prose, because a `.case` file is plain text. Emphasis it gave is lost.",
      example: "HTML tags (or a `<script>`/`<style>` element) were removed",
      fix: "re-add emphasis in words if it mattered"),
    .init(
      "twee-prose-adjusted", .twineImport, .warning, or: .note,
      messages: [
        "'{mark}' was removed from the start of this line: a .case line starting that way is read as structure, not prose",
        "this list item now starts with '•' so it stays prose (a .case line starting '{mark}' is structure)",
      ],
      description: "A prose line started with a mark that means something in a `.case` file, so the mark was removed (a warning) or a list item became a bullet (a note).",
      example: "a line started with a mark that means something in a `.case` file (`*`, `-`, `//`, `@`, `==`...); the mark was removed, or a list item became `•` (note)",
      fix: "check the line reads well"),
    .init(
      "twee-control-character", .twineImport, .warning,
      message: "terminal control characters were removed from this line",
      description: "Terminal control characters were removed from a line, so the text cannot change a trainee's terminal.",
      example: "terminal control characters were removed",
      fix: "nothing"),
    .init(
      "twee-unknown-link", .twineImport, .warning,
      message: "broken link: {why}; the choice leads to the generated ending '{id}' until you write that passage or change the choice",
      description: "A link leads to a passage that does not exist, so the choice leads to a generated placeholder ending.",
      example: "a link to a passage that does not exist; the choice leads to `missing-...`",
      fix: "write the passage or change the choice"),
    .init(
      "twee-bad-link", .twineImport, .warning,
      messages: [
        "this '[[' link is not closed with ']]' on the same line; it was kept as text",
        "this link names no passage; its text was kept as prose",
      ],
      description: "A link is not closed or names no target, so it was kept as text rather than made a choice.",
      example: "a `[[link` not closed on its line, or a link with no target; kept as text",
      fix: "fix the link"),
    .init(
      "twee-external-link", .twineImport, .warning,
      message: "this link goes to a web address ('{address}'), not a passage; its text stays in the prose but it is not a choice",
      description: "A link goes to a web address; CaseSim keeps its text but does not make it a choice.",
      example: "a link to a web address; its text stays in the prose, but it is not a choice",
      fix: "add the address to the prose if trainees need it"),
    .init(
      "twee-unreachable-passage", .twineImport, .warning,
      message: "no [[link]] leads from the start passage to '{name}' (perhaps only a dropped macro did); it is kept in the .case file as comment lines{...}",
      description: "No link reaches the passage from the start, so it is kept only as comments.",
      example: "no link reaches the passage from the start; it is kept as comments",
      fix: "link to it, or delete it"),
    .init(
      "twee-ending-needs-review", .twineImport, .warning,
      message: "passage '{name}' has no links, so it is an ending; {outcome advice}, and add '@lesson' lines saying what the case review found{...}",
      description: "A passage with no links became an ending; its outcome and lessons need an author's judgement.",
      example: "a passage with no links became an ending",
      fix: "set its outcome and add `@lesson` lines"),
    .init(
      "twee-ending-tag-ignored", .twineImport, .warning,
      message: "passage '{name}' has the outcome tag '{tag}' but also has links, so it is not an ending; the tag was {...}",
      description: "An outcome tag is on a passage that has links, so it is not an ending and the tag does nothing.",
      example: "an outcome tag on a passage that has links, so it is not an ending",
      fix: "move the tag to the ending passage"),
    .init(
      "twee-empty-passage", .twineImport, .warning,
      message: "ending '{id}' has no text left after import; a placeholder sentence says to write it",
      description: "An ending has no text left after import, so a placeholder sentence stands in for it.",
      example: "an ending had no text left after import; a placeholder sentence says to write it",
      fix: "write the ending"),
    .init(
      "twee-loop-without-ending", .twineImport, .warning,
      message: "{what}, with no way to an ending; a choice 'Stop here' to the generated ending '{id}' was added to '{passage}'",
      description: "Passages lead only into each other with no way to an ending, so a \"Stop here\" choice to a generated ending was added.",
      example: "passages that only lead into each other got a \"Stop here\" choice to `stop-here`",
      fix: "write a real way out"),
  ]

  /// The description of `code`, if it has one.
  public static func descriptor(for code: DiagnosticCode) -> DiagnosticDescriptor? {
    all.first { $0.code == code }
  }

  /// A group's table for the trainer's guide, in Markdown.
  public static func table(_ group: DiagnosticDescriptor.Group) -> String {
    let header = ["| code | severity | what it means | example | fix |", "|---|---|---|---|---|"]
    let rows = all.filter { $0.group == group }.map {
      "| `\($0.code.rawValue)` | \($0.severityLabel) | \(MarkdownTable.cell($0.description)) | \(MarkdownTable.cell($0.example)) | \(MarkdownTable.cell($0.fix)) |"
    }
    return (header + rows).joined(separator: "\n") + "\n"
  }
}
