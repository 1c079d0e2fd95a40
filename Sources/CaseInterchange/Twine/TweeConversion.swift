import CaseAuthoring
import CaseFormat
import Foundation

/// The steps of one Twee import, in order: read the file, classify its passages, give them ids,
/// scan their content, resolve links, decide the start, reachability and endings, carry simple
/// flags, and write the scenario. `TweeImporter` is the public face; this holds the working state.
struct TweeConversion {
  /// Twee files larger than this are refused: the result could not be a loadable scenario.
  static let maximumInputBytes = 16 * 1024 * 1024

  private let path: String
  private var diagnostics: [Diagnostic] = []
  private var ids = TweeIdentifier()
  private var format = TweeStoryFormat.unknown

  private init(path: String) {
    self.path = path
  }

  static func convert(text: String, path: String) -> (caseText: String, diagnostics: [Diagnostic]) {
    var converter = TweeConversion(path: path)
    let caseText = converter.run(text)
    return (caseText, converter.sortedDiagnostics())
  }

  private func at(_ line: Int, _ column: Int = 1) -> SourceLocation {
    SourceLocation(file: path, line: line, column: column)
  }

  /// At most this many diagnostics of one code are listed; the rest are counted in one summary,
  /// so a hostile or machine-made file cannot flood the terminal.
  static let maximumPerCode = 200

  /// Diagnostics in file order (those without a place first), keeping the order found otherwise,
  /// with repeats of one code beyond `maximumPerCode` summarised at the end.
  private func sortedDiagnostics() -> [Diagnostic] {
    let sorted = diagnostics.enumerated().sorted { a, b in
      let la = a.element.location.map { ($0.line, $0.column) } ?? (0, 0)
      let lb = b.element.location.map { ($0.line, $0.column) } ?? (0, 0)
      return la != lb ? la < lb : a.offset < b.offset
    }.map(\.element)
    var counts: [DiagnosticCode: Int] = [:]
    var kept: [Diagnostic] = []
    var overflow: [(DiagnosticCode, Severity)] = []
    for diagnostic in sorted {
      let count = (counts[diagnostic.code] ?? 0) + 1
      counts[diagnostic.code] = count
      if count <= Self.maximumPerCode {
        kept.append(diagnostic)
      } else if count == Self.maximumPerCode + 1 {
        overflow.append((diagnostic.code, diagnostic.severity))
      }
    }
    for (code, severity) in overflow {
      let more = (counts[code] ?? 0) - Self.maximumPerCode
      kept.append(Diagnostic(severity, code, "\(more) more like this were not listed", at: nil))
    }
    return kept
  }

  // MARK: Passages

  /// What the importer does with a Twee passage.
  private enum Role {
    case story
    /// Runs once before the story (SugarCube's `StoryInit`, Harlowe's `startup` tag): its simple
    /// flag settings become starting values.
    case initialisation
    case skipped(String)
  }

  private static let skippedTags: [String: String] = [
    "script": "is story JavaScript", "stylesheet": "is a stylesheet",
    "widget": "defines SugarCube widgets", "Twine.private": "is private to the Twine editor",
    "Twine.image": "is an image", "Twine.audio": "is audio", "Twine.video": "is video",
    "Twine.vtt": "is a subtitles track", "annotation": "is an annotation",
    "header": "is shown above every passage", "footer": "is shown below every passage",
    "debug-header": "is for debugging", "debug-footer": "is for debugging",
    "debug-startup": "is for debugging",
  ]
  private static let skippedNames: [String: String] = [
    "StoryAuthor": "names the author", "StorySubtitle": "is a subtitle",
    "StoryMenu": "is SugarCube's menu", "StoryCaption": "is SugarCube's sidebar caption",
    "StoryBanner": "is SugarCube's banner", "StoryInterface": "replaces SugarCube's interface",
    "StoryShare": "lists sharing links", "StorySettings": "holds Twine 1 settings",
    "StoryIncludes": "lists Twine 1 includes", "StoryDisplayTitle": "sets the displayed title",
    "PassageReady": "runs before every passage", "PassageDone": "runs after every passage",
    "PassageHeader": "is shown above every passage", "PassageFooter": "is shown below every passage",
  ]

