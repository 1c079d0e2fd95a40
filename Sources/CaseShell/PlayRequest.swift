import CaseFormat

/// What `play ...` at the shell's prompt asks for: `play ID [ROLE] [--mode MODE] [--order
/// written]`, with the role as a person types it (several words are one role: `play
/// the-strategy-discussion police officer`). The options are those of `casesim play`, so what
/// works on the command line works at the prompt.
struct PlayRequest: Equatable {
  var id: String
  /// The role as typed, resolved later against the scenario's roles (``RoleNames``).
  var role: String?
  var mode: PlayMode?
  var writtenOrder = false
  /// `--team ROLE[=NAME], ...`: a team at one table, as typed (read by ``TeamRoster``).
  var team: String?

  init(id: String, role: String? = nil, mode: PlayMode? = nil, writtenOrder: Bool = false, team: String? = nil) {
    self.id = id
    self.role = role
    self.mode = mode
    self.writtenOrder = writtenOrder
    self.team = team
  }

  /// Why the words after `play` could not be read.
  struct Problem: Error, Equatable {
    var message: String
  }

  static func parse(_ argument: String) -> Result<PlayRequest, Problem> {
    var words = argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
    var plain: [String] = []
    var mode: PlayMode?
    var writtenOrder = false
    var roleOption: String?
    var team: String?
    while let word = words.popFirst() {
      guard word.hasPrefix("--") else {
        plain.append(word)
        continue
      }
      let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
      let name = parts[0]
      let value = parts.count > 1 ? parts[1] : words.popFirst()
      switch name {
      case "--mode":
        guard let value, let chosen = PlayMode(rawValue: value.lowercased()) else {
          return .failure(Problem(message: "'--mode' takes practice or assessment, e.g. 'play ID --mode assessment'."))
        }
        mode = chosen
      case "--order":
        guard let value, ["written", "shuffled"].contains(value.lowercased()) else {
          return .failure(Problem(message: "'--order' takes written or shuffled, e.g. 'play ID --order written'."))
        }
        writtenOrder = value.lowercased() == "written"
      case "--role":
        guard let value else { return .failure(Problem(message: "'--role' needs a role, e.g. 'play ID --role police'.")) }
        // A role of several words ('--role police officer') runs to the next option.
        var role = [value]
        while let next = words.first, !next.hasPrefix("--") { role.append(words.removeFirst()) }
        roleOption = role.joined(separator: " ")
      case "--team":
        guard let value else {
          return .failure(Problem(message: "'--team' needs the roles, e.g. 'play ID --team police officer=Alex, social worker=Sam'."))
        }
        // The list runs to the next option: roles and names may hold spaces.
        var list = [value]
        while let next = words.first, !next.hasPrefix("--") { list.append(words.removeFirst()) }
        team = list.joined(separator: " ")
      default:
        let known = ["--mode", "--order", "--role", "--team"]
        let meant = Suggestions.closest(to: name, among: known).map { " Did you mean '\($0)'?" } ?? ""
        return .failure(
          Problem(message: "'\(UntrustedText.escaped(name))' is not an option of play; it takes --mode, --order, --role and --team.\(meant)"))
      }
    }
    guard let id = plain.first else {
      return .failure(Problem(message: "Which scenario? Type 'play ID' (Tab completes ids), or 'list'."))
    }
    let typedRole = plain.count > 1 ? plain.dropFirst().joined(separator: " ") : nil
    if roleOption != nil && typedRole != nil {
      return .failure(Problem(message: "Give the role once: 'play ID ROLE' or 'play ID --role ROLE'."))
    }
    let role = roleOption ?? typedRole
    if team != nil && role != nil {
      return .failure(Problem(message: "Give the roles with --team, or one role, not both."))
    }
    return .success(PlayRequest(id: id, role: role, mode: mode, writtenOrder: writtenOrder, team: team))
  }
}
