import CaseEngine
public import CaseFormat

/// The checks a trainer needs beyond syntax, run over the reachable state space of every role:
/// what no play can reach, where play gets stuck, conditions that never (or always) hold, state
/// that is set but never read, and scoring that teaches the wrong thing.
///
/// Run it on scenarios that compiled without errors; it adds to the compiler's diagnostics.
public enum SemanticChecker {
  /// - Parameters:
  ///   - stateLimit: how many states to explore per role before reporting the analysis as
  ///     truncated; nil for the default for the scenario's size (``StateSpace/Bounds``).
  ///   - transitionLimit: the same for transitions.
  public static func check(
    _ scenario: Scenario, guidance: GuidanceLibrary?, stateLimit: Int? = nil, transitionLimit: Int? = nil
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let roles = scenario.header.roles.isEmpty ? [""] : scenario.header.roles
    let passages = scenario.orderedPassages

    var reachedPassages: Set<String> = []
    var stuck: [String: [String]] = [:]
    var noWayOut: Set<String> = []
    // Passages where some playthrough, for some role, is offered a choice.
    var offeredSomewhere: Set<String> = []
    // The values of the names in conditions that never or always hold, by passage.
    var valueRanges: [String: [String: ClosedRange<Int>]] = [:]
    // Condition outcomes seen over reachable states, keyed by the condition's source location.
    var seenTrue: Set<SourceLocation> = []
    var seenFalse: Set<SourceLocation> = []
    var truncated = false
    var truncation = ""
    var criticalBestPaths: [(role: String, choice: Choice?)] = []
    var repeatable: [SourceLocation: Choice] = [:]
    var integrity: [(role: String, report: ScoringIntegrity)] = []

    for role in roles {
      let engine = Engine(scenario: scenario, role: role)
      let graph = StateGraph(space: StateSpace(engine: engine, limit: stateLimit, transitionLimit: transitionLimit))
      let space = graph.space
      truncated = truncated || space.isTruncated
      if let reason = space.truncation { truncation = reason }
      let reachesEnding = graph.reachesAnEnding()
      // One optimum serves both questions: does the best path need a critical choice, and which.
      // Only over the whole space: on part of it the answer could be wrong.
      if !space.isTruncated,
        let critical = ScenarioAnalysis.bestPathPreferringSafety(space).first(where: \.isCritical)
      {
        criticalBestPaths.append((role, critical))
      }
      for choice in space.repeatableScoredChoices() { repeatable[choice.location] = choice }
      if !space.isTruncated { integrity.append((role, ScoringIntegrity(space: space, scenario: scenario))) }
      var passageReached = [Bool](repeating: false, count: space.compiled.passageIDs.count)
      for state in 0..<space.stateCount {
        let number = space.passage(of: state)
        passageReached[number] = true
        guard !space.compiled.isEnding[number] else { continue }
        // A state reached with nothing on offer is stuck whether or not exploration finished;
        // "never reaches an ending" is only known once every state has been explored.
        let offered = space.isTruncated ? space.offersAChoice(state) : !space.edges(of: state).isEmpty
        let id = space.compiled.passageIDs[number]
        if !offered {
          stuck[id, default: []].append(role)
          continue
        }
        offeredSomewhere.insert(id)
        if !space.isTruncated && !reachesEnding[state] { noWayOut.insert(id) }
      }
      for (number, id) in space.compiled.passageIDs.enumerated() where passageReached[number] {
        reachedPassages.insert(id)
      }
      let outcomes = space.conditionOutcomes()
      for (line, prose) in space.compiled.proseLines.enumerated() {
        if outcomes.proseHeld[line] { seenTrue.insert(prose.location) }
        if outcomes.proseFailed[line] { seenFalse.insert(prose.location) }
      }
      // Where a condition came out the same in every state of this role, what its names were
      // there, so a warning about it can say why.
      var constantAt: Set<String> = []
      var constantNames: Set<String> = []
      for number in space.compiled.choices.indices {
        let choice = space.compiled.choice(number)
        if outcomes.choiceHeld[number] { seenTrue.insert(choice.location) }
        if outcomes.choiceFailed[number] { seenFalse.insert(choice.location) }
        if outcomes.choiceHeld[number] != outcomes.choiceFailed[number], let condition = choice.condition {
          constantAt.insert(space.compiled.passageIDs[Int(space.compiled.choices[number].passage)])
          constantNames.formUnion(condition.names)
        }
      }
      for (number, id) in space.compiled.passageIDs.enumerated() {
        let lines = Int(space.compiled.proseStart[number])..<Int(space.compiled.proseStart[number + 1])
        if lines.contains(where: { outcomes.proseHeld[$0] != outcomes.proseFailed[$0] }) {
          constantAt.insert(id)
          for line in scenario.passages[id]?.prose ?? [] { constantNames.formUnion(line.condition?.names ?? []) }
        }
      }
      if !space.isTruncated, !constantAt.isEmpty {
        for (passage, ranges) in space.valueRanges(of: constantNames, at: constantAt) {
          valueRanges[passage, default: [:]].merge(ranges) { min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound) }
        }
      }
    }

