import Foundation
public import CaseFormat
import CaseEngine
import CaseRecords
import CaseScoring
import CaseSessions

extension CohortReport {
  /// Computes the report over recorded sessions held all at once (a test's fixture; `casesim
  /// report cohort` reads and draws a scenario at a time, through the same ``ScenarioCohort``).
  /// - Parameters:
  ///   - sessions: the sessions to consider with their logs; the filter picks those covered.
  ///   - scenarios: each scenario a session was played on, by content hash (the version kept with
  ///     the records, else the library's).
  ///   - minimumCell: the smallest number of distinct trainees a group figure may be drawn from
  ///     (at least 1).
  public init(
    sessions: [RecordedSession], scenarios: [String: Scenario], guidance: GuidanceLibrary, filter: CohortFilter,
    minimumCell: Int
  ) {
    let covered = sessions.filter { filter.admits($0.record) }
    let byScenario = Dictionary(grouping: covered, by: \.record.scenarioID)
    let cohorts = byScenario.keys.compactMap { id in
      ScenarioCohort(id: id, sessions: byScenario[id] ?? [], scenarios: scenarios, guidance: guidance, minimumCell: minimumCell)
    }
    self.init(
      filter: filter, minimumCell: minimumCell,
      sessionsWithoutScenario: covered.filter { scenarios[$0.record.scenarioHash] == nil }.count,
      scenarios: cohorts)
  }

  /// The report from scenarios' figures drawn one by one (``ScenarioCohort/init(id:sessions:scenarios:guidance:minimumCell:)``),
  /// so that a caller reading a large store can draw each scenario's figures as soon as its
  /// sessions are read, while the next scenario's are being read.
  /// - Parameters:
  ///   - sessionsWithoutScenario: sessions the filter covers whose scenario could not be found.
  ///   - scenarios: the figures of each scenario played, in any order.
  public init(filter: CohortFilter, minimumCell: Int, sessionsWithoutScenario: Int, scenarios: [ScenarioCohort]) {
    self.init(
      minimumCell: max(1, minimumCell), scenario: filter.scenarioID,
      since: filter.since.map { ISO8601DateFormatter().string(from: $0) }, group: filter.group,
      sessionsWithoutScenario: sessionsWithoutScenario, scenarios: scenarios.sorted { $0.id < $1.id })
  }
}

extension ScenarioCohort {
  /// The figures of one scenario's covered sessions.
  /// - Parameters:
  ///   - sessions: sessions of scenario `id` that the report covers, with their logs, in any order;
  ///     those whose scenario version is not in `scenarios` are left out (the report counts them
  ///     apart).
  /// - Returns: nil when no session's scenario version is known: there is nothing to draw from.
  public init?(
    id: String, sessions: [RecordedSession], scenarios: [String: Scenario], guidance: GuidanceLibrary,
    minimumCell: Int
  ) {
    let minimum = max(1, minimumCell)
    let engines = EngineCache()
    let played = sessions.sorted(by: PlayedSession.startOrder).compactMap { session in
      scenarios[session.record.scenarioHash].map { PlayedSession(session: session, scenario: $0, engines: engines) }
    }
    guard let latest = played.last else { return nil }
    let trainees = Set(played.map(\.record.trainee)).count
    self.init(
      id: id, title: latest.scenario.header.title,
      figures: .of(trainees: trainees, minimum: minimum) {
        ScenarioFigures(played: played, guidance: guidance, minimum: minimum)
      })
  }
}

/// A covered session with the scenario it was played on and the decisions that stand in it.
///
/// A class, not a struct: every standing decision is paired with its session while the figures
/// are drawn, and copying a reference costs one retain where copying the record, the replay and the
/// scenario cost dozens (retains and releases led the profile of a 100,000-decision report). It
/// is never changed after it is made.
final class PlayedSession {
  let record: SessionRecord
  let scenario: Scenario
  /// The session's log folded by the sessions' one decoder; nil if the record cannot be replayed
  /// (it then counts only in the session-level figures).
  let play: RecordedPlay?

  init(session: RecordedSession, scenario: Scenario, engines: EngineCache) {
    record = session.record
    self.scenario = scenario
    // The log itself is not kept: every figure is drawn from the record and the replay.
    play = try? RecordedPlay(
      record: session.record, events: session.events, engine: engines.engine(for: session.record, scenario: scenario))
  }

  var isFinished: Bool { record.finishedAt != nil }
  var isSolo: Bool { !SessionLog.isTeam(record) }

  /// Oldest first: by start time, then id, so ties are broken the same way everywhere.
  static func startOrder(_ a: RecordedSession, _ b: RecordedSession) -> Bool {
    (a.record.startedAt, a.record.id) < (b.record.startedAt, b.record.id)
  }
}

/// The engine of each scenario version and team, made once: an engine indexes its scenario's
/// named facts when it is made, which cost more than replaying a short session.
final class EngineCache {
  private var made: [String: Engine] = [:]

