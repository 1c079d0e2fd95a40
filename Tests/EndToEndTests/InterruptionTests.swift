import CaseEngine
import CaseRecords
import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// The real binary stopped from outside while it plays: kill -9 at random moments (so some land
/// in the middle of a write) and a hang-up. Whatever the screen had shown as taken must be in
/// the store, and the session must resume to the ending and score the .tests file expects.
@Suite("casesim interrupted while playing", .serialized, .timeLimit(.minutes(5)), .tags(.slow))
struct InterruptionTests {
  /// A number in [0, 1) from the seeded generator, so the kill moments are reproducible.
  static func unit(_ generator: inout SeededGenerator) -> Double { Double(generator.next() >> 11) / Double(1 << 53) }

  /// Starts `play` in a fresh sandbox and waits for the content note's question.
  static func startPlay(
    _ script: PlayScript, sandbox: CaseSimProcess.Sandbox, defaultSignals: Bool = false
  ) throws -> CaseSimProcess.Running {
    let running = try CaseSimProcess.Running(
      ["play", script.scenarioID, "--role", script.role, "--order", "written"], sandbox: sandbox,
      cwd: Fixtures.repositoryRoot, defaultSignals: defaultSignals)
    let note = running.waitFor(wrong: Screens.wrong) { $0.contains(Screens.contentNotePrompt) }
    try #require(note == .shown, "no content note (\(note)):\n\(running.stdout.suffix(600))\(running.stderr)")
    return running
  }

  /// What the store holds after an interruption agrees with the screen and the script:
  /// every decision shown as taken is there, at most one more (saved, not yet shown), each the
  /// scripted one with its reason. Returns the session and how many decisions it holds.
  static func checkStore(
    _ sandbox: CaseSimProcess.Sandbox, acknowledged: Int, script: PlayScript, _ label: String
  ) throws -> (session: SessionRecord, decisions: Int)? {
    guard FileManager.default.fileExists(atPath: sandbox.store) else {
      #expect(acknowledged == 0, "\(label): decisions were shown but the store was never created")
      return nil
    }
    // Opening recovers the write-ahead log of the killed process.
    let store = try SQLiteRecordStore(path: sandbox.store)
    let sessions = try store.sessions(trainee: nil, includeDrafts: true)
    #expect(sessions.count <= 1, "\(label)")
    guard let session = sessions.first else {
      #expect(acknowledged == 0, "\(label): \(acknowledged) decisions shown as taken, but no session recorded")
      return nil
    }
    let events = try store.events(forSession: session.id)
    #expect(events.count >= acknowledged, "\(label): \(acknowledged) decisions shown as taken, only \(events.count) recorded")
    #expect(events.count <= acknowledged + 1, "\(label): \(events.count) recorded, only \(acknowledged) shown")
    #expect(events.count <= script.decisions.count, "\(label)")
    #expect(events.map(\.sequence) == (0..<events.count).map { $0 + 1 }, "\(label): gaps in the log")
    for (n, (event, expected)) in zip(events, script.decisions).enumerated() {
      #expect(event.kind == .choice && event.passageID == expected.passageID && event.choiceIndex == expected.choiceIndex, "\(label): decision \(n + 1)")
      #expect(event.rationale == script.reason(n), "\(label): the reason of decision \(n + 1)")
    }
    return (session, events.count)
  }

