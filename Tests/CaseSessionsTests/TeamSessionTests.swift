import CaseEngine
import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseScoring
import CaseSessions
import CaseTestSupport
import Foundation
import Testing

/// A team at one table through the session controller: turns pass round the table, every
/// decision is recorded with its participant and role before anyone sees its effect, a resumed
/// session stands exactly where it stopped, and the team's debrief says who knew what, when.
@Suite("A team session: turns, records, resume and the joint debrief")
struct TeamSessionTests {
  static let scenario: Scenario = {
    let path = Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/team-meeting.case"
    let loaded = ScenarioLoader.load(path: path, guidance: Fixtures.guidance)
    precondition(loaded.isPlayable, "\(loaded.diagnostics)")
    return loaded.scenario
  }()

  static let sam = Participant(ordinal: 1, name: "Sam", role: "social-worker")
  static let alex = Participant(ordinal: 2, name: "Alex", role: "police-officer")

  func controller(_ store: any LocalRecordStore) -> SessionController {
    SessionController(
      scenario: Self.scenario, team: ["social-worker", "police-officer"], guidance: Fixtures.guidance, store: store,
      clock: FixedClock())
  }

  func started(_ store: any LocalRecordStore, _ mode: PlayMode = .practice) throws -> SessionController {
    let controller = controller(store)
    _ = try controller.start(
      SessionPlan(
        trainee: "facilitator", role: "social-worker", mode: mode, order: .written, participants: [Self.sam, Self.alex]))
    return controller
  }

  /// Takes option `number` for `participant`, answering any question.
  func take(_ number: Int, by participant: Participant, _ controller: SessionController) throws {
    var step = try controller.choose(number, by: participant)
    while true {
      switch step {
      case .askReason, .askMore: step = try controller.giveReason("Because it matters for Poppy.")
      case .taken: return
      }
    }
  }

