import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// What misled a trainer at the command line ("One grammar... diagnostics that never mislead"):
/// each command now says what is wrong and exits as documented.
@Suite("The trainer's commands never mislead", .serialized, .timeLimit(.minutes(3)))
struct TrainerClarityCLITests {
  /// A library of one shipped scenario (and the shipped guides), without its `.tests` file or a
  /// Documentation/ folder.
  static func smallLibrary(in sandbox: CaseSimProcess.Sandbox) throws -> String {
    let root = sandbox.directory + "/library"
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
    try fm.copyItem(atPath: Fixtures.guidesDirectory, toPath: root + "/Guides")
    try fm.copyItem(atPath: Fixtures.scenariosDirectory + "/hungry-in-class.case", toPath: root + "/Scenarios/hungry-in-class.case")
    return root
  }

  @Test("test fails a scenario with no .tests file, or one with no paths in it, instead of passing nothing")
  func untestedScenarioFails() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try Self.smallLibrary(in: sandbox)
    let missing = try CaseSimProcess.run(["test", "--library", library], sandbox: sandbox)
    #expect(missing.status == 1)
    #expect(missing.stdout.contains("FAIL hungry-in-class: no expectation file"), "\(missing.stdout)")
    #expect(missing.stdout.contains("0 passed, 1 failed"))

