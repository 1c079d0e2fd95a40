import CaseTestSupport
import Foundation
import Testing

/// `casesim lsp` driven as an editor drives it: a real process, JSON-RPC over pipes, through
/// initialize, didOpen, publishDiagnostics, didChange, definition, references, completion, hover,
/// outline, a quick fix, rename, formatting, shutdown and exit.
@Suite("The language server", .serialized, .timeLimit(.minutes(5)))
struct LanguageServerTests {
  /// A scripted client: writes framed requests, reads framed responses and notifications.
  final class Client {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    private var nextID = 1

    init(sandbox: CaseSimProcess.Sandbox) throws {
      process.executableURL = URL(fileURLWithPath: CaseSimProcess.binary)
      process.arguments = ["lsp"]
      var environment = sandbox.environment
      environment["CASESIM_LIBRARY"] = Fixtures.repositoryRoot
      process.environment = environment
      process.standardInput = input
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
    }

    /// Bytes as they are, framed or not.
    func sendRaw(_ data: Data) {
      input.fileHandleForWriting.write(data)
    }

    func send(_ message: [String: Any]) throws {
      var message = message
      message["jsonrpc"] = "2.0"
      let body = try JSONSerialization.data(withJSONObject: message)
      input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    /// Sends a request and returns its response (notifications met on the way are kept).
    func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
      let id = nextID
      nextID += 1
      try send(["id": id, "method": method, "params": params])
      while true {
        let message = try receive()
        if message["id"] as? Int == id { return message }
        notifications.append(message)
      }
    }

    var notifications: [[String: Any]] = []

    /// The next notification with `method`, reading until it comes.
    func notification(_ method: String) throws -> [String: Any] {
      if let index = notifications.firstIndex(where: { $0["method"] as? String == method }) {
        return notifications.remove(at: index)
      }
      while true {
        let message = try receive()
        if message["method"] as? String == method { return message }
        notifications.append(message)
      }
    }