  @Test("turns go round the table; each sees only their own agency's passage and case file")
  func turns() throws {
    let store = try SQLiteRecordStore.inMemory()
    let controller = try started(store)
    #expect(controller.isTeam)
    #expect(controller.turn == Self.sam)
    #expect(controller.options(for: "social-worker").map(\.text) == ["Read the front door's note before the meeting"])
    try take(1, by: Self.sam, controller)
    #expect(controller.turn == Self.alex, "the next role round the table")
    try take(1, by: Self.alex, controller)
    #expect(controller.caseFile(for: "police-officer").facts.map(\.text).contains("Ryan Cole was convicted of assaulting a former partner."))
    #expect(!controller.caseFile(for: "social-worker").facts.map(\.text).contains("Ryan Cole was convicted of assaulting a former partner."))
    #expect(controller.turn == Self.sam)
    try take(1, by: Self.sam, controller)
    let waiting = controller.passage(for: "social-worker")
    #expect(waiting.isMeeting && waiting.waitingFor == ["police-officer"] && waiting.options.isEmpty)
    #expect(controller.turn == Self.alex, "the social worker waits at the meeting")
    #expect(throws: SessionProblem.noSuchOption(count: 0)) { try controller.choose(1, by: Self.sam) }
    try take(2, by: Self.alex, controller)  // keeps the conviction for the meeting
    let meeting = controller.passage(for: "police-officer")
    #expect(meeting.isMeeting && meeting.waitingFor.isEmpty && meeting.decider == "social-worker")
    #expect(meeting.paragraphs == ["The chair calls it a contact dispute."], "read as the chair reads it")
    #expect(controller.turn == Self.sam, "the chair decides")
    #expect(throws: SessionProblem.notAParticipant("Jo")) {
      try controller.choose(1, by: Participant(ordinal: 3, name: "Jo", role: "police-officer"))
    }
    #expect(throws: SessionProblem.scoreIsForSolo) { try controller.score() }
  }

  @Test("every decision is recorded with its participant and role; a resumed team stands exactly where it stopped")
  func recordAndResume() throws {
    let store = try SQLiteRecordStore.inMemory()
    let first = try started(store, .assessment)
    try take(1, by: Self.sam, first)
    try take(1, by: Self.alex, first)
    try take(1, by: Self.sam, first)
    try take(1, by: Self.alex, first)  // shares the conviction with the chair; the meeting begins
    let record = try #require(first.record)
    let events = try store.events(forSession: record.id)
    #expect(events.map(\.participant) == [1, 2, 1, 2])
    #expect(events.map(\.role) == ["social-worker", "police-officer", "social-worker", "police-officer"])
    #expect(events.map(\.passageID) == ["start", "start", "sw-prep", "police-checks"])
    #expect(record.participants == [Self.sam, Self.alex])

    // A fresh controller, as after a kill: the same turn, passage and options.
    let stored = try #require(try store.session(id: record.id))
    let second = SessionController(resuming: stored, scenario: Self.scenario, guidance: Fixtures.guidance, store: store, clock: FixedClock())
    let resumed = try second.resume(stored)
    #expect(resumed.decisions.first == "Read the front door's note before the meeting (Sam, social worker)")
    #expect(second.turn == Self.sam)
    #expect(second.passage(for: "social-worker") == first.passage(for: "social-worker"))
    #expect(second.options(for: "social-worker").map(\.text) == ["Agree a joint section 47 enquiry", "Close it as a contact dispute"])
    try take(1, by: Self.sam, second)
    #expect(second.isFinished)

    let outcome = try second.finishTeam()
    let debrief = outcome.debrief
    #expect(debrief.ending?.passageID == "safe")
    #expect(debrief.members == [.init(name: "Sam", role: "social-worker", ordinal: 1), .init(name: "Alex", role: "police-officer", ordinal: 2)])
    #expect(debrief.blindSpots.isEmpty)
    #expect(debrief.unshared.isEmpty)
    #expect(debrief.pictures == [.init(step: 5, passageID: "discussion", decider: "social-worker", held: 4, known: 4)])
    #expect(debrief.events.contains(.init(step: 4, role: "police-officer", kind: .shared(fact: "conviction", with: ["social-worker"]))))
    #expect(debrief.events.contains(.init(step: 4, role: "social-worker", kind: .told(fact: "conviction", by: "police-officer"))))
    #expect(debrief.results.map(\.total) == [3, 3])
    #expect(debrief.grade == .safePractice)
    #expect(debrief.range == -1...6)
    let finished = try #require(try store.session(id: record.id))
    #expect(finished.outcome == "safe" && finished.totalScore == 6 && finished.grade == "safe-practice")
    // The debrief command recomputes the same debrief from the record.
    #expect(
      try SessionLog.teamDebrief(
        record: finished, events: store.events(forSession: record.id), scenario: Self.scenario, guidance: Fixtures.guidance)
        == debrief)
    // Each person against their own profession's framework.
    let sam = try #require(debrief.results.first)
    #expect(!sam.frameworks.isEmpty && !sam.areas.isEmpty, "a social worker's areas: \(sam)")
    #expect(TeamDebriefRenderer().text(debrief).contains("Against \(sam.frameworks[0])"))
  }

  @Test("the joint debrief names the fact the chair decided without, who held it, and that it was never shared")
  func blindSpot() throws {
    let store = try SQLiteRecordStore.inMemory()
    let controller = try started(store)
    try take(1, by: Self.sam, controller)
    try take(1, by: Self.alex, controller)
    try take(1, by: Self.sam, controller)
    try take(2, by: Self.alex, controller)  // keeps it
    try take(1, by: Self.sam, controller)  // closes it: the only option left
    let debrief = try controller.finishTeam().debrief
    #expect(debrief.ending?.outcome == .unsafe)
    #expect(debrief.blindSpots == [
      .init(step: 5, role: "social-worker", decision: "Close it as a contact dispute", fact: "conviction", heldBy: ["police-officer"]),
    ])
    #expect(debrief.unshared == [.init(fact: "conviction", heldBy: ["police-officer"], neededBy: "social-worker")])
    #expect(debrief.pictures.first?.held == 3 && debrief.pictures.first?.known == 4)
    #expect(debrief.grade == .unsafe)
    #expect(debrief.criticalTaken.map(\.step) == [5])
    let text = TeamDebriefRenderer(width: 80).text(debrief)
    #expect(text.contains("Step 5, social worker chose \"Close it as a contact dispute\" without \"Ryan\n    Cole was convicted of assaulting a former partner\" ('conviction'), held by\n    police officer."))
    #expect(text.contains("never had it"))
    let svg = TeamDebriefRenderer().svg(debrief)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(
      svg.contains("stroke=\"#c0392b\" stroke-width=\"3\"><title>step 5: Close it as a contact dispute</title>"),
      "the decision taken without the conviction is ringed (the legend's sample has no title)")
    #expect(svg.components(separatedBy: "<rect x=").count - 1 >= 5 + 3, "a square per decision, lanes and legend")
  }

  @Test("undo in a team takes back the last decision, whoever took it, and the turn goes back with it")
  func undo() throws {
    let store = try SQLiteRecordStore.inMemory()
    let controller = try started(store)
    try take(1, by: Self.sam, controller)
    #expect(controller.turn == Self.alex)
    try controller.undo()
    #expect(controller.turn == Self.sam)
    #expect(controller.passage(for: "social-worker").passageID == "start")
  }

  @Test("a note is its writer's: recorded as theirs, and shown in their agency's case file only")
  func notesBelongToTheirWriter() throws {
    let store = try SQLiteRecordStore.inMemory()
    let controller = try started(store)
    try take(1, by: Self.sam, controller)
    try take(1, by: Self.alex, controller)
    try controller.note("Ryan Cole has a conviction for assault.", by: Self.alex)
    #expect(controller.caseFile(for: "police-officer").notes == ["Ryan Cole has a conviction for assault."])
    #expect(controller.caseFile(for: "social-worker").notes.isEmpty, "another agency's note is not the chair's to read")
    let record = try #require(controller.record)
    let note = try #require(try store.events(forSession: record.id).last)
    #expect(note.kind == .note && note.participant == 2 && note.role == "police-officer" && note.passageID == "police-checks")
    try controller.undo(by: Self.alex)
    let undone = try #require(try store.events(forSession: record.id).last)
    #expect(undone.kind == .undo && undone.participant == 2 && undone.role == "police-officer")
  }

  @Test("without the range a team could earn, the grade is never safe practice and the debrief says why")
  func gradeWithoutRange() throws {
    let store = try SQLiteRecordStore.inMemory()
    let controller = try started(store, .assessment)
    for (number, who) in [(1, Self.sam), (1, Self.alex), (1, Self.sam), (1, Self.alex), (1, Self.sam)] {
      try take(number, by: who, controller)
    }
    let record = try #require(controller.record)
    let play = try RecordedPlay(
      record: record, events: store.events(forSession: record.id), engine: SessionLog.engine(for: record, scenario: Self.scenario))
    let members = [TeamDebrief.Member(name: "Sam", role: "social-worker", ordinal: 1), .init(name: "Alex", role: "police-officer", ordinal: 2)]
    let decisions = zip(play.decisions, play.deciders).map { ($0, members[$1.ordinal - 1]) }
    let known = try TeamDebrief(engine: play.engine, sessionID: "s", mode: .assessment, members: members, decisions: decisions, range: -1...6)
    let unknown = try TeamDebrief(engine: play.engine, sessionID: "s", mode: .assessment, members: members, decisions: decisions, range: nil)
    #expect(known.ending?.outcome == .safe && known.grade == .safePractice)
    #expect(unknown.grade == .developing)
    #expect(TeamDebriefRenderer().text(unknown).replacingOccurrences(of: "\n", with: " ").contains("could not be worked out"))
  }
}
