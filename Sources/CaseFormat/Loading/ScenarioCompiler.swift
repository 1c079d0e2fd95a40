/// Joins a parsed scenario file and its includes into a `Scenario`, resolving names and checking
/// the structure: the header, declarations, targets, roles, reachability and endings.
///
/// It always produces a scenario (with defaults where the file is broken) so that every check can
/// run and report in one pass; callers refuse to play a scenario whose diagnostics hold errors.
public enum ScenarioCompiler {
  /// " and once more", " and N more times", or nothing: how often a name is written again.
  static func andMore(_ count: Int) -> String {
    switch count {
    case ...0: ""
    case 1: " and once more"
    default: " and \(count) more times"
    }
  }

  static let requiredKeys = CaseVocabulary.headerFields.filter(\.isRequired).map(\.key)

  public static func compile(
    main: ParsedScenarioFile, includes: [ParsedScenarioFile], contentHash: String,
    guidance: GuidanceLibrary?
  ) -> (Scenario, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let header = compileHeader(main, &diagnostics)
    let files = [main] + includes

    var declarations: [String: StateDeclaration] = [:]
    for declaration in files.flatMap(\.declarations) {
      if let first = declarations[declaration.name] {
        diagnostics.append(
          .error(
            .duplicateDeclaration, "'\(declaration.name)' is declared twice",
            at: declaration.location, length: declaration.name.count,
            notes: [DiagnosticNote("first declared here", at: first.location, length: first.name.count)]))
      } else {
        declarations[declaration.name] = declaration
      }
    }

    var passages: [String: Passage] = [:]
    var order: [String] = []
    for passage in files.flatMap(\.passages) where !passage.id.isEmpty {
      if let first = passages[passage.id] {
        diagnostics.append(
          .error(
            .duplicatePassage, "passage '\(passage.id)' is defined twice",
            at: passage.location, length: passage.id.count,
            notes: [DiagnosticNote("first defined here", at: first.location, length: first.id.count)]))
      } else {
        passages[passage.id] = passage
        order.append(passage.id)
      }
    }

    var start = order.first ?? ""
    if let wanted = header.start {
      if passages[wanted] != nil {
        start = wanted
      } else {
        diagnostics.append(
          .error(
            .unknownTarget, "start passage '\(wanted)' does not exist",
            at: header.locations["start"], length: wanted.count,
            suggestion: Suggestions.closest(to: wanted, among: order)))
      }
    } else if passages["start"] != nil {
      start = "start"
    }

    let scenario = Scenario(
      header: header, declarations: declarations, passages: passages, passageOrder: order,
      startPassageID: start, contentHash: contentHash, path: main.path)

    checkNames(files.flatMap(\.nameReferences), declarations, &diagnostics)
    checkRoles(files.flatMap(\.roleReferences), header, &diagnostics)
    checkFacts(files.flatMap(\.factReferences), declared: files.flatMap(\.factDeclarations), &diagnostics)
    checkStructure(scenario, mainPath: main.path, &diagnostics)
    if let guidance { checkGuidance(scenario, guidance, &diagnostics) }
    return (scenario, diagnostics)
  }

  // MARK: Header

