import Foundation
public import CaseFormat
import CaseEngine
import CaseRecords
import CaseScoring
import CaseSessions

/// One trainee's portfolio of evidence for ASYE and CPD: each of their sessions, and each
/// decision they took that stands, with their own reason and the principles and competency areas
/// of their profession's framework it is evidence for.
public struct TraineePortfolio: Sendable, Equatable {
  public var trainee: String
  /// The frameworks (by title) the trainee's roles map to.
  public var frameworks: [String]
  public var sessions: [Session]
  /// Each competency area with how many of the trainee's standing decisions are evidence for it,
  /// in the frameworks' order.
  public var areaEvidence: [(title: String, decisions: Int)] { evidence.map { ($0.title, $0.decisions) } }
  var evidence: [AreaEvidence]

  struct AreaEvidence: Sendable, Equatable {
    var title: String
    var decisions: Int
  }

  public struct Session: Sendable, Equatable {
    public var id: String
    public var scenarioID: String
    public var title: String
    public var startedAt: Date
    public var role: String
    public var mode: String
    /// The ending's title (or id) and outcome; nil while unfinished.
    public var ending: String?
    public var outcome: String?
    public var grade: String?
    public var total: Int?
    public var bestTotal: Int?
    public var decisions: [Decision]
  }

  public struct Decision: Sendable, Equatable {
    public var number: Int
    public var passage: String
    public var choice: String
    public var rationale: String?
    /// Principle title -> points, in the choice's order.
    public var principles: [(title: String, points: Int)]
    /// Titles of the competency areas (of the decider's profession) those principles map to.
    public var areas: [String]

    public static func == (a: Decision, b: Decision) -> Bool {
      a.number == b.number && a.passage == b.passage && a.choice == b.choice && a.rationale == b.rationale
        && a.principles.map(\.title) == b.principles.map(\.title) && a.principles.map(\.points) == b.principles.map(\.points)
        && a.areas == b.areas
    }
  }

  /// The portfolio of `trainee` from their sessions (others' are ignored; drafts are left out).
  public init(
    trainee: String, sessions: [RecordedSession], scenarios: [String: Scenario], guidance: GuidanceLibrary
  ) {
    self.trainee = trainee
    let own = sessions.filter { $0.record.trainee == trainee && !$0.record.isDraft }
      .sorted { ($0.record.startedAt, $0.record.id) < ($1.record.startedAt, $1.record.id) }
    var roles: [String] = []
    var areaCounts: [String: Int] = [:]
    self.sessions = own.map { session in
      let record = session.record
      if !roles.contains(record.role) { roles.append(record.role) }
      let scenario = scenarios[record.scenarioHash]
      var decisions: [Decision] = []
      if let scenario,
        let play = try? RecordedPlay(
          record: record, events: session.events, engine: SessionLog.engine(for: record, scenario: scenario))
      {
        for (n, (input, decider)) in zip(play.decisions, play.deciders).enumerated() where decider.name == trainee {
          guard let choice = play.engine.choice(for: input.decision) else { continue }
          let roleAreas = guidance.areas(forRole: decider.role)
          let touched = Set(choice.scores.flatMap { guidance.entry($0.guidanceID)?.areas ?? [] })
          let areas = roleAreas.filter { touched.contains($0.id) }
          for area in areas { areaCounts[area.id, default: 0] += 1 }
          decisions.append(
            Decision(
              number: n + 1, passage: input.decision.passageID, choice: choice.text, rationale: input.rationale,
              principles: choice.scores.map { (guidance.entry($0.guidanceID)?.title ?? $0.guidanceID, $0.points) },
              areas: areas.map(\.title)))
        }
      }
      let endingTitle = record.endingID.map { scenario?.passages[$0]?.ending?.title ?? $0 }
      return Session(
        id: record.id, scenarioID: record.scenarioID, title: scenario?.header.title ?? record.scenarioID,
        startedAt: record.startedAt, role: record.role, mode: record.mode, ending: endingTitle,
        outcome: record.outcome, grade: record.grade, total: record.totalScore, bestTotal: record.bestTotal,
        decisions: decisions)
    }
    frameworks = roles.flatMap { guidance.frameworks(forRole: $0).map(\.title) }.reduce(into: []) {
      if !$0.contains($1) { $0.append($1) }
    }
    var seen: Set<String> = []
    evidence = roles.flatMap { guidance.areas(forRole: $0) }.compactMap { area in
      guard seen.insert(area.id).inserted else { return nil }
      return AreaEvidence(title: area.title, decisions: areaCounts[area.id] ?? 0)
    }
  }
}
