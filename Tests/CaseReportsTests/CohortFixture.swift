import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseReports
import CaseSessions
import CaseTestSupport
import Foundation
import Synchronization

/// A deterministic cohort played through the real session controller into an SQLite file: 35
/// trainees (32 in the group "spring", 3 in "small") on three library scenarios, with repeated
/// attempts, practice and assessment, undos and retries, unfinished sessions, empty, one-word and
/// hostile reasons, and two hostile trainee names. Generated once per test process.
enum CohortFixture {
  static let scenarioIDs = ["break-time", "hungry-in-class", "not-in-school"]
  static let hostileName = "<script>alert('x')</script>"
  static let formulaName = "=cmd|' /C calc'!A0"

  struct Built: Sendable {
    var path: String
    var library: ScenarioLibrary
    var sessions: [RecordedSession]
    var scenarios: [String: Scenario]
    var guidance: GuidanceLibrary { library.guidance.library }
  }

  static let built: Built = build()

  static func trainee(_ i: Int) -> String {
    switch i {
    case 3: hostileName
    case 4: formulaName
    default: "trainee-" + (i < 10 ? "0" : "") + String(i)
    }
  }

  /// The attempts trainee `i` makes on each scenario (0 for none): not-in-school is played by the
  /// small group only, so its figures must be withheld at the default minimum of 5.
  static func attempts(_ i: Int, on scenario: String) -> Int {
    switch scenario {
    case "break-time": 1 + i % 3
    case "hungry-in-class": i % 2 == 0 ? 1 + (i % 4 == 0 ? 1 : 0) : 0
    default: i >= 32 ? 1 + i % 2 : 0
    }
  }

  static let reasons = [
    "", "safety", "Because she asked me to keep it secret and I cannot promise that",
    "<script>alert('reason')</script> then told the DSL", "=cmd|' /C calc'!A0", "+1", "  ", "Risk\tassessed",
    "I would record it in her words and pass it on today",
  ]

  private static func build() -> Built {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    let path = Fixtures.temporaryDirectory() + "/cohort.sqlite"
    do {
      let store = try SQLiteRecordStore(path: path)
      let clock = FixtureClock()
      var random = SeededGenerator(seed: 14)
      for i in 0..<35 {
        for id in scenarioIDs {
          guard let loaded = library.scenario(id: id), loaded.isPlayable else { fatalError("no scenario \(id)") }
          for attempt in 0..<attempts(i, on: id) {
            let mode: PlayMode = (i + attempt) % 5 == 0 ? .assessment : .practice
            let stopEarly = (i * 7 + attempt) % 11 == 0
            try play(
              loaded.scenario, files: loaded.files, trainee: trainee(i), group: i < 32 ? "spring" : "small", mode: mode, stopEarly: stopEarly,
              store: store, guidance: library.guidance.library, clock: clock, random: &random)
          }
        }
      }
      var sessions: [RecordedSession] = []
      var scenarios: [String: Scenario] = [:]
      for record in try store.sessions(trainee: nil, includeDrafts: false) {
        sessions.append(RecordedSession(record: record, events: try store.events(forSession: record.id)))
        scenarios[record.scenarioHash] = SessionLog.scenario(for: record, store: store, library: library)
      }
      return Built(path: path, library: library, sessions: sessions, scenarios: scenarios)
    } catch {
      fatalError("the cohort fixture could not be built: \(error)")
    }
  }

  /// One session, played by choosing at random among the options shown, with undos and retries
  /// now and then in practice.
  private static func play(
    _ scenario: Scenario, files: [String: String], trainee: String, group: String, mode: PlayMode, stopEarly: Bool, store: SQLiteRecordStore,
    guidance: GuidanceLibrary, clock: FixtureClock, random: inout SeededGenerator
  ) throws {
    let role = scenario.header.roles[0]
    let controller = SessionController(scenario: scenario, role: role, guidance: guidance, store: store, clock: clock)
    _ = try controller.start(
      SessionPlan(
        trainee: trainee, role: role, mode: mode, order: .shuffled(seed: random.next()),
        sourceFiles: files, group: group))
    var steps = 0
    while !controller.isFinished && steps < 200 {
      steps += 1
      if stopEarly && controller.decisionsTaken >= 2 { return }
      let roll = Int.random(in: 0..<24, using: &random)
      if mode == .practice && controller.decisionsTaken > 0 && roll < 2 {
        try controller.undo()
        continue
      }
      if mode == .practice && controller.decisionsTaken > 1 && roll == 2 {
        try controller.retry(Int.random(in: 1...controller.decisionsTaken, using: &random))
        continue
      }
      let options = controller.options
      clock.think(Int.random(in: 800...40_000, using: &random))
      var step = try controller.choose(Int.random(in: 1...options.count, using: &random))
      while case .askReason = step { step = try controller.giveReason(reasons.randomElement(using: &random) ?? "") }
      if case .askMore = step { step = try controller.giveReason(reasons.randomElement(using: &random) ?? "") }
    }
    if controller.isFinished { _ = try controller.finish() }
  }
}

/// Time that moves only when the fixture says: one second per record, and the trainee's thinking
/// time before each choice.
final class FixtureClock: SessionClock {
  private let state = Mutex((seconds: 1_767_225_600.0, milliseconds: 0))

  func now() -> Date {
    state.withLock {
      $0.seconds += 1
      return Date(timeIntervalSince1970: $0.seconds)
    }
  }

  func monotonicMilliseconds() -> Int { state.withLock { $0.milliseconds } }

  func think(_ milliseconds: Int) { state.withLock { $0.milliseconds += milliseconds } }
}
