import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseSessions
import Foundation
import GRDB
import Synchronization

/// A generated cohort for the report benchmark: trainees in a few training groups playing the
/// library's scenarios through the real session controller (the engine decides what is offered,
/// when a reason is asked and how each session ends, scores and grade), written to an SQLite
/// records file row for row as the store writes them, only in large transactions.
///
/// Everything is deterministic for a given size: choices, reasons and timings come from a seeded
/// generator, the clock is simulated, and session and event ids are numbered UUIDs. Trainees have
/// a skill that sets how often they take the best-scoring option; they make repeated attempts,
/// sometimes leave a session unfinished, and in practice undo or go back to retry now and then.
struct CohortGenerator {
  var trainees: Int
  /// Choices to record in all (withdrawn ones included): the "decisions" of the benchmark.
  var decisions: Int
  var library: ScenarioLibrary
  var seed: UInt64 = 14

  static let groups = ["north", "south", "east", "west"]

  /// Reasons of the lengths trainees give: mostly a sentence, sometimes one word or nothing.
  static let reasons = [
    "She told me in confidence but I cannot keep a secret that puts her at risk",
    "I would record it in his own words and pass it to the DSL today",
    "The bruising and the missed appointments together need a strategy discussion",
    "Mum's account does not match the injury so I need to speak to the child alone",
    "Waiting until Monday leaves him in the same house over the weekend",
    "I should check with the school and the GP before deciding on next steps",
    "Consent is not needed to share when a child is at risk of significant harm",
    "I am worried about neglect: no food, no coat, and she is often late",
    "safety", "risk", "procedure", "", "",
  ]

  struct Written {
    var sessions = 0
    var finished = 0
    var choices = 0
    var undos = 0
    var retries = 0
  }

  /// Plays the cohort and writes it to a new records file at `path` (created by the store, so
  /// the schema is the store's own). Returns what was written.
  func write(to path: String) throws -> Written {
    let store = try SQLiteRecordStore(path: path)
    let scenarios = library.scenarios.filter { $0.isPlayable && $0.scenario.header.roles.count == 1 }
      .sorted { $0.scenario.id < $1.scenario.id }
    precondition(!scenarios.isEmpty, "no playable solo scenario in \(library.root)")
    for loaded in scenarios {
      try store.saveScenarioVersion(
        ScenarioVersion(
          hash: loaded.scenario.contentHash, scenarioID: loaded.scenario.id, mainPath: loaded.scenario.path,
          files: loaded.files))
    }
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    let guidance = library.guidance.library
    let clock = SimulatedClock()
    var random = SeededGenerator(seed: seed)
    var ids = NumberedIDs()
    var written = Written()
    // One controller per scenario: it works out the best achievable once, as a trainee's shell
    // does for one session, and starts each new session afresh.
    let sink = CapturingStore()
    let controllers = scenarios.map { loaded in
      SessionController(
        scenario: loaded.scenario, role: loaded.scenario.header.roles[0], guidance: guidance, store: sink, clock: clock)
    }
    for trainee in 0..<trainees {
      // An even share of what is left, so that every trainee plays (a session overshoots its
      // share by a few decisions).
      let perTrainee = max(1, (decisions - written.choices) / (trainees - trainee))
      let name = String(format: "trainee-%05d", trainee)
      let group = Self.groups[trainee % Self.groups.count]
      // Skill: how often the best-scoring option is taken (0.25 to 0.85).
      let skill = 0.25 + 0.6 * Double(trainee * 7919 % 1000) / 1000
      var taken = 0
      var attempt = 0
      var sessions: [(SessionRecord, [EventRecord])] = []
      while taken < perTrainee {
        // A trainee works through a few scenarios, repeating each one to three times.
        let scenarioIndex = (trainee * 5 + attempt / 2) % controllers.count
        let controller = controllers[scenarioIndex]
        let mode: PlayMode = (trainee + attempt) % 5 == 0 ? .assessment : .practice
        let stopEarly = (trainee * 7 + attempt) % 13 == 0
        let improving = min(0.95, skill + 0.1 * Double(attempt / 2))
        let played = try play(
          controller, files: scenarios[scenarioIndex].files, trainee: name, group: group, mode: mode,
          stopEarly: stopEarly, skill: improving, sink: sink, clock: clock, random: &random)
        var record = played.record
        record.id = ids.next()
        let events = played.events.map { event in
          var event = event
          event.id = ids.next()
          event.sessionID = record.id
          return event
        }
        taken += events.filter { $0.kind == .choice }.count
        written.undos += events.filter { $0.kind == .undo }.count
        written.retries += events.filter { $0.kind == .retry }.count
        written.finished += record.isFinished ? 1 : 0
        sessions.append((record, events))
        attempt += 1
        // Between sessions: a day or so.
        clock.pass(seconds: 3_600 * Double(6 + Int.random(in: 0..<48, using: &random)))
      }
      written.sessions += sessions.count
      written.choices += taken
      try queue.write { db in
        // Row for row as the store writes them (its RecordRows), in large transactions.
        for (record, events) in sessions {
          try RecordRows.insertSession(record, into: db)
          for event in events { try RecordRows.insertRecorded(event, into: db) }
        }
      }
    }
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    return written
  }