  private static func compileHeader(_ file: ParsedScenarioFile, _ diagnostics: inout [Diagnostic])
    -> ScenarioHeader
  {
    var header = ScenarioHeader()
    var seen: [String: SourceLocation] = [:]
    func bad(_ entry: HeaderEntry, _ message: String, suggestion: String? = nil) {
      diagnostics.append(
        .error(
          .badHeader, message, at: entry.valueLocation, length: max(1, entry.value.count),
          suggestion: suggestion))
    }
    func list(_ entry: HeaderEntry, separator: Character = ",") -> [String] {
      entry.value.split(separator: separator).map { String($0).trimmed }.filter { !$0.isEmpty }
    }
    func ids(_ entry: HeaderEntry) -> [String] {
      let values = list(entry)
      // Record where each item sits, so diagnostics can point at the one that is wrong.
      var offset = 0
      for part in entry.value.split(separator: ",", omittingEmptySubsequences: false) {
        let leading = part.prefix { $0 == " " || $0 == "\t" }.count
        header.itemLocations["\(entry.key):\(String(part).trimmed)"] = entry.location(atOffset: offset + leading)
        offset += part.count + 1
      }
      for value in values where !Identifier.isValid(value) {
        bad(entry, "'\(value)' in '\(entry.key)' is not a valid id (lowercase letters, digits and '-')")
      }
      return values.filter(Identifier.isValid)
    }

    for entry in file.headerEntries {
      if let first = seen[entry.key], ScenarioParser.headerKeys[entry.key] == false {
        diagnostics.append(
          .error(
            .badHeader, "'\(entry.key)' is given twice", at: entry.keyLocation,
            length: entry.key.count, notes: [DiagnosticNote("first given here", at: first, length: entry.key.count)]))
        continue
      }
      seen[entry.key] = entry.keyLocation
      header.locations[entry.key] = entry.valueLocation
      if entry.value.isEmpty && entry.key != "themes" {
        bad(entry, "'\(entry.key)' needs a value")
        continue
      }
      switch entry.key {
      case "id":
        if Identifier.isValid(entry.value) {
          header.id = entry.value
        } else {
          diagnostics.append(
            .error(
              .badID, "'\(entry.value)' is not a valid scenario id (lowercase letters, digits and '-')",
              at: entry.valueLocation, length: entry.value.count))
        }
      case "title": header.title = entry.value
      case "summary": header.summary = entry.value
      case "content-note": header.contentNote = entry.value
      case "intensity":
        if let intensity = ScenarioIntensity(rawValue: entry.value) {
          header.intensity = intensity
        } else {
          // Written exactly, as modes are, so every file says it one way; "High" is told "high".
          let words = ScenarioIntensity.allCases.map(\.rawValue)
          let lowered = entry.value.lowercased()
          bad(
            entry, "'\(entry.value)' is not an intensity; use \(ScenarioIntensity.allowedWords)",
            suggestion: words.contains(lowered) ? lowered : Suggestions.closest(to: lowered, among: words))
        }
      case "roles": header.roles = ids(entry)
      case "guides": header.guides = ids(entry)
      case "themes": header.themes = ids(entry)
      case "children": header.children = list(entry)
      case "reviews": header.reviews = list(entry, separator: ";")
      case "start": header.start = entry.value
      case "lesson": header.lessons.append(entry.value)
      case "reflect": header.reflections.append(entry.value)
      case "minutes":
        if let minutes = Int(entry.value), minutes > 0, minutes <= 600 {
          header.minutes = minutes
        } else {
          bad(entry, "minutes must be a whole number of minutes from 1 to 600, not '\(entry.value)'")
        }
      case "modes":
        for value in list(entry) {
          if let mode = PlayMode(rawValue: value) {
            if !header.modes.contains(mode) { header.modes.append(mode) }
          } else {
            bad(
              entry, "'\(value)' is not a mode; use practice, assessment or both",
              suggestion: Suggestions.closest(to: value, among: PlayMode.allCases.map(\.rawValue)))
          }
        }
      default: break
      }
    }
    let firstLine = SourceLocation(file: file.path, line: 1, column: 1)
    if seen["content-note"] == nil {
      diagnostics.append(
        .error(
          .missingContentNote,
          "the header has no 'content-note:': say plainly what the material contains, so a trainee can step out before it starts",
          at: firstLine))
    }
    let missing = requiredKeys.filter { seen[$0] == nil && $0 != "content-note" }
    if !missing.isEmpty {
      let fields = missing.map { "'\($0):'" }.joined(separator: ", ")
      diagnostics.append(
        .error(
          .missingHeader,
          "the header is missing \(missing.count == 1 ? "the field" : "the fields") \(fields)",
          at: firstLine))
    }
    return header
  }

  // MARK: Names and roles

