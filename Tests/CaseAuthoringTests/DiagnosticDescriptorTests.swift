import CaseAuthoring
import CaseFormat
import CaseInterchange
import CaseTestSupport
import Foundation
import Testing

/// Each diagnostic code's descriptor is what a trainer is told about it (the guide's tables,
/// `casesim explain`), so what the checks emit must be what the descriptor says; and one root
/// cause is one error, however many lines it touches.
@Suite("Diagnostic descriptors")
struct DiagnosticDescriptorTests {
  @Test("every descriptor says what its check means and the shape of its message")
  func everyDescriptorIsComplete() {
    for descriptor in DiagnosticCatalog.all {
      #expect(!descriptor.messages.isEmpty && descriptor.messages.allSatisfy { !$0.isEmpty }, "\(descriptor.code)")
      let sentences = descriptor.description.split(separator: ". ").count
      #expect(descriptor.description.hasSuffix(".") && (1...3).contains(sentences), "\(descriptor.code): \(descriptor.description)")
      #expect(descriptor.description != descriptor.example && descriptor.description != descriptor.fix, "\(descriptor.code)")
    }
  }

  /// A shape that is nothing but placeholders fits any message, so it would hold its code's
  /// diagnostics to nothing and `casesim explain` would show a placeholder for its wording.
  @Test("every message shape has words of its own outside its placeholders, so it fits only the messages it describes")
  func everyShapeHasWordsOfItsOwn() {
    for descriptor in DiagnosticCatalog.all {
      for template in descriptor.messages {
        let fixed = DiagnosticDescriptor.fixedParts(of: template).joined(separator: " ")
        let words = fixed.split { !$0.isLetter }.filter { $0.count >= 2 }
        #expect(!words.isEmpty, "\(descriptor.code): '\(template)' has no words outside its placeholders")
        #expect(!DiagnosticDescriptor.message("zz", fits: template), "\(descriptor.code): '\(template)' fits anything")
      }
    }
  }

  @Test("a message fits a template by its fixed words in order, anything standing for a {placeholder}")
  func templateMatching() throws {
    let descriptor = try #require(DiagnosticCatalog.descriptor(for: .unknownTarget))
    #expect(descriptor.matches("choice leads to unknown passage 'detials'"))
    #expect(descriptor.matches("start passage 'x' does not exist"))
    #expect(!descriptor.matches("choice leads to passage 'detials'"))
    #expect(!descriptor.matches("unknown passage 'detials'"))
    let noting = try #require(DiagnosticCatalog.descriptor(for: .conditionNeverTrue))
    #expect(noting.matches("the condition is never true where it is reached, so the line is never shown"))
    #expect(noting.matches("the condition is never true where it is reached (evidence is at most 4), so this choice is never shown"))
  }

  /// Broken scenarios, one or two mistakes each, for the codes the shipped library never shows.
  static let brokenScenarios: [String] = {
    let header = Fixtures.header(guides: "practice-lessons, working-together")
    let ending = "== done\n@ending safe | Done\nDone.\n@lesson L.\n"
    return [
      header + "flag seen\n== start\n* Go -> detials\n  + see-child-alone 1\n" + ending,
      header + "flag seen\n== start\n{sen} Text.\n* Go -> done\n  ~ set sen\n  + see-child-alone 1\n" + ending,
      header + "flag seen\nflag seen\n== start\n* Go -> done\n  ~ set seen\n  + see-child-alon 1\n" + ending,
      header + "counter worry = 0 in 0..3\n== start\n{worry} Text.\n* Go -> done\n  + see-child-alone 7\n" + ending,
      header + "== start\n@fakt Monday\n* Go -> done\n  +see-child-alone 1\n" + ending,
      header + "== start\n* Go to the school\n" + ending,
      header + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending good\nDone.\n",
      header + "== start\n* Go -> done\n  + see-child-alone 1\n== done\nDone.\n== orphan\n@ending safe | O\nO.\n@lesson L.\n",
      header + "== start\n* Go -> done\n  + see-child-alone 1\n== start\nAgain.\n" + ending,
      header + "== start\n@role polise\n* Go -> done\n  + see-child-alone 1\n" + ending,
      header + "== start\n* Go -> done\n  ~ share convicton with social-worker\n  + see-child-alone 1\n" + ending,
      header + "flag ready\n== start\n* Go -> done\n  @if ready\n  + see-child-alone 1\n" + ending,
      header + "flag noted\n== start\n* Go -> done\n  ~ set noted\n  + see-child-alone 1\n* Wait -> done\n" + "== done\n@ending unsafe\nDone.\n",
      header + "== start\n@fact Mon | Seen {seen-alone}\n* Go -> done\n  + see-child-alone 1\n" + ending,
      header + "== start\n* Ask again -> start\n  + see-child-alone 1\n* Go -> done\n  + see-child-alone 1\n" + ending,
      "tittle: Duty desk\nid: Bad_Id\nminutes: twenty\n== start\nText.\n",
      header + "~ set x\n" + ending,
    ]
  }()

