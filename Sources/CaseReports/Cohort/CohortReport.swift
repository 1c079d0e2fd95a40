/// What a cohort of trainees did on the library's scenarios: the figures an agency reads to see
/// which lessons are landing. Documentation/reports.md says what each figure means.
///
/// Every figure is drawn from the decisions that stand (undos and retries withdraw decisions)
/// in the sessions the filter admits, and every group figure from fewer than ``minimumCell``
/// distinct trainees is withheld (``Suppressible``). The JSON form is this value encoded with
/// sorted keys; its field names are part of the report's documented interface.
public struct CohortReport: Sendable, Equatable, Encodable {
  /// The smallest number of distinct trainees a group figure may be drawn from.
  public var minimumCell: Int
  /// The filter the report was made with.
  public var scenario: String?
  /// The earliest start covered, as ISO 8601 (UTC), when one was given.
  public var since: String?
  /// The group (cohort) covered, when one was given.
  public var group: String?
  /// Sessions covered whose scenario could not be found (neither kept with the records nor in
  /// the library): counted here and nowhere else.
  public var sessionsWithoutScenario: Int
  /// One entry per scenario played, by id.
  public var scenarios: [ScenarioCohort]

  public init(
    minimumCell: Int, scenario: String?, since: String?, group: String?, sessionsWithoutScenario: Int,
    scenarios: [ScenarioCohort]
  ) {
    self.minimumCell = minimumCell
    self.scenario = scenario
    self.since = since
    self.group = group
    self.sessionsWithoutScenario = sessionsWithoutScenario
    self.scenarios = scenarios
  }

  /// What a reader is told before the figures, in every human format: how small groups are
  /// treated, and the sessions left out. Plain text holding nothing from the records.
  public var notes: [String] {
    var notes = [
      minimumCell > 1
        ? "Figures drawn from fewer than \(minimumCell) trainees are withheld."
        : "Every figure is shown, however few trainees it is drawn from (minimum cell size 1)."
    ]
    if sessionsWithoutScenario > 0 {
      notes.append("\(sessionsWithoutScenario) sessions were left out: their scenario could not be found.")
    }
    return notes
  }
}

/// One scenario's figures: withheld as a whole when fewer than the minimum of trainees played it.
public struct ScenarioCohort: Sendable, Equatable, Encodable {
  public var id: String
  public var title: String
  public var figures: Suppressible<ScenarioFigures>
}

/// The figures of one scenario played by enough trainees to show them.
public struct ScenarioFigures: Sendable, Equatable, Encodable {
  /// Distinct trainees with a session of the scenario.
  public var trainees: Int
  /// Sessions started (finished or not) and finished.
  public var sessionsStarted: Int
  public var sessionsFinished: Int
  /// Grade bands and score distribution of the finished sessions.
  public var results: Suppressible<Results>
  /// For each guidance principle the scenario scores against: the share of trainees who met it.
  public var principles: [MetRow]
  /// For each competency area those principles map to: the share of trainees who met it.
  public var areas: [MetRow]
  /// Critical choices that stand in at least one session, most often taken first.
  public var criticalDecisions: [CriticalDecision]
  /// Every passage where a decision stands, in the scenario's order.
  public var decisionPoints: [DecisionPoint]
  /// Median time from options shown to choice made.
  public var decisionTime: Suppressible<DecisionTime>
  /// Reasons asked for and given empty or as one word.
  public var rationales: Suppressible<Rationales>
  /// First against latest attempt, for trainees who finished the scenario more than once.
  public var repeatedAttempts: Suppressible<RepeatedAttempts>

  /// Grade bands and scores of finished sessions.
  public struct Results: Sendable, Equatable, Encodable {
    /// Distinct trainees with a finished session.
    public var trainees: Int
    /// Grade band ("safe-practice", "developing", "unsafe") -> finished sessions.
    public var grades: [String: Int]
    public var minimumScore: Int
    public var medianScore: Double
    public var maximumScore: Int
    /// The best achievable total, as the sessions recorded it (the largest, if versions differ).
    public var bestTotal: Int?
    /// Each total reached, with how many finished sessions reached it, lowest first.
    public var scoreCounts: [ScoreCount]
  }

  public struct ScoreCount: Sendable, Equatable, Encodable {
    public var score: Int
    public var sessions: Int
  }

  /// A principle or competency area and how many trainees met it.
  public struct MetRow: Sendable, Equatable, Encodable {
    public var id: String
    public var title: String
    public var figures: Suppressible<MetShare>
  }

  public struct MetShare: Sendable, Equatable, Encodable {
    /// Trainees for whom the principle or area was at stake (see Documentation/reports.md).
    public var trainees: Int
    public var met: Int
    /// `met` / `trainees`.
    public var share: Double
  }

  public struct CriticalDecision: Sendable, Equatable, Encodable {
    public var passage: String
    /// The choice's index as written in the passage.
    public var choice: Int
    public var text: String
    /// Sessions in which it stands, and distinct trainees who took it.
    public var sessions: Int
    public var trainees: Int
  }

  public struct DecisionPoint: Sendable, Equatable, Encodable {
    public var passage: String
    public var figures: Suppressible<Distribution>
  }

  /// How the decisions that stand at one passage were spread over its options.
  public struct Distribution: Sendable, Equatable, Encodable {
    /// Standing decisions at the passage, and distinct trainees who took them.
    public var decisions: Int
    public var trainees: Int
    /// Standing decisions that took a strongest option (nil when no option is marked strongest).
    public var tookStrongest: Int?
    public var options: [OptionCount]
  }

  public struct OptionCount: Sendable, Equatable, Encodable {
    public var choice: Int
    public var text: String
    public var decisions: Int
    /// True for the option the scenario's best playthrough takes here (see Documentation/reports.md).
    public var isStrongest: Bool
  }

  public struct DecisionTime: Sendable, Equatable, Encodable {
    public var decisions: Int
    public var trainees: Int
    public var medianMilliseconds: Double
  }

  public struct Rationales: Sendable, Equatable, Encodable {
    /// Standing decisions for which a reason was asked (the record holds an answer, maybe empty).
    public var asked: Int
    public var trainees: Int
    public var empty: Int
    public var oneWord: Int
    /// (`empty` + `oneWord`) / `asked`.
    public var shortShare: Double
  }

  public struct RepeatedAttempts: Sendable, Equatable, Encodable {
    /// Trainees who finished the scenario at least twice.
    public var trainees: Int
    /// Mean total of their first finished attempt, and of their latest.
    public var firstMeanScore: Double
    public var latestMeanScore: Double
    /// How many scored more, the same, or less on their latest attempt than on their first.
    public var improved: Int
    public var unchanged: Int
    public var declined: Int
  }
}
