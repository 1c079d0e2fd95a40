import Foundation

/// What each diagnostic code means, with an example of what brings it and the fix: the one
/// description of every code, from which the trainer's guide's tables are generated (a test
/// fails when they drift) and which `casesim explain CODE` prints.
public struct DiagnosticDescriptor: Sendable {
  public let code: DiagnosticCode
  public let group: Group
  /// How it is reported: "error", "warning", "note", or two of them where the case decides
  /// (`twee-too-large` is an error when nothing can be written, a warning otherwise).
  public let severity: String
  /// What brings it, in Markdown.
  public let example: String
  /// What to do about it, in Markdown.
  public let fix: String

  init(_ code: DiagnosticCode, _ group: Group, _ severity: String, example: String, fix: String) {
    self.code = code
    self.group = group
    self.severity = severity
    self.example = example
    self.fix = fix
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
      "missing-header", .headerAndFile, "error",
      example: "no `minutes:` line",
      fix: "add every required field: id, title, summary, roles, minutes, reviews, guides, modes"),
    .init(
      "missing-content-note", .headerAndFile, "error",
      example: "no `content-note:`",
      fix: "say plainly what the material contains, so a trainee can step out before it starts"),
    .init(
      "unknown-header", .headerAndFile, "error",
      example: "`tittle: Duty desk`",
      fix: "use the field the suggestion names (`title`)"),
    .init(
      "bad-header", .headerAndFile, "error",
      example: "`minutes: twenty`, `modes: practise`, a field given twice",
      fix: "a whole number of minutes; `practice` or `assessment`; give each field once"),
    .init(
      "bad-id", .headerAndFile, "error",
      example: "`== Start_Here`",
      fix: "ids are lowercase letters, digits and `-`, starting with a letter: `start-here`"),
    .init(
      "not-text", .headerAndFile, "error",
      example: "a binary or non-UTF-8 file",
      fix: "save the file as UTF-8 text"),
    .init(
      "file-too-large", .headerAndFile, "error",
      example: "a file over 128 MiB, a safety bound far above any real scenario",
      fix: "split it with `@include`"),
    .init(
      "line-too-long", .headerAndFile, "error",
      example: "a line over 64 KiB",
      fix: "break the prose into lines"),
    .init(
      "unreadable-file", .headerAndFile, "error",
      example: "a missing file, or one without read permission",
      fix: "check the path and its permissions"),
    .init(
      "control-character", .headerAndFile, "warning",
      example: "a pasted escape sequence or right-to-left override in the text",
      fix: "delete it; it would be shown escaped, never sent to the terminal"),
    .init(
      "bad-json", .headerAndFile, "error",
      example: "`casesim import x.json` of malformed JSON, or JSON that is not an exported scenario",
      fix: "fix the JSON at the line and column given, or export again with `casesim export`"),
    .init(
      "duplicate-passage", .passagesAndChoices, "error",
      example: "two `== details`",
      fix: "rename one; the note points at the first"),
    .init(
      "unknown-target", .passagesAndChoices, "error",
      example: "`* Go -> detials`",
      fix: "use the passage the suggestion names, or write the missing passage"),
    .init(
      "bad-choice", .passagesAndChoices, "error",
      example: "`* Go to the school` with no `->`; `+see-child-alone 1` or `>Well done` under a choice (no space after the sign)",
      fix: "add `-> passage-id`, and text before `->`; put a space after `+ - > ? ~` (without it the line is story text and its points are lost)"),
    .init(
      "braces-shown", .passagesAndChoices, "warning",
      example: "`@fact Mon | Seen {seen-alone}`, `> Good {x} work`",
      fix: "braces work only at the start of a story line, in a choice's `{...}` or an `@if` line; elsewhere they are shown as written: put the text that depends on the condition on a line of its own, or drop the braces"),
    .init(
      "unordered-fact", .passagesAndChoices, "warning",
      example: "`@fact Strategy discussion | Chaired by...`, `@fact Summer | ...`",
      fix: "write a time the case file can order (`Fri 18:30`, `4 weeks ago, Sat`, `Two days later`), or keep the label and give its place in brackets, which the trainee does not see: `@fact Strategy discussion [Fri 18:30] | ...` (the message writes out the place it takes now, to keep or change)"),
    .init(
      "duplicate-scenario", .passagesAndChoices, "error",
      example: "two library files with `id: duty-desk`",
      fix: "give each scenario its own id; none of them plays until they differ"),
    .init(
      "misplaced-line", .passagesAndChoices, "error",
      example: "`~ set seen` not indented under a choice; text before the first passage; `@lesson` in a passage that is not an ending",
      fix: "indent choice lines under their choice; start a passage with `== id`; add `@ending`"),
    .init(
      "unknown-directive", .passagesAndChoices, "error",
      example: "`@fakt Monday`",
      fix: "use the directive the suggestion names (`@fact`)"),
    .init(
      "bad-outcome", .passagesAndChoices, "error",
      example: "`@ending good`",
      fix: "`safe`, `partly-safe` or `unsafe`"),
    .init(
      "dead-end", .passagesAndChoices, "error",
      example: "a passage with no choices and no `@ending`",
      fix: "add a choice, or make it an ending"),
    .init(
      "ending-with-choices", .passagesAndChoices, "error",
      example: "an `@ending` passage with `*` lines",
      fix: "move the choices to another passage"),
    .init(
      "no-ending", .passagesAndChoices, "error",
      example: "no passage has `@ending`",
      fix: "add at least one ending (three classes make a good scenario)"),
    .init(
      "unreachable-passage", .passagesAndChoices, "error",
      example: "no choice leads to `== orphan`, or only choices whose conditions never hold",
      fix: "link to it, fix the conditions, or delete it"),
    .init(
      "include-cycle", .passagesAndChoices, "error",
      example: "`a.passages` includes `b.passages`, which includes `a.passages`",
      fix: "remove one of the includes"),
    .init(
      "include-failed", .passagesAndChoices, "error",
      example: "`@include \"../x.passages\"` or a missing file",
      fix: "include files inside the scenario's folder, by a relative path in quotes"),
    .init(
      "undefined-name", .stateAndConditions, "error",
      example: "`~ set sen` with `flag seen` declared",
      fix: "use the declared name (the suggestion), or declare it: `flag sen`"),
    .init(
      "duplicate-declaration", .stateAndConditions, "error",
      example: "`flag seen` twice",
      fix: "declare each name once"),
    .init(
      "type-mismatch", .stateAndConditions, "error",
      example: "`{worry}` where `worry` is a counter",
      fix: "compare counters (`{worry >= 1}`), test flags bare (`{seen}`)"),
    .init(
      "bad-condition", .stateAndConditions, "error",
      example: "`{a = 2}`, `~ trust + 1`, `counter x = 9 in 0..3`",
      fix: "`==` in conditions; `+=` in effects; a start value inside the range"),
    .init(
      "unknown-role", .stateAndConditions, "error",
      example: "`@role polise`",
      fix: "use a role declared in `roles:` (the suggestion)"),
    .init(
      "unknown-fact", .stateAndConditions, "error",
      example: "`~ share convicton with social-worker` where the fact is `@fact #conviction ...`",
      fix: "use the id a `@fact #id` line gives (the suggestion), or name the fact: `@fact #conviction WHEN | TEXT`"),
    .init(
      "duplicate-fact", .stateAndConditions, "error",
      example: "`@fact #bruises ...` in two passages",
      fix: "give each fact its own id; a fact told again in another passage needs no second `@fact`"),
    .init(
      "condition-never-true", .stateAndConditions, "warning",
      example: "`{worry > 5}` where worry never passes 3",
      fix: "fix the condition or the effects that should make it true; otherwise the line or choice is never shown"),
    .init(
      "condition-always-true", .stateAndConditions, "warning",
      example: "`{seen}` in a passage only reached after `~ set seen`",
      fix: "remove the condition, or check that the story goes where you meant"),
    .init(
      "unused-state", .stateAndConditions, "warning",
      example: "`flag noted` set but never read",
      fix: "read it in a condition where it should matter, or remove it"),
    .init(
      "never-set", .stateAndConditions, "warning",
      example: "`{not known}` but nothing ever sets `known`",
      fix: "set it with an effect where it should change, or remove it"),
    .init(
      "unreachable-ending", .reachabilityAndPlay, "error",
      example: "the only choice into an ending needs a flag that is never set",
      fix: "fix the condition, or remove the ending"),
    .init(
      "stuck-passage", .reachabilityAndPlay, "error",
      example: "every choice in a passage needs `{ready}`, and some paths arrive without it; or no choice is for a role",
      fix: "give every passage a choice that is always available to every role"),
    .init(
      "team-deadlock", .reachabilityAndPlay, "error",
      example: "a `@joint` meeting the police reach while the social worker's track ends at a passage with no choice for them",
      fix: "a meeting begins only when every role has reached it: give every role's track a way to it, and every passage a choice for each role that can be there"),
    .init(
      "unlearnable-fact", .reachabilityAndPlay, "warning",
      example: "`@fact #conviction ...` in a passage for `police-officer` that only the social worker's choices reach",
      fix: "let a role the passage is written for reach it, or share the fact from a passage that is reached"),
    .init(
      "no-way-out", .reachabilityAndPlay, "error",
      example: "a loop of passages with no choice leading to an ending",
      fix: "add a way out of the loop"),
    .init(
      "analysis-truncated", .reachabilityAndPlay, "warning",
      example: "flags and counters that make more states or transitions than the bound for the scenario's size (4,096 states and 12,288 transitions a passage, at least 1,000,000 and 10,000,000, at most 40,000,000 and 120,000,000)",
      fix: "bound counters with `in LOW..HIGH`, clear flags once they have been read, or raise the bound with `--max-states N` / `--max-transitions N`"),
    .init(
      "unanchored-time", .reachabilityAndPlay, "warning",
      example: "`@fact Two days later | ...` in a passage that play can reach without passing the passage of the fact written above it",
      fix: "give the fact an absolute time (`Sun 20:50`), or keep its words and add its place in brackets: `@fact Two days later [Sun 20:50] | ...`"),
    .init(
      "unknown-guidance", .scoringAndLessons, "error",
      example: "`+ see-child-alon 2`, or a principle from a catalog `guides:` does not list",
      fix: "use the id the suggestion names, or add its catalog to `guides:`"),
    .init(
      "unknown-catalog", .scoringAndLessons, "error",
      example: "`guides: practice-lesons`",
      fix: "use a catalog in `Guides/` (`casesim guides`)"),
    .init(
      "bad-weight", .scoringAndLessons, "error",
      example: "`+ see-child-alone 7`, or no weight",
      fix: "a whole number from 1 to 5; the sign comes from `+` or `-`"),
    .init(
      "unused-catalog", .scoringAndLessons, "warning",
      example: "`guides:` lists `working-together` but nothing scores its principles",
      fix: "remove it from `guides:`, or score one of its principles"),
    .init(
      "unscored-choice", .scoringAndLessons, "warning",
      example: "a choice in a real decision with no `+`/`-` line",
      fix: "score it; the debrief needs something to explain"),
    .init(
      "best-path-critical", .scoringAndLessons, "warning",
      example: "the highest total needs a `! critical` choice",
      fix: "re-weight: a critical choice should never pay"),
    .init(
      "missing-lesson", .scoringAndLessons, "warning",
      example: "an ending with no `@lesson`",
      fix: "say what the real review found, citing it by title and year"),
    .init(
      "untitled-ending", .scoringAndLessons, "warning",
      example: "`@ending unsafe`",
      fix: "name the ending for the debrief: `@ending unsafe | The boat not rocked`"),
    .init(
      "scored-loop", .scoringAndLessons, "error",
      example: "`* Ask her again -> start` under a scored choice back to an earlier passage",
      fix: "score the choice that is taken once; leave the loop's choices unscored"),
    .init(
      "surface-cue", .scoringAndLessons, "warning",
      example: "the best option is 300 characters and the others 120, or only it says \"refer\"",
      fix: "equal length and register; move detail into `>` feedback; let poor options use the same words"),
    .init(
      "naive-strategy", .scoringAndLessons, "warning",
      example: "always the longest option scores 85% of the range as police-officer",
      fix: "rewrite options until every naive strategy is at most 60% (`casesim analyze`)"),
    .init(
      "critical-scores-high", .scoringAndLessons, "warning",
      example: "a path through `! critical` still scores 70% of the range",
      fix: "heavier negative weights on critical choices, or route play after them"),
    .init(
      "critical-reaches-safe", .scoringAndLessons, "warning",
      example: "a path through `! critical` reaches `@ending safe`",
      fix: "route play after the critical choice away from safe endings (`~ set x`, `@if not x`)"),
    .init(
      "hard-to-read", .writingQuality, "warning",
      example: "a passage of 100 words or more whose Flesch reading ease is below the target (40; `--reading-ease N`): 32 words a sentence, one word in four of three syllables",
      fix: "split the longest sentence (the note quotes it) and use shorter, everyday words for the long ones it lists"),
    .init(
      "minutes-mismatch", .writingQuality, "warning",
      example: "`minutes: 5` where the quickest playthrough is estimated at 12 minutes and the slowest at 31",
      fix: "set `minutes:` within the estimated range (the suggestion); the estimate counts the words read, the decisions and the \"Why?\" answers"),
    .init(
      "misspelling", .writingQuality, "warning",
      example: "`recieve` in text a trainee reads: not in Hunspell's en_GB dictionary, the word list or the names the scenario uses",
      fix: "correct it (the suggestion is Hunspell's first); a name or term of the trade goes in `words.txt` at the library's root"),
    .init(
      "spelling-skipped", .writingQuality, "note",
      example: "Hunspell or its en_GB dictionary is not installed, or it failed; said once, and the other checks go on",
      fix: "install them (`sudo apt-get install hunspell hunspell-en-gb`), or check without spelling (`--no-spelling`)"),
    .init(
      "missing-field", .guidanceCatalogs, "error",
      example: "an entry without `cite:` or `areas:`, or without a statement",
      fix: "every principle needs a title, a citation, competency areas and a statement"),
    .init(
      "duplicate-guidance", .guidanceCatalogs, "error",
      example: "the same principle id in two catalogs",
      fix: "ids are unique across the catalog"),
    .init(
      "unknown-area", .guidanceCatalogs, "error",
      example: "`areas: kss-11`",
      fix: "use an id from a competency catalog (`kind: competencies`)"),
    .init(
      "twee-not-twee", .twineImport, "error",
      example: "the file has no `::` passage header (it may be Twine HTML, or not a story at all); nothing is written",
      fix: "export Twee from Twine (step 1)"),
    .init(
      "twee-too-large", .twineImport, "error / warning",
      example: "the file is over 16 MiB (error, nothing written), or the result is over the 128 MiB a `.case` file may be (warning)",
      fix: "split the story"),
    .init(
      "twee-bad-header", .twineImport, "warning",
      example: "a passage header, `StoryTitle` or `StoryData` could not be read; that part was ignored",
      fix: "fix the Twee if the start passage or format was lost"),
    .init(
      "twee-text-before-passage", .twineImport, "warning",
      example: "text before the first `::` header, which Twine ignores too",
      fix: "nothing, or move it into a passage"),
    .init(
      "twee-no-title", .twineImport, "warning",
      example: "no `StoryTitle`; the title is \"Imported Twine story\"",
      fix: "set `title:` and `id:`"),
    .init(
      "twee-no-start", .twineImport, "warning",
      example: "StoryData names a start passage that does not exist (or there is no `Start`); play starts at the first passage",
      fix: "check `start:`"),
    .init(
      "twee-no-passages", .twineImport, "warning",
      example: "the story has no passages; one placeholder ending was written",
      fix: "write the scenario"),
    .init(
      "twee-passage-skipped", .twineImport, "warning",
      example: "a script, stylesheet, widget or special passage (`StoryMenu`, `PassageHeader`...) was not imported",
      fix: "rebuild what it did, if trainees need it"),
    .init(
      "twee-passage-renamed", .twineImport, "note",
      example: "a passage name became a different id (`Kayden's words` is `kaydens-words`)",
      fix: "nothing"),
    .init(
      "twee-name-collision", .twineImport, "warning",
      example: "two names gave the same id; the second got `-2`",
      fix: "rename if the ids confuse you"),
    .init(
      "twee-duplicate-passage", .twineImport, "warning",
      example: "two passages with the same name; links go to the first",
      fix: "merge or rename them"),
    .init(
      "twee-macro-dropped", .twineImport, "warning",
      example: "a macro, insert, modifier or link setter was dropped (the message quotes it)",
      fix: "rebuild the logic with flags, conditions and effects"),
    .init(
      "twee-set-converted", .twineImport, "note",
      example: "a `(set: $flag to true/false)` became a flag and `~ set`/`~ clear` effects",
      fix: "check the flag is what you meant"),
    .init(
      "twee-variable-shown", .twineImport, "warning",
      example: "`$name` in the text, which Twine replaced with a value; CaseSim shows it as written",
      fix: "reword the sentence"),
    .init(
      "twee-html-stripped", .twineImport, "warning",
      example: "HTML tags (or a `<script>`/`<style>` element) were removed",
      fix: "re-add emphasis in words if it mattered"),
    .init(
      "twee-prose-adjusted", .twineImport, "warning / note",
      example: "a line started with a mark that means something in a `.case` file (`*`, `-`, `//`, `@`, `==`...); the mark was removed, or a list item became `•` (note)",
      fix: "check the line reads well"),
    .init(
      "twee-control-character", .twineImport, "warning",
      example: "terminal control characters were removed",
      fix: "nothing"),
    .init(
      "twee-unknown-link", .twineImport, "warning",
      example: "a link to a passage that does not exist; the choice leads to `missing-...`",
      fix: "write the passage or change the choice"),
    .init(
      "twee-bad-link", .twineImport, "warning",
      example: "a `[[link` not closed on its line, or a link with no target; kept as text",
      fix: "fix the link"),
    .init(
      "twee-external-link", .twineImport, "warning",
      example: "a link to a web address; its text stays in the prose, but it is not a choice",
      fix: "add the address to the prose if trainees need it"),
    .init(
      "twee-unreachable-passage", .twineImport, "warning",
      example: "no link reaches the passage from the start; it is kept as comments",
      fix: "link to it, or delete it"),
    .init(
      "twee-ending-needs-review", .twineImport, "warning",
      example: "a passage with no links became an ending",
      fix: "set its outcome and add `@lesson` lines"),
    .init(
      "twee-ending-tag-ignored", .twineImport, "warning",
      example: "an outcome tag on a passage that has links, so it is not an ending",
      fix: "move the tag to the ending passage"),
    .init(
      "twee-empty-passage", .twineImport, "warning",
      example: "an ending had no text left after import; a placeholder sentence says to write it",
      fix: "write the ending"),
    .init(
      "twee-loop-without-ending", .twineImport, "warning",
      example: "passages that only lead into each other got a \"Stop here\" choice to `stop-here`",
      fix: "write a real way out"),
  ]

  /// The description of `code`, if it has one.
  public static func descriptor(for code: DiagnosticCode) -> DiagnosticDescriptor? {
    all.first { $0.code == code }
  }

  /// A group's table for the trainer's guide, in Markdown.
  public static func table(_ group: DiagnosticDescriptor.Group) -> String {
    let header =
      group == .twineImport
      ? ["| code | severity | what it means | what to do |", "|---|---|---|---|"]
      : ["| code | severity | example | fix |", "|---|---|---|---|"]
    let rows = all.filter { $0.group == group }.map {
      "| `\($0.code.rawValue)` | \($0.severity) | \(MarkdownTable.cell($0.example)) | \(MarkdownTable.cell($0.fix)) |"
    }
    return (header + rows).joined(separator: "\n") + "\n"
  }
}