    private func receive() throws -> [String: Any] {
      while true {
        if let range = buffer.range(of: Data("\r\n\r\n".utf8)) {
          let header = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
          let length = Int(header.components(separatedBy: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
          if buffer.count - (range.upperBound - buffer.startIndex) >= length {
            let body = buffer[range.upperBound..<(range.upperBound + length)]
            buffer = Data(buffer[(range.upperBound + length)...])
            return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
          }
        }
        let chunk = output.fileHandleForReading.availableData
        guard !chunk.isEmpty else { throw CancellationError() }
        buffer += chunk
      }
    }

    func close() {
      try? input.fileHandleForWriting.close()
      process.waitUntilExit()
    }
  }

  static func position(_ line: Int, _ character: Int) -> [String: Any] { ["line": line, "character": character] }

  /// A client that has initialized the server and opened `text` as `name` in the sandbox (the
  /// file written there too, for its includes), with the first diagnostics read.
  static func opened(
    _ text: String, as name: String = "draft.case", in sandbox: CaseSimProcess.Sandbox = .init()
  ) throws -> (client: Client, uri: String, diagnostics: [[String: Any]]) {
    let path = sandbox.directory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let uri = URL(fileURLWithPath: path).absoluteString
    let client = try Client(sandbox: sandbox)
    _ = try client.request("initialize", ["processId": NSNull(), "capabilities": [String: Any]()])
    try client.send(["method": "initialized", "params": [String: Any]()])
    try client.send([
      "method": "textDocument/didOpen",
      "params": ["textDocument": ["uri": uri, "languageId": "casesim", "version": 1, "text": text]],
    ])
    let published = try client.notification("textDocument/publishDiagnostics")
    return (client, uri, (published["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? [])
  }

  /// The markdown of a hover answer; nil when the server answered null.
  static func hoverText(_ response: [String: Any]) -> String? {
    ((response["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
  }

  /// The edits a rename answer makes to the file at `uri`; nil when it makes none there.
  static func edits(_ response: [String: Any], in uri: String) -> [[String: Any]]? {
    ((response["result"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]]
  }

  /// Where the range of a location, an edit or a prepared rename starts.
  static func start(_ item: Any?) -> [String: Int]? {
    ((item as? [String: Any])?["range"] as? [String: Any])?["start"] as? [String: Int]
  }

  static let ending = "== done\n@ending safe | Done\nDone.\n@lesson L.\n"

  @Test("an editor session: diagnostics as you type, navigation, completion, hover, fixes, rename, formatting")
  func session() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/draft.case"
    let uri = URL(fileURLWithPath: path).absoluteString
    // Line 10 (0-based 9) is '== start'; 'detials' is a typo for 'details'.
    let typo = Fixtures.header(guides: "practice-lessons")
      + "flag seen\n== start\n* Go -> detials\n  + see-child-alone 1\n  ~ set seen\n* Stay with the details seen -> details\n  - see-child-alone 1\n== details\n{seen} Seen, and the details seen.\n@ending safe | Done\nDone.\n@lesson L.\n"
    try typo.write(toFile: path, atomically: true, encoding: .utf8)
    let client = try Client(sandbox: sandbox)
    defer { client.close() }

    let initialized = try client.request("initialize", ["processId": NSNull(), "capabilities": [String: Any]()])
    let capabilities = try #require((initialized["result"] as? [String: Any])?["capabilities"] as? [String: Any])
    for capability in ["definitionProvider", "hoverProvider", "renameProvider", "completionProvider", "documentFormattingProvider"] {
      #expect(capabilities[capability] != nil, "\(capability)")
    }
    try client.send(["method": "initialized", "params": [String: Any]()])
    try client.send([
      "method": "textDocument/didOpen",
      "params": ["textDocument": ["uri": uri, "languageId": "casesim", "version": 1, "text": typo]],
    ])
    let first = try client.notification("textDocument/publishDiagnostics")
    let diagnostics = try #require((first["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 1, "one typo, one diagnostic: \(diagnostics)")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic["code"] as? String == "unknown-target")
    #expect(diagnostic["severity"] as? Int == 1)
    let range = try #require(diagnostic["range"] as? [String: Any])
    #expect((range["start"] as? [String: Int]) == ["line": 11, "character": 8])
    #expect((range["end"] as? [String: Int]) == ["line": 11, "character": 15])

    // The quick fix is the suggestion.
    let actions = try client.request(
      "textDocument/codeAction", ["textDocument": ["uri": uri], "range": range, "context": ["diagnostics": [diagnostic]]])
    let fix = try #require((actions["result"] as? [[String: Any]])?.first)
    #expect(fix["title"] as? String == "Change to 'details'")

    // Typing the fix: diagnostics go quiet.
    let fixed = typo.replacingOccurrences(of: "-> detials", with: "-> details")
    try client.send([
      "method": "textDocument/didChange",
      "params": ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": fixed]]],
    ])
    let second = try client.notification("textDocument/publishDiagnostics")
    let after = try #require(second["params"] as? [String: Any])
    #expect(after["version"] as? Int == 2)
    let remaining = (after["diagnostics"] as? [[String: Any]]) ?? []
    #expect(!remaining.contains { $0["code"] as? String == "unknown-target" })
    #expect(!remaining.contains { $0["severity"] as? Int == 1 }, "no error is left: \(remaining)")

    // Go to the passage a choice leads to, and find every place it is named.
    let definition = try client.request(
      "textDocument/definition", ["textDocument": ["uri": uri], "position": Self.position(11, 10)])
    let target = try #require(definition["result"] as? [String: Any])
    #expect(target["uri"] as? String == uri)
    #expect(Self.start(target) == ["line": 16, "character": 3])
    let references = try client.request(
      "textDocument/references", ["textDocument": ["uri": uri], "position": Self.position(16, 4), "context": ["includeDeclaration": true]])
    #expect((references["result"] as? [Any])?.count == 3, "the passage and the two choices that lead to it, not the words of a choice or the story")

    // Completion after '->' offers the passages; after '+ ' the principles.
    let passages = try client.request("textDocument/completion", ["textDocument": ["uri": uri], "position": Self.position(11, 8)])
    let labels = (passages["result"] as? [[String: Any]])?.compactMap { $0["label"] as? String } ?? []
    #expect(labels == ["start", "details"])
    let principles = try client.request("textDocument/completion", ["textDocument": ["uri": uri], "position": Self.position(12, 4)])
    let ids = (principles["result"] as? [[String: Any]])?.compactMap { $0["label"] as? String } ?? []
    #expect(ids.contains("see-child-alone"))

    // Hover on a principle shows what it says and where it comes from.
    let hover = try client.request("textDocument/hover", ["textDocument": ["uri": uri], "position": Self.position(12, 8)])
    let contents = try #require(Self.hoverText(hover))
    #expect(contents.contains("See and speak with every child on their own"))
    #expect(contents.contains("*Source:*"))

    // The outline lists the passages.
    let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": uri]])
    #expect((symbols["result"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["start", "details"])

    // Rename a flag everywhere it is named, never in story text.
    let rename = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(9, 6), "newName": "saw-her"])
    let changes = try #require(Self.edits(rename, in: uri))
    #expect(changes.count == 3, "the declaration, the effect and the condition, never a choice's words or the story: \(changes)")
    let refused = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(9, 6), "newName": "Not Valid"])
    #expect(refused["error"] != nil)

    // Formatting a badly laid-out file gives the canonical text.
    let messy = fixed.replacingOccurrences(of: "\n  + see-child-alone 1\n  ~ set seen", with: "\n    + see-child-alone 1\n    ~ set seen")
    try client.send([
      "method": "textDocument/didChange",
      "params": ["textDocument": ["uri": uri, "version": 3], "contentChanges": [["text": messy]]],
    ])
    let formatting = try client.request("textDocument/formatting", ["textDocument": ["uri": uri], "options": ["tabSize": 2, "insertSpaces": true]])
    let edit = try #require((formatting["result"] as? [[String: Any]])?.first)
    let canonical = try #require(edit["newText"] as? String)
    #expect(canonical.contains("\n  + see-child-alone 1\n  ~ set seen\n"))
    #expect(!canonical.contains("    + see-child-alone"))

    let shutdown = try client.request("shutdown")
    #expect(shutdown.keys.contains("result"))
    try client.send(["method": "exit"])
    client.close()
    #expect(client.process.terminationStatus == 0)
  }

  @Test("exit without shutdown ends with status 1, and garbage gets a parse error, not a crash")
  func exitWithoutShutdown() throws {
    let client = try Client(sandbox: CaseSimProcess.Sandbox())
    let garbage = Data("{not json".utf8)
    client.sendRaw(Data("Content-Length: \(garbage.count)\r\n\r\n".utf8) + garbage)
    let unknown = try client.request("textDocument/hover", ["textDocument": ["uri": "file:///nowhere.case"], "position": Self.position(0, 0)])
    #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
    #expect(client.notifications.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 }, "a parse error answered")
    try client.send(["method": "exit"])
    client.close()
    #expect(client.process.terminationStatus == 1)
  }

  @Test("a named fact: go to the '@fact #id' that names it, hover shows its text, rename changes every id and no story text")
  func namedFacts() throws {
    // 0-based: line 9 '== start', 10 the named fact, 11 the condition, 14 the share.
    let text = Fixtures.header(roles: "police, social-worker", guides: "practice-lessons")
      + "== start\n@fact #conviction 2019 | Convicted, and the conviction was never shared.\n"
      + "{social-worker knows conviction} The conviction is on the table.\n* Go -> end\n  + see-child-alone 1\n"
      + "  ~ share conviction with social-worker\n* Stay -> end\n  - see-child-alone 1\n== end\n@ending safe | Done\nDone.\n@lesson L.\n"
    let (client, uri, diagnostics) = try Self.opened(text, as: "facts.case")
    defer { client.close() }
    let errors = diagnostics.filter { $0["severity"] as? Int == 1 }
    #expect(errors.isEmpty, "\(errors)")

    // From the share effect's fact id to the '@fact #conviction' that names it.
    let definition = try client.request(
      "textDocument/definition", ["textDocument": ["uri": uri], "position": Self.position(14, 12)])
    let target = try #require(definition["result"] as? [String: Any])
    #expect(Self.start(target) == ["line": 10, "character": 7])
    let hover = try client.request("textDocument/hover", ["textDocument": ["uri": uri], "position": Self.position(11, 25)])
    let contents = try #require(Self.hoverText(hover))
    #expect(contents.contains("fact `conviction`") && contents.contains("Convicted, and the conviction was never shared."))
    let rename = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(10, 8), "newName": "ryan-conviction"])
    let changes = try #require(Self.edits(rename, in: uri))
    #expect(changes.count == 3, "the '@fact #id', the condition and the effect, never the story's 'conviction': \(changes)")
  }

  @Test("a word of story text or of a choice is no name: no hover, definition, references or rename, even when spelt like one")
  func storyWordsAreNotNames() throws {
    // 0-based: line 9 the counter, 10 '== start', 11 the story, 12 a choice naming 'start' in its words, 14 the effect.
    let text = Fixtures.header(guides: "practice-lessons")
      + "counter concern = 0 in 0..4\n== start\nWe start again and the concern grows.\n* Go back to start -> done\n  + see-child-alone 1\n  ~ concern += 1\n* Wait -> done\n  - see-child-alone 1\n"
      + Self.ending
    let (client, uri, _) = try Self.opened(text)
    defer { client.close() }
    let story = "We start again and the concern grows."
    let places = [
      (11, story.distance(from: story.startIndex, to: story.range(of: "start")!.lowerBound) + 1),
      (11, story.distance(from: story.startIndex, to: story.range(of: "concern")!.lowerBound) + 2),
      (12, "* Go back to st".count),
    ]
    for (line, character) in places {
      let at: [String: Any] = ["textDocument": ["uri": uri], "position": Self.position(line, character)]
      let hover = try client.request("textDocument/hover", at)
      #expect(hover["result"] is NSNull, "hover at \(line):\(character): \(hover)")
      let definition = try client.request("textDocument/definition", at)
      #expect(definition["result"] is NSNull, "definition at \(line):\(character): \(definition)")
      var asked = at
      asked["context"] = ["includeDeclaration": true]
      let references = try client.request("textDocument/references", asked)
      #expect((references["result"] as? [Any])?.isEmpty == true, "references at \(line):\(character): \(references)")
      let prepare = try client.request("textDocument/prepareRename", at)
      #expect(prepare["result"] is NSNull, "prepareRename at \(line):\(character): \(prepare)")
      asked["newName"] = "worry"
      let rename = try client.request("textDocument/rename", asked)
      #expect(rename["error"] != nil && rename["result"] == nil, "rename at \(line):\(character): \(rename)")
    }
    // The same names where they are written as names still answer.
    let counter = try client.request("textDocument/hover", ["textDocument": ["uri": uri], "position": Self.position(14, 6)])
    #expect(Self.hoverText(counter)?.contains("counter `concern`") == true, "\(counter)")
    let prepare = try client.request("textDocument/prepareRename", ["textDocument": ["uri": uri], "position": Self.position(10, 5)])
    let prepared = try #require(prepare["result"] as? [String: Any])
    #expect(prepared["placeholder"] as? String == "start")
    #expect(Self.start(prepared) == ["line": 10, "character": 3])
    let rename = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(14, 6), "newName": "worry"])
    let changes = try #require(Self.edits(rename, in: uri))
    #expect(changes.count == 2, "the declaration and the effect, not the story's 'concern': \(changes)")
  }

