import Foundation

/// A second implementation of the play rules, written from `Documentation/scenario-format.md`
/// over the JSON export (`casesim export --format json`), sharing no code with `Engine`,
/// `StateSpace` or `PathOptimum`: the engine's rules are checked against something other than
/// themselves.
///
/// Rules, as the reference states them: play starts at `startPassage` with every declared flag
/// and counter at its initial value; a choice is offered when its roles are empty or include the
/// role and its condition holds; effects apply in order, counters held within their range; a
/// passage with `ending` stops play. Knowledge, as "Who knows what" states it: the role knows a
/// fact with an `id` once a passage for it that tells the fact is shown (the start passage
/// included), and any role knows it once a `share` effect names it (or `everyone`: every role in
/// the header); `knows` asks. The best and worst totals are found by value iteration
/// (Bellman-Ford style relaxation until nothing changes), not by components.
struct ReferencePlay {
  struct State: Hashable {
    var passage: String
    var flags: [String: Bool]
    var counters: [String: Int]
    /// "role|fact" for each named fact a role holds.
    var known: Set<String> = []
  }

  struct Move {
    var points: Int
    var critical: Bool
    var target: State
  }

  let role: String
  private var passages: [String: [String: Any]] = [:]
  private var ranges: [String: ClosedRange<Int>] = [:]
  private var headerRoles: [String] = []
  private(set) var start: State
  /// Every reachable state and the moves out of it.
  private(set) var moves: [State: [Move]] = [:]

  init(json: String, role: String) throws {
    self.role = role
    guard let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
      let startID = document["startPassage"] as? String,
      let list = document["passages"] as? [[String: Any]],
      let declarations = document["declarations"] as? [[String: Any]]
    else { throw Malformed() }
    for passage in list { passages[passage["id"] as? String ?? ""] = passage }
    headerRoles = (document["header"] as? [String: Any])?["roles"] as? [String] ?? []
    var flags: [String: Bool] = [:]
    var counters: [String: Int] = [:]
    for declaration in declarations {
      let name = declaration["name"] as? String ?? ""
      if declaration["kind"] as? String == "flag" {
        flags[name] = declaration["initial"] as? Bool ?? false
      } else {
        counters[name] = declaration["initial"] as? Int ?? 0
        ranges[name] = (declaration["min"] as? Int ?? -100)...(declaration["max"] as? Int ?? 100)
      }
    }
    start = State(passage: startID, flags: flags, counters: counters)
    start = entering(startID, start)
    explore()
  }

  struct Malformed: Error {}

  /// Whether the passage is a meeting (`joint`), and who chairs it, as the JSON says.
  func meeting(_ passage: String) -> (isJoint: Bool, chair: String?) {
    (passages[passage]?["joint"] as? Bool ?? false, passages[passage]?["chair"] as? String)
  }

  func isEnding(_ state: State) -> Bool {
    passages[state.passage]?["ending"] is [String: Any]
  }

  func outcome(_ state: State) -> String? {
    (passages[state.passage]?["ending"] as? [String: Any])?["outcome"] as? String
  }

  /// The choices offered in a state, in written order.
  func offered(_ state: State) -> [[String: Any]] {
    guard !isEnding(state), let choices = passages[state.passage]?["choices"] as? [[String: Any]] else { return [] }
    return choices.filter { choice in
      let roles = choice["roles"] as? [String] ?? []
      return (roles.isEmpty || roles.contains(role)) && holds(choice["condition"], in: state)
    }
  }

  func holds(_ condition: Any?, in state: State) -> Bool {
    guard let condition = condition as? [String: Any] else { return true }
    let args = condition["args"] as? [Any] ?? []
    switch condition["op"] as? String {
    case "flag": return state.flags[condition["flag"] as? String ?? ""] ?? false
    case "not": return !holds(args.first, in: state)
    case "and": return args.allSatisfy { holds($0, in: state) }
    case "or": return args.contains { holds($0, in: state) }
    case "role":
      let same = role == condition["role"] as? String
      return condition["comparison"] as? String == "==" ? same : !same
    case "knows":
      return state.known.contains("\(condition["role"] as? String ?? "")|\(condition["fact"] as? String ?? "")")
    case "compare":
      let value = state.counters[condition["counter"] as? String ?? ""] ?? 0
      let bound = condition["value"] as? Int ?? 0
      switch condition["comparison"] as? String {
      case "==": return value == bound
      case "!=": return value != bound
      case "<": return value < bound
      case "<=": return value <= bound
      case ">": return value > bound
      case ">=": return value >= bound
      default: return false
      }
    default: return false
    }
  }

  func take(_ choice: [String: Any], from state: State) -> State {
    var next = state
    for effect in choice["effects"] as? [[String: Any]] ?? [] {
      let value = effect["value"] as? Int ?? 0
      switch effect["op"] as? String {
      case "set": next.flags[effect["flag"] as? String ?? ""] = true
      case "clear": next.flags[effect["flag"] as? String ?? ""] = false
      case "add", "assign":
        let name = effect["counter"] as? String ?? ""
        let raw = effect["op"] as? String == "add" ? (next.counters[name] ?? 0) + value : value
        let range = ranges[name] ?? -100...100
        next.counters[name] = min(max(raw, range.lowerBound), range.upperBound)
      case "share":
        let with = effect["with"] as? [String] ?? []
        for recipient in with == ["everyone"] ? headerRoles : with {
          next.known.insert("\(recipient)|\(effect["fact"] as? String ?? "")")
        }
      default: break
      }
    }
    next.passage = choice["target"] as? String ?? ""
    return entering(next.passage, next)
  }

  /// The role is shown `passage`: if it is for the role, the role learns its named facts.
  func entering(_ passage: String, _ state: State) -> State {
    guard let found = passages[passage] else { return state }
    let roles = found["roles"] as? [String] ?? []
    guard roles.isEmpty || roles.contains(role) else { return state }
    var next = state
    for fact in found["facts"] as? [[String: Any]] ?? [] {
      if let id = fact["id"] as? String { next.known.insert("\(role)|\(id)") }
    }
    return next
  }

  static func points(_ choice: [String: Any]) -> Int {
    (choice["scores"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["points"] as? Int ?? 0) }
  }

  private mutating func explore() {
    var pending = [start]
    moves[start] = []
    while let state = pending.popLast() {
      var out: [Move] = []
      for choice in offered(state) {
        let target = take(choice, from: state)
        out.append(Move(points: Self.points(choice), critical: choice["critical"] is [String: Any], target: target))
        if moves[target] == nil {
          moves[target] = []
          pending.append(target)
        }
      }
      moves[state] = out
    }
  }

  var stateCount: Int { moves.count }

  var reachableEndings: Set<String> { Set(moves.keys.filter(isEnding).map(\.passage)) }

  /// The best or worst total from the start to an ending, by relaxation to a fixed point.
  func extreme(maximise: Bool) -> Int? {
    var value: [State: Int] = [:]
    for state in moves.keys where isEnding(state) { value[state] = 0 }
    var changed = true
    var rounds = 0
    while changed && rounds <= moves.count + 1 {
      changed = false
      rounds += 1
      for (state, out) in moves where !isEnding(state) {
        for move in out {
          guard let next = value[move.target] else { continue }
          let candidate = move.points + next
          if let current = value[state], maximise ? candidate <= current : candidate >= current { continue }
          value[state] = candidate
          changed = true
        }
      }
    }
    return value[start]
  }
}
