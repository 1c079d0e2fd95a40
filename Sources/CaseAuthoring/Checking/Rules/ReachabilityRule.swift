import CaseFormat

/// Passages and endings no playthrough reaches, passages that offer no choice, and passages
/// from which no ending can be reached.
///
/// One root cause, one error: a passage that is stuck in every playthrough that reaches it
/// makes everything only its choices lead to unreachable, and its own choices' conditions never
/// true. Those are told as notes under its error, not as errors of their own.
enum ReachabilityRule: SemanticRule {
  static let codes: [DiagnosticCode] = [.unreachableEnding, .unreachablePassage, .stuckPassage, .noWayOut]

  static func diagnostics(_ scenario: Scenario, _ findings: SpaceFindings, guidance: GuidanceLibrary?) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let passages = scenario.orderedPassages
    // Reachability given conditions (the compiler already reported passages no link reaches).
    // Not when exploration stopped early: an unexplored state may reach what looks unreachable.
    let truncated = findings.truncated
    let linked = truncated ? [] : linkReachable(scenario)
    let alwaysStuck = findings.alwaysStuck
    let reachableAroundStuck = truncated || alwaysStuck.isEmpty ? linked : linkReachable(scenario, avoiding: alwaysStuck)
    let reachableFromCause = alwaysStuck.sorted().map { ($0, linkReachable(scenario, from: $0)) }
    var consequences: [String: [Passage]] = [:]
    for passage in passages where linked.contains(passage.id) && !findings.reachedPassages.contains(passage.id) {
      guard reachableAroundStuck.contains(passage.id) else {
        for (cause, reachable) in reachableFromCause where reachable.contains(passage.id) {
          consequences[cause, default: []].append(passage)
        }
        continue
      }
      diagnostics.append(
        .error(
          passage.isEnding ? .unreachableEnding : .unreachablePassage,
          passage.isEnding
            ? "no playthrough reaches ending '\(passage.id)': the conditions on the choices leading to it never hold"
            : "no playthrough reaches passage '\(passage.id)': the conditions on the choices leading to it never hold",
          at: passage.location, length: passage.id.count))
    }
    for passage in passages {
      if let stuckRoles = findings.stuck[passage.id] {
        let who = findings.hasRoles ? " for \(Set(stuckRoles).sorted().joined(separator: ", "))" : ""
        var notes: [DiagnosticNote] = []
        if alwaysStuck.contains(passage.id) {
          for choice in passage.choices where choice.condition != nil && !findings.seenTrue.contains(choice.location) {
            let never = "this choice's condition never holds here"
            notes.append(choice.conditionSpan.map { DiagnosticNote(never, over: $0) } ?? DiagnosticNote(never, at: choice.location))
          }
          let unreached = consequences[passage.id] ?? []
          if !unreached.isEmpty {
            let names = unreached.prefix(8).map { "'\($0.id)'" }.joined(separator: ", ")
            let more = unreached.count > 8 ? " and \(unreached.count - 8) more" : ""
            notes.append(DiagnosticNote("so no playthrough reaches \(names)\(more), which only its choices lead to"))
          }
        }
        diagnostics.append(
          .error(
            .stuckPassage,
            alwaysStuck.contains(passage.id)
              ? "passage '\(passage.id)' offers no choice\(who) in any playthrough that reaches it: every choice's condition or role rules it out; add a choice that is always available"
              : "in some playthroughs passage '\(passage.id)' offers no choice\(who): every choice's condition or role rules it out; add a choice that is always available",
            at: passage.location, length: passage.id.count, notes: notes))
      } else if findings.noWayOut.contains(passage.id) {
        diagnostics.append(
          .error(
            .noWayOut,
            "from passage '\(passage.id)' some playthroughs can never reach an ending: they loop forever",
            at: passage.location, length: passage.id.count))
      }
    }
    return diagnostics
  }

  /// Passages reachable by following links, ignoring conditions.
  /// (From `start`, or the scenario's start; the choices of the passages in `avoiding` are not
  /// followed.)
  private static func linkReachable(
    _ scenario: Scenario, from start: String? = nil, avoiding: Set<String> = []
  ) -> Set<String> {
    let start = start ?? scenario.startPassageID
    var reached: Set<String> = [start]
    var queue = [start]
    while let id = queue.popLast() {
      guard !avoiding.contains(id) else { continue }
      for choice in scenario.passages[id]?.choices ?? [] where reached.insert(choice.target).inserted {
        queue.append(choice.target)
      }
    }
    return reached
  }
}