    if truncated {
      diagnostics.append(
        .warning(
          .analysisTruncated,
          "the scenario has \(truncation), so only part of it was explored: the checks that need every state (unreachable passages and endings, no way out, conditions that never or always hold, the scoring checks) were not made, rather than guessed; bound counters with 'in LOW..HIGH' or use fewer flags, or raise the bound ('casesim check --max-states N --max-transitions N'; at most \(StateSpace.Bounds.maximum.states) and \(StateSpace.Bounds.maximum.transitions))",
          at: scenario.header.locations["id"] ?? SourceLocation(file: scenario.path, line: 1, column: 1)))
    }

    // Reachability given conditions (the compiler already reported passages no link reaches).
    // Not when exploration stopped early: an unexplored state may reach what looks unreachable.
    let linked = truncated ? [] : linkReachable(scenario)
    // One root cause, one error: a passage that is stuck in every playthrough that reaches it
    // makes everything only its choices lead to unreachable, and its own choices' conditions
    // never true. Those are told as notes under its error, not as errors of their own.
    let alwaysStuck = Set(stuck.keys).filter { !offeredSomewhere.contains($0) }
    let reachableAroundStuck = truncated || alwaysStuck.isEmpty ? linked : linkReachable(scenario, avoiding: alwaysStuck)
    let reachableFromCause = alwaysStuck.sorted().map { ($0, linkReachable(scenario, from: $0)) }
    var consequences: [String: [Passage]] = [:]
    for passage in passages where linked.contains(passage.id) && !reachedPassages.contains(passage.id) {
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
      if let stuckRoles = stuck[passage.id] {
        let who = roles == [""] ? "" : " for \(Set(stuckRoles).sorted().joined(separator: ", "))"
        var notes: [DiagnosticNote] = []
        if alwaysStuck.contains(passage.id) {
          for choice in passage.choices where choice.condition != nil && !seenTrue.contains(choice.location) {
            notes.append(DiagnosticNote("this choice's condition never holds here", at: choice.location))
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
      } else if noWayOut.contains(passage.id) {
        diagnostics.append(
          .error(
            .noWayOut,
            "from passage '\(passage.id)' some playthroughs can never reach an ending: they loop forever",
            at: passage.location, length: passage.id.count))
      }
    }

    // Conditions that never hold, or always hold, wherever their passage is reached.
    for passage in passages where !truncated && reachedPassages.contains(passage.id) {
      for line in passage.prose where line.condition != nil {
        let names = line.condition?.names ?? []
        diagnostics += constancy(
          line.location, seenTrue, seenFalse, what: "this line is",
          because: Self.describe((valueRanges[passage.id] ?? [:]).filter { names.contains($0.key) }, in: scenario))
      }
      // (A stuck passage's choices are in its error's notes.)
      for choice in passage.choices where choice.condition != nil && !alwaysStuck.contains(passage.id) {
        let names = choice.condition?.names ?? []
        diagnostics += constancy(
          choice.location, seenTrue, seenFalse, what: "this choice is", at: choice.conditionLocation,
          because: Self.describe((valueRanges[passage.id] ?? [:]).filter { names.contains($0.key) }, in: scenario))
      }
    }

    diagnostics += stateUse(scenario)
    diagnostics += scoring(scenario, guidance: guidance)
    for (role, choice) in criticalBestPaths {
      let who = roles == [""] ? "" : " (as \(role))"
      diagnostics.append(
        .warning(
          .bestPathCritical,
          "the best score\(who) can only be had by taking a critical choice; the scoring rewards leaving the child unsafe",
          at: choice?.location ?? SourceLocation(file: scenario.path, line: 1, column: 1)))
    }
    for choice in repeatable.values.sorted(by: { $0.location < $1.location }) {
      diagnostics.append(
        .error(
          .scoredLoop,
          "this choice scores, and one playthrough can take it more than once (its passage is on a loop), so its points would count again; move the points to a choice that is taken once, or make the loop's choices unscored",
          at: choice.location))
    }
    diagnostics += judgement(scenario, integrity: integrity, roles: roles)
    for passage in passages where passage.isEnding && passage.ending?.title == nil {
      diagnostics.append(
        .warning(
          .untitledEnding,
          "ending '\(passage.id)' has no title; name it for the debrief and history, e.g. '@ending \(passage.ending?.outcome.rawValue ?? "safe") | Alfie seen and heard'",
          at: passage.location, length: passage.id.count))
    }
    for passage in passages where passage.isEnding && (passage.ending?.lessons ?? []).isEmpty {
      diagnostics.append(
        .warning(
          .missingLesson,
          "ending '\(passage.id)' has no '@lesson': say what the real review found, for the debrief",
          at: passage.location, length: passage.id.count))
    }
    return diagnostics
  }

  /// `location` identifies the condition's line in the outcomes; the warning points at
  /// `conditionLocation` when given (the `{` or `@if` that wrote it), and says `because`.
  private static func constancy(
    _ location: SourceLocation, _ seenTrue: Set<SourceLocation>, _ seenFalse: Set<SourceLocation>,
    what: String, at conditionLocation: SourceLocation? = nil, because reason: String? = nil
  ) -> [Diagnostic] {
    let why = reason.map { " (there, \($0))" } ?? ""
    if !seenTrue.contains(location) && seenFalse.contains(location) {
      return [
        .warning(
          .conditionNeverTrue, "the condition is never true where it is reached\(why), so \(what) never shown",
          at: conditionLocation ?? location)
      ]
    }
    if seenTrue.contains(location) && !seenFalse.contains(location) {
      return [
        .warning(
          .conditionAlwaysTrue, "the condition is always true where it is reached\(why); it can be removed",
          at: conditionLocation ?? location)
      ]
    }
    return []
  }

  /// The values a condition's names take where it is reached, in words: "'seen' is always
  /// false", "'evidence' is between 0 and 4".
  static func describe(_ ranges: [String: ClosedRange<Int>], in scenario: Scenario) -> String? {
    let parts = ranges.keys.sorted().compactMap { name -> String? in
      guard let range = ranges[name] else { return nil }
      if scenario.declarations[name]?.kind == .flag {
        return range.lowerBound == range.upperBound ? "'\(name)' is always \(range.lowerBound == 1)" : nil
      }
      return range.lowerBound == range.upperBound
        ? "'\(name)' is always \(range.lowerBound)" : "'\(name)' is between \(range.lowerBound) and \(range.upperBound)"
    }
    return parts.isEmpty ? nil : parts.joined(separator: " and ")
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

  /// Flags and counters set but never read, or read but never set.
  private static func stateUse(_ scenario: Scenario) -> [Diagnostic] {
    var read: Set<String> = []
    var written: Set<String> = []
    for passage in scenario.orderedPassages {
      for line in passage.prose { line.condition.map { read.formUnion($0.names) } }
      for choice in passage.choices {
        choice.condition.map { read.formUnion($0.names) }
        for effect in choice.effects { written.insert(effect.name) }
      }
    }
    var diagnostics: [Diagnostic] = []
    for declaration in scenario.declarations.values.sorted(by: { $0.location < $1.location }) {
      let name = declaration.name
      let kind = declaration.kind.rawValue
      if !read.contains(name) {
        diagnostics.append(
          .warning(
            .unusedState,
            written.contains(name)
              ? "\(kind) '\(name)' is set but never read by any condition"
              : "\(kind) '\(name)' is declared but never used",
            at: declaration.location, length: name.count))
      } else if !written.contains(name) {
        diagnostics.append(
          .warning(
            .neverSet,
            "\(kind) '\(name)' is read but never changed, so the conditions on it never vary",
            at: declaration.location, length: name.count))
      }
    }
    return diagnostics
  }

  /// Scores that a trainee could earn without judgement: naive strategies above the limit, a best
  /// option that stands out by its surface, critical choices that still score well or end safely.
  private static func judgement(
    _ scenario: Scenario, integrity: [(role: String, report: ScoringIntegrity)], roles: [String]
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let top = SourceLocation(file: scenario.path, line: 1, column: 1)
    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
    for (role, report) in integrity {
      let who = roles == [""] ? "" : " as \(role)"
      for result in report.strategiesOverLimit {
        diagnostics.append(
          .warning(
            .naiveStrategy,
            "\(result.strategy.description)\(who) scores \(percent(result.share ?? 0)) of the score range (the limit is \(percent(ScoringIntegrity.naiveShareLimit))); make the options equal in length and register and vary which one is best ('casesim analyze' shows the strategies)",
            at: scenario.header.locations["roles"] ?? top))
      }
      if let share = report.bestWithCriticalShare, share > ScoringIntegrity.criticalShareLimit + 1e-9 {
        diagnostics.append(
          .warning(
            .criticalScoresHigh,
            "a playthrough\(who) that takes a critical choice can still score \(percent(share)) of the range (the limit is \(percent(ScoringIntegrity.criticalShareLimit))); weigh critical choices so that they cost the grade",
            at: scenario.header.locations["roles"] ?? top))
      }
      if let path = report.criticalToSafe {
        let critical = path.steps.first { step in
          scenario.passages[step.passageID]?.choices.first { $0.index == step.choiceIndex }?.isCritical == true
        }
        let location = critical.flatMap { step in
          scenario.passages[step.passageID]?.choices.first { $0.index == step.choiceIndex }?.location
        }
        diagnostics.append(
          .warning(
            .criticalReachesSafe,
            "a playthrough\(who) that takes this critical choice still reaches the safe ending '\(path.endPassageID)' (choices: \(path.typed.map(String.init).joined(separator: ", "))); a decision that leaves the child unsafe should not end safely",
            at: location ?? top))
      }
    }
    let cues = SurfaceCues(scenario: scenario)
    for passage in scenario.orderedPassages where passage.choices.count >= 2 {
      let ranked = passage.choices.sorted { $0.totalPoints > $1.totalPoints }
      guard let best = ranked.first, best.totalPoints > ranked[1].totalPoints else { continue }
      let others = passage.choices.filter { $0.index != best.index }
      let longestOther = others.map { SurfaceCues.length($0.text) }.max() ?? 0
      if Double(SurfaceCues.length(best.text)) > Double(longestOther) * SurfaceCues.lengthWarningRatio {
        diagnostics.append(
          .warning(
            .surfaceCue,
            "the best option here is much the longest (\(SurfaceCues.length(best.text)) characters against at most \(longestOther)); a trainee could pick it by its length alone",
            at: best.location))
      }
      let words = cues.matchedWords(in: best.text)
      if !words.isEmpty, others.allSatisfy({ cues.hits(in: $0.text) == 0 }) {
        diagnostics.append(
          .warning(
            .surfaceCue,
            "only the best option here uses the words \(words.map { "'\($0)'" }.joined(separator: ", ")); a trainee could pick it by those words alone",
            at: best.location))
      }
    }
    return diagnostics
  }

  /// Scoring that does not teach: catalogs listed but unused, decisions without scores, and a best
  /// score that needs a critical choice.
  private static func scoring(_ scenario: Scenario, guidance: GuidanceLibrary?) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if let guidance {
      let used = Set(scenario.guidanceIDsUsed.compactMap { guidance.entry($0)?.catalogID })
      for catalog in scenario.header.guides where guidance.catalog(catalog) != nil && !used.contains(catalog) {
        diagnostics.append(
          .warning(
            .unusedCatalog, "'guides:' lists catalog '\(catalog)' but no choice scores any of its principles",
            at: scenario.header.location(of: catalog, in: "guides"), length: catalog.count))
      }
    }
    for passage in scenario.orderedPassages where passage.choices.count >= 2 {
      for choice in passage.choices where choice.scores.isEmpty {
        diagnostics.append(
          .warning(
            .unscoredChoice,
            "this decision scores no principle; add '+ id N' or '- id N' so the debrief can explain it",
            at: choice.location))
      }
    }
    return diagnostics
  }
}

extension Condition {
  /// Every flag and counter the condition reads.
  var names: Set<String> {
    switch self {
    case .flag(let n): [n]
    case .compare(let n, _, _): [n]
    case .role: []
    case .not(let c): c.names
    case .and(let a, let b), .or(let a, let b): a.names.union(b.names)
    }
  }
}