  private func role(of passage: TweeSourcePassage) -> Role {
    if passage.name == "StoryInit" || passage.tags.contains("startup") { return .initialisation }
    if let reason = Self.skippedNames[passage.name] { return .skipped(reason) }
    for tag in passage.tags {
      if let reason = Self.skippedTags[tag] { return .skipped(reason + " (tagged '\(tag)')") }
    }
    return .story
  }

  /// A story passage on its way to the `.case` file.
  private struct Imported {
    var source: TweeSourcePassage
    var id: String
    var prose: TweeProse
    var scan: TweeScanResult
    var choices: [ImportedChoice] = []
  }

  private struct ImportedChoice {
    var text: String
    var target: Int
    var setter: [TweeAssignment]
    var effects: [String] = []
    var location: SourceLocation
  }

  /// A passage a broken link names, which becomes a generated ending.
  private struct MissingPassage {
    var name: String
    var id: String
    var node: Int
  }

  // Working state, filled in by the steps of `run`.
  private var passages: [Imported] = []
  /// Story passages by Twine name (the first of duplicates).
  private var nameIndex: [String: Int] = [:]
  /// Passages not imported, by name, with why.
  private var skipped: [String: String] = [:]
  private var initialAssignments: [TweeAssignment] = []
  /// Variables changed in ways that cannot be carried, with the first place.
  private var unfaithful: [String: SourceLocation] = [:]
  private var graph = TweeStoryGraph(nodeCount: 0)
  private var missing: [MissingPassage] = []
  private var missingByName: [String: Int] = [:]
  /// The generated "stop here" ending, once a loop needed one.
  private var stop: (node: Int, id: String)?

  // MARK: The run

  private mutating func run(_ text: String) -> String {
    guard text.utf8.count <= Self.maximumInputBytes else {
      diagnostics.append(
        .error(
          .tweeTooLarge,
          "the file is \(text.utf8.count) bytes; the importer reads Twee files up to \(Self.maximumInputBytes / 1024 / 1024) MiB",
          at: at(1)))
      return ""
    }
    let document = TweeDocument.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, path: path)
    diagnostics += document.diagnostics
    guard document.isTwee else {
      let isTwineHTML = text.range(of: "<tw-storydata", options: .caseInsensitive) != nil
      diagnostics.append(
        .error(
          .tweeNotTwee,
          isTwineHTML
            ? "this is a Twine HTML file, not Twee; in Twine 2 open the story and choose Build > Export as Twee (or run 'tweego -d story.html -o story.twee'), then import the .twee file"
            : "this is not a Twee file: no line starts a passage with '::'; in Twine 2 choose Build > Export as Twee",
          at: at(1)))
      return ""
    }
    format = TweeStoryFormat(name: document.format)
    readPassages(document)
    let title = storyTitle(document)
    guard !passages.isEmpty else {
      diagnostics.append(
        .warning(
          .tweeNoPassages,
          "the story has no passages to import; the scenario has one placeholder ending to write", at: at(1)))
      let writer = TweeScenarioWriter(
        title: title, sourceName: sourceName, format: formatDescription(document), minutes: 5, start: "start")
      return writer.placeholderScenario()
    }
    linkPassages()
    let start = startPassage(document)
    var reachable = graph.reachable(from: start)
    addWaysOut(reachable: &reachable)
    let flags = carryFlags(start: start, reachable: reachable)
    let (output, words) = outputPassages(reachable: reachable)
    var generated = missing.filter { reachable.contains($0.node) }.map {
      TweeScenarioWriter.Generated.missing(id: $0.id, twineName: $0.name)
    }
    if let stop { generated.append(.stop(id: stop.id)) }