  /// Every use of a name checked against the declarations. An undeclared name is one root cause
  /// however often it is used: one error at its first use, naming the declared name it is
  /// probably a slip for (a declaration nothing uses comes first), with the other uses as notes.
  private static func checkNames(
    _ references: [NameReference], _ declarations: [String: StateDeclaration],
    _ diagnostics: inout [Diagnostic]
  ) {
    var undeclared: [String: [NameReference]] = [:]
    var undeclaredOrder: [String] = []
    for reference in references {
      guard let declaration = declarations[reference.name] else {
        if undeclared[reference.name] == nil { undeclaredOrder.append(reference.name) }
        undeclared[reference.name, default: []].append(reference)
        continue
      }
      if declaration.kind != reference.expectedKind {
        let used = reference.expectedKind == .flag ? "as a flag" : "as a counter"
        diagnostics.append(
          .error(
            .typeMismatch,
            "'\(reference.name)' is a \(declaration.kind.rawValue) but is used \(used)",
            at: reference.location, length: reference.name.count,
            notes: [DiagnosticNote("declared here", at: declaration.location, length: declaration.name.count)]))
      }
    }
    let used = Set(references.map(\.name))
    let unused = declarations.keys.filter { !used.contains($0) }
    for name in undeclaredOrder {
      guard let uses = undeclared[name], let first = uses.first else { continue }
      let kind = first.expectedKind.rawValue
      let count = uses.count > 1 ? " (used \(uses.count) times)" : ""
      let nearMiss =
        Suggestions.closest(to: name, among: unused) ?? Suggestions.closest(to: name, among: declarations.keys)
      var notes = uses.dropFirst().map { DiagnosticNote("also used here", at: $0.location, length: name.count) }
      let message: String
      if let nearMiss, let declaration = declarations[nearMiss] {
        message =
          "'\(name)' is not declared\(count); the declared \(declaration.kind.rawValue) '\(nearMiss)' is probably meant: correct whichever is misspelt"
        notes.insert(DiagnosticNote("'\(nearMiss)' is declared here", at: declaration.location, length: nearMiss.count), at: 0)
      } else {
        message = "'\(name)' is not declared\(count); add '\(kind) \(name)' before the first passage"
      }
      diagnostics.append(
        .error(
          .undefinedName, message, at: first.location, length: name.count, suggestion: nearMiss, notes: notes))
    }
  }

  private static func checkRoles(
    _ references: [RoleReference], _ header: ScenarioHeader, _ diagnostics: inout [Diagnostic]
  ) {
    guard !header.roles.isEmpty else { return }
    for reference in references where !header.roles.contains(reference.role) {
      diagnostics.append(
        .error(
          .unknownRole, "role '\(reference.role)' is not declared in the header's 'roles:'",
          at: reference.location, length: reference.role.count,
          suggestion: Suggestions.closest(to: reference.role, among: header.roles)))
    }
  }

  /// Fact ids are unique in a scenario (with its includes), and every `knows` and `share` names
  /// one of them.
  private static func checkFacts(
    _ references: [FactReference], declared: [FactReference], _ diagnostics: inout [Diagnostic]
  ) {
    var first: [String: SourceLocation] = [:]
    for declaration in declared {
      if let earlier = first[declaration.id] {
        diagnostics.append(
          .error(
            .duplicateFact, "fact id '\(declaration.id)' is given to two facts",
            at: declaration.location, length: declaration.id.count,
            notes: [DiagnosticNote("first given here", at: earlier, length: declaration.id.count)]))
      } else {
        first[declaration.id] = declaration.location
      }
    }
    for reference in references where first[reference.id] == nil {
      diagnostics.append(
        .error(
          .unknownFact, "no fact is named '\(reference.id)'; name one with '@fact #\(reference.id) WHEN | TEXT'",
          at: reference.location, length: reference.id.count,
          suggestion: Suggestions.closest(to: reference.id, among: first.keys)))
    }
  }

  // MARK: Structure

  private static func checkStructure(
    _ scenario: Scenario, mainPath: String, _ diagnostics: inout [Diagnostic]
  ) {
    let passages = scenario.orderedPassages
    guard !passages.isEmpty else {
      diagnostics.append(
        .error(
          .noEnding, "the scenario has no passages; start one with '== start'",
          at: SourceLocation(file: mainPath, line: 1, column: 1)))
      return
    }
    // A mistyped target is read as the passage it most resembles when deciding what is reachable,
    // so one typo is one error, not one more for the passage it was meant to reach.
    var intended: [String: String] = [:]
    for passage in passages {
      for choice in passage.choices where !choice.target.isEmpty {
        if scenario.passages[choice.target] == nil {
          let suggestion = Suggestions.closest(to: choice.target, among: scenario.passageOrder)
          intended[choice.target] = suggestion
          diagnostics.append(
            .error(
              .unknownTarget, "choice leads to unknown passage '\(choice.target)'",
              at: choice.targetLocation, length: choice.target.count, suggestion: suggestion))
        }
      }
      if passage.isEnding && !passage.choices.isEmpty {
        diagnostics.append(
          .error(
            .endingWithChoices,
            "ending '\(passage.id)' offers choices; an ending closes the scenario",
            at: passage.choices[0].location))
      }
      if !passage.isEnding && passage.choices.isEmpty {
        diagnostics.append(
          .error(
            .deadEnd,
            "passage '\(passage.id)' has no choices and is not an ending; add a choice or '@ending safe|partly-safe|unsafe'",
            at: passage.location, length: passage.id.count))
      }
    }
    if !passages.contains(where: \.isEnding) {
      diagnostics.append(
        .error(
          .noEnding, "the scenario has no ending; mark at least one passage with '@ending'",
          at: SourceLocation(file: mainPath, line: 1, column: 1)))
    }
    var reached: Set<String> = [scenario.startPassageID]
    var queue = [scenario.startPassageID]
    while let id = queue.popLast() {
      for choice in scenario.passages[id]?.choices ?? [] {
        let target = scenario.passages[choice.target] != nil ? choice.target : intended[choice.target]
        if let target, reached.insert(target).inserted { queue.append(target) }
      }
    }
    for passage in passages where !reached.contains(passage.id) {
      diagnostics.append(
        .error(
          .unreachablePassage,
          "no path from '\(scenario.startPassageID)' reaches passage '\(passage.id)'",
          at: passage.location, length: passage.id.count))
    }
  }