    try "// nothing yet\n".write(toFile: library + "/Scenarios/hungry-in-class.tests", atomically: true, encoding: .utf8)
    let empty = try CaseSimProcess.run(["test", "--library", library], sandbox: sandbox)
    #expect(empty.status == 1)
    #expect(empty.stdout.contains("holds no paths"), "\(empty.stdout)")
  }

  @Test("index makes a missing Documentation/ folder, and names what stops a write in words (exit 73)")
  func indexWithoutDocumentation() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try Self.smallLibrary(in: sandbox)
    let made = try CaseSimProcess.run(["index", "--library", library], sandbox: sandbox)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.contains("(1 scenario)"))
    #expect(FileManager.default.fileExists(atPath: library + "/Documentation/library-index.md"))

    try "a file".write(toFile: sandbox.directory + "/blocker", atomically: true, encoding: .utf8)
    let blocked = try CaseSimProcess.run(
      ["index", "--library", library, "--output", sandbox.directory + "/blocker/index.md"], sandbox: sandbox)
    #expect(blocked.status == 73)
    #expect(blocked.stderr.contains("cannot write the library index to"))
    #expect(!blocked.stderr.contains("NSCocoaErrorDomain"), "\(blocked.stderr)")
  }

  @Test("graph refuses a scenario that check finds errors in (exit 65), as the guide says")
  func graphRefusesErrors() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/loop.case"
    // Loads cleanly, but its scoring choice sits on a loop: a 'scored-loop' error.
    try (Fixtures.header(guides: "practice-lessons")
      + "== start\n* Ask again -> start\n  + see-child-alone 1\n* Finish -> done\n  - see-child-alone 1\n== done\n@ending safe | Done\nDone.\n@lesson L.\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let check = try CaseSimProcess.run(["check", path, "--library", Fixtures.repositoryRoot], sandbox: sandbox)
    #expect(check.status == 65)
    #expect(check.stdout.contains("[scored-loop]"))
    let graph = try CaseSimProcess.run(["graph", path, "--library", Fixtures.repositoryRoot], sandbox: sandbox)
    #expect(graph.status == 65)
    #expect(graph.stdout.isEmpty)
    #expect(graph.stderr.contains("[scored-loop]"))
    #expect(graph.stderr.contains("is not drawn"))
  }

  @Test("check's JSON gives where each marked text ends")
  func jsonEndPositions() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/typo.case"
    try (Fixtures.header(guides: "practice-lessons")
      + "== start\n* Go -> detials\n  + see-child-alone 1\n== details\n@ending safe | Done\nDone.\n@lesson L.\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CaseSimProcess.run(["check", path, "--format", "json", "--library", Fixtures.repositoryRoot], sandbox: sandbox)
    #expect(result.status == 65)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(items.count == 1, "one typo, one error: \(items)")
    let item = try #require(items.first)
    #expect(item["code"] as? String == "unknown-target")
    #expect(item["line"] as? Int == 11 && item["column"] as? Int == 9)
    #expect(item["endLine"] as? Int == 11 && item["endColumn"] as? Int == 16, "just past 'detials'")
  }

  @Test("check's JSON gives each note its place and where the text it marks ends")
  func jsonNoteEndPositions() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/twice.case"
    try (Fixtures.header(guides: "practice-lessons")
      + "== details\n* Go -> details\n  + see-child-alone 1\n== details\n@ending safe | Done\nDone.\n@lesson L.\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CaseSimProcess.run(["check", path, "--format", "json", "--library", Fixtures.repositoryRoot], sandbox: sandbox)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let twice = try #require(items.first { $0["code"] as? String == "duplicate-passage" }, "\(items)")
    let note = try #require((twice["notes"] as? [[String: Any]])?.first, "\(twice)")
    #expect(note["message"] as? String == "first defined here")
    #expect(note["file"] as? String == path)
    #expect(note["line"] as? Int == 10 && note["column"] as? Int == 4)
    #expect(note["endLine"] as? Int == 10 && note["endColumn"] as? Int == 11, "just past the first 'details'")
  }

  /// A copy of casesim installed away from any library, and a folder of the trainer's own, both
  /// in the sandbox: how a trainer works outside the project, where no library is found by
  /// looking.
  static func installedAwayFromTheLibrary(in sandbox: CaseSimProcess.Sandbox, folder: String) throws -> (binary: String, folder: String) {
    let installed = sandbox.directory + "/bin/casesim"
    try FileManager.default.createDirectory(atPath: sandbox.directory + "/bin", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: CaseSimProcess.binary, toPath: installed)
    let own = sandbox.directory + "/" + folder
    try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
    return (installed, own)
  }

  @Test("new in a folder of the trainer's own: refused with the fix when no library can be found; with --library it checks and tests there")
  func newOutsideTheLibrary() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let (installed, own) = try Self.installedAwayFromTheLibrary(in: sandbox, folder: "drafts")

    let refused = try CaseSimProcess.run(["new", "my-case", "--output", own], sandbox: sandbox, cwd: own, binary: installed)
    #expect(refused.status == 66)
    #expect(refused.stderr.contains("pass --library DIR or set CASESIM_LIBRARY"))
    #expect(!FileManager.default.fileExists(atPath: own + "/my-case.case"))

    let made = try CaseSimProcess.run(
      ["new", "my-case", "--output", own, "--library", Fixtures.repositoryRoot], sandbox: sandbox, cwd: own, binary: installed)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.contains("casesim check --library \(Fixtures.repositoryRoot) \(own)/my-case.case"), "\(made.stdout)")
    let check = try CaseSimProcess.run(
      ["check", "--library", Fixtures.repositoryRoot, own + "/my-case.case"], sandbox: sandbox, cwd: own, binary: installed)
    #expect(check.status == 0)
    #expect(check.stdout.contains("checked 1 file: 0 errors, 0 warnings"), "\(check.stdout)")
    let test = try CaseSimProcess.run(
      ["test", "--library", Fixtures.repositoryRoot, own + "/my-case.case"], sandbox: sandbox, cwd: own, binary: installed)
    #expect(test.status == 0, "\(test.stdout)")

    // Without a library, check says why every principle is unknown.
    let lost = try CaseSimProcess.run(["check", own + "/my-case.case"], sandbox: sandbox, cwd: own, binary: installed)
    #expect(lost.status == 65)
    #expect(lost.stderr.contains("no scenario library found"), "\(lost.stderr)")
  }

  @Test("a .guide file beside a scenario outside the library is used with the library's catalogs")
  func guideBesideTheScenario() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let own = sandbox.directory + "/drafts"
    try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
    try """
      catalog: our-local-procedures
      title: Our local procedures
      publisher: A fictional safeguarding partnership
      year: 2025

      == ring-the-duty-manager
      title: Ring the duty manager
      cite: Local procedures, section 1
      areas: kss-01
      A worry that cannot wait for the morning is rung through to the duty manager.

      """.write(toFile: own + "/local.guide", atomically: true, encoding: .utf8)
    try (Fixtures.header(guides: "practice-lessons, our-local-procedures")
      + "== start\n* Ring now -> done\n  + ring-the-duty-manager 2\n* Wait -> done\n  - see-child-alone 1\n== done\n@ending safe | Done\nDone.\n@lesson L.\n")
      .write(toFile: own + "/mine.case", atomically: true, encoding: .utf8)
    let check = try CaseSimProcess.run(["check", "--library", Fixtures.repositoryRoot, own + "/mine.case"], sandbox: sandbox, cwd: own)
    #expect(!check.stdout.contains("unknown-guidance"), "\(check.stdout)")
    #expect(!check.stdout.contains("unknown-catalog"), "\(check.stdout)")
    #expect(check.stdout.contains("0 errors"), "\(check.stdout)")
  }

  @Test("a lone scenario with its own .guide beside it, no library anywhere: check passes with one warning saying what is missing, and play reaches the debrief")
  func loneScenarioWithItsGuide() throws {
    let sandbox = CaseSimProcess.Sandbox()
    // The folder holds only the trainer's scenario and catalog, whose entry maps to a
    // competency area.
    let (installed, own) = try Self.installedAwayFromTheLibrary(in: sandbox, folder: "home-visit")
    try """
      catalog: our-practice
      title: Our practice
      publisher: A fictional safeguarding partnership
      year: 2025

      == see-the-child
      title: See the child
      cite: Our practice standards, section 2
      areas: kss-02
      Every visit sees the child, and speaks with them on their own where they can.

      """.write(toFile: own + "/our-practice.guide", atomically: true, encoding: .utf8)
    try (Fixtures.header(id: "home-visit", guides: "our-practice")
      + "== start\nYou knock at the door of the flat.\n* Ask to see Kayla in her room -> seen\n  + see-the-child 2: You saw her.\n"
      + "* Talk with her mother at the door -> unseen\n  - see-the-child 2: You did not see her.\n"
      + "== seen\n@ending safe | Kayla seen\nKayla shows you her room.\n@lesson Seeing the child is the heart of a visit.\n"
      + "== unseen\n@ending unsafe | Kayla not seen\nYou leave.\n@lesson Seeing the child is the heart of a visit.\n")
      .write(toFile: own + "/home-visit.case", atomically: true, encoding: .utf8)

    let check = try CaseSimProcess.run(["check", "home-visit.case"], sandbox: sandbox, cwd: own, binary: installed)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.contains(" 0 errors"), "\(check.stdout)")
    let warning = try #require(check.stdout.split(separator: "\n").first { $0.contains("[unknown-area]") }, "\(check.stdout)")
    #expect(warning.contains("warning: no competency catalog ('kind: competencies') is loaded"), "\(warning)")
    #expect(warning.contains("the debrief gives no breakdown by competency area"), "\(warning)")
    #expect(warning.contains("put the competency catalogs (such as the library's Guides/competencies.guide) beside this catalog, or name the library with --library DIR"), "\(warning)")
    #expect(!check.stderr.contains("no scenario library found"), "a catalog beside it is what it is scored against: \(check.stderr)")

    let play = try CaseSimProcess.run(["play", "home-visit.case", "--order", "written"], input: "\n1\n", sandbox: sandbox, cwd: own, binary: installed)
    #expect(play.status == 0, "\(play.stdout)\(play.stderr)")
    let flat = play.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    #expect(flat.contains("DEBRIEF"), "\(play.stdout)")
    #expect(flat.contains("+2 / +2 See the child [see-the-child]"), "\(play.stdout)")
    #expect(flat.contains("No competency framework was loaded with this scenario, so there is no breakdown by competency area."), "\(play.stdout)")
  }

  @Test("explain prints what a code means, its messages, its example and fix as the trainer's guide has them, lists every code, and suggests a near one")
  func explain() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let one = try CaseSimProcess.run(["explain", "[unknown-target]"], sandbox: sandbox)
    #expect(one.status == 0)
    let descriptor = try #require(DiagnosticCatalog.descriptor(for: .unknownTarget))
    #expect(one.stdout.hasPrefix("unknown-target (error; passages and choices)\n"), "\(one.stdout)")
    #expect(one.stdout.contains("Example: '* Go -> detials'"), "\(one.stdout)")
    #expect(one.stdout.contains("Fix: ") && descriptor.fix.hasPrefix("use the passage"))
    #expect(one.stdout.contains("  A choice (or 'start:') names a passage that does not exist."), "\(one.stdout)")
    #expect(one.stdout.contains("  Messages:\n    choice leads to unknown passage '{id}'\n    start passage '{id}' does not exist\n"), "\(one.stdout)")

    let all = try CaseSimProcess.run(["explain"], sandbox: sandbox)
    #expect(all.status == 0)
    for descriptor in DiagnosticCatalog.all { #expect(all.stdout.contains("  \(descriptor.code.rawValue) "), "\(descriptor.code)") }

    let near = try CaseSimProcess.run(["explain", "unknown-targt"], sandbox: sandbox)
    #expect(near.status == 66)
    #expect(near.stderr.contains("did you mean 'unknown-target'?"))

    // check points at it whenever it reports something.
    let path = sandbox.directory + "/typo.case"
    try (Fixtures.header(guides: "practice-lessons")
      + "== start\n* Go -> detials\n  + see-child-alone 1\n== details\n@ending safe | Done\nDone.\n@lesson L.\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let check = try CaseSimProcess.run(["check", path, "--library", Fixtures.repositoryRoot], sandbox: sandbox)
    #expect(check.stdout.contains("'casesim explain CODE' says more about any [code] above"))
  }
}