  @Test("hover on a passage shows its first paragraph as a trainee reads it, joined across lines, cut at a sentence when long")
  func passageHover() throws {
    let long = (1...8).map { "Sentence \($0) of the long opening goes on for a while, as openings do." }.joined(separator: " ")
    // 0-based: line 9 '== start', 14 the choice to 'long'.
    let text = Fixtures.header(guides: "practice-lessons")
      + "== start\nThe school rang at ten. Nobody knows where they are, who has\nthe children, or when they will be back.\n\nA second paragraph the hover leaves out.\n"
      + "* Go -> long\n  + see-child-alone 1\n* Stay -> long\n  - see-child-alone 1\n== long\n\(long)\n* Finish -> done\n  + see-child-alone 1\n"
      + Self.ending
    let (client, uri, _) = try Self.opened(text)
    defer { client.close() }
    let start = try client.request("textDocument/hover", ["textDocument": ["uri": uri], "position": Self.position(9, 4)])
    let opening = try #require(Self.hoverText(start))
    #expect(
      opening.hasSuffix("\n\nThe school rang at ten. Nobody knows where they are, who has the children, or when they will be back."),
      "the whole first paragraph, its lines joined: \(opening)")
    #expect(!opening.contains("second paragraph"))
    let cut = try client.request("textDocument/hover", ["textDocument": ["uri": uri], "position": Self.position(14, 9)])
    let shown = try #require(Self.hoverText(cut))
    #expect(shown.contains("Sentence 1 of the long opening"), "\(shown)")
    #expect(!shown.contains("Sentence 8"), "a long paragraph is cut: \(shown)")
    #expect(shown.hasSuffix("as openings do. …"), "cut at a sentence's end: \(shown)")
  }

  @Test("renaming a passage changes it in the file and in the file it includes, both")
  func renameAcrossIncludes() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let included = "== middle\n* Finish -> done\n  + see-child-alone 1\n* Leave -> done\n  - see-child-alone 1\n" + Self.ending
    try included.write(toFile: sandbox.directory + "/more.passages", atomically: true, encoding: .utf8)
    let includedURI = URL(fileURLWithPath: sandbox.directory + "/more.passages").absoluteString
    // 0-based: line 11 '* Go -> middle'.
    let text = Fixtures.header(guides: "practice-lessons")
      + "@include \"more.passages\"\n== start\n* Go -> middle\n  + see-child-alone 1\n* Stay -> middle\n  - see-child-alone 1\n"
    let (client, uri, diagnostics) = try Self.opened(text, as: "main.case", in: sandbox)
    defer { client.close() }
    #expect(!diagnostics.contains { $0["severity"] as? Int == 1 }, "\(diagnostics)")
    let rename = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(11, 10), "newName": "meeting"])
    let changes = try #require((rename["result"] as? [String: Any])?["changes"] as? [String: Any], "\(rename)")
    #expect(Set(changes.keys) == [uri, includedURI])
    let mine = (changes[uri] as? [[String: Any]]) ?? []
    #expect(mine.compactMap { Self.start($0)?["line"] } == [11, 13])
    let theirs = (changes[includedURI] as? [[String: Any]]) ?? []
    #expect(theirs.count == 1 && theirs.first?["newText"] as? String == "meeting", "the '== middle' there: \(theirs)")
    #expect(Self.start(theirs.first) == ["line": 0, "character": 3])
  }

  @Test("completion offers set, clear and counters after '~ ', flags after '~ set ', names and operators after '@if '")
  func completionInEffectsAndConditions() throws {
    // 0-based: line 14 '  ~ ', 15 '  ~ set ', 16 '  @if '.
    let text = Fixtures.header(guides: "practice-lessons")
      + "flag seen\ncounter concern = 0 in 0..4\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ \n  ~ set \n  @if \n" + Self.ending
    let (client, uri, _) = try Self.opened(text)
    defer { client.close() }
    func labels(_ line: Int, _ character: Int) throws -> [String] {
      let response = try client.request("textDocument/completion", ["textDocument": ["uri": uri], "position": Self.position(line, character)])
      return (response["result"] as? [[String: Any]])?.compactMap { $0["label"] as? String } ?? []
    }
    #expect(try labels(14, 4) == ["set", "clear", "concern"])
    #expect(try labels(15, 8) == ["seen"])
    let condition = try labels(16, 6)
    #expect(["seen", "concern", "role", "not"].allSatisfy(condition.contains), "\(condition)")
    #expect(!condition.contains("start"), "no passage in a condition: \(condition)")
  }

  @Test("a diagnostic's related places are ranges over the whole name they point at")
  func relatedInformationRanges() throws {
    let text =
      Fixtures.header(guides: "practice-lessons")
      + "flag child-sen\n== start\n{child-seen} Seen.\n* See her -> done\n  ~ set child-seen\n  + see-child-alone 1\n" + Self.ending
    let (client, _, diagnostics) = try Self.opened(text)
    defer { client.close() }
    let undefined = try #require(diagnostics.first { $0["code"] as? String == "undefined-name" }, "\(diagnostics)")
    let related = try #require(undefined["relatedInformation"] as? [[String: Any]], "\(undefined)")
    let ranges = related.compactMap { ($0["location"] as? [String: Any])?["range"] as? [String: Any] }
    // 'child-sen' declared on 0-based line 9; 'child-seen' used again on line 13, after '  ~ set '.
    #expect(ranges.first?["start"] as? [String: Int] == ["line": 9, "character": 5])
    #expect(ranges.first?["end"] as? [String: Int] == ["line": 9, "character": 5 + "child-sen".count])
    #expect(ranges.last?["start"] as? [String: Int] == ["line": 13, "character": 8])
    #expect(ranges.last?["end"] as? [String: Int] == ["line": 13, "character": 8 + "child-seen".count])
  }

  @Test("quick edits are checked once typing pauses: one publish, for the last version, with a dead condition's whole '@if' underlined")
  func debouncedDiagnostics() throws {
    let body = "== start\n* Go -> done\n  + see-child-alone 1\n* Stay -> done\n  - see-child-alone 1\n" + Self.ending
    let text = Fixtures.header(guides: "practice-lessons") + "counter concern = 0 in 0..4\n" + body
    let (client, uri, _) = try Self.opened(text)
    defer { client.close() }
    // Four edits in one write, as fast as a trainer's keystrokes; the last adds a condition that
    // never holds (0-based line 12).
    let dead = text.replacingOccurrences(of: "* Go -> done\n", with: "* Go -> done\n  @if concern >= 2\n")
    var frames = Data()
    for (version, edit) in [(2, text + "\n"), (3, text + "\n\n"), (4, text), (5, dead)] {
      let body = try JSONSerialization.data(withJSONObject: [
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": edit]]],
      ])
      frames += Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
    client.sendRaw(frames)
    let published = try #require(try client.notification("textDocument/publishDiagnostics")["params"] as? [String: Any])
    #expect(published["version"] as? Int == 5, "\(published)")
    let diagnostics = published["diagnostics"] as? [[String: Any]] ?? []
    let never = try #require(diagnostics.first { $0["code"] as? String == "condition-never-true" }, "\(diagnostics)")
    let range = try #require(never["range"] as? [String: Any])
    #expect((range["start"] as? [String: Int]) == ["line": 12, "character": 2])
    #expect((range["end"] as? [String: Int]) == ["line": 12, "character": 2 + "@if concern >= 2".count])
    // Nothing else was published: a request answered after the publish finds none waiting.
    _ = try client.request("shutdown")
    #expect(!client.notifications.contains { $0["method"] as? String == "textDocument/publishDiagnostics" }, "\(client.notifications)")
  }
}