  func engine(for record: SessionRecord, scenario: Scenario) -> Engine {
    let team = RecordedPlay.team(of: record.participants)
    let key = ([scenario.contentHash] + team).joined(separator: "\u{0}")
    if let known = made[key] { return known }
    let engine = SessionLog.engine(for: record, scenario: scenario)
    made[key] = engine
    return engine
  }
}

/// What a session is measured against (``PrincipleStanding/Scale``: the best achievable figures,
/// the principles the scenario scores, the areas of the role's profession), worked out once per
/// scenario version and role.
final class BestAchievableCache {
  private var computed: [String: PrincipleStanding.Scale] = [:]
  let guidance: GuidanceLibrary

  init(guidance: GuidanceLibrary) { self.guidance = guidance }

  func best(_ scenario: Scenario, role: String) -> BestAchievable { scale(scenario, role: role).best }

  func scale(_ scenario: Scenario, role: String) -> PrincipleStanding.Scale {
    let key = scenario.contentHash + "\u{0}" + role
    if let known = computed[key] { return known }
    let scale = PrincipleStanding.Scale(
      best: BestAchievable(engine: Engine(scenario: scenario, role: role), guidance: guidance), scenario: scenario,
      role: role, guidance: guidance)
    computed[key] = scale
    return scale
  }
}

extension ScenarioFigures {
  /// The figures of one scenario's sessions (oldest first), all of one scenario id.
  init(played: [PlayedSession], guidance: GuidanceLibrary, minimum: Int) {
    let finished = played.filter(\.isFinished)
    let bests = BestAchievableCache(guidance: guidance)
    let scenario = played.last?.scenario
    trainees = Set(played.map(\.record.trainee)).count
    sessionsStarted = played.count
    sessionsFinished = finished.count
    results = .of(trainees: Set(finished.map(\.record.trainee)).count, minimum: minimum) {
      Self.results(finished)
    }
    let latest = Self.latestFinishedSolo(finished)
    let standings = latest.compactMap { StandingOnPrinciples(session: $0, bests: bests) }
    principles = (scenario?.guidanceIDsUsed ?? []).map { id in
      Self.metRow(id: id, title: guidance.entry(id)?.title ?? id, standings: standings, minimum: minimum) {
        $0.principleMet(id)
      }
    }
    areas = Self.areaIDs(of: scenario, standings: standings, guidance: guidance).map { id in
      Self.metRow(id: id, title: guidance.entry(id)?.title ?? id, standings: standings, minimum: minimum) {
        $0.areaMet(id)
      }
    }
    let decisions = played.flatMap { session in
      (session.play?.decisions ?? []).map { (session: session, input: $0) }
    }
    criticalDecisions = Self.critical(decisions)
    decisionPoints = Self.decisionPoints(decisions, played: played, bests: bests, minimum: minimum)
    let timed = decisions.compactMap { d in d.input.milliseconds.map { (trainee: d.session.record.trainee, ms: $0) } }
    decisionTime = .of(trainees: Set(timed.map(\.trainee)).count, minimum: minimum) {
      DecisionTime(
        decisions: timed.count, trainees: Set(timed.map(\.trainee)).count, medianMilliseconds: Self.median(timed.map(\.ms)))
    }
    let asked = decisions.filter { $0.input.rationale != nil }
    rationales = .of(trainees: Set(asked.map(\.session.record.trainee)).count, minimum: minimum) {
      let shortfalls = asked.compactMap { RationaleShortfall(answer: $0.input.rationale) }
      let empty = shortfalls.filter { $0 == .empty }.count
      let oneWord = shortfalls.filter { $0 == .oneWord }.count
      return Rationales(
        asked: asked.count, trainees: Set(asked.map(\.session.record.trainee)).count, empty: empty, oneWord: oneWord,
        shortShare: Double(empty + oneWord) / Double(asked.count))
    }
    repeatedAttempts = Self.repeatedAttempts(finished, minimum: minimum)
  }

  static func results(_ finished: [PlayedSession]) -> Results {
    var grades: [String: Int] = [:]
    for grade in Grade.allCases { grades[grade.rawValue] = 0 }
    for session in finished { if let grade = session.record.grade { grades[grade, default: 0] += 1 } }
    let scores = finished.map { $0.record.totalScore ?? 0 }.sorted()
    var counts: [Int: Int] = [:]
    for score in scores { counts[score, default: 0] += 1 }
    return Results(
      trainees: Set(finished.map(\.record.trainee)).count, grades: grades, minimumScore: scores.first ?? 0,
      medianScore: median(scores), maximumScore: scores.last ?? 0,
      bestTotal: finished.compactMap(\.record.bestTotal).max(),
      scoreCounts: counts.keys.sorted().map { ScoreCount(score: $0, sessions: counts[$0] ?? 0) })
  }

  /// Each trainee's latest finished solo session (by start time, then id).
  static func latestFinishedSolo(_ finished: [PlayedSession]) -> [PlayedSession] {
    var latest: [String: PlayedSession] = [:]
    for session in finished where session.isSolo { latest[session.record.trainee] = session }
    return latest.keys.sorted().compactMap { latest[$0] }
  }