  /// Resumes the session with the rest of the script and checks it ends as the .tests file says.
  static func resumeToTheEnd(
    _ sandbox: CaseSimProcess.Sandbox, session: SessionRecord, decisions: Int, script: PlayScript, _ label: String
  ) throws {
    let store = try SQLiteRecordStore(path: sandbox.store)
    if let current = try store.session(id: session.id), current.isFinished {
      // Killed after play had finished: nothing to resume, and the record is complete.
      #expect(decisions == script.decisions.count, "\(label)")
      #expect(current.endingID == script.ending && current.totalScore == script.score, "\(label)")
      return
    }
    let resumed = try CaseSimProcess.run(["resume"], input: script.input(from: decisions), sandbox: sandbox)
    #expect(resumed.status == 0, "\(label): \(resumed.stderr)")
    #expect(
      resumed.stdout.contains("Session \(session.id.prefix(8)), \(decisions) decision\(decisions == 1 ? "" : "s") so far"),
      "\(label):\n\(resumed.stdout.prefix(600))")
    #expect(resumed.stdout.contains("The scenario has ended. Outcome: Safe."), "\(label)")
    let finished = try #require(try store.session(id: session.id))
    #expect(finished.endingID == script.ending, "\(label)")
    #expect(finished.totalScore == script.score, "\(label): the resumed session scores exactly as an uninterrupted one")
    #expect(try store.events(forSession: session.id).count == script.decisions.count, "\(label)")
  }

  @Test("kill -9 at seeded random moments while piped play writes: every decision shown as taken is kept, and the session resumes to the same end")
  func killDuringWrites() throws {
    let script = try PlayScript("hungry-in-class", path: "best")

    // How long a decision takes here, uninterrupted: from the content note until every
    // decision is shown as taken, divided by their number. Most of it is the synchronous write.
    let calibration = CaseSimProcess.Sandbox()
    let timed = try Self.startPlay(script, sandbox: calibration)
    let began = ContinuousClock.now
    timed.send(script.playInput)
    timed.closeInput()
    let allShown = timed.waitFor(wrong: Screens.wrong) { Screens.acknowledged($0) == script.decisions.count }
    let elapsed = ContinuousClock.now - began
    let whole = timed.wait()
    try #require(allShown == .shown && whole.status == 0 && whole.stdout.contains("Outcome: Safe."), "\(whole.stderr)")
    let perDecision = (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
      / Double(script.decisions.count)

    // Each kill: play a seeded random number of decisions and wait until they are on screen
    // (play then waits for input), send all the rest at once, let a seeded random part of a
    // decision's time pass and kill. The moments fall anywhere in the work of the next decision
    // or two: reading input, writing the record, drawing; and play cannot run ahead of them.
    var generator = SeededGenerator(seed: 15)
    var landed = (before: 0, during: 0, after: 0)
    var moments: [String] = []
    for iteration in 1...8 {
      let sandbox = CaseSimProcess.Sandbox()
      let running = try Self.startPlay(script, sandbox: sandbox)
      // At least four decisions are left to play, so that a calibration slowed by a busy
      // machine (a long delay) still kills during play, not after it.
      let target = Int(generator.next() % UInt64(script.decisions.count - 3))
      let delay = Self.unit(&generator) * perDecision
      running.send("\n" + script.steps.prefix(target).flatMap { $0 }.map { $0 + "\n" }.joined())
      let reached = running.waitFor(wrong: Screens.wrong) { $0.contains("------") && Screens.acknowledged($0) == target }
      try #require(reached == .shown, "iteration \(iteration): \(reached)\n\(running.stdout.suffix(600))")
      running.send(script.input(from: target))
      running.closeInput()
      // Not a wait for a condition: the kill moment itself is what is random.
      Thread.sleep(forTimeInterval: delay)
      running.kill()
      let killed = running.wait()
      let label = "iteration \(iteration), killed \(Int(delay * 1000)) ms after decision \(target) was shown"
      let acknowledged = Screens.acknowledged(killed.stdout)
      if killed.reason == .exit {
        // It finished first: the kill came too late to matter.
        #expect(killed.status == 0, "\(label): \(killed.stderr)")
      } else {
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL, "\(label)")
      }
      if acknowledged == 0 {
        landed.before += 1
      } else if acknowledged < script.decisions.count {
        landed.during += 1
      } else {
        landed.after += 1
      }
      let stored = try Self.checkStore(sandbox, acknowledged: acknowledged, script: script, label)
      moments.append("\(target)+\(Int(delay * 1000))ms: \(acknowledged) shown, \(stored?.decisions ?? 0) saved")
      guard let (session, decisions) = stored else { continue }
      try Self.resumeToTheEnd(sandbox, session: session, decisions: decisions, script: script, label)
    }
    #expect(
      landed.during >= 4,
      "too few kills landed during play to test anything: \(landed); \(Int(perDecision * 1000)) ms a decision; \(moments)")
  }

  @Test("a hang-up (SIGHUP, as when the terminal window closes) loses no decision shown as taken, and the session resumes")
  func hangUp() throws {
    let script = try PlayScript("hungry-in-class", path: "best")
    let taken = 3
    let sandbox = CaseSimProcess.Sandbox()
    let running = try Self.startPlay(script, sandbox: sandbox, defaultSignals: true)
    running.send("\n" + script.steps.prefix(taken).flatMap { $0 }.map { $0 + "\n" }.joined())
    let shown = running.waitFor(wrong: Screens.wrong) { Screens.acknowledged($0) == taken }
    try #require(shown == .shown, "\(shown):\n\(running.stdout.suffix(800))")
    // Play now waits at the fourth decision, input still open, as at a terminal.
    running.signal(SIGHUP)
    let ended = running.waitForOutput(beyond: Int.max, timeout: 30)
    if ended != .exited {
      Issue.record("SIGHUP did not end the process within 30 s (\(ended)); killing it")
      running.kill()
    }
    let result = running.wait()
    // No handler: the default action of SIGHUP ends the process, after nothing unsaved.
    #expect(result.reason == .uncaughtSignal && result.status == SIGHUP)
    let (session, decisions) = try #require(try Self.checkStore(sandbox, acknowledged: taken, script: script, "SIGHUP"))
    #expect(decisions == taken, "play was waiting for input, so nothing beyond what it showed was saved")
    try Self.resumeToTheEnd(sandbox, session: session, decisions: decisions, script: script, "SIGHUP")
  }
}
