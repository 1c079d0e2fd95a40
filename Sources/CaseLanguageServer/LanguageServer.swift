import CaseAuthoring
import CaseFormat
import Foundation

/// `casesim lsp`: the Language Server Protocol over a pair of file descriptors, so an editor
/// checks a scenario as the trainer types, with the same checker as `casesim check`.
///
/// It answers: diagnostics (published once typing pauses for `quietMilliseconds`), go to
/// definition and find references (passages, flags, counters, roles, guidance ids), completion
/// (passage ids after `->`, principle ids after `+`/`-`, flags and counters in effects and
/// conditions, directives after `@`, header keys), hover (a principle's statement and source, a
/// passage's first paragraph, a flag or counter's declaration), the outline (passages), rename of
/// a passage, flag, counter or fact across the file and its includes, formatting through `fmt`,
/// and a quick fix for every diagnostic that suggests one. Definition, references, hover and
/// rename act only on a name written where that kind of name is written, never on a word of story
/// text spelt like one. One thread; nothing is read from disk but
/// includes, catalogs and word lists, and Hunspell runs only when diagnostics are published, and
/// then only for words it has not been asked about before.
public struct LanguageServer {
  /// How long typing must pause before diagnostics are published.
  public static let quietMilliseconds: Int32 = 200

  private var channel: MessageChannel
  private var documents: [String: OpenDocument] = [:]
  private var catalogs = CatalogCache()
  private var shutdownRequested = false
  /// One spell checker for the session: it keeps what Hunspell said about every word.
  private let speller = Speller(settings: .init(searchPath: ProcessInfo.processInfo.environment["PATH"]))
  /// Notes about checking as a whole (spelling skipped) already shown, so each is shown once.
  private var notesShown: Set<String> = []

  public init(input: Int32, output: Int32) {
    channel = MessageChannel(input: input, output: output)
  }

  /// Serves until the client says `exit` or the input ends; returns the exit status the protocol
  /// asks for (0 after `shutdown`, 1 otherwise).
  public mutating func run() -> Int32 {
    while true {
      let pending = documents.values.contains { $0.needsDiagnostics }
      switch channel.next(timeout: pending ? Self.quietMilliseconds : nil) {
      case .quiet:
        publishPendingDiagnostics()
      case .end:
        return shutdownRequested ? 0 : 1
      case .message(let body):
        guard let message = JSONValue.parse(body) else {
          respond(id: .null, error: (-32700, "the message is not valid JSON"))
          continue
        }
        if message["method"]?.stringValue == "exit" { return shutdownRequested ? 0 : 1 }
        handle(message)
      }
    }
  }

  // MARK: Dispatch

  private mutating func handle(_ message: JSONValue) {
    let id = message["id"]
    let params = message["params"]
    guard let method = message["method"]?.stringValue else { return }  // a response to us: none expected
    if shutdownRequested, id != nil, method != "shutdown" {
      respond(id: id, error: (-32600, "the server is shutting down"))
      return
    }
    switch method {
    case "initialize": respond(id: id, result: Self.capabilities)
    case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration": break
    case "shutdown":
      shutdownRequested = true
      respond(id: id, result: .null)
    case "textDocument/didOpen":
      guard let document = params?["textDocument"], let uri = document["uri"]?.stringValue,
        let text = document["text"]?.stringValue
      else { return }
      documents[uri] = OpenDocument(uri: uri, text: text, version: document["version"]?.intValue ?? 0)
    case "textDocument/didChange":
      guard let uri = params?["textDocument"]?["uri"]?.stringValue,
        let text = params?["contentChanges"]?.arrayValue?.last?["text"]?.stringValue
      else { return }
      documents[uri]?.update(text: text, version: params?["textDocument"]?["version"]?.intValue ?? 0)
    case "textDocument/didClose":
      guard let uri = params?["textDocument"]?["uri"]?.stringValue else { return }
      documents[uri] = nil
      notify("textDocument/publishDiagnostics", .object(["uri": .string(uri), "diagnostics": .array([])]))
    case "textDocument/didSave": break
    default:
      guard let uri = params?["textDocument"]?["uri"]?.stringValue, documents[uri] != nil else {
        if id != nil { respond(id: id, error: (-32601, "'\(method)' is not supported, or the document is not open")) }
        return
      }
      let result: JSONValue
      switch method {
      case "textDocument/definition": result = definition(uri, params?["position"])
      case "textDocument/references": result = references(uri, params?["position"])
      case "textDocument/hover": result = hover(uri, params?["position"])
      case "textDocument/completion": result = completion(uri, params?["position"])
      case "textDocument/documentSymbol": result = symbols(uri)
      case "textDocument/formatting": result = formatting(uri)
      case "textDocument/codeAction": result = codeActions(uri, params?["context"])
      case "textDocument/prepareRename": result = prepareRename(uri, params?["position"])
      case "textDocument/rename":
        switch rename(uri, params?["position"], to: params?["newName"]?.stringValue ?? "") {
        case .success(let edit): result = edit
        case .failure(let problem):
          respond(id: id, error: (-32803, problem.message))
          return
        }
      default:
        respond(id: id, error: (-32601, "'\(method)' is not supported"))
        return
      }
      respond(id: id, result: result)
    }
  }

