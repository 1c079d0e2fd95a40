import CaseEngine
import CaseFormat
import CaseTestSupport
import Testing

/// A team plays one case: each role on its own track, a meeting that begins only when every role
/// has reached it, decided once by its chair (or, when nobody plays the chair, by the table), and
/// one ending for everyone.
@Suite("Team play: tracks, meetings, chairs and one ending")
struct TeamPlayTests {
  static let text = Fixtures.header(roles: "social-worker, police, health-visitor") + """
    flag medical
    == start
    @fact #call Mon 09:00 | A grandmother rings about bruises.
    Monday morning.
    * Prepare the meeting -> sw-prep
      @role social-worker
      + see-child-alone 1
    * Run the checks -> police-checks
      @role police
      + see-child-alone 1
    * Look at the records -> health-records
      @role health-visitor
      + see-child-alone 1

    == sw-prep
    @role social-worker
    * Go to the meeting -> discussion
      + see-child-alone 1

    == police-checks
    @role police
    @fact #conviction Mon 11:30 | A conviction for assault.
    * Tell the chair now -> discussion
      + see-child-alone 2
      ~ share conviction with social-worker
    * Keep it -> discussion
      - see-child-alone 1

    == health-records
    @role health-visitor
    * Ask for a medical -> discussion
      + see-child-alone 1
      ~ set medical
    * Nothing to add -> discussion
      - see-child-alone 1

    == discussion
    @joint
    @chair social-worker
    @fact #minutes Mon 14:00 | The strategy discussion meets.
    {social-worker knows conviction} The chair opens with the conviction.
    * {social-worker knows conviction} Joint enquiry -> safe
      + see-child-alone 2
    * Close it -> unsafe
      - see-child-alone 2
      ! critical: Not joined up.

    == safe
    @ending safe | Joined up
    Seen.

    == unsafe
    @ending unsafe | Not joined up
    Not seen.
    """

  static let scenario = Fixtures.playable(text)

  let team = Engine(scenario: TeamPlayTests.scenario, team: ["social-worker", "police", "health-visitor"])