  /// Every diagnostic the tests' corpora bring: the shipped library and guides checked in full,
  /// the fuzzers' seeds and kept fail cases, the Twee fixture imported, and the broken scenarios.
  static func corpusDiagnostics() throws -> [Diagnostic] {
    let root = Fixtures.repositoryRoot
    var found: [Diagnostic] = []
    found += ScenarioLoader.loadGuidance(directory: Fixtures.guidesDirectory).diagnostics
    let files = { (folder: String, suffixes: [String]) -> [String] in
      ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [])
        .filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted().map { root + "/" + folder + "/" + $0 }
    }
    let scenarios = files("Scenarios", [".case"]) + files("Fuzz/FailCases/check", [".case"]) + files("Fuzz/Seeds/scenario", [".case"])
    let checked = ScenarioChecker.check(paths: scenarios, guidance: Fixtures.guidance)
    found += checked.scenarios.flatMap(\.diagnostics) + checked.notes
    for text in brokenScenarios {
      let loaded = Fixtures.load(text)
      found += loaded.diagnostics
      found += ScenarioChecker.check([loaded], guidance: Fixtures.guidance).scenarios.flatMap(\.diagnostics)
    }
    let imports =
      files("Tests/CaseAuthoringTests/Fixtures/Twee", [".twee"]) + files("Fuzz/Seeds/twee", [".twee"])
      + files("Fuzz/FailCases/twee", [".twee"]) + files("Fuzz/FailCases/json", [".json"])
    for path in imports {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let importer = try #require(ScenarioImports.importer(for: path))
      switch importer.convert(text, path: path, casePath: "imported.case", guidance: Fixtures.guidance) {
      case .converted(let caseText, let diagnostics):
        found += diagnostics + Fixtures.load(caseText, path: "imported.case").diagnostics
      case .refused(let diagnostics, _): found += diagnostics
      }
    }
    let (_, html) = TweeImporter.convert(text: "<tw-storydata name=\"x\">", path: "story.html")
    found += html
    return found
  }

  @Test("every diagnostic the corpora bring has its descriptor's severity and the shape of one of its messages")
  func emittedDiagnosticsFollowTheirDescriptors() throws {
    let found = try Self.corpusDiagnostics()
    let codes = Set(found.map(\.code))
    #expect(codes.count >= 30, "the corpora should bring many codes: \(codes.map(\.rawValue).sorted())")
    for diagnostic in found {
      guard let descriptor = DiagnosticCatalog.descriptor(for: diagnostic.code) else {
        Issue.record("no descriptor for \(diagnostic.code)")
        continue
      }
      #expect(descriptor.allows(diagnostic.severity), "\(diagnostic) is a \(diagnostic.severity), its descriptor says \(descriptor.severityLabel)")
      #expect(descriptor.matches(diagnostic.message), "\(diagnostic.code): '\(diagnostic.message)' fits none of \(descriptor.messages)")
    }
  }

  @Test("a misspelt declaration is one error at the first use, naming the declared near-miss, with the other uses as notes")
  func misspeltDeclarationIsOneError() throws {
    let header = Fixtures.header(guides: "practice-lessons")
    let declarationLine = header.filter { $0 == "\n" }.count + 1
    let text =
      header
      + "flag child-sen\n== start\n{child-seen} Seen.\n{not child-seen} Not seen.\n* See her -> done\n  ~ set child-seen\n  + see-child-alone 1\n* Wait -> done\n  @if not child-seen\n  - see-child-alone 1\n"
      + "== done\n@ending safe | Done\nDone.\n@lesson L.\n"
    let checked = ScenarioChecker.check([Fixtures.load(text)], guidance: Fixtures.guidance).scenarios[0].diagnostics
    let undefined = checked.filter { $0.code == .undefinedName }
    #expect(undefined.count == 1, "\(checked)")
    let error = try #require(undefined.first)
    #expect(error.suggestion == "child-sen")
    #expect(error.message.contains("'child-seen' is not declared (used 4 times)") && error.message.contains("'child-sen'"), "\(error.message)")
    #expect(error.location?.line == declarationLine + 2, "at the first use")
    #expect(error.notes.filter { $0.message == "also used here" }.count == 3)
    #expect(error.notes.contains { $0.message.contains("'child-sen' is declared here") && $0.location?.line == declarationLine })
    #expect(!checked.contains { $0.code == .unusedState || $0.code == .neverSet }, "\(checked)")
  }

  @Test("a name never declared and nothing like it: one error, its later uses as notes")
  func undeclaredNameIsOneError() throws {
    let text =
      Fixtures.header(guides: "practice-lessons")
      + "== start\n{evidence >= 1} More.\n* Go -> done\n  ~ evidence += 1\n  + see-child-alone 1\n" + "== done\n@ending safe | Done\nDone.\n@lesson L.\n"
    let undefined = Fixtures.load(text).diagnostics.filter { $0.code == .undefinedName }
    #expect(undefined.count == 1, "\(undefined)")
    #expect(undefined.first?.message == "'evidence' is not declared (used 2 times); add 'counter evidence' before the first passage")
    #expect(undefined.first?.notes.count == 1)
  }

  @Test("guidance with no competency catalog at all is one unknown-area warning saying how to load one, each area a note")
  func missingCompetencyCatalogIsOneWarning() throws {
    let files = ["working-together.guide", "practice-lessons.guide"].map { Fixtures.guidesDirectory + "/" + $0 }
    let loaded = ScenarioLoader.loadGuidance(files: files)
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
    let unknown = loaded.diagnostics.filter { $0.code == .unknownArea }
    #expect(unknown.count == 1, "\(unknown.count) unknown-area diagnostics")
    let warning = try #require(unknown.first)
    #expect(warning.severity == .warning)
    #expect(warning.message.hasPrefix("no competency catalog ('kind: competencies') is loaded"), "\(warning.message)")
    #expect(warning.message.contains("the debrief gives no breakdown by competency area"), "\(warning.message)")
    #expect(warning.message.contains("competencies.guide) beside this catalog, or name the library with --library DIR"), "\(warning.message)")
    #expect(warning.notes.contains { $0.message.hasPrefix("'kss-07' (") })
    #expect(warning.notes.count == Set(loaded.library.principles.flatMap(\.areas)).count, "one note an area")
  }

  @Test("an area no competency catalog defines is one error however many entries name it")
  func unknownAreaIsOneErrorAnArea() throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.copyItem(atPath: Fixtures.guidesDirectory + "/competencies.guide", toPath: directory + "/competencies.guide")
    let entry = { (id: String) in
      "== \(id)\ntitle: T\ncite: C\nareas: kss-99\nStatement.\n"
    }
    try ("catalog: mine\ntitle: Mine\npublisher: Me\nyear: 2024\n" + entry("one") + entry("two") + entry("three"))
      .write(toFile: directory + "/mine.guide", atomically: true, encoding: .utf8)
    let loaded = ScenarioLoader.loadGuidance(directory: directory)
    let unknown = loaded.diagnostics.filter { $0.code == .unknownArea }
    #expect(unknown.count == 1, "\(loaded.diagnostics)")
    #expect(unknown.first?.severity == .error, "with a competency catalog loaded, an area it lacks is a mistake")
    #expect(unknown.first?.message == "entry 'one' maps to unknown competency area 'kss-99' (3 entries map to it)")
    #expect(unknown.first?.notes.map(\.message) == ["'two' maps to it too", "'three' maps to it too"])
  }
}