  static let capabilities: JSONValue = .object([
    "capabilities": .object([
      "positionEncoding": .string("utf-16"),
      "textDocumentSync": .object(["openClose": .bool(true), "change": .int(1)]),
      "definitionProvider": .bool(true),
      "referencesProvider": .bool(true),
      "hoverProvider": .bool(true),
      "completionProvider": .object(["triggerCharacters": .array([">", " ", "@", "{"].map(JSONValue.string))]),
      "documentSymbolProvider": .bool(true),
      "renameProvider": .object(["prepareProvider": .bool(true)]),
      "documentFormattingProvider": .bool(true),
      "codeActionProvider": .bool(true),
    ]),
    "serverInfo": .object(["name": .string("casesim")]),
  ])

  // MARK: Diagnostics

  private mutating func publishPendingDiagnostics() {
    for uri in documents.keys.sorted() where documents[uri]?.needsDiagnostics == true {
      guard var document = documents[uri] else { continue }
      let analysis = document.analysed(&catalogs, speller: speller)
      document.needsDiagnostics = false
      documents[uri] = document
      for note in analysis.notes where notesShown.insert(note.message).inserted {
        notify("window/showMessage", .object(["type": .int(3), "message": .string("casesim: " + note.message)]))
      }
      let positions = TextPositions(document.text)
      let items = analysis.diagnostics.filter { $0.location?.file == document.path }.map { diagnostic in
        let location = diagnostic.location ?? SourceLocation(file: document.path, line: 1, column: 1)
        let related = diagnostic.notes.compactMap { note -> JSONValue? in
          guard let at = note.location else { return nil }
          return .object([
            "location": self.location(at, length: note.length, in: document, analysis: analysis),
            "message": .string(note.message),
          ])
        }
        let unplaced = diagnostic.notes.filter { $0.location == nil }.map(\.message)
        return JSONValue.object([
          "range": positions.range(location, length: diagnostic.length),
          "severity": .int(diagnostic.severity == .error ? 1 : diagnostic.severity == .warning ? 2 : 3),
          "code": .string(diagnostic.code.rawValue),
          "source": .string("casesim"),
          "message": .string(([diagnostic.message] + unplaced).joined(separator: "\n")),
          "relatedInformation": related.isEmpty ? nil : .array(related),
        ])
      }
      notify(
        "textDocument/publishDiagnostics",
        .object(["uri": .string(uri), "version": .int(document.version), "diagnostics": .array(items)]))
    }
  }

  // MARK: Navigation

  /// What a word names in a scenario.
  private enum Target {
    case passage(Passage)
    case state(StateDeclaration)
    case principle(GuidanceEntry)
    case role(String)
    case fact(String, NamedFact)

    /// Passages, flags, counters and facts are named in the scenario alone; principles and roles
    /// are not the scenario's to rename.
    var isRenamable: Bool {
      switch self {
      case .passage, .state, .fact: true
      case .principle, .role: false
      }
    }

    /// The kinds of token this kind of name is written as (``target(_:as:in:)`` reads them back).
    var tokenKinds: Set<SyntaxToken.Kind> {
      switch self {
      case .passage: [.passageID, .target]
      case .state: [.stateName]
      case .principle: [.guidanceID]
      case .role: [.roleID]
      case .fact: [.factID]
      }
    }
  }

