import CaseFormat

/// Facts whose place on the timeline cannot be relied on. A WHEN that counts on ("Two days
/// later") is placed from the fact written above it in the file; when that fact is in another
/// passage which play can go around, the two are not always revealed in that order, and the case
/// file may list this one in the wrong place. The parser reports WHENs it cannot read at all
/// (`unordered-fact`); this rule reports the ones it can read but cannot anchor.
enum ChronologyRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.unanchoredTime]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    // The facts in file order, with their passages, anchored as the parser anchors them: on the
    // last readable WHEN above, in the same file (each file is read on its own). Only those that
    // count on from a fact in another passage need the passage graph.
    var previous: (fact: Fact, passageID: String)?
    var file: String?
    var suspects: [(fact: Fact, passageID: String, anchor: (fact: Fact, passageID: String))] = []
    for passage in scenario.orderedPassages {
      if passage.location.file != file {
        file = passage.location.file
        previous = nil
      }
      for fact in passage.facts {
        guard let when = fact.when, case .at = StoryTime.read(when, after: nil) else { continue }
        if let anchor = previous, anchor.passageID != passage.id, StoryTime.countsOn(when) {
          suspects.append((fact, passage.id, anchor))
        }
        previous = (fact, passage.id)
      }
    }
    guard !suspects.isEmpty else { return [] }
    let dominators = PassageDominators(scenario)
    var diagnostics: [Diagnostic] = []
    for suspect in suspects where !dominators.passes(suspect.anchor.passageID, before: suspect.passageID) {
      guard let location = suspect.fact.location, let when = suspect.fact.when else { continue }
      let anchorLine = suspect.anchor.fact.location.map { "line \($0.line)" } ?? "the fact above it"
      diagnostics.append(
        .warning(
          .unanchoredTime,
          "'\(when)' counts on from the fact at \(anchorLine) in passage '\(suspect.anchor.passageID)', but play can reach '\(suspect.passageID)' without passing that passage, so the case file may list this fact in the wrong place; give an absolute time, or add its place in brackets: '\(when) [\(StoryTime.written(suspect.fact.order ?? 0))]' is where it falls after that fact",
          at: location, length: max(1, StoryTime.label(when).count)))
    }
    return diagnostics
  }
}

/// Which passages every playthrough passes before reaching another: the dominators of the passage
/// graph from the start (Cooper, Harvey and Kennedy's iterative algorithm over reverse postorder).
/// Conditions and roles are ignored, so a passage that dominates here does so in every play.
struct PassageDominators {
  private let index: [String: Int]
  private let immediate: [Int]

  init(_ scenario: Scenario) {
    // Reverse postorder by an iterative depth-first walk from the start.
    var order: [String] = []
    var seen: Set<String> = []
    var stack: [(String, Int)] = []
    if scenario.passages[scenario.startPassageID] != nil {
      stack.append((scenario.startPassageID, 0))
      seen.insert(scenario.startPassageID)
    }
    while let (id, next) = stack.popLast() {
      let targets = scenario.passages[id]?.choices.map(\.target).filter { scenario.passages[$0] != nil } ?? []
      if next < targets.count {
        stack.append((id, next + 1))
        let target = targets[next]
        if seen.insert(target).inserted { stack.append((target, 0)) }
      } else {
        order.append(id)
      }
    }
    order.reverse()
    var index: [String: Int] = [:]
    for (position, id) in order.enumerated() { index[id] = position }
    var predecessors = Array(repeating: [Int](), count: order.count)
    for (position, id) in order.enumerated() {
      for target in scenario.passages[id]?.choices.map(\.target) ?? [] {
        if let to = index[target] { predecessors[to].append(position) }
      }
    }
    var immediate = Array(repeating: -1, count: order.count)
    if !order.isEmpty { immediate[0] = 0 }
    func intersect(_ a: Int, _ b: Int) -> Int {
      var (a, b) = (a, b)
      while a != b {
        while a > b { a = immediate[a] }
        while b > a { b = immediate[b] }
      }
      return a
    }
    var changed = true
    while changed {
      changed = false
      for node in order.indices.dropFirst() {
        var candidate = -1
        for predecessor in predecessors[node] where immediate[predecessor] != -1 {
          candidate = candidate == -1 ? predecessor : intersect(predecessor, candidate)
        }
        if candidate != -1, immediate[node] != candidate {
          immediate[node] = candidate
          changed = true
        }
      }
    }
    self.index = index
    self.immediate = immediate
  }

  /// True when every playthrough that reaches `later` has passed `earlier` on the way (or they
  /// are the same passage). A passage play cannot reach is passed by none.
  func passes(_ earlier: String, before later: String) -> Bool {
    guard let from = index[earlier], var node = index[later] else { return false }
    while true {
      if node == from { return true }
      let up = immediate[node]
      if up == node || up == -1 { return false }
      node = up
    }
  }
}
