import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// Named facts belong to the roles that are told them: a role learns the facts of the passages it
/// is shown, a choice can share a fact with other roles, and conditions ask who knows what.
@Suite("Who knows what: named facts, sharing and knows conditions")
struct KnowledgeTests {
  static let text = Fixtures.header(roles: "police, social-worker, health-visitor") + """
    == start
    @fact #call Mon 09:00 | A grandmother rings about bruises.
    Everyone hears about the call.
    * Police checks -> police-checks
      @role police
      + see-child-alone 1
    * Health records -> health-records
      @role health-visitor
      + see-child-alone 1
    * Wait for the meeting -> meeting
      @role social-worker
      + see-child-alone 1

    == police-checks
    @role police
    @fact #conviction 2019 [3 years ago] | Ryan Cole was convicted of assaulting a former partner.
    The records come back.
    * Tell the chair now -> meeting
      + see-child-alone 2
      ~ share conviction with social-worker
    * Tell everyone now -> meeting
      + see-child-alone 2
      ~ share conviction with everyone
    * Keep it for the meeting -> meeting
      - see-child-alone 1

    == health-records
    @role health-visitor
    @fact #not-brought Tue | Poppy was not brought to two reviews.
    * Tell the chair and the police -> meeting
      + see-child-alone 2
      ~ share not-brought with social-worker, police
    * Keep it -> meeting
      - see-child-alone 1

    == meeting
    {social-worker knows conviction} The chair opens with the conviction.
    {not social-worker knows conviction} The chair calls it a contact dispute.
    {health-visitor knows conviction} The health visitor already knew.
    * {social-worker knows conviction or social-worker knows not-brought} Joint enquiry -> safe
      + see-child-alone 2
    * No further action -> unsafe
      - see-child-alone 2
      ! critical: The picture was never put together.

    == safe
    @ending safe | Joined up
    Seen.

    == unsafe
    @ending unsafe | Not joined up
    Not seen.
    """

  static let scenario = Fixtures.playable(text)

  let police = Engine(scenario: KnowledgeTests.scenario, role: "police")
  let health = Engine(scenario: KnowledgeTests.scenario, role: "health-visitor")
  let social = Engine(scenario: KnowledgeTests.scenario, role: "social-worker")

  @Test("a role knows the named facts of the passages it is shown, and no other role does")
  func learnedFromOwnPassages() throws {
    let start = police.start()
    #expect(start.knowledge == [KnownFact(role: "police", fact: "call")])
    let checks = try police.choose(1, in: start)
    #expect(checks.knows("police", "conviction"))
    #expect(!checks.knows("social-worker", "conviction"))
    #expect(!checks.knows("health-visitor", "conviction"))
    let kept = try police.choose(3, in: checks)
    #expect(police.visibleParagraphs(kept) == ["The chair calls it a contact dispute."])
    #expect(police.visibleChoices(kept).map(\.index) == [2], "the joint enquiry needs the chair to know")
  }

  @Test("sharing tells the named roles, or everyone, and opens what depends on it")
  func sharing() throws {
    let toChair = try police.choose(1, in: police.choose(1, in: police.start()))
    #expect(toChair.knows("social-worker", "conviction"))
    #expect(!toChair.knows("health-visitor", "conviction"))
    #expect(police.visibleParagraphs(toChair) == ["The chair opens with the conviction."])
    #expect(police.visibleChoices(toChair).map(\.index) == [1, 2])

    let toEveryone = try police.choose(2, in: police.choose(1, in: police.start()))
    for role in ["police", "social-worker", "health-visitor"] { #expect(toEveryone.knows(role, "conviction")) }
    #expect(
      police.visibleParagraphs(toEveryone) == ["The chair opens with the conviction. The health visitor already knew."])

    let fromHealth = try health.choose(1, in: health.choose(2, in: health.start()))
    #expect(fromHealth.knows("police", "not-brought") && fromHealth.knows("social-worker", "not-brought"))
    #expect(health.visibleChoices(fromHealth).map(\.index) == [1, 2])
  }

  @Test("a fact shared with the trainee's own role goes into their case file, once, as written")
  func sharedIntoCaseFile() throws {
    // The police share with everyone, the police among them: they already hold it, so it is not
    // added twice.
    let shared = try police.choose(2, in: police.choose(1, in: police.start()))
    #expect(shared.caseFile.map(\.fact.text) == [
      "A grandmother rings about bruises.", "Ryan Cole was convicted of assaulting a former partner.",
    ])
    // A social worker is told a fact from a passage they never saw: it is in their case file,
    // with its time, and credited to the passage that tells it.
    let scenario = Fixtures.load(
      Self.text.replacingOccurrences(
        of: "* Wait for the meeting -> meeting\n  @role social-worker",
        with: "* Ask the police what they hold -> meeting\n  @role social-worker\n  ~ share conviction with social-worker")
    ).scenario
    let asked = Engine(scenario: scenario, role: "social-worker")
    let state = try asked.choose(3, in: asked.start())
    let told = try #require(state.caseFile.last)
    #expect(told.fact.text == "Ryan Cole was convicted of assaulting a former partner.")
    #expect(told.fact.shownWhen == "2019")
    #expect(told.passageID == "police-checks")
    #expect(state.knows("social-worker", "conviction"))
    #expect(asked.visibleParagraphs(state) == ["The chair opens with the conviction."])
  }

  @Test("knowledge is a fold of the decisions: replay gives the same knowledge")
  func replay() throws {
    let played = try police.choose(1, in: police.choose(1, in: police.start()))
    let replayed = try police.replay([
      .choose(TakenDecision(passageID: "start", choiceIndex: 1)),
      .choose(TakenDecision(passageID: "police-checks", choiceIndex: 1)),
    ])
    #expect(replayed.knowledge == played.knowledge)
    #expect(replayed.key == played.key)
  }

  @Test("the compiled form tracks the knowledge conditions ask about, state for state with the engine, for every role")
  func compiledAgrees() throws {
    for role in ["police", "social-worker", "health-visitor"] {
      try CompiledScenarioTests.agree(Self.scenario, role: role)
    }
    // As police: keep it, tell the chair, tell everyone (the health visitor learns it too, which
    // a prose line asks about) lead to three different meetings; the social worker can never get
    // the joint enquiry.
    let police = StateSpace(engine: self.police)
    #expect(police.keys.filter { $0.passageID == "meeting" }.count == 3)
    let social = StateSpace(engine: self.social)
    #expect(social.keys.filter { $0.passageID == "safe" }.isEmpty)
  }
}
