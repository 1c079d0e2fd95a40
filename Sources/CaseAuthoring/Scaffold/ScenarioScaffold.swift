import CaseFormat
/// `casesim new ID`: a starting scenario and its expectation file.
///
/// The scenario uses every construct of the format once, each with a comment saying what it does,
/// and its placeholders are sentences telling the trainer what to write. It is a working scenario
/// as created: `casesim check` finds nothing to report (not even a warning) and the three paths in
/// the `.tests` file pass, so a trainer edits from something that works and can run the checks
/// after every change.
public struct ScenarioScaffold: Sendable, Equatable {
  public var id: String
  public var role: String
  /// The `.case` text.
  public var caseText: String
  /// The `.tests` text: best, worst and typical paths.
  public var testsText: String

  /// Guidance principles the example choices score, from the shipped catalogs
  /// (practice-lessons and working-together).
  public static let exampleGuidance = ["see-child-alone", "share-information-to-safeguard"]

  public init(id: String, role: String = "social-worker") throws(ScaffoldError) {
    guard Identifier.isValid(id) else { throw ScaffoldError.invalidID(id) }
    guard Identifier.isValid(role) else { throw ScaffoldError.invalidRole(role) }
    self.id = id
    self.role = role
    // Written in the canonical layout, so `casesim fmt` leaves a new scenario as it is.
    let text = Self.caseText(id: id, role: role)
    if case .success(let formatted) = ScenarioFormatter.format(text, path: "\(id).case") {
      self.caseText = formatted
    } else {
      self.caseText = text
    }
    self.testsText = Self.testsText(id: id, role: role)
  }

