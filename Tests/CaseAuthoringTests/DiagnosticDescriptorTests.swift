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

  @Test("guidance without its competency catalogs is one unknown-area error, each area a note")
  func missingCompetencyCatalogIsOneError() throws {
    let files = ["working-together.guide", "practice-lessons.guide"].map { Fixtures.guidesDirectory + "/" + $0 }
    let loaded = ScenarioLoader.loadGuidance(files: files)
    let unknown = loaded.diagnostics.filter { $0.code == .unknownArea }
    #expect(unknown.count == 1, "\(unknown.count) unknown-area errors")
    let error = try #require(unknown.first)
    #expect(error.message.hasPrefix("no competency catalog ('kind: competencies') is loaded"), "\(error.message)")
    #expect(error.notes.contains { $0.message.hasPrefix("'kss-07' (") })
    #expect(error.notes.count == Set(loaded.library.principles.flatMap(\.areas)).count, "one note an area")
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
