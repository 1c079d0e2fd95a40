import CaseAuthoring
import CaseInterchange
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("casesim export and import: JSON interchange")
struct InterchangeTests {
  static let shipped: [String] = ScenarioLibrary.scenarioFiles(in: Fixtures.scenariosDirectory)
    .map { ($0 as NSString).lastPathComponent }

  static let schemaPath = Fixtures.repositoryRoot + "/Documentation/scenario.schema.json"

  func load(_ name: String) -> LoadedScenario {
    ScenarioLoader.load(path: Fixtures.scenariosDirectory + "/" + name, guidance: Fixtures.guidance)
  }

  func reimport(_ json: String, as path: String = "/tmp/reimported.case") throws -> ScenarioImporter.Imported {
    do {
      return try ScenarioImporter.importJSON(json, casePath: path, guidance: Fixtures.guidance)
    } catch {
      Issue.record("import failed: \(error)")
      throw error
    }
  }

  /// Validates JSON documents against the schema with python3's `jsonschema` (draft 2020-12);
  /// returns the validator's complaints per file.
  func validateWithSchema(_ documents: [String: String]) throws -> [String: [String]] {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var paths: [String] = []
    for (name, text) in documents.sorted(by: { $0.key < $1.key }) {
      let path = directory + "/" + name + ".json"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          print("MISSING jsonschema")
          sys.exit(3)
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      validator = jsonschema.Draft202012Validator(schema)
      result = {}
      for path in sys.argv[2:]:
          errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
          result[path.rsplit("/", 1)[-1][:-5]] = ["/".join(map(str, e.path)) + ": " + e.message for e in errors]
      print(json.dumps(result))
      """
    return try SchemaValidator.run(["-c", script, Self.schemaPath] + paths)
  }

  // MARK: Shipped scenarios

  @Test("export, import and compile again gives the same scenario, and the same JSON byte for byte", arguments: shipped)
  func roundTrip(name: String) throws {
    let original = load(name)
    let first = ScenarioExporter.json(original.scenario)
    let imported = try reimport(first)
    // The same checks pass (or fail) on the re-imported file.
    #expect(imported.loaded.diagnostics.map(\.code) == original.diagnostics.map(\.code))
    #expect(ScenarioEquivalence.firstDifference(original.scenario, imported.loaded.scenario) == nil)
    #expect(ScenarioEquivalence.areEquivalent(original.scenario, imported.loaded.scenario))
    let second = ScenarioExporter.json(imported.loaded.scenario)
    #expect(second == first)
    // The printed file is in the canonical layout: fmt leaves it alone.
    #expect(ScenarioFormatter.isCanonical(imported.caseText, path: "/tmp/reimported.case"))
  }

  @Test("every export validates against Documentation/scenario.schema.json") func schemaValidatesExports() throws {
    var documents: [String: String] = [:]
    for name in Self.shipped {
      documents[(name as NSString).deletingPathExtension] = ScenarioExporter.json(load(name).scenario)
    }
    documents["every-construct"] = ScenarioExporter.json(Fixtures.load(Self.everyConstruct).scenario)
    #expect(documents.count >= 3)
    let results = try validateWithSchema(documents)
    #expect(results.count == documents.count)
    for (name, errors) in results.sorted(by: { $0.key < $1.key }) {
      #expect(errors.isEmpty, "\(name) does not match the schema: \(errors.prefix(5))")
    }
  }

  @Test("the schema rejects documents that break it") func schemaRejects() throws {
    let good = ScenarioExporter.json(Fixtures.load(Self.everyConstruct).scenario)
    let results = try validateWithSchema([
      "unknown-member": good.replacingOccurrences(of: "\"startPassage\":", with: "\"colour\": 1,\n  \"startPassage\":"),
      "bad-version": good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"),
      "bad-op": good.replacingOccurrences(of: "\"op\": \"compare\"", with: "\"op\": \"compares\""),
      "bad-id": good.replacingOccurrences(of: "\"target\": \"done\"", with: "\"target\": \"Done\""),
      "bad-intensity": good.replacingOccurrences(of: "\"intensity\": \"moderate\"", with: "\"intensity\": \"severe\""),
      "share-with-nobody": good.replacing(#/"with": \[\s*"everyone"\s*\]/#, with: "\"with\": []"),
      "bad-fact-id": good.replacingOccurrences(of: "\"id\": \"named\"", with: "\"id\": \"Named\""),
    ])
    for (name, errors) in results { #expect(!errors.isEmpty, "the schema accepted \(name)") }
  }

  // MARK: The document

  /// A scenario using every construct the JSON has to carry.
  static let everyConstruct = Fixtures.header(roles: "social-worker, police") + """
    intensity: moderate
    themes: child-voice
    start: start
    lesson: Header lesson.
    reflect: Header question?
    flag a
    flag b = true
    counter trust = 1 in 0..5
    counter worry
    == start
    @role social-worker, police
    @fact Fri 16:40 | Timed "fact" with a \\ backslash.
    @fact Untimed fact.
    @fact #named Sat | A named fact.
    First line.
    {a and b and trust >= 2} Chained and.
    {a or (b or not a)} Grouped to the right.

    {role == police} Police only.
    {police knows named and not social-worker knows named} Not yet shared.
    * Go -> done
      @if not a or role != social-worker
      @role police
      + see-child-alone 2: Why.
      - share-information-to-safeguard 1
      ! critical: Reason.
      > Feedback one.
      > Feedback two.
      ? Prompt?
      ~ set a
      ~ clear b
      ~ trust += 2
      ~ worry -= 3
      ~ trust = 0
      ~ share named with social-worker, police
      ~ share named with everyone
    * Plain -> meet
      + see-child-alone 1
      ! critical
    == meet
    @joint
    @chair police
    * Agree -> done
      + see-child-alone 1
    == done
    @ending partly-safe
    Done.
    @lesson Lesson.
    @reflect Question?

    """

  func document(_ text: String = Self.everyConstruct) throws -> JSONValue {
    let scenario = Fixtures.load(text).scenario
    return ScenarioExporter.document(scenario)
  }

  func member(_ value: JSONValue, _ path: String...) -> JSONValue? {
    var current: JSONValue? = value
    for key in path {
      if case .object(let members)? = current {
        current = members.first { $0.key == key }?.value
      } else if case .array(let elements)? = current, let index = Int(key), elements.indices.contains(index) {
        current = elements[index]
      } else {
        return nil
      }
    }
    return current
  }

  @Test("the document starts with its format and version, in a fixed key order") func documentHead() throws {
    let loaded = Fixtures.load(Self.everyConstruct)
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
    guard case .object(let members) = ScenarioExporter.document(loaded.scenario) else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["format", "version", "header", "startPassage", "declarations", "passages"])
    #expect(members[0].value == .string("casesim-scenario"))
    #expect(members[1].value == .int(1))
    #expect(ScenarioExporter.json(loaded.scenario).hasPrefix("{\n  \"format\": \"casesim-scenario\",\n  \"version\": 1,\n"))
  }

  @Test("declarations keep their written order and ranges") func declarations() throws {
    let doc = try document()
    guard case .array(let declarations)? = member(doc, "declarations") else {
      Issue.record("no declarations")
      return
    }
    #expect(declarations.compactMap { member($0, "name") } == ["a", "b", "trust", "worry"].map(JSONValue.string))
    #expect(member(doc, "declarations", "1", "initial") == .bool(true))
    #expect(member(doc, "declarations", "2", "min") == .int(0))
    #expect(member(doc, "declarations", "2", "max") == .int(5))
    #expect(member(doc, "declarations", "3", "min") == .int(-100))
  }

  @Test("conditions and effects are structured objects") func structuredConditions() throws {
    let doc = try document()
    let and = member(doc, "passages", "0", "prose", "1", "condition")
    #expect(member(and!, "op") == .string("and"))
    if case .array(let args)? = member(and!, "args") {
      #expect(args.count == 3, "a left-grouped chain is one 'and' with three arguments")
      #expect(args[2] == .object([
        .init("op", .string("compare")), .init("counter", .string("trust")), .init("comparison", .string(">=")),
        .init("value", .int(2)),
      ]))
    } else {
      Issue.record("no args")
    }
    let or = member(doc, "passages", "0", "prose", "2", "condition")
    if case .array(let args)? = member(or!, "args") {
      #expect(args.count == 2, "a right-grouped 'or' stays nested")
      #expect(member(args[1], "op") == .string("or"))
    }
    #expect(member(doc, "passages", "0", "prose", "3") == .object([.init("paragraphBreak", .bool(true))]))
    #expect(member(doc, "passages", "0", "prose", "4", "condition") == .object([
      .init("op", .string("role")), .init("comparison", .string("==")), .init("role", .string("police")),
    ]))
    let effects = member(doc, "passages", "0", "choices", "0", "effects")
    #expect(member(effects!, "3") == .object([.init("op", .string("add")), .init("counter", .string("worry")), .init("value", .int(-3))]))
    #expect(member(effects!, "4", "op") == .string("assign"))
    #expect(member(doc, "passages", "0", "choices", "1", "critical") == .object([.init("reason", .null)]))
    #expect(member(doc, "passages", "0", "choices", "0", "critical", "reason") == .string("Reason."))
    #expect(member(doc, "passages", "0", "choices", "1", "condition") == .null)
    #expect(member(doc, "passages", "0", "choices", "1", "index") == .int(2))
    #expect(member(doc, "passages", "0", "facts", "1") == .object([.init("when", .null), .init("text", .string("Untimed fact."))]),
            "a fact with no id has no id member")
    #expect(member(doc, "passages", "0", "facts", "2", "id") == .string("named"))
    #expect(member(doc, "passages", "0", "prose", "5", "condition", "args", "0") == .object([
      .init("op", .string("knows")), .init("role", .string("police")), .init("fact", .string("named")),
    ]))
    #expect(member(effects!, "5") == .object([
      .init("op", .string("share")), .init("fact", .string("named")), .init("with", .array([.string("social-worker"), .string("police")])),
    ]))
    #expect(member(effects!, "6", "with") == .array([.string("everyone")]))
    #expect(member(doc, "passages", "1", "joint") == .bool(true))
    #expect(member(doc, "passages", "1", "chair") == .string("police"))
    #expect(member(doc, "passages", "0", "joint") == nil, "a passage that is not a meeting has no joint member")
  }

  @Test("a scenario with every construct survives the round trip exactly") func everyConstructRoundTrip() throws {
    let original = Fixtures.load(Self.everyConstruct)
    let json = ScenarioExporter.json(original.scenario)
    let imported = try reimport(json)
    #expect(ScenarioEquivalence.firstDifference(original.scenario, imported.loaded.scenario) == nil)
    #expect(ScenarioExporter.json(imported.loaded.scenario) == json)
    #expect(imported.caseText.contains("\n  @if not a or role != social-worker\n"))
    #expect(imported.caseText.contains("{a or (b or not a)} Grouped to the right."))
    #expect(imported.caseText.contains("\n@fact #named Sat | A named fact.\n"))
    #expect(imported.caseText.contains("\n  ~ share named with social-worker, police\n  ~ share named with everyone\n"))
    #expect(imported.caseText.contains("\n{police knows named and not social-worker knows named} Not yet shared.\n"))
    #expect(imported.caseText.contains("\n== meet\n@joint\n@chair police\n"))
  }

  @Test("text with quotes, backslashes, other scripts and control characters survives") func escaping() throws {
    let text = Fixtures.header() + "== start\nShe said \"no\" \\ then \u{1B}[31m left. Zoë 😀 \u{202E}x\n* Go -> end\n  + see-child-alone 1\n== end\n@ending safe\nDone.\n"
    let original = Fixtures.load(text)
    let json = ScenarioExporter.json(original.scenario)
    #expect(json.contains(#"She said \"no\" \\ then \u001b[31m left. Zoë 😀 \u202ex"#))
    #expect(!json.unicodeScalars.contains { UntrustedText.isUnsafe($0) && $0 != "\n" })
    let imported = try reimport(json)
    #expect(imported.loaded.scenario.passages["start"]?.prose.first?.text == original.scenario.passages["start"]?.prose.first?.text)
  }

  // MARK: Refusals

  func importError(_ json: String) -> InterchangeError? {
    do {
      _ = try ScenarioImporter.importJSON(json, casePath: "/tmp/x.case", guidance: Fixtures.guidance)
      return nil
    } catch {
      return error
    }
  }

  var good: String { ScenarioExporter.json(Fixtures.load(Self.everyConstruct).scenario) }

  @Test("an unknown version is refused, saying which versions are read") func unknownVersion() {
    let error = importError(good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"))
    guard case .unsupported(let message)? = error else {
      Issue.record("expected unsupported, got \(String(describing: error))")
      return
    }
    #expect(message.contains("version 2"))
    #expect(message.contains("reads version 1"))
  }

  @Test("a document that is not a CaseSim scenario is refused") func wrongFormat() {
    #expect(importError(#"{"format": "something-else", "version": 1}"#).map { if case .unsupported = $0 { true } else { false } } == true)
    #expect(importError("[1, 2]").map { if case .unsupported = $0 { true } else { false } } == true)
  }

  @Test("malformed JSON is refused with its line and column", arguments: [
    // Cut short after a final line break: pointed at the end of the last line there is (line 3,
    // after "  \"version\": 1,"), not at a line 4 the file does not have.
    ("{\n  \"format\": \"casesim-scenario\",\n  \"version\": 1,\n", 3, 16),
    ("{\n  \"format\": 'casesim-scenario'\n}", 2, 13),
    ("{\"a\": 1,}", 1, 9),
    ("{\"a\": 1, \"a\": 2}", 1, 10),
    ("{\"a\": \"\\ud800\"}", 1, 14),
    ("{\"a\": 01}", 1, 7),
    ("{} {}", 1, 4),
  ])
  func malformed(text: String, line: Int, column: Int) {
    guard case .malformedJSON(_, let atLine, let atColumn)? = importError(text) else {
      Issue.record("expected malformed JSON for \(text)")
      return
    }
    #expect(atLine == line)
    #expect(atColumn == column)
  }

  @Test("nesting deeper than the limit is refused, not a crash") func deepNesting() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    guard case .malformedJSON(let message, _, _)? = importError(deep) else {
      Issue.record("expected malformed JSON")
      return
    }
    #expect(message.contains("nested"))
  }

  @Test("members that are unknown, missing or of the wrong type are named by their JSON path", arguments: [
    ("\"startPassage\":", "\"colour\": \"red\",\n  \"startPassage\":", "", "unknown member \"colour\""),
    ("\"minutes\": 5", "\"minutes\": \"five\"", "header.minutes", "whole number"),
    ("\"minutes\": 5", "\"minutes\": 5.5", "header.minutes", "whole number"),
    ("\"target\": \"done\"", "\"target\": \"Done Now\"", "passages[0].choices[0].target", "not a valid id"),
    ("\"index\": 2", "\"index\": 7", "passages[0].choices[1].index", "choice 2"),
    ("\"op\": \"compare\"", "\"op\": \"compares\"", "passages[0].prose[1].condition.args[2].op", "not a condition"),
    ("\"outcome\": \"partly-safe\"", "\"outcome\": \"fine\"", "passages[2].ending.outcome", "not an outcome"),
    ("\"text\": \"Done.\"", "\"text\": \"Two\\nlines\"", "passages[2].prose[0].text", "one line"),
    ("\"kind\": \"flag\"", "\"kind\": \"switch\"", "declarations[0].kind", "not a kind"),
    ("\"minutes\": 5", "\"minutes\": 0", "header.minutes", "from 1 to 600"),
    ("\"points\": 2", "\"points\": 9", "passages[0].choices[0].scores[0].points", "from 1 to 5"),
    ("\"version\": 1,", "\"version\": 1, \"version2\": 1,", "", "unknown member \"version2\""),
    ("\"intensity\": \"moderate\"", "\"intensity\": \"severe\"", "header.intensity", "not an intensity"),
    ("\"intensity\": \"moderate\"", "\"intensity\": 3", "header.intensity", "expected a string"),
  ])
  func invalidMembers(find: String, replace: String, path: String, words: String) {
    let json = good
    guard let range = json.range(of: find) else {
      Issue.record("fixture has no \(find)")
      return
    }
    let error = importError(json.replacingCharacters(in: range, with: replace))
    guard case .invalid(let at, let message)? = error else {
      Issue.record("expected an invalid member, got \(String(describing: error))")
      return
    }
    #expect(at == path)
    #expect(message.contains(words), "\(message)")
  }

  @Test("text that a .case line cannot hold is refused, not written differently") func notRepresentable() {
    let json = good.replacingOccurrences(of: "\"text\": \"First line.\"", with: "\"text\": \"* Looks like a choice -> done\"")
    guard case .notRepresentable(let message)? = importError(json) else {
      Issue.record("expected notRepresentable")
      return
    }
    #expect(message.contains("Looks like a choice"), "\(message)")
  }

  @Test("a scenario that imports with errors is still printed, with its diagnostics") func importsWithErrors() throws {
    let json = good.replacingOccurrences(of: "\"guidance\": \"see-child-alone\"", with: "\"guidance\": \"see-child-alon\"")
    let imported = try ScenarioImporter.importJSON(json, casePath: "/tmp/x.case", guidance: Fixtures.guidance)
    #expect(imported.loaded.diagnostics.filter { $0.severity == .error }.map(\.code).contains(.unknownGuidance))
    #expect(imported.caseText.contains("+ see-child-alon 2: Why."))
  }

  @Test("a minimal hand-written document imports: optional members may be left out") func minimalDocument() throws {
    let json = """
      {"format": "casesim-scenario", "version": 1,
       "header": {"id": "tiny", "title": "Tiny", "summary": "S.", "roles": ["social-worker"], "minutes": 5,
                  "contentNote": "C.", "reviews": ["R (2013)"], "guides": ["practice-lessons"], "modes": ["practice"]},
       "startPassage": "start",
       "passages": [
         {"id": "start", "prose": [{"text": "Hello."}],
          "choices": [{"text": "Go", "target": "end", "scores": [{"guidance": "see-child-alone", "points": 1}]}]},
         {"id": "end", "ending": {"outcome": "safe", "lessons": ["L."]}, "prose": [{"text": "Done."}]}
       ]}
      """
    let imported = try ScenarioImporter.importJSON(json, casePath: "/tmp/tiny.case", guidance: Fixtures.guidance)
    #expect(!imported.loaded.diagnostics.hasErrors, "\(imported.loaded.diagnostics)")
    #expect(imported.caseText.hasPrefix("id: tiny\ntitle: Tiny\n"))
    #expect(imported.caseText.contains("== start\nHello.\n* Go -> end\n  + see-child-alone 1\n"))
    // Documents exported before intensity existed have none, and import without one.
    #expect(imported.loaded.scenario.header.intensity == nil)
    #expect(!imported.caseText.contains("intensity:"))
  }

  @Test("intensity is exported, validated by the schema, and imported back into the header") func intensity() throws {
    let original = Fixtures.load(Self.everyConstruct)
    #expect(original.scenario.header.intensity == .moderate)
    let json = ScenarioExporter.json(original.scenario)
    let note = try #require(json.range(of: "\"contentNote\": \"Test material.\","))
    let level = try #require(json.range(of: "\"intensity\": \"moderate\","))
    #expect(note.upperBound < level.lowerBound)
    let imported = try reimport(json)
    #expect(imported.loaded.scenario.header.intensity == .moderate)
    #expect(imported.caseText.contains("content-note: Test material.\nintensity: moderate\nreviews:"))
    // A scenario that does not say exports null, and null imports as "does not say".
    let without = ScenarioExporter.json(Fixtures.load(Fixtures.header() + "== start\n@ending safe | Done\nDone.\n").scenario)
    #expect(without.contains("\"intensity\": null"))
    #expect(try reimport(without).loaded.scenario.header.intensity == nil)
  }
}