  private static func caseText(id: String, role: String) -> String {
    """
    // A new CaseSim scenario. Lines starting with // are notes for you, the author: trainees never
    // see them. Replace each placeholder sentence with your own words and keep the structure.
    // From this file's folder, run `casesim check \(id).case` and `casesim test \(id).case` after each
    // change (`casesim check --watch \(id).case` checks on every save; Documentation/editors.md
    // sets up an editor to check as you type). The full reference is
    // Documentation/scenario-format.md.

    // The header: one "key: value" per line. Keep the id: records and `casesim play` use it.
    id: \(id)
    title: Write a short title that trainees will recognise in the library
    summary: In one or two sentences, say who the trainee is and the situation they walk into.
    // The roles the scenario is written for, separated by commas; the first is the default.
    roles: \(role)
    // Roughly how many minutes one playthrough takes. This small scaffold takes about 3;
    // casesim check warns (minutes-mismatch) when the number is far from its estimate.
    minutes: 3
    content-note: Describe plainly what the material contains, for example neglect, violence or sexual abuse, and how it is shown, so that a trainee can decide whether to step out before it starts.
    // How hard the material is to read: low, moderate or high (see "Choosing the intensity" in the
    // trainer's guide). When in doubt, choose the higher.
    intensity: moderate
    reviews: Name the case review this scenario is informed by, with who published it and the year, for example Serious Case Review re Daniel Pelka, Coventry Safeguarding Children Board (2013)
    // The guidance catalogs (files in Guides/) the choices score against.
    guides: working-together, practice-lessons
    // practice gives feedback after each decision; assessment keeps it for the debrief.
    modes: practice, assessment
    // Practice themes for the library, as kebab-case words separated by commas.
    themes: child-voice, professional-curiosity
    // The first names of the children at the heart of the case (the analysis checks that naming
    // the child does not, on its own, mark the right option).
    children: Sam
    // The passage play begins at (without this line, the passage called start).
    start: start
    lesson: Write what the real review found that matters whichever ending the trainee reaches: it is shown in every debrief.
    reflect: Write a question for the trainee to think about after any ending, such as what they would do differently next time.

    // State. A flag is a yes/no fact about this playthrough, false at the start. A counter is a
    // whole number; "in 0..3" keeps it between 0 and 3 however often it changes.
    flag child-seen
    counter concern = 0 in 0..3

    // A passage starts with "== id" and runs to the next "==".
    == start
    // @fact adds an entry to the trainee's case file: when it happened, a bar, then what happened.
    @fact Day 1, 09:00 | Write the first entry for the case file: how the concern first reached the trainee.
    Write the opening scene here, speaking to the trainee as "you": where they are, who has
    contacted them and what they have been told. Lines that follow each other make one paragraph.

    A blank line starts a new paragraph. End the scene with the decision the trainee has to make.

    // Each session shows the options in its own order, so write them as equals: a similar length
    // and the same professional register, with the good one not always first.
    // A choice: "*", the words the trainee sees, "->" and the passage it leads to. The indented
    // lines under it belong to the choice.
    * Write a plausible choice that misses the risk, such as taking a parent's word for it -> next-steps
      // "- PRINCIPLE N: why" takes N points away from a principle.
      - see-child-alone 2: Say in one sentence what this choice missed.
      // "! critical: why" marks a choice that on its own leaves the child unsafe.
      ! critical: Say why taking this choice leaves the child unsafe.
      // "> text" is feedback, shown after the decision in practice mode and in every debrief.
      > Write the feedback a supervisor would give on this decision.
      // "? text" asks the trainee to explain their decision; the answer is kept in their record.
      ? Write a neutral question about this decision, one that does not hint it was poor.
    * Write the choice that follows good practice, such as seeing the child away from adults -> next-steps
      // "+ PRINCIPLE N: why" credits a principle from the guides with N points (1 to 5).
      + see-child-alone 2: Say in one sentence why this choice follows the principle.
      > Write the feedback a supervisor would give on this decision.
      ? Write a neutral question about this decision, one that does not hint it was good.
      // "~" lines change the state when the choice is taken.
      ~ set child-seen
      ~ concern += 1

    == next-steps
    // "@why" is the neutral question asked after any choice here in assessment mode; without it
    // a default is asked. It must fit whatever the trainee chose.
    @why What in the case so far most shaped your decision here?
    // A condition in braces at the start of a line shows that line only when the condition holds.
    {child-seen} Write what the trainee learned by seeing the child; only trainees who saw the child read this.
    {not child-seen} Write what the trainee still does not know because nobody saw the child.
    Write the next decision the trainee faces.
    // "@if CONDITION" under a choice offers the choice only when the condition holds. The .tests
    // file counts only the choices offered, so here the second choice is number 1 or number 2.
    * Write the choice that shares what the child said with the agencies who need to know -> child-safe
      @if child-seen
      + share-information-to-safeguard 3: Say why sharing this information protects the child.
      > Write the feedback on this decision.
      ~ concern += 1
    * Write a choice that waits for more information before sharing anything -> watching-brief
      - share-information-to-safeguard 1: Say what waiting costs the child.
      > Write the feedback on this decision.
    * Write a choice that keeps the concern to the trainee alone, telling no other agency for now -> child-unsafe
      - share-information-to-safeguard 2: Say why keeping the concern to yourself leaves the child at risk.
      > Write the feedback on this decision.

    // Endings: "@ending safe", "@ending partly-safe" or "@ending unsafe", then "|" and a title in a
    // few words for the debrief, and no choices.
    // "@lesson" says what the real review found; "@reflect" is a question for the debrief.
    == child-safe
    @ending safe | Write a title for this ending, such as Sam seen and safe
    Write how the case ends when the trainee's decisions keep the child safe.
    @lesson Write what the review found that this ending shows, naming the review and its year.
    @reflect Write a question that helps the trainee see what made the difference.

    == watching-brief
    @ending partly-safe | Write a title for this ending, such as Safer, with gaps
    Write how the case ends when the child is safer but gaps remain.
    {concern >= 1} Write a line shown only when the concern counter has reached 1 or more.
    @lesson Write what the review found that this ending shows, naming the review and its year.
    @reflect Write a question about what would have closed the remaining gaps.

    == child-unsafe
    @ending unsafe | Write a title for this ending, such as Sam not seen
    Write how the case ends when the child is left unsafe.
    {not child-seen} Write a line shown only when nobody saw the child.
    @lesson Write what the review found that this ending shows, naming the review and its year.
    @reflect Write a question about which decision the trainee would change, and why.

    """
  }

  private static func testsText(id: String, role: String) -> String {
    """
    // Expected playthroughs of \(id), checked by `casesim test \(id)`. "choices" are the numbers a
    // trainee would type, counting only the choices offered at each step. Update the paths and
    // scores whenever you change the choices or their weights in \(id).case.
    == best
    role: \(role)
    choices: 2, 1
    ending: child-safe
    outcome: safe
    score: 5

    == worst
    role: \(role)
    choices: 1, 2
    ending: child-unsafe
    outcome: unsafe
    score: -4

    == typical
    role: \(role)
    choices: 2, 2
    ending: watching-brief
    outcome: partly-safe
    score: 1

    """
  }
}