extension DiagnosticDescriptorTests {
  @Test("a catalog 'guides:' lists that is not found is one error; the principles only it could hold are its notes")
  func missingCatalogHoldsItsPrinciples() throws {
    let text =
      Fixtures.header(guides: "practice-lessons, not-here")
      + "== start\n* Go -> done\n  + nowhere-principle 1\n* Stay -> done\n  + see-child-alone 1\n  - nowhere-principle 2\n"
      + "== done\n@ending safe | Done\nDone.\n@lesson L.\n"
    let errors = Fixtures.load(text).diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.code) == [.unknownCatalog], "\(errors)")
    let error = try #require(errors.first)
    #expect(error.message.hasSuffix("the 1 principle scored (2 score lines) that no catalog found holds is left unchecked until it is found"), "\(error.message)")
    #expect(error.notes.map(\.message) == ["'nowhere-principle' is scored here and once more"])
    // A slip for a principle that is there is still its own error.
    let slip = Fixtures.load(text.replacingOccurrences(of: "+ see-child-alone 1", with: "+ see-child-alon 1")).diagnostics
    #expect(slip.contains { $0.code == .unknownGuidance && $0.suggestion == "see-child-alone" })
  }
}

/// The wordings of the codes reported in many ways (a condition that cannot be read, a line out of
/// place...), each brought by a line written wrong: every one must fit a shape of its code, so
/// `casesim explain` shows the real wordings and the corpus test holds them.
extension DiagnosticDescriptorTests {
  /// A scenario with `declare` before its first passage, `prose` in it and `choice` under its
  /// first choice; `header` changed by `headerChange`.
  static func scenario(declare: String = "", prose: String = "", choice: String = "", headerChange: (String, String) = ("", "")) -> String {
    var header = Fixtures.header(guides: "practice-lessons")
    if !headerChange.0.isEmpty { header = header.replacingOccurrences(of: headerChange.0, with: headerChange.1) }
    return header + "flag ok\ncounter n = 0 in 0..3\n" + declare + "== start\n" + prose
      + "* Go -> done\n  + see-child-alone 1\n" + choice + "* Stay -> done\n  - see-child-alone 1\n"
      + "== done\n@ending safe | Done\nDone.\n@lesson L.\n"
  }