    let writer = TweeScenarioWriter(
      title: title, sourceName: sourceName, format: formatDescription(document),
      minutes: min(600, max(5, (words + 149) / 150)), start: passages[start].id)
    let caseText = writer.scenario(flags: flags, passages: output, generated: generated)
    if caseText.utf8.count > SourceLimits.maximumFileBytes {
      diagnostics.append(
        .warning(
          .tweeTooLarge,
          "the converted scenario is larger than the \(SourceLimits.maximumFileSize) a .case file may be; split the story into smaller scenarios before importing",
          at: at(1)))
    }
    return caseText
  }

  // MARK: Reading passages

  /// Classifies every passage, gives story passages their ids and scans their content.
  private mutating func readPassages(_ document: TweeDocument) {
    var baseOwner: [String: (name: String, line: Int)] = [:]
    for source in document.passages {
      switch role(of: source) {
      case .skipped(let reason):
        diagnostics.append(
          .warning(
            .tweePassageSkipped,
            "passage '\(TweeText.excerpt(source.name))' \(reason); it was not imported", at: at(source.headerLine)))
        skipped[source.name] = reason
        // Code that runs on every passage can change any variable at any time.
        let scan = TweePassageScanner.scan(source.lines, path: path, format: format)
        for assignment in scan.assignments { markUnfaithful(assignment.variable, at: assignment.location) }
        unfaithful.merge(scan.unfaithful) { first, _ in first }
        if source.tags.contains("script") {
          let code = source.lines.map { String($0.characters) }.joined(separator: "\n")
          for variable in TweeText.scriptVariables(code) { markUnfaithful(variable, at: at(source.headerLine)) }
        }
      case .initialisation:
        let scan = TweePassageScanner.scan(source.lines, path: path, format: format)
        diagnostics += scan.diagnostics
        initialAssignments += scan.assignments
        unfaithful.merge(scan.unfaithful) { first, _ in first }
      case .story:
        let base = TweeIdentifier.kebab(source.name, fallback: "passage", prefix: "passage")
        let id = ids.allocate(base)
        if let owner = baseOwner[base] {
          diagnostics.append(
            .warning(
              .tweeNameCollision,
              "passage '\(TweeText.excerpt(source.name))' is '\(id)' in the .case file, because '\(TweeText.excerpt(owner.name))' (line \(owner.line)) already became '\(base)'",
              at: at(source.headerLine)))
        } else {
          baseOwner[base] = (source.name, source.headerLine)
          if id != Self.plainKebab(source.name) {
            diagnostics.append(
              .importNote(
                .tweePassageRenamed, "passage '\(TweeText.excerpt(source.name))' is '\(id)' in the .case file",
                at: at(source.headerLine)))
          }
        }
        if let first = nameIndex[source.name] {
          diagnostics.append(
            .warning(
              .tweeDuplicatePassage,
              "a second passage called '\(TweeText.excerpt(source.name))' (the first is at line \(passages[first].source.headerLine)); links lead to the first",
              at: at(source.headerLine)))
        } else {
          nameIndex[source.name] = passages.count
        }
        let scan = TweePassageScanner.scan(source.lines, path: path, format: format)
        let prose = TweeProseBuilder.build(scan.tokens, path: path, joinLines: source.tags.contains("nobr"))
        diagnostics += scan.diagnostics + prose.diagnostics
        passages.append(Imported(source: source, id: id, prose: prose, scan: scan))
      }
    }
  }

  private mutating func markUnfaithful(_ variable: String, at location: SourceLocation) {
    if unfaithful[variable] == nil { unfaithful[variable] = location }
  }

  // MARK: Choices and the graph

  /// Turns each passage's links into choices; broken links lead to generated endings.
  private mutating func linkPassages() {
    graph = TweeStoryGraph(nodeCount: passages.count)
    for index in passages.indices {
      var seen: Set<String> = []
      for token in passages[index].prose.links {
        guard let target = resolve(token) else { continue }
        let fallback = target < passages.count ? passages[target].source.name : missing[target - passages.count].name
        let text = choiceText(token.link, fallback: fallback)
        guard seen.insert("\(target) \(text)").inserted else { continue }
        let setter = setterAssignments(token)
        passages[index].choices.append(ImportedChoice(text: text, target: target, setter: setter, location: token.location))
        graph.addEdge(from: index, to: target)
      }
    }
  }

  /// Gives every loop that cannot reach an ending a "Stop here" choice to a generated ending, so
  /// play always ends (a `.case` scenario must have an ending, and a loop with no way out is an
  /// error for `casesim check`).
  private mutating func addWaysOut(reachable: inout Set<Int>) {
    let endings = reachable.filter { $0 >= passages.count || passages[$0].choices.isEmpty }
    let trapped = reachable.subtracting(graph.canReach(endings, within: reachable))
    for component in graph.exitlessComponents(in: trapped) {
      let stop = self.stop ?? (graph.addNode(), ids.allocate("stop-here"))
      self.stop = stop
      reachable.insert(stop.node)
      let representative = component[0]
      let passage = passages[representative]
      passages[representative].choices.append(
        ImportedChoice(text: "Stop here", target: stop.node, setter: [], location: at(passage.source.headerLine)))
      graph.addEdge(from: representative, to: stop.node)
      let names = component.prefix(4).map { "'\(TweeText.excerpt(passages[$0].source.name, limit: 30))'" }
        .joined(separator: ", ")
      let more = component.count > 4 ? " and \(component.count - 4) more" : ""
      let what =
        component.count == 1
        ? "passage \(names) leads only back to itself" : "passages \(names)\(more) lead only into each other"
      diagnostics.append(
        .warning(
          .tweeLoopWithoutEnding,
          "\(what), with no way to an ending; a choice 'Stop here' to the generated ending '\(stop.id)' was added to '\(passage.id)'",
          at: at(passage.source.headerLine)))
    }
  }

  // MARK: Output

  /// The passages as the writer needs them, with endings decided and reported, and the number of
  /// words a trainee will read (for the playing time).
  private mutating func outputPassages(reachable: Set<Int>) -> ([TweeScenarioWriter.Passage], Int) {
    var words = 0
    var output: [TweeScenarioWriter.Passage] = []
    for (index, passage) in passages.enumerated() {
      let isReachable = reachable.contains(index)
      let tagOutcome = outcome(fromTags: passage.source.tags)
      if isReachable {
        words += passage.prose.wordCount + passage.choices.reduce(0) { $0 + $1.text.split(separator: " ").count }
      } else {
        diagnostics.append(
          .warning(
            .tweeUnreachablePassage,
            "no [[link]] leads from the start passage to '\(TweeText.excerpt(passage.source.name))' (perhaps only a dropped macro did); it is kept in the .case file as comment lines",
            at: at(passage.source.headerLine)))
      }
      var ending: Outcome?
      if passage.choices.isEmpty {
        ending = tagOutcome?.outcome ?? .partlySafe
        if isReachable { reportEnding(passage, tagOutcome: tagOutcome) }
      } else if let tagOutcome, isReachable {
        diagnostics.append(
          .warning(
            .tweeEndingTagIgnored,
            "passage '\(TweeText.excerpt(passage.source.name))' has the outcome tag '\(tagOutcome.tag)' but also has links, so it is not an ending; the tag was kept as a comment",
            at: at(passage.source.headerLine)))
      }
      output.append(
        TweeScenarioWriter.Passage(
          id: passage.id, twineName: passage.source.name, twineLine: passage.source.headerLine,
          tags: passage.source.tags, ending: ending, items: passage.prose.items,
          choices: passage.choices.map {
            TweeScenarioWriter.Choice(text: $0.text, target: nodeID($0.target), effects: $0.effects)
          },
          isReachable: isReachable))
    }
    return (output, words)
  }

  private mutating func reportEnding(_ passage: Imported, tagOutcome: (tag: String, outcome: Outcome)?) {
    let outcomeAdvice =
      tagOutcome.map { "its tag '\($0.tag)' made the outcome \($0.outcome.rawValue); check it" }
      ?? "its outcome was set to partly-safe: change '@ending partly-safe' to safe, partly-safe or unsafe"
    diagnostics.append(
      .warning(
        .tweeEndingNeedsReview,
        "passage '\(TweeText.excerpt(passage.source.name))' has no links, so it is an ending; \(outcomeAdvice), and add '@lesson' lines saying what the case review found",
        at: at(passage.source.headerLine)))
    if !passage.prose.hasProse {
      diagnostics.append(
        .warning(
          .tweeEmptyPassage, "ending '\(passage.id)' has no text left after import; a placeholder sentence says to write it",
          at: at(passage.source.headerLine)))
    }
  }

  private func nodeID(_ node: Int) -> String {
    if node < passages.count { return passages[node].id }
    if let stop, node == stop.node { return stop.id }
    return missing[node - passages.count].id
  }

  // MARK: Title, start, names

  /// The name lowercased with its spaces made hyphens: a rename no trainer needs telling about.
  private static func plainKebab(_ name: String) -> String {
    name.lowercased().split(separator: " ").joined(separator: "-")
  }

  private var sourceName: String {
    TweeText.excerpt((path as NSString).lastPathComponent, limit: 120)
  }

  private func formatDescription(_ document: TweeDocument) -> String? {
    guard let name = document.format else { return nil }
    let version = document.formatVersion.map { " " + $0 } ?? ""
    return TweeText.excerpt(name + version, limit: 60)
  }

  private mutating func storyTitle(_ document: TweeDocument) -> String {
    let title = TweeText.excerpt(document.title ?? "", limit: 120)
    guard title.isEmpty else { return title }
    diagnostics.append(
      .warning(
        .tweeNoTitle,
        "the story has no StoryTitle passage, so the scenario is called 'Imported Twine story'; change 'title:' and 'id:'",
        at: at(document.titleLine ?? 1)))
    return "Imported Twine story"
  }

  private mutating func startPassage(_ document: TweeDocument) -> Int {
    let wanted = document.start ?? "Start"
    if let index = nameIndex[wanted] ?? nameIndex[wanted.trimmingCharacters(in: .whitespaces)] { return index }
    let first = TweeText.excerpt(passages[0].source.name)
    let message =
      document.start == nil
      ? "StoryData names no start passage and there is no passage called 'Start'; play starts at the first passage, '\(first)'"
      : "StoryData names '\(TweeText.excerpt(wanted))' as the start passage, but \(skipped[wanted] != nil ? "that passage is not imported" : "there is no such passage"); play starts at the first passage, '\(first)'"
    diagnostics.append(.warning(.tweeNoStart, message, at: at(document.storyDataLine ?? 1)))
    return 0
  }

  // MARK: Links

  /// The node a link leads to, creating a generated ending for a missing passage; nil for links
  /// that are not choices (web addresses, no target).
  private mutating func resolve(_ token: TweeLinkToken) -> Int? {
    let link = token.link
    if link.isExternal {
      diagnostics.append(
        .warning(
          .tweeExternalLink,
          "this link goes to a web address ('\(TweeText.excerpt(link.target))'), not a passage; its text stays in the prose but it is not a choice",
          at: token.location, length: token.length))
      return nil
    }
    let target = link.target.trimmingCharacters(in: .whitespaces)
    guard !target.isEmpty else {
      diagnostics.append(
        .warning(
          .tweeBadLink, "this link names no passage; its text was kept as prose", at: token.location,
          length: token.length))
      return nil
    }
    if let index = nameIndex[link.target] ?? nameIndex[target] { return index }
    if let known = missingByName[target] {
      reportUnknown(token, target: target, id: missing[known].id)
      return missing[known].node
    }
    let id = ids.allocate(
      TweeIdentifier.shortened("missing-" + TweeIdentifier.kebab(target, fallback: "passage", prefix: "passage")))
    missingByName[target] = missing.count
    missing.append(MissingPassage(name: target, id: id, node: graph.addNode()))
    reportUnknown(token, target: target, id: id)
    return missing[missing.count - 1].node
  }

  private mutating func reportUnknown(_ token: TweeLinkToken, target: String, id: String) {
    let why = skipped[target].map { "passage '\(TweeText.excerpt(target))' \($0) and is not imported" }
      ?? "there is no passage called '\(TweeText.excerpt(target))'"
    let suggestion: String? =
      target.count <= 200 && nameIndex.count <= 5000
      ? Suggestions.closest(to: target, among: nameIndex.keys.filter { $0.count <= 200 }) : nil
    diagnostics.append(
      .warning(
        .tweeUnknownLink,
        "broken link: \(why); the choice leads to the generated ending '\(id)' until you write that passage or change the choice",
        at: token.location, length: token.length, suggestion: suggestion))
  }

  /// The choice line's text: the link text, cleaned, never empty and never starting with `{`
  /// (which a `.case` choice would read as a condition).
  private func choiceText(_ link: TweeLink, fallback: String) -> String {
    func clean(_ text: String) -> String {
      var cleaned = TweeText.collapsedSpaces(
        TweeText.removingControlCharacters(TweeText.decodingEntities(text)).text)
      while cleaned.first == "{" || cleaned.first == " " { cleaned.removeFirst() }
      if cleaned.count > 500 { cleaned = String(cleaned.prefix(499)) + "…" }
      return cleaned
    }
    let text = clean(link.text)
    if !text.isEmpty { return text }
    let named = clean(fallback)
    return named.isEmpty ? "Continue" : named
  }

  /// A SugarCube setter (`[[Go|There][$met to true]]`) as assignments, or dropped with a warning.
  private mutating func setterAssignments(_ token: TweeLinkToken) -> [TweeAssignment] {
    guard let setter = token.link.setter else { return [] }
    if let assignments = TweeAssignment.parseList(setter, location: token.location, code: "[" + TweeText.excerpt(setter) + "]") {
      return assignments
    }
    for variable in TweeText.scriptVariables(setter) { markUnfaithful(variable, at: token.location) }
    diagnostics.append(
      .warning(
        .tweeMacroDropped,
        "link setter '[\(TweeText.excerpt(setter))]' was dropped: CaseSim does not run story-format code; only '$name to true' or 'to false' can become a CaseSim flag",
        at: token.location, length: token.length))
    return []
  }

  // MARK: Outcomes

  /// The outcome class named by a tag (`safe`, `partly-safe`, `unsafe`, `ending-unsafe`...).
  private func outcome(fromTags tags: [String]) -> (tag: String, outcome: Outcome)? {
    for tag in tags {
      var name = tag.lowercased().replacingOccurrences(of: "_", with: "-")
      for prefix in ["ending-", "ending:", "outcome-", "outcome:"] where name.hasPrefix(prefix) {
        name = String(name.dropFirst(prefix.count))
      }
      switch name {
      case "safe": return (tag, .safe)
      case "partly-safe", "partlysafe", "partially-safe": return (tag, .partlySafe)
      case "unsafe", "not-safe": return (tag, .unsafe)
      default: continue
      }
    }
    return nil
  }

  // MARK: Flags

  /// Turns simple true/false `(set:)`s into declared flags: effects on every choice into the
  /// passage that sets them (and on links with setters), and starting values from `StoryInit` and
  /// the start passage. A variable changed anywhere in a way that cannot be carried is left out
  /// entirely, with a warning at each of its simple changes.
  private mutating func carryFlags(start: Int, reachable: Set<Int>) -> [TweeScenarioWriter.Flag] {
    let initial = initialAssignments
    for index in passages.indices where reachable.contains(index) {
      unfaithful.merge(passages[index].scan.unfaithful) { first, _ in first }
    }
    for index in passages.indices where !reachable.contains(index) {
      for assignment in passages[index].scan.assignments {
        diagnostics.append(
          .warning(
            .tweeMacroDropped,
            "'\(assignment.code)' was dropped: its passage is not reached from the start, so it is kept only as comment lines",
            at: assignment.location, length: assignment.code.count))
      }
    }
    var all: [TweeAssignment] = initial
    for index in passages.indices where reachable.contains(index) {
      all += passages[index].scan.assignments
      for choice in passages[index].choices { all += choice.setter }
    }
    var flagIDs: [String: String] = [:]
    var order: [String] = []
    var flagNames = TweeIdentifier()
    for assignment in all {
      if let place = unfaithful[assignment.variable] {
        diagnostics.append(
          .warning(
            .tweeMacroDropped,
            "'\(assignment.code)' was dropped: '$\(assignment.variable)' is also changed in a way CaseSim cannot carry (line \(place.line)), so none of its changes became a flag",
            at: assignment.location, length: assignment.code.count))
        continue
      }
      if flagIDs[assignment.variable] == nil {
        var base = TweeIdentifier.kebab(assignment.variable, fallback: "flag", prefix: "flag")
        if base == "role" { base = "role-flag" }
        flagIDs[assignment.variable] = flagNames.allocate(base)
        order.append(assignment.variable)
      }
    }
    guard !order.isEmpty else { return [] }

    func effect(_ assignment: TweeAssignment) -> String? {
      flagIDs[assignment.variable].map { (assignment.value ? "set " : "clear ") + $0 }
    }
    var startValues: [String: Bool] = [:]
    for assignment in initial + passages[start].scan.assignments where flagIDs[assignment.variable] != nil {
      startValues[assignment.variable] = assignment.value
    }
    for index in passages.indices where reachable.contains(index) {
      for c in passages[index].choices.indices {
        let choice = passages[index].choices[c]
        var effects = choice.setter.compactMap(effect)
        if choice.target < passages.count { effects += passages[choice.target].scan.assignments.compactMap(effect) }
        passages[index].choices[c].effects = effects
      }
    }
    for assignment in initial where flagIDs[assignment.variable] != nil {
      diagnostics.append(
        .importNote(
          .tweeSetConverted, "'\(assignment.code)' sets the starting value of flag '\(flagIDs[assignment.variable] ?? "")'",
          at: assignment.location))
    }
    for index in passages.indices where reachable.contains(index) {
      for assignment in passages[index].scan.assignments {
        guard let flag = flagIDs[assignment.variable] else { continue }
        let how = index == start
          ? "the starting value of flag '\(flag)' (and '~ \(assignment.value ? "set" : "clear") \(flag)' on any choice back here)"
          : "'~ \(assignment.value ? "set" : "clear") \(flag)' on every choice leading here"
        diagnostics.append(.importNote(.tweeSetConverted, "'\(assignment.code)' became \(how)", at: assignment.location))
      }
      for choice in passages[index].choices {
        for assignment in choice.setter {
          guard let flag = flagIDs[assignment.variable] else { continue }
          diagnostics.append(
            .importNote(
              .tweeSetConverted,
              "the link setter became '~ \(assignment.value ? "set" : "clear") \(flag)' on this choice",
              at: assignment.location))
        }
      }
    }
    return order.compactMap { variable in
      flagIDs[variable].map { TweeScenarioWriter.Flag(id: $0, twineName: variable, initial: startValues[variable] ?? false) }
    }
  }
}