  // MARK: Guidance

  /// Every catalog `guides:` lists, and every principle scored, against the loaded catalogs. A
  /// missing catalog is one root cause: the principles scored that no loaded catalog holds (and
  /// that look like no principle that is there) are probably in it, so they are notes on its
  /// error rather than an error each.
  private static func checkGuidance(
    _ scenario: Scenario, _ guidance: GuidanceLibrary, _ diagnostics: inout [Diagnostic]
  ) {
    var listed: [GuidanceCatalog] = []
    var missing: [Diagnostic] = []
    for catalogID in scenario.header.guides {
      if let catalog = guidance.catalog(catalogID) {
        listed.append(catalog)
      } else {
        missing.append(
          .error(
            .unknownCatalog, "no guidance catalog '\(catalogID)' in the Guides folder",
            at: scenario.header.location(of: catalogID, in: "guides"), length: catalogID.count,
            suggestion: Suggestions.closest(
              to: catalogID, among: guidance.catalogs.filter { !$0.isCompetencies }.map(\.id))))
      }
    }
    let available = Set(listed.flatMap { $0.entries.map(\.id) })
    var unchecked: [String: [SourceLocation]] = [:]
    var uncheckedOrder: [String] = []
    for passage in scenario.orderedPassages {
      for choice in passage.choices {
        for score in choice.scores where !available.contains(score.guidanceID) {
          if let elsewhere = guidance.catalog(containing: score.guidanceID) {
            diagnostics.append(
              .error(
                .unknownGuidance,
                "'\(score.guidanceID)' is in catalog '\(elsewhere.id)', which 'guides:' does not list",
                at: score.location, length: score.guidanceID.count,
                suggestion: nil,
                notes: [DiagnosticNote("add '\(elsewhere.id)' to the header's 'guides:'")]))
            continue
          }
          let suggestion =
            Suggestions.closest(to: score.guidanceID, among: available)
            ?? Suggestions.closest(to: score.guidanceID, among: guidance.principles.map(\.id))
          if suggestion == nil, !missing.isEmpty {
            if unchecked[score.guidanceID] == nil { uncheckedOrder.append(score.guidanceID) }
            unchecked[score.guidanceID, default: []].append(score.location)
            continue
          }
          diagnostics.append(
            .error(
              .unknownGuidance, "unknown guidance principle '\(score.guidanceID)'",
              at: score.location, length: score.guidanceID.count, suggestion: suggestion))
        }
      }
    }
    if !uncheckedOrder.isEmpty {
      let lines = unchecked.values.map(\.count).reduce(0, +)
      let which = missing.count == 1 ? "it is" : "the missing catalogs are"
      missing[0].message +=
        "; the \(uncheckedOrder.count) \(uncheckedOrder.count == 1 ? "principle" : "principles") scored (\(lines) score \(lines == 1 ? "line" : "lines")) that no catalog found holds \(uncheckedOrder.count == 1 ? "is" : "are") left unchecked until \(which) found"
      missing[0].notes += uncheckedOrder.compactMap { id in
        unchecked[id].map { DiagnosticNote("'\(id)' is scored here\(Self.andMore($0.count - 1))", at: $0[0], length: id.count) }
      }
    }
    diagnostics += missing
  }
}