  static func metRow(
    id: String, title: String, standings: [StandingOnPrinciples], minimum: Int,
    met: (StandingOnPrinciples) -> Bool?
  ) -> MetRow {
    let atStake = standings.compactMap { standing in met(standing).map { (standing.trainee, $0) } }
    return MetRow(
      id: id, title: title,
      figures: .of(trainees: atStake.count, minimum: minimum) {
        let count = atStake.filter(\.1).count
        return MetShare(trainees: atStake.count, met: count, share: Double(count) / Double(atStake.count))
      })
  }

  /// The competency areas the scenario's principles map to, among the areas of the roles played,
  /// in the frameworks' order.
  static func areaIDs(of scenario: Scenario?, standings: [StandingOnPrinciples], guidance: GuidanceLibrary) -> [String] {
    let mapped = Set((scenario?.guidanceIDsUsed ?? []).flatMap { guidance.entry($0)?.areas ?? [] })
    var seen: Set<String> = []
    var ids: [String] = []
    for role in Set(standings.map(\.role)).sorted() {
      for area in guidance.areas(forRole: role) where mapped.contains(area.id) && seen.insert(area.id).inserted {
        ids.append(area.id)
      }
    }
    return ids
  }

  static func critical(_ decisions: [(session: PlayedSession, input: DecisionInput)]) -> [CriticalDecision] {
    var found: [String: (passage: String, choice: Int, text: String, sessions: Set<String>, trainees: Set<String>)] = [:]
    for (session, input) in decisions {
      guard let play = session.play, let choice = play.engine.choice(for: input.decision), choice.isCritical else {
        continue
      }
      let key = input.decision.passageID + "\u{0}" + String(choice.index)
      var entry = found[key] ?? (input.decision.passageID, choice.index, choice.text, [], [])
      entry.sessions.insert(session.record.id)
      entry.trainees.insert(session.record.trainee)
      found[key] = entry
    }
    return found.values
      .map {
        CriticalDecision(
          passage: $0.passage, choice: $0.choice, text: $0.text, sessions: $0.sessions.count,
          trainees: $0.trainees.count)
      }
      .sorted { ($1.sessions, $0.passage, $0.choice) < ($0.sessions, $1.passage, $1.choice) }
  }

  static func decisionPoints(
    _ decisions: [(session: PlayedSession, input: DecisionInput)], played: [PlayedSession], bests: BestAchievableCache,
    minimum: Int
  ) -> [DecisionPoint] {
    guard let scenario = played.last?.scenario else { return [] }
    // The strongest option at a passage: the one the best playthrough of a role played solo
    // takes there.
    var strongest: [String: Set<Int>] = [:]
    let roles = Set(played.filter(\.isSolo).map { "\($0.record.role)" })
    for role in roles.sorted() {
      for decision in bests.best(scenario, role: role).bestPath {
        strongest[decision.passageID, default: []].insert(decision.choiceIndex)
      }
    }
    var atPassage: [String: [(trainee: String, choice: Int)]] = [:]
    for (session, input) in decisions {
      atPassage[input.decision.passageID, default: []].append((session.record.trainee, input.decision.choiceIndex))
    }
    return scenario.passageOrder.filter { atPassage[$0] != nil }.map { id in
      let taken = atPassage[id] ?? []
      let trainees = Set(taken.map(\.trainee)).count
      return DecisionPoint(
        passage: id,
        figures: .of(trainees: trainees, minimum: minimum) {
          let marked = strongest[id] ?? []
          let options = (scenario.passages[id]?.choices ?? []).map { choice in
            OptionCount(
              choice: choice.index, text: choice.text, decisions: taken.filter { $0.choice == choice.index }.count,
              isStrongest: marked.contains(choice.index))
          }
          return Distribution(
            decisions: taken.count, trainees: trainees,
            tookStrongest: marked.isEmpty ? nil : taken.filter { marked.contains($0.choice) }.count, options: options)
        })
    }
  }

  static func repeatedAttempts(_ finished: [PlayedSession], minimum: Int) -> Suppressible<RepeatedAttempts> {
    var attempts: [String: [Int]] = [:]
    for session in finished { attempts[session.record.trainee, default: []].append(session.record.totalScore ?? 0) }
    let repeated = attempts.values.filter { $0.count >= 2 }
    return .of(trainees: repeated.count, minimum: minimum) {
      let firsts = repeated.map { $0[0] }
      let latests = repeated.map { $0[$0.count - 1] }
      let pairs = zip(firsts, latests)
      return RepeatedAttempts(
        trainees: repeated.count, firstMeanScore: mean(firsts), latestMeanScore: mean(latests),
        improved: pairs.filter { $0.1 > $0.0 }.count, unchanged: pairs.filter { $0.1 == $0.0 }.count,
        declined: pairs.filter { $0.1 < $0.0 }.count)
    }
  }

  /// The middle value, or the mean of the two middle values; 0 for none.
  static func median(_ values: [Int]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
  }

  static func mean(_ values: [Int]) -> Double {
    values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
  }
}