  /// The name at a protocol position, and what it names: only where the syntax tree has a
  /// token for that kind of name (a passage after `==` or `->` or in `start:`, a flag or counter
  /// in a declaration, condition or effect, a principle after `+`/`-`, a role, a fact id). A word
  /// of story text, of a choice or of a value is no name, even when it is spelt like one.
  private func named(
    at position: JSONValue?, in document: OpenDocument, analysis: OpenDocument.Analysis
  ) -> (word: String, target: Target, columns: Range<Int>, line: Int)? {
    guard let (line, index, _) = TextPositions(document.text).characterIndex(position),
      let syntaxLine = analysis.loaded.syntax[document.path]?.line(line + 1)
    else { return nil }
    // The token the cursor is in, or just after (an editor's cursor at the end of a word).
    let tokens = syntaxLine.tokens.filter { Self.nameKinds.contains($0.kind) && $0.columns.contains(index) }
      + syntaxLine.tokens.filter { Self.nameKinds.contains($0.kind) && $0.columns.upperBound == index }
    for token in tokens {
      let word = syntaxLine.text(of: token)
      if let target = target(word, as: token.kind, in: analysis) { return (word, target, token.columns, line + 1) }
    }
    return nil
  }

  /// The kinds of token that name something a trainer can go to.
  private static let nameKinds: Set<SyntaxToken.Kind> = [.passageID, .target, .stateName, .guidanceID, .roleID, .factID]

  /// What `word` names when written as a token of `kind`.
  private func target(_ word: String, as kind: SyntaxToken.Kind, in analysis: OpenDocument.Analysis) -> Target? {
    let scenario = analysis.loaded.scenario
    switch kind {
    case .passageID, .target: return scenario.passages[word].map(Target.passage)
    case .stateName: return scenario.declarations[word].map(Target.state)
    case .guidanceID: return analysis.guidance.entry(word).map(Target.principle)
    case .roleID: return scenario.header.roles.contains(word) ? .role(word) : nil
    case .factID: return scenario.namedFacts[word].map { .fact(word, $0) }
    default: return nil
    }
  }

  /// True when `name` already names something in the scenario or its guides, of whatever kind.
  private func isInUse(_ name: String, in analysis: OpenDocument.Analysis) -> Bool {
    Self.nameKinds.contains { target(name, as: $0, in: analysis) != nil }
  }

  /// Where `@fact #id` names the fact `id`, in the document or its includes.
  private func factDefinition(_ id: String, in analysis: OpenDocument.Analysis) -> SourceLocation? {
    for (file, syntax) in analysis.loaded.syntax.sorted(by: { $0.key < $1.key }) {
      for line in syntax.lines where line.tokens.first.map({ line.text(of: $0) == "@fact" }) == true {
        if let token = line.tokens.first(where: { $0.kind == .factID && line.text(of: $0) == id }) {
          return SourceLocation(file: file, line: line.number, column: token.columns.lowerBound + 1)
        }
      }
    }
    return nil
  }

  /// The document's analysis, made once per version and kept with the document.
  private mutating func analysis(of uri: String) -> (OpenDocument, OpenDocument.Analysis)? {
    guard var document = documents[uri] else { return nil }
    let analysis = document.analysed(&catalogs)
    documents[uri] = document
    return (document, analysis)
  }

