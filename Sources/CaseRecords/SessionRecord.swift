#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One recorded session: a trainee (or a team led by one) playing one scenario once.
///
/// The session row pins what is needed to resume exactly: the scenario's content hash (so a
/// changed scenario is detected rather than replayed wrongly) and where it was loaded from.
/// The ending fields stay nil until the session finishes.
///
/// Dates are truncated to the millisecond when set, because that is what stores keep; a session
/// read back from a store is then equal to the one that was written.
public struct SessionRecord: Sendable, Equatable, Codable {
  /// Lowercase UUID string, minted by the caller.
  public var id: String
  /// Whose history the session belongs to (`history`, `resume` look sessions up by it). In a
  /// solo session, the one participant.
  public var trainee: String
  public var scenarioID: String
  /// Content hash of the scenario text the session was played on.
  public var scenarioHash: String
  /// Where the scenario was loaded from, to find it again on resume.
  public var scenarioPath: String
  /// The role the session is played as (a solo session's participant plays it).
  public var role: String
  /// Who plays, in order of ``Participant/ordinal`` (1, 2, ...): at least one. Events name
  /// their participant from this list.
  public var participants: [Participant]
  /// "practice" or "assessment".
  public var mode: String
  public var startedAt: Date {
    didSet { startedAt = RecordTimestamp.truncated(startedAt) }
  }
  /// Nil while the session is unfinished.
  public var finishedAt: Date? {
    didSet { finishedAt = finishedAt.map(RecordTimestamp.truncated) }
  }
  public var endingID: String?
  /// "safe", "partly-safe" or "unsafe".
  public var outcome: String?
  public var totalScore: Int?
  /// Best achievable total on the scenario, to report "x of y".
  public var bestTotal: Int?
  /// How options were shown: "shuffled" (in the order `orderSeed` gives) or "written". Sessions
  /// recorded before option orders existed read as "written", which is how they were shown.
  public var optionOrder: String
  /// The seed of the session's option order, minted when it starts and replayed on resume.
  public var orderSeed: UInt64
  /// The grade band ("safe-practice", "developing", "unsafe"), set when the session finishes.
  public var grade: String?
  /// True for a play of a file outside the library (an author's draft): kept apart from a
  /// trainee's history unless asked for.
  public var isDraft: Bool
  /// The training group the session was played in (a cohort, a course, a site: `--group` or
  /// `CASESIM_GROUP` when play starts), so that cohort reports can be read per group; nil when
  /// none was named.
  public var group: String?

  public init(
    id: String,
    trainee: String,
    scenarioID: String,
    scenarioHash: String,
    scenarioPath: String,
    role: String,
    participants: [Participant]? = nil,
    mode: String,
    startedAt: Date,
    finishedAt: Date? = nil,
    endingID: String? = nil,
    outcome: String? = nil,
    totalScore: Int? = nil,
    bestTotal: Int? = nil,
    optionOrder: String = "written",
    orderSeed: UInt64 = 0,
    grade: String? = nil,
    isDraft: Bool = false,
    group: String? = nil
  ) {
    self.id = id
    self.trainee = trainee
    self.scenarioID = scenarioID
    self.scenarioHash = scenarioHash
    self.scenarioPath = scenarioPath
    self.role = role
    // A solo session unless told otherwise: the trainee in the session's role.
    self.participants = participants ?? Participant.solo(trainee: trainee, role: role)
    self.mode = mode
    self.startedAt = RecordTimestamp.truncated(startedAt)
    self.finishedAt = finishedAt.map(RecordTimestamp.truncated)
    self.endingID = endingID
    self.outcome = outcome
    self.totalScore = totalScore
    self.bestTotal = bestTotal
    self.optionOrder = optionOrder
    self.orderSeed = orderSeed
    self.grade = grade
    self.isDraft = isDraft
    self.group = group
  }

  /// True once the session has reached an ending.
  public var isFinished: Bool { finishedAt != nil }

  /// The session as it was before its ending: what a store is given to create it when a
  /// session is copied, since an ending is recorded only after the events (by `finishSession`).
  public var unfinished: SessionRecord {
    var session = self
    session.finishedAt = nil
    session.endingID = nil
    session.outcome = nil
    session.totalScore = nil
    session.bestTotal = nil
    session.grade = nil
    return session
  }

  /// The participant with this ordinal, or nil if the session has none.
  public func participant(_ ordinal: Int) -> Participant? {
    participants.first { $0.ordinal == ordinal }
  }
}