  /// Deeper than the 64 levels a condition may nest.
  static let nested = String(repeating: "(", count: 65) + "ok" + String(repeating: ")", count: 65)

  static let malformedScenarios: [(String, DiagnosticCode)] = [
    (scenario(declare: "flag\n"), .badCondition),
    (scenario(declare: "counter c = 0 in 0-3\n"), .badCondition),
    (scenario(declare: "flag f = maybe\n"), .badCondition),
    (scenario(declare: "counter d = x\n"), .badCondition),
    (scenario(declare: "counter e = 9 in 0..4\n"), .badCondition),
    (scenario(prose: "{ok = 2} Text.\n"), .badCondition),
    (scenario(prose: "{ok Text.\n"), .badCondition),
    (scenario(prose: "{ok and} Text.\n"), .badCondition),
    (scenario(prose: "{(ok} Text.\n"), .badCondition),
    (scenario(prose: "{role} Text.\n"), .badCondition),
    (scenario(prose: "{role ==} Text.\n"), .badCondition),
    (scenario(prose: "{social-worker knows} Text.\n"), .badCondition),
    (scenario(prose: "{n >} Text.\n"), .badCondition),
    (scenario(prose: "{and ok} Text.\n"), .badCondition),
    (scenario(prose: "{==} Text.\n"), .badCondition),
    (scenario(prose: "{Bad_Name} Text.\n"), .badCondition),
    (scenario(prose: "{} Text.\n"), .badCondition),
    (scenario(prose: "{ok ok} Text.\n"), .badCondition),
    (scenario(prose: "{ok $} Text.\n"), .badCondition),
    (scenario(prose: "{\(nested)} Text.\n"), .badCondition),
    (scenario(choice: "  ~ trust + 1\n"), .badCondition),
    (scenario(choice: "  ~ set\n"), .badCondition),
    (scenario(choice: "  ~ 3\n"), .badCondition),
    (scenario(choice: "  ~ set ok now\n"), .badCondition),
    (scenario(choice: "  ~ share fact\n"), .badCondition),
    (scenario(choice: "  ~ share fact with\n"), .badCondition),
    (scenario(choice: "  ~ n += x\n"), .badCondition),
    (scenario(choice: "  ~\n"), .badCondition),
    (scenario(choice: "  @if\n"), .badCondition),
    (scenario(headerChange: ("minutes: 5", "minutes: twenty")), .badHeader),
    (scenario(headerChange: ("modes: practice", "modes: practise")), .badHeader),
    (scenario(headerChange: ("minutes: 5", "minutes: 5\nintensity: extreme")), .badHeader),
    (scenario(headerChange: ("roles: social-worker", "roles: Social_Worker")), .badHeader),
    (scenario(headerChange: ("title: Fixture", "title:")), .badHeader),
    (scenario(headerChange: ("title: Fixture", "title: Fixture\ntitle: Again")), .badHeader),
    (scenario(prose: "* Go to the school\n"), .badChoice),
    (scenario(prose: "* -> done\n"), .badChoice),
    (scenario(prose: "* Go ->\n"), .badChoice),
    (scenario(choice: "  +see-child-alone 1\n"), .badChoice),
    (scenario(choice: "  + see-child-alone 9\n"), .badWeight),
    (scenario(choice: "  + see-child-alone\n"), .badWeight),
    (scenario(choice: "  + see-child-alone 1 extra\n"), .badWeight),
    (scenario(prose: "@include \"x.passages\"\n"), .misplacedLine),
    (scenario(declare: "@include x.passages\n"), .includeFailed),
    (scenario(declare: "@include \"/etc/x.passages\"\n"), .includeFailed),
    (scenario(declare: "@include \"../x.passages\"\n"), .includeFailed),
    (scenario(declare: "@include \"missing.passages\"\n"), .includeFailed),
    (scenario(declare: "Text before.\n"), .misplacedLine),
    (scenario(declare: "* Stray -> done\n"), .misplacedLine),
    (scenario(declare: "@lesson Early.\n"), .misplacedLine),
    (scenario(prose: "@fact\n"), .misplacedLine),
    (scenario(prose: "@fact #seen\n"), .misplacedLine),
    (scenario(prose: "@why\n"), .misplacedLine),
    (scenario(prose: "@why Why?\n@why Again?\n"), .misplacedLine),
    (scenario(prose: "@keep-order now\n"), .misplacedLine),
    (scenario(prose: "@lesson Not an ending.\n"), .misplacedLine),
    (scenario(prose: "@reflect\n"), .misplacedLine),
    (scenario(prose: "@if ok\n"), .misplacedLine),
    (scenario(prose: "{ok}\n"), .misplacedLine),
    (scenario(prose: "+ see-child-alone 1\n"), .misplacedLine),
    (scenario(choice: "  ?\n"), .misplacedLine),
    (scenario(choice: "  +\n"), .misplacedLine),
    (scenario(prose: "@joint now\n"), .misplacedLine),
    (scenario(prose: "@joint\n@role social-worker\n"), .misplacedLine),
    (scenario(prose: "@joint\n@chair social-worker\n@chair social-worker\n"), .misplacedLine),
    (scenario(prose: "@chair social-worker\n"), .misplacedLine),
    (scenario(prose: "@fact Summer | Seen.\n"), .unorderedFact),
    (scenario(prose: "@fact Strategy discussion [Summer] | Seen.\n"), .unorderedFact),
    (scenario().replacingOccurrences(of: "@ending safe | Done", with: "@ending good"), .badOutcome),
    (scenario().replacingOccurrences(of: "@ending safe | Done", with: "@ending safe |"), .badOutcome),
  ]