  @Test("every track starts at the start passage; each role is offered only its own choices")
  func startTracks() {
    let state = team.start()
    #expect(state.tracks.map(\.passageID) == ["start", "start", "start"])
    #expect(team.rolesToAct(state) == ["social-worker", "police", "health-visitor"])
    #expect(team.visibleChoices(state, for: "police").map(\.index) == [2])
    #expect(team.visibleChoices(state, for: "health-visitor").map(\.index) == [3])
    for track in state.tracks { #expect(track.caseFile.map(\.fact.text) == ["A grandmother rings about bruises."]) }
  }

  @Test("a meeting waits for every role; the chair decides once and everyone moves on together")
  func meeting() throws {
    var state = team.start()
    state = try team.choose(1, for: "social-worker", in: state)
    state = try team.choose(1, for: "social-worker", in: state)
    #expect(state.tracks[0].passageID == "discussion")
    #expect(team.waiting(state) == ["social-worker"])
    #expect(team.visibleChoices(state, for: "social-worker").isEmpty, "the meeting has not begun")
    state = try team.choose(2, for: "police", in: state)
    state = try team.choose(1, for: "police", in: state)
    #expect(team.rolesToAct(state) == ["health-visitor"])
    state = try team.choose(3, for: "health-visitor", in: state)
    state = try team.choose(1, for: "health-visitor", in: state)
    #expect(team.waiting(state) == [])
    #expect(team.rolesToAct(state) == ["social-worker"], "only the chair decides")
    #expect(team.visibleChoices(state, for: "police").isEmpty)
    #expect(throws: PlayError.choiceNotAvailable(passageID: "discussion", choiceIndex: 2)) {
      try team.choose(2, for: "police", in: state)
    }
    #expect(state.flags["medical"] == true, "flags are the team's")
    #expect(team.visibleParagraphs(state, for: "health-visitor") == ["The chair opens with the conviction."])
    // Everyone was shown the meeting and told its fact, once; the social worker was told the
    // conviction after arriving.
    for track in state.tracks {
      #expect(track.caseFile.filter { $0.fact.text == "The strategy discussion meets." }.count == 1)
    }
    #expect(state.tracks[0].caseFile.last?.fact.text == "A conviction for assault.")
    state = try team.choose(1, for: "social-worker", in: state)
    #expect(state.tracks.map(\.passageID) == ["safe", "safe", "safe"])
    #expect(team.isFinished(state))
    #expect(team.endingPassage(state)?.id == "safe")
    #expect(team.rolesToAct(state).isEmpty)
    #expect(state.decisions.map(\.role) == [
      "social-worker", "social-worker", "police", "police", "health-visitor", "health-visitor", "social-worker",
    ])
  }

  @Test("a meeting whose chair nobody plays is decided by the table, entered by the team's first role")
  func chairNotPlayed() throws {
    let pair = Engine(scenario: Self.scenario, team: ["police", "health-visitor"])
    var state = pair.start()
    state = try pair.choose(1, for: "police", in: pair.choose(2, for: "police", in: state))
    state = try pair.choose(2, for: "health-visitor", in: pair.choose(3, for: "health-visitor", in: state))
    #expect(pair.decider(of: Self.scenario.passages["discussion"]!) == "police")
    #expect(pair.rolesToAct(state) == ["police"])
    #expect(pair.visibleChoices(state, for: "police").map(\.index) == [1, 2], "the police told the (absent) chair")
  }

  @Test("a solo player is a team of one: they reach the meeting alone and decide it")
  func soloIsTeamOfOne() throws {
    let police = Engine(scenario: Self.scenario, role: "police")
    var state = try police.choose(1, in: police.choose(2, in: police.start()))
    #expect(state.passageID == "discussion")
    #expect(police.visibleChoices(state).map(\.index) == [1, 2])
    state = try police.choose(1, in: state)
    #expect(police.isFinished(state))
    #expect(state.decisions.allSatisfy { $0.role == nil }, "a solo session's decisions name no role, as before")
  }

  @Test("the team's state is a fold of its decisions, whatever order independent tracks were played in")
  func replayAndOrder() throws {
    let decisions = [
      TakenDecision(passageID: "start", choiceIndex: 2, role: "police"),
      TakenDecision(passageID: "start", choiceIndex: 1, role: "social-worker"),
      TakenDecision(passageID: "police-checks", choiceIndex: 1, role: "police"),
    ]
    let replayed = try team.replay(decisions.map { .choose($0) })
    let reordered = try team.replay([decisions[1], decisions[0], decisions[2]].map { .choose($0) })
    #expect(replayed.key == reordered.key)
    #expect(replayed.tracks.map(\.passageID) == ["sw-prep", "discussion", "start"])
    #expect(replayed.knows("social-worker", "conviction"))
    // The social worker's case file now holds the conviction the police shared.
    #expect(replayed.tracks[0].caseFile.map(\.fact.text).contains("A conviction for assault."))
    #expect(throws: PlayError.notInTeam("school-dsl")) {
      try team.apply(TakenDecision(passageID: "start", choiceIndex: 1, role: "school-dsl"), to: team.start())
    }
    #expect(throws: PlayError.notAtPassage(expected: "sw-prep", actual: "start")) {
      try team.apply(TakenDecision(passageID: "sw-prep", choiceIndex: 1, role: "social-worker"), to: team.start())
    }
  }

  @Test("the team space: every interleaving meets in one state, every ending is reached, no deadlock")
  func teamSpace() {
    let space = TeamSpace(engine: team)
    #expect(!space.isTruncated)
    #expect(space.deadlocks.isEmpty)
    let endings = Set((0..<space.stateCount).compactMap { team.endingPassage(space.state($0))?.id })
    #expect(endings == ["safe", "unsafe"])
    // Tracks: social worker 3 places (start, sw-prep, discussion), police 3 kinds of progress plus
    // whether the conviction was shared, health 3 plus the medical flag, then the two endings.
    #expect(space.stateCount < 100)
    let bounded = TeamSpace(engine: team, limit: 5)
    #expect(bounded.stateCount == 5)
    #expect(bounded.truncation == "more than 5 reachable team states (every role playing together)")
  }

  @Test("clearing values no track can read before overwriting merges team states and changes no finding")
  func mergingIsExact() throws {
    let meeting = ScenarioLoader.load(
      path: Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/team-meeting.case", guidance: Fixtures.guidance
    ).scenario
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot).playable.filter(\.isTeamScenario)
    for scenario in [Self.scenario, KnowledgeTests.scenario, meeting] + library {
      let engine = Engine(scenario: scenario, team: scenario.header.roles)
      let merged = TeamSpace(engine: engine)
      let full = TeamSpace(engine: engine, mergingDeadValues: false)
      #expect(!merged.isTruncated && !full.isTruncated, "\(scenario.id)")
      #expect(merged.stateCount <= full.stateCount)
      #expect(merged.scoreRange() == full.scoreRange(), "\(scenario.id)")
      #expect(merged.deadlocks.isEmpty == full.deadlocks.isEmpty, "\(scenario.id)")
      let (a, b) = (merged.observations(), full.observations())
      #expect(a.reached == b.reached && a.held == b.held && a.failed == b.failed && a.learnedFacts == b.learnedFacts, "\(scenario.id)")
      func endings(_ space: TeamSpace) -> Set<String> {
        Set((0..<space.stateCount).compactMap { engine.endingPassage(space.state($0))?.id })
      }
      #expect(endings(merged) == endings(full), "\(scenario.id)")
    }
    // The merging is not idle: the fixture's flag, read nowhere after the meeting, merges states.
    let engine = Engine(scenario: Self.scenario, team: ["social-worker", "police", "health-visitor"])
    #expect(TeamSpace(engine: engine).stateCount < TeamSpace(engine: engine, mergingDeadValues: false).stateCount)
  }

  @Test("the team analysis's bounds are kept and named: roles explored together, and transitions")
  func bounds() {
    let roles = (1...9).map { "r\($0)" }
    let text = Fixtures.header(roles: roles.joined(separator: ", ")) + """
      == start
      * Go -> meet
        + see-child-alone 1
      == meet
      @joint
      * Decide -> done
        + see-child-alone 1
      == done
      @ending safe
      Done.
      """
    let nine = TeamSpace(engine: Engine(scenario: Fixtures.playable(text), team: roles))
    #expect(nine.truncation == "9 roles, more than the 8 a team analysis explores together")
    #expect(nine.stateCount == 1 && nine.deadlocks.isEmpty && nine.scoreRange() == nil, "nothing is claimed of a team not explored")
    let eight = TeamSpace(engine: Engine(scenario: Fixtures.playable(text), team: Array(roles.prefix(8))))
    #expect(!eight.isTruncated && eight.scoreRange() == 9...9, "eight are explored: each goes to the meeting (+1 each), the chair decides (+1)")
    let cut = TeamSpace(engine: team, transitionLimit: 3)
    #expect(cut.truncation == "more than 3 team transitions (every role playing together)")
  }
}