  /// One session through the controller: the options as the trainee sees them, the best-scoring
  /// one taken with probability `skill`, a reason given when asked (and once more when it was
  /// short), and a thinking time before each choice.
  private func play(
    _ controller: SessionController, files: [String: String], trainee: String, group: String, mode: PlayMode,
    stopEarly: Bool, skill: Double, sink: CapturingStore, clock: SimulatedClock, random: inout SeededGenerator
  ) throws -> (record: SessionRecord, events: [EventRecord]) {
    sink.reset()
    _ = try controller.start(
      SessionPlan(
        trainee: trainee, role: controller.engine.role, mode: mode, order: .shuffled(seed: random.next()),
        sourceFiles: [:], group: group))
    var steps = 0
    while !controller.isFinished && steps < 300 {
      steps += 1
      if stopEarly && controller.decisionsTaken >= 3 { break }
      let roll = Int.random(in: 0..<40, using: &random)
      if mode == .practice && controller.decisionsTaken > 0 && roll < 2 {
        try controller.undo()
        continue
      }
      if mode == .practice && controller.decisionsTaken > 2 && roll == 2 {
        try controller.retry(Int.random(in: 1...controller.decisionsTaken, using: &random))
        continue
      }
      // Shown as the shell shows it: the decision is timed from here.
      let view = controller.show()
      let options = view.options
      guard !options.isEmpty else { break }
      let number: Int
      if Double.random(in: 0..<1, using: &random) < skill {
        let choices = controller.scenario.passages[view.passageID]?.choices ?? []
        func points(_ option: PassageOption) -> Int {
          choices.first { $0.index == option.choiceIndex }?.scores.reduce(0) { $0 + $1.points } ?? 0
        }
        number = options.max { points($0) < points($1) }?.number ?? 1
      } else {
        number = Int.random(in: 1...options.count, using: &random)
      }
      // Thinking time: mostly 5 to 40 seconds, now and then much longer.
      let seconds = Int.random(in: 0..<10, using: &random) == 0 ? Int.random(in: 60...300, using: &random) : Int.random(in: 5...40, using: &random)
      clock.think(milliseconds: seconds * 1000 + Int.random(in: 0..<1000, using: &random))
      var step = try controller.choose(number)
      while case .askReason = step { step = try controller.giveReason(reason(&random)) }
      if case .askMore = step { step = try controller.giveReason(reason(&random)) }
    }
    if controller.isFinished { _ = try controller.finish() }
    return try sink.contents()
  }

  private func reason(_ random: inout SeededGenerator) -> String {
    Self.reasons[Int.random(in: 0..<Self.reasons.count, using: &random)]
  }
}

/// Session and event ids: version-4-shaped UUIDs numbered from 1, so a size's file is the same
/// on every run.
struct NumberedIDs {
  private var count: UInt64 = 0

  mutating func next() -> String {
    count += 1
    return String(format: "00000000-0000-4000-8000-%012llx", count)
  }
}

/// Time that moves only when the generator says: a second per record, the trainee's thinking
/// time before each choice, and the gaps between sessions. Starts on 5 January 2026.
final class SimulatedClock: SessionClock {
  private let state = Mutex((seconds: 1_767_571_200.0, milliseconds: 0))

  func now() -> Date {
    state.withLock {
      $0.seconds += 1
      return Date(timeIntervalSince1970: $0.seconds)
    }
  }

  func monotonicMilliseconds() -> Int { state.withLock { $0.milliseconds } }

  func think(milliseconds: Int) {
    state.withLock {
      $0.milliseconds += milliseconds
      $0.seconds += Double(milliseconds) / 1000
    }
  }

  func pass(seconds: Double) { state.withLock { $0.seconds += seconds } }
}