  private mutating func definition(_ uri: String, _ position: JSONValue?) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri),
      let (word, named, _, _) = named(at: position, in: document, analysis: analysis)
    else { return .null }
    switch named {
    case .passage(let passage): return location(passage.location, length: passage.id.count, in: document, analysis: analysis)
    case .state(let declaration): return location(declaration.location, length: word.count, in: document, analysis: analysis)
    case .principle(let entry): return location(entry.location, length: entry.id.count, in: document, analysis: analysis)
    case .role(let role):
      guard let at = analysis.loaded.scenario.header.location(of: role, in: "roles") else { return .null }
      return location(at, length: role.count, in: document, analysis: analysis)
    case .fact(let id, _):
      guard let at = factDefinition(id, in: analysis) else { return .null }
      return location(at, length: id.count, in: document, analysis: analysis)
    }
  }

  private mutating func references(_ uri: String, _ position: JSONValue?) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri),
      let (word, named, _, _) = named(at: position, in: document, analysis: analysis)
    else { return .array([]) }
    return .array(occurrences(of: word, as: named, in: document, analysis: analysis).map {
      .object(["uri": .string($0.uri), "range": $0.range])
    })
  }

  /// Every place `word` is written as the name of `target` in the document and its includes, as
  /// the file's URI and the protocol range. The files' syntax trees say where each kind of name
  /// is written (a passage after `==` or `->` or in `start:`, a flag in a declaration, a
  /// condition or an effect, a principle after `+`/`-`, a role in `roles:`, `@role` or a
  /// condition), so a rename never touches story text, a choice's words or another kind of name
  /// spelt the same.
  private func occurrences(
    of word: String, as target: Target, in document: OpenDocument, analysis: OpenDocument.Analysis
  ) -> [(uri: String, range: JSONValue)] {
    let kinds = target.tokenKinds
    var found: [(uri: String, range: JSONValue)] = []
    let files = [document.path] + analysis.loaded.syntax.keys.filter { $0 != document.path }.sorted()
    for file in files {
      guard let syntax = analysis.loaded.syntax[file] else { continue }
      let uri = file == document.path ? document.uri : OpenDocument.uri(of: file)
      let positions = TextPositions(text(of: file, document: document, analysis: analysis))
      for line in syntax.lines {
        for token in line.tokens where kinds.contains(token.kind) && line.text(of: token) == word {
          let at = SourceLocation(file: file, line: line.number, column: token.columns.lowerBound + 1)
          found.append((uri, positions.range(at, length: word.count)))
        }
      }
    }
    return found
  }

  /// The text of a file the analysis read: the editor's for the document itself.
  private func text(of file: String, document: OpenDocument, analysis: OpenDocument.Analysis) -> String {
    file == document.path ? document.text : analysis.loaded.files[file] ?? (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
  }

  private func location(
    _ at: SourceLocation, length: Int, in document: OpenDocument, analysis: OpenDocument.Analysis
  ) -> JSONValue {
    .object([
      "uri": .string(at.file == document.path ? document.uri : OpenDocument.uri(of: at.file)),
      "range": TextPositions(text(of: at.file, document: document, analysis: analysis)).range(at, length: length),
    ])
  }

  private mutating func hover(_ uri: String, _ position: JSONValue?) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri),
      let (_, named, _, _) = named(at: position, in: document, analysis: analysis)
    else { return .null }
    let markdown: String
    switch named {
    case .principle(let entry):
      markdown = "**\(entry.title)** `\(entry.id)`\n\n\(entry.statement)\n\n*Source:* \(entry.citation)"
    case .passage(let passage):
      let opening = Self.opening(of: passage)
      let kind = passage.ending.map { "ending (\($0.outcome.rawValue))" } ?? "passage"
      markdown = "\(kind) `\(passage.id)`\(opening.isEmpty ? "" : "\n\n\(opening)")"
    case .state(let declaration):
      markdown =
        declaration.kind == .flag
        ? "flag `\(declaration.name)`, starts \(declaration.initialValue != 0)"
        : "counter `\(declaration.name)`, starts at \(declaration.initialValue), kept within \(declaration.range.lowerBound)..\(declaration.range.upperBound)"
    case .role(let role):
      markdown = "role `\(role)`"
    case .fact(let id, let named):
      markdown = "fact `\(id)` in `\(named.passageID)`: \(named.fact.shownWhen.map { "\($0): " } ?? "")\(named.fact.text)"
    }
    return .object(["contents": .object(["kind": .string("markdown"), "value": .string(UntrustedText.escaped(markdown))])])
  }

  /// How long a passage's opening in a hover may be before it is cut.
  static let openingLimit = 300

  /// A passage's opening as a trainee reads it: its first paragraph (the lines every trainee
  /// sees, joined as play joins them); when long, as many of its sentences as fit, or its start
  /// cut at a word with an ellipsis when even the first sentence does not.
  static func opening(of passage: Passage) -> String {
    let paragraph = passage.paragraphs { $0.condition == nil }.first ?? passage.paragraphs { _ in true }.first ?? ""
    guard paragraph.count > openingLimit else { return paragraph }
    var kept: [String] = []
    for sentence in ReadingEase.sentences(in: paragraph) {
      guard (kept + [sentence]).joined(separator: " ").count <= openingLimit else { break }
      kept.append(sentence)
    }
    return kept.isEmpty ? GraphText.shortened(paragraph, limit: openingLimit) : kept.joined(separator: " ") + " …"
  }

  // MARK: Completion

  private mutating func completion(_ uri: String, _ position: JSONValue?) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri) else { return .array([]) }
    let positions = TextPositions(document.text)
    guard let (line, index, text) = positions.characterIndex(position) else {
      return .array([])
    }
    let scenario = analysis.loaded.scenario
    let before = String(Array(text).prefix(index))
    let content = before.drop { $0 == " " || $0 == "\t" }
    let partial = String(content.reversed().prefix { TextPositions.isNameCharacter($0) }.reversed())
    let lead = content.dropLast(partial.count)
    let flags = scenario.declarations.values.filter { $0.kind == .flag }.map(\.name).sorted()
    let counters = scenario.declarations.values.filter { $0.kind == .counter }.map(\.name).sorted()
    var items: [(label: String, kind: Int, detail: String)] = []
    if lead.hasSuffix("->") || lead.hasSuffix("-> ") {
      items = scenario.passageOrder.map { ($0, 18, scenario.passages[$0]?.isEnding == true ? "ending" : "passage") }
    } else if lead == "+ " || lead == "- " {
      let catalogs = Set(scenario.header.guides)
      items = analysis.guidance.principles.filter { catalogs.isEmpty || catalogs.contains($0.catalogID) }.map { ($0.id, 12, $0.title) }
    } else if lead == "~ set " || lead == "~ clear " {
      items = flags.map { ($0, 6, "flag") }
    } else if lead == "~ " {
      items = [("set", 14, "set a flag"), ("clear", 14, "clear a flag")] + counters.map { ($0, 6, "counter") }
    } else if lead.hasPrefix("@if ") || lead.hasPrefix("{") || lead.hasPrefix("* {") {
      items = flags.map { ($0, 6, "flag") } + counters.map { ($0, 6, "counter") } + [("role", 14, "the acting role")]
      items += ["not", "and", "or"].map { ($0, 14, "") }
    } else if lead == "@" {
      items = CaseVocabulary.directives.map { ($0.name, 14, $0.meaning) }
    } else if lead.isEmpty, scenario.passageOrder.isEmpty || !positions.lines.prefix(line).contains { $0.drop { $0 == " " }.hasPrefix("==") } {
      items = CaseVocabulary.headerFields.map { ($0.key + ": ", 10, $0.meaning) } + [("flag ", 14, "declare a flag"), ("counter ", 14, "declare a counter")]
    }
    return .array(
      items.filter { $0.label.hasPrefix(partial) }.map {
        .object(["label": .string($0.label), "kind": .int($0.kind), "detail": $0.detail.isEmpty ? nil : .string($0.detail)])
      })
  }

  // MARK: Outline, formatting, fixes, rename

  private mutating func symbols(_ uri: String) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri) else { return .array([]) }
    let positions = TextPositions(document.text)
    let passages = analysis.loaded.scenario.orderedPassages.filter { $0.location.file == document.path }
    return .array(
      passages.enumerated().map { offset, passage in
        let next = offset + 1 < passages.count ? passages[offset + 1].location.line - 1 : positions.lines.count
        let end = max(passage.location.line, next)
        return .object([
          "name": .string(passage.id),
          "detail": .string(passage.ending.map { "ending: \($0.outcome.rawValue)" } ?? "\(passage.choices.count) choice\(passage.choices.count == 1 ? "" : "s")"),
          "kind": .int(passage.isEnding ? 20 : 5),
          "range": .object([
            "start": positions.position(line: passage.location.line, column: 1),
            "end": positions.position(line: end, column: (positions.lines[safe: end - 1]?.count ?? 0) + 1),
          ]),
          "selectionRange": positions.range(passage.location, length: passage.id.count),
        ])
      })
  }

  private func formatting(_ uri: String) -> JSONValue {
    guard let document = documents[uri], case .success(let formatted) = ScenarioFormatter.format(document.text, path: document.path),
      formatted != document.text
    else { return .array([]) }
    return .array([.object(["range": wholeRange(document.text), "newText": .string(formatted)])])
  }

  private func wholeRange(_ text: String) -> JSONValue {
    let positions = TextPositions(text)
    let last = max(1, positions.lines.count)
    return .object([
      "start": .object(["line": .int(0), "character": .int(0)]),
      "end": positions.position(line: last + 1, column: 1),
    ])
  }

  private mutating func codeActions(_ uri: String, _ context: JSONValue?) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri) else { return .array([]) }
    let positions = TextPositions(document.text)
    // The ranges of the diagnostics the editor asks about, compared by value (key order in the
    // editor's JSON is its own).
    func key(_ range: JSONValue?) -> [Int]? {
      let values = [range?["start"]?["line"], range?["start"]?["character"], range?["end"]?["line"], range?["end"]?["character"]]
      let numbers = values.compactMap { $0?.intValue }
      return numbers.count == 4 ? numbers : nil
    }
    let asked = Set((context?["diagnostics"]?.arrayValue ?? []).compactMap { key($0["range"]) })
    var actions: [JSONValue] = []
    for diagnostic in analysis.diagnostics where diagnostic.location?.file == document.path {
      guard let suggestion = diagnostic.suggestion, let at = diagnostic.location else { continue }
      let range = positions.range(at, length: diagnostic.length)
      guard asked.isEmpty || key(range).map(asked.contains) == true else { continue }
      actions.append(
        .object([
          "title": .string("Change to '\(suggestion)'"),
          "kind": .string("quickfix"),
          "edit": .object([
            "changes": .object([.init(document.uri, .array([.object(["range": range, "newText": .string(suggestion)])]))])
          ]),
        ]))
    }
    return .array(actions)
  }

  private struct RenameProblem: Error {
    var message: String
  }

  /// The name a rename at `position` would change, as the protocol's `prepareRename` answers:
  /// its range and text, or nil where there is no passage, flag, counter or fact id (story text
  /// above all), so the editor says so before the trainer types a new name.
  private mutating func prepareRename(_ uri: String, _ position: JSONValue?) -> JSONValue {
    guard let (document, analysis) = analysis(of: uri),
      let (word, named, columns, line) = named(at: position, in: document, analysis: analysis), named.isRenamable
    else { return .null }
    let at = SourceLocation(file: document.path, line: line, column: columns.lowerBound + 1)
    return .object(["range": TextPositions(document.text).range(at, length: columns.count), "placeholder": .string(word)])
  }

  private mutating func rename(_ uri: String, _ position: JSONValue?, to newName: String) -> Result<JSONValue, RenameProblem> {
    guard let (document, analysis) = analysis(of: uri),
      let (word, named, _, _) = named(at: position, in: document, analysis: analysis), named.isRenamable
    else {
      return .failure(RenameProblem(message: "there is no passage, flag, counter or fact id here to rename"))
    }
    guard Identifier.isValid(newName), newName != "role" else {
      return .failure(RenameProblem(message: "'\(newName)' is not a valid name (lowercase letters, digits and '-')"))
    }
    guard !isInUse(newName, in: analysis) else {
      return .failure(RenameProblem(message: "'\(newName)' is already used in this scenario"))
    }
    var changes: [String: [JSONValue]] = [:]
    for found in occurrences(of: word, as: named, in: document, analysis: analysis) {
      changes[found.uri, default: []].append(.object(["range": found.range, "newText": .string(newName)]))
    }
    return .success(.object(["changes": .object(changes.keys.sorted().map { .init($0, .array(changes[$0] ?? [])) })]))
  }

  // MARK: Sending

  private func respond(id: JSONValue?, result: JSONValue) {
    channel.send(JSONValue.object(["jsonrpc": .string("2.0"), "id": id ?? .null, "result": result]).compactText)
  }

  private func respond(id: JSONValue?, error: (code: Int, message: String)) {
    channel.send(
      JSONValue.object([
        "jsonrpc": .string("2.0"), "id": id ?? .null,
        "error": .object(["code": .int(error.code), "message": .string(error.message)]),
      ]).compactText)
  }

  private func notify(_ method: String, _ params: JSONValue) {
    channel.send(JSONValue.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]).compactText)
  }
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
