public import CaseFormat

/// Roles as a person types them. A scenario's role ids are kebab-case (`police-officer`,
/// `school-dsl`) but the library shows them as words ("police officer"), and people type what
/// they see, or less: "police", "Police Officer", "dsl". Every place that takes a role from a
/// person (the shell's `play`, `casesim play --role`, and a team's list of roles) resolves it
/// here, so they all accept the same names and say the same thing when one does not fit.
public enum RoleNames {
  public enum Resolution: Equatable, Sendable {
    /// The role meant.
    case role(String)
    /// More than one role fits what was typed; these do.
    case ambiguous([String])
    /// No role fits; the closest spelling, if one is close.
    case unknown(suggestion: String?)
  }

  /// The role `typed` names among `roles`: its id or its shown name in any case, then the start
  /// of its id or of one of its words ("police" for `police-officer`, "dsl" for `school-dsl`),
  /// then its initials ("sw" for `social-worker`), where exactly one role fits.
  public static func resolve(_ typed: String, among roles: [String]) -> Resolution {
    let words = typed.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "_" })
    let wanted = words.joined(separator: "-")
    guard !wanted.isEmpty else { return .unknown(suggestion: nil) }
    if roles.contains(wanted) { return .role(wanted) }
    let byStart = roles.filter { role in
      role.hasPrefix(wanted) || role.split(separator: "-").contains { $0.hasPrefix(wanted) }
    }
    if byStart.count == 1 { return .role(byStart[0]) }
    if byStart.count > 1 { return .ambiguous(byStart) }
    let byInitials = roles.filter { role in role.contains("-") && initials(role) == wanted }
    if byInitials.count == 1 { return .role(byInitials[0]) }
    if byInitials.count > 1 { return .ambiguous(byInitials) }
    return .unknown(suggestion: closest(to: wanted, among: roles))
  }

  /// The role probably meant by what fits none: the closest spelling of a role's id, else of one
  /// of the words of its name ("polce" for `police-officer`, "dls" for `school-dsl`), else of its
  /// initials, if only one letter is off and only one role is that close. A word two roles share
  /// suggests neither.
  static func closest(to wanted: String, among roles: [String]) -> String? {
    if let role = Suggestions.closest(to: wanted, among: roles) { return role }
    var owners: [String: Set<String>] = [:]
    for role in roles {
      for word in role.split(separator: "-") { owners[String(word), default: []].insert(role) }
    }
    // Words are short: one letter off in three, or the suggestion is a guess.
    let words = owners.filter { $0.value.count == 1 }.mapValues { $0.first ?? "" }
    if let word = Suggestions.closest(to: wanted, among: words.keys, limit: max(1, wanted.count / 3)) {
      return words[word]
    }
    let byInitials = roles.filter { $0.contains("-") && Suggestions.distance(wanted, initials($0)) == 1 }
    return byInitials.count == 1 ? byInitials[0] : nil
  }

  /// The short names of a scenario's roles, in order: each role's initials (``initials(_:)``)
  /// where ``resolve(_:among:)`` takes them back to that role, else its id. Initials can name
  /// another role first: shared ("sw" for `social-worker` and `senior-warden`) or the start of
  /// another's word ("sw" for `swimming-coach`, "dsl" for `school-dsl`), and `play ID ROLE` must
  /// start the role shown.
  public static func shortNames(_ roles: [String]) -> [String] {
    roles.map { resolve(initials($0), among: roles) == .role($0) ? initials($0) : $0 }
  }

  /// A role's short name, which ``resolve(_:among:)`` takes back: the initials of a role of
  /// several words ("sw" for `social-worker`), the whole id of a role of one ("gp").
  public static func initials(_ role: String) -> String {
    let words = role.split(separator: "-")
    return words.count > 1 ? String(words.compactMap(\.first)) : role
  }

  /// What to tell a person whose `typed` role did not resolve: which roles fit, or which exist
  /// and the one probably meant. Nil when it resolved. `typed` is shown escaped.
  private static func problem(_ resolution: Resolution, typed: String, scenarioID: String, roles: [String]) -> String? {
    let shown = "'\(UntrustedText.escaped(typed))'"
    switch resolution {
    case .role:
      return nil
    case .ambiguous(let fitting):
      return "\(shown) could be \(list(fitting, joinedBy: "or")) in '\(scenarioID)'; type more of the role's name"
    case .unknown(let suggestion):
      let meant = suggestion.map { " Did you mean '\($0)'?" } ?? ""
      return "\(shown) is not a role in '\(scenarioID)'; its roles are \(list(roles, joinedBy: "and")).\(meant)"
    }
  }

  /// Why a typed role could not be used, in words for the person who typed it.
  public struct Unresolved: Error, Equatable, Sendable {
    public let message: String
  }

  /// The role a person asked for in `scenario`, or its first role when they asked for none.
  public static func chosen(_ typed: String?, in scenario: Scenario) -> Result<String, Unresolved> {
    let roles = scenario.header.roles
    guard let typed else { return .success(roles.first ?? "") }
    let resolution = resolve(typed, among: roles)
    if case .role(let role) = resolution { return .success(role) }
    return .failure(Unresolved(message: problem(resolution, typed: typed, scenarioID: scenario.id, roles: roles) ?? ""))
  }

  private static func list(_ roles: [String], joinedBy word: String) -> String {
    let quoted = roles.map { "'\($0)'" }
    guard quoted.count > 1 else { return quoted.first ?? "none" }
    return quoted.dropLast().joined(separator: ", ") + " \(word) " + quoted[quoted.count - 1]
  }
}
