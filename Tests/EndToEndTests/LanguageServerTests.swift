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
    #expect(((target["range"] as? [String: Any])?["start"] as? [String: Int]) == ["line": 16, "character": 3])
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
    let contents = try #require(((hover["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String)
    #expect(contents.contains("See and speak with every child on their own"))
    #expect(contents.contains("*Source:*"))

    // The outline lists the passages.
    let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": uri]])
    #expect((symbols["result"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["start", "details"])

    // Rename a flag everywhere it is named, never in story text.
    let rename = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(9, 6), "newName": "saw-her"])
    let changes = try #require(((rename["result"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]])
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
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/facts.case"
    let uri = URL(fileURLWithPath: path).absoluteString
    // 0-based: line 9 '== start', 10 the named fact, 11 the condition, 14 the share.
    let text = Fixtures.header(roles: "police, social-worker", guides: "practice-lessons")
      + "== start\n@fact #conviction 2019 | Convicted, and the conviction was never shared.\n"
      + "{social-worker knows conviction} The conviction is on the table.\n* Go -> end\n  + see-child-alone 1\n"
      + "  ~ share conviction with social-worker\n* Stay -> end\n  - see-child-alone 1\n== end\n@ending safe | Done\nDone.\n@lesson L.\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let client = try Client(sandbox: sandbox)
    defer { client.close() }
    _ = try client.request("initialize", ["processId": NSNull(), "capabilities": [String: Any]()])
    try client.send(["method": "initialized", "params": [String: Any]()])
    try client.send([
      "method": "textDocument/didOpen",
      "params": ["textDocument": ["uri": uri, "languageId": "casesim", "version": 1, "text": text]],
    ])
    let published = try client.notification("textDocument/publishDiagnostics")
    let errors = ((published["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []).filter { $0["severity"] as? Int == 1 }
    #expect(errors.isEmpty, "\(errors)")

    // From the share effect's fact id to the '@fact #conviction' that names it.
    let definition = try client.request(
      "textDocument/definition", ["textDocument": ["uri": uri], "position": Self.position(14, 12)])
    let target = try #require(definition["result"] as? [String: Any])
    #expect(((target["range"] as? [String: Any])?["start"] as? [String: Int]) == ["line": 10, "character": 7])
    let hover = try client.request("textDocument/hover", ["textDocument": ["uri": uri], "position": Self.position(11, 25)])
    let contents = try #require(((hover["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String)
    #expect(contents.contains("fact `conviction`") && contents.contains("Convicted, and the conviction was never shared."))
    let rename = try client.request(
      "textDocument/rename", ["textDocument": ["uri": uri], "position": Self.position(10, 8), "newName": "ryan-conviction"])
    let changes = try #require(((rename["result"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]])
    #expect(changes.count == 3, "the '@fact #id', the condition and the effect, never the story's 'conviction': \(changes)")
  }
}
