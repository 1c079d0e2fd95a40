import CaseFormat
import CaseSessions
import CaseTestSupport
import Testing

/// Roles as people type them: what the library shows ("police officer"), less of it, or its
/// initials, resolved the same way wherever a role is asked for.
@Suite("Role names as typed")
struct RoleNamesTests {
  static let roles = ["social-worker", "police-officer", "health-visitor", "school-dsl"]

  @Test("a role is found by its id, its shown name in any case, the start of a word, or its initials")
  func resolves() {
    let cases: [(String, String)] = [
      ("police-officer", "police-officer"), ("Police Officer", "police-officer"), ("police", "police-officer"),
      ("POLICE_OFFICER", "police-officer"), ("officer", "police-officer"), ("dsl", "school-dsl"), ("sw", "social-worker"),
      ("hv", "health-visitor"), ("health", "health-visitor"), ("  school   dsl ", "school-dsl"),
    ]
    for (typed, role) in cases {
      #expect(RoleNames.resolve(typed, among: Self.roles) == .role(role), "\(typed)")
    }
  }

  @Test("what fits more than one role is ambiguous, naming them; what fits none suggests the closest")
  func ambiguousAndUnknown() {
    #expect(RoleNames.resolve("s", among: Self.roles) == .ambiguous(["social-worker", "school-dsl"]))
    #expect(RoleNames.resolve("police-oficer", among: Self.roles) == .unknown(suggestion: "police-officer"))
    #expect(RoleNames.resolve("astronaut", among: Self.roles) == .unknown(suggestion: nil))
    // What a person misspells is a word of the name they saw, or its initials.
    #expect(RoleNames.resolve("polce", among: Self.roles) == .unknown(suggestion: "police-officer"))
    #expect(RoleNames.resolve("dls", among: Self.roles) == .unknown(suggestion: "school-dsl"))
    #expect(RoleNames.resolve("helth visiter", among: Self.roles) == .unknown(suggestion: "health-visitor"))
    #expect(RoleNames.resolve("hx", among: Self.roles) == .unknown(suggestion: "health-visitor"))
    // Initials one letter from two roles' suggest neither.
    #expect(RoleNames.resolve("sx", among: Self.roles) == .unknown(suggestion: nil))
    #expect(RoleNames.resolve("  ", among: Self.roles) == .unknown(suggestion: nil))
  }

  @Test("the words for a person say which roles there are, or which fit, with the typed text escaped")
  func messages() throws {
    let scenario = Fixtures.load(Fixtures.header(id: "team", roles: Self.roles.joined(separator: ", ")) + "== start\nText.\n").scenario
    #expect(try RoleNames.chosen(nil, in: scenario).get() == "social-worker")
    #expect(try RoleNames.chosen("police", in: scenario).get() == "police-officer")
    guard case .failure(let ambiguous) = RoleNames.chosen("s", in: scenario) else {
      Issue.record("an ambiguous role resolved")
      return
    }
    #expect(ambiguous.message == "'s' could be 'social-worker' or 'school-dsl' in 'team'; type more of the role's name")
    guard case .failure(let unknown) = RoleNames.chosen("astro\u{1B}[31mnaut", in: scenario) else {
      Issue.record("an unknown role resolved")
      return
    }
    #expect(unknown.message.hasPrefix("'astro^[[31mnaut' is not a role in 'team'"))
    #expect(unknown.message.contains("its roles are 'social-worker', 'police-officer', 'health-visitor' and 'school-dsl'."))
    #expect(!unknown.message.contains("\u{1B}"))
  }

  @Test("a role's short name starts that role alone: initials that would start another give way to the ids", arguments: [
    (["social-worker", "police-officer", "health-visitor", "school-dsl"], ["sw", "po", "hv", "sd"]),
    (["social-worker", "senior-warden", "police-officer"], ["social-worker", "senior-warden", "po"]),
    (["gp", "good-practice", "youth-worker"], ["gp", "good-practice", "yw"]),
    (["social-worker", "swimming-coach"], ["social-worker", "sc"]),
    (["designated-safeguarding-lead", "school-dsl"], ["designated-safeguarding-lead", "sd"]),
  ])
  func shortNamesNameOneRole(roles: [String], expected: [String]) {
    let short = RoleNames.shortNames(roles)
    #expect(short == expected)
    for (name, role) in zip(short, roles) {
      #expect(RoleNames.resolve(name, among: roles) == .role(role), "'\(name)' should name \(role)")
    }
  }
}