  @Test("every message a line written wrong brings fits one of its code's shapes", arguments: malformedScenarios)
  func malformedLinesFitTheirShapes(text: String, code: DiagnosticCode) throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/inside/c.case"
    try FileManager.default.createDirectory(atPath: directory + "/inside", withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try "== x\nX.\n".write(toFile: directory + "/x.passages", atomically: true, encoding: .utf8)
    let diagnostics = ScenarioLoader.load(path: path, guidance: Fixtures.guidance).diagnostics
    #expect(diagnostics.contains { $0.code == code }, "\(diagnostics.map(\.description))")
    Self.expectShapes(diagnostics)
  }

  @Test("every message a file that cannot be read, a .tests line, a catalog's header or a Twee line brings fits one of its code's shapes")
  func otherMalformedInputsFitTheirShapes() throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var found: [Diagnostic] = []
    found += ScenarioLoader.load(path: directory + "/missing.case", guidance: nil).diagnostics
    found += ScenarioLoader.load(path: directory, guidance: nil).diagnostics
    let tests = "stray\n== a\nchoices: x\noutcome: good\nscore: 1..x\nfoo\n== b\nchoices: social-worker 1\n"
    found += ExpectationFile.parse(tests, path: "c.tests").1
    let guide = "catalog: mine\nkind: other\ntitle: Mine\npublisher: Me\nyear: soon\nroles: social-worker\nText.\n== one\ntitle: T\ncite: C\nareas: kss-01\nStatement.\n"
    found += GuideParser.parse(guide, path: "mine.guide").1
    found += TweeImporter.convert(text: ":: Start\n- a list item\n* another\n", path: "s.twee").diagnostics
    for code: DiagnosticCode in [.unreadableFile, .misplacedLine, .badChoice, .badOutcome, .badWeight, .badHeader, "twee-prose-adjusted"] {
      #expect(found.contains { $0.code == code }, "\(code): \(found.map(\.description))")
    }
    Self.expectShapes(found)
  }

  static func expectShapes(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
      let descriptor = DiagnosticCatalog.descriptor(for: diagnostic.code)
      #expect(descriptor?.matches(diagnostic.message) == true, "\(diagnostic.code): '\(diagnostic.message)' fits none of \(descriptor?.messages ?? [])")
    }
  }
}
