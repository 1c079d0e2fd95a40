import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// Diagnostics that never mislead ("One grammar... diagnostics that never mislead"): what a
/// trainer, tried as a new user, was told wrongly, too often or too vaguely.
@Suite("Diagnostics that never mislead")
struct DiagnosticClarityTests {
  /// Nine lines: the body starts on line 10.
  static let header = Fixtures.header(guides: "practice-lessons")

  /// Load and semantic diagnostics together, as `casesim check` gives them.
  static func check(_ body: String) -> [Diagnostic] {
    let loaded = Fixtures.load(header + body, path: "c.case")
    guard !loaded.diagnostics.hasErrors else { return loaded.diagnostics }
    return loaded.diagnostics + SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance)
  }

  static let ending = "== done\n@ending safe | Done\nDone.\n@lesson L.\n"

  @Test(
    "a choice's line with no space after its sign is an error with the fix, and the choice stays open",
    arguments: [
      ("+see-child-alone 1: Seen.", "+ see-child-alone 1: Seen."), ("-see-child-alone 1", "- see-child-alone 1"),
      (">Well done.", "> Well done."), ("?Why?", "? Why?"), ("~set seen", "~ set seen"),
    ])
  func sigilWithoutSpace(written: String, fixed: String) throws {
    let diagnostics = Self.check(
      "flag seen\n== start\n* Go -> done\n  \(written)\n  ! critical\n* Stay -> done\n  + see-child-alone 1\n" + Self.ending)
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.description))")
    let error = try #require(errors.first)
    #expect(error.code == .badChoice)
    #expect(error.message.contains("needs a space after it"))
    #expect(error.suggestion == fixed)
    #expect(error.location?.line == 13 && error.location?.column == 3)
    // The '! critical' under it still belongs to the choice: no "belongs to a choice" error.
    #expect(!diagnostics.contains { $0.code == .misplacedLine })
  }

  @Test("story text that merely starts with a sign is not mistaken for a choice's line")
  func signsInProse() {
    let diagnostics = Self.check(
      "== start\n+44 is the number on the card.\n-- she said, and stopped.\n* Go -> done\n  + see-child-alone 1\n" + Self.ending)
    #expect(!diagnostics.contains { $0.code == .badChoice })
  }

  @Test("a counter that starts outside its range is one error, not one for every use of it")
  func counterOutOfRange() {
    let diagnostics = Self.check(
      "counter evidence = 9 in 0..4\n== start\n* Go -> done\n  + see-child-alone 1\n  ~ evidence += 1\n* {evidence > 2} Stay -> done\n  - see-child-alone 1\n== done\n@ending safe | Done\n{evidence >= 1} Done.\n@lesson L.\n")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.description))")
    #expect(errors.first?.message == "'evidence' starts at 9, outside its range 0..4")
  }

  @Test("a misspelt ending class is one error with the class it resembles, not four")
  func misspeltEnding() {
    let diagnostics = Self.check(
      "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending partly safe | Done\nDone.\n@lesson L.\n@reflect R?\n")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.description))")
    #expect(errors.first?.code == .badOutcome)
    #expect(errors.first?.suggestion == "partly-safe")
  }

  @Test("a mistyped choice target is one error: the passage it meant is not also called unreachable")
  func mistypedTarget() {
    let diagnostics = Self.check("== start\n* Go -> detials\n  + see-child-alone 1\n== details\n@ending safe | Done\nDone.\n@lesson L.\n")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.code) == [.unknownTarget], "\(errors.map(\.description))")
    #expect(errors.first?.suggestion == "details")
  }

  @Test("a passage stuck in every playthrough is the one error; what only it leads to, and its dead conditions, are its notes")
  func stuckIsTheRootCause() throws {
    let diagnostics = Self.check(
      "flag seen\n== start\n* {seen} Go -> mid\n  + see-child-alone 1\n  ~ set seen\n* {seen} Stay -> bad\n  - see-child-alone 1\n== mid\n* Finish -> done\n  + see-child-alone 1\n* Leave -> bad\n  - see-child-alone 1\n"
        + Self.ending + "== bad\n@ending unsafe | Bad\nBad.\n@lesson L.\n")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.code) == [.stuckPassage], "\(errors.map(\.description))")
    let stuck = try #require(errors.first)
    #expect(stuck.message.contains("in any playthrough that reaches it"))
    let dead = stuck.notes.filter { $0.message == "this choice's condition never holds here" }
    #expect(dead.map { $0.location?.line } == [12, 15])
    #expect(dead.map(\.length) == ["{seen}".count, "{seen}".count], "each note marks its whole condition")
    #expect(stuck.notes.contains { $0.message == "so no playthrough reaches 'mid', 'done', 'bad', which only its choices lead to" })
    #expect(!diagnostics.contains { $0.code == .conditionNeverTrue })
  }

  @Test("a passage stuck only sometimes keeps its own error and the others stay as they were")
  func stuckSometimes() {
    let diagnostics = Self.check(
      "flag seen\n== start\n* Look -> check\n  + see-child-alone 1\n  ~ set seen\n* Skip -> check\n  - see-child-alone 1\n== check\n* {seen} Go -> done\n  + see-child-alone 1\n"
        + Self.ending)
    let stuck = diagnostics.filter { $0.code == .stuckPassage }
    #expect(stuck.count == 1)
    #expect(stuck.first?.message.hasPrefix("in some playthroughs passage 'check' offers no choice") == true)
  }

  @Test("a condition that never holds says what its names are there, and points at the '@if' line")
  func neverTrueSaysWhy() throws {
    let diagnostics = Self.check(
      "counter evidence = 0 in 0..4\nflag seen\n== start\n* Go -> mid\n  + see-child-alone 1\n  ~ evidence += 1\n* Stay -> mid\n  - see-child-alone 1\n== mid\n{seen} You saw her.\n* Finish -> done\n  @if evidence > 6\n  + see-child-alone 1\n* Leave -> done\n  - see-child-alone 1\n"
        + Self.ending)
    let never = diagnostics.filter { $0.code == .conditionNeverTrue }
    let choice = try #require(never.first { $0.message.contains("this choice") })
    #expect(choice.message.contains("(there, 'evidence' is between 0 and 1)"), "\(choice.message)")
    #expect(choice.location?.line == 21 && choice.location?.column == 3, "the '@if' line")
    #expect(choice.length == "@if evidence > 6".count, "the whole '@if' condition is underlined, not its first column")
    let prose = try #require(never.first { $0.message.contains("this line") })
    #expect(prose.message.contains("(there, 'seen' is always false)"), "\(prose.message)")
    #expect(prose.location?.line == 19 && prose.location?.column == 1 && prose.length == "{seen}".count, "the whole '{seen}'")
  }

  @Test("a condition in a choice's braces is pointed at the brace")
  func neverTrueAtTheBrace() throws {
    let diagnostics = Self.check(
      "flag seen\n== start\n* Go -> done\n  + see-child-alone 1\n* {seen} Stay -> done\n  - see-child-alone 1\n" + Self.ending)
    let never = try #require(diagnostics.first { $0.code == .conditionNeverTrue })
    #expect(never.location?.line == 14 && never.location?.column == 3)
    #expect(never.length == "{seen}".count)
  }

  @Test("a stuck passage's notes point at the '@if' line that holds each dead condition, not at the choice")
  func stuckNotesAtTheCondition() throws {
    let diagnostics = Self.check(
      "counter concern = 0 in 0..4\n== start\n* Go -> done\n  @if concern >= 2\n  + see-child-alone 1\n* Stay -> done\n  @if concern >= 3\n  - see-child-alone 1\n"
        + Self.ending)
    let stuck = try #require(diagnostics.first { $0.code == .stuckPassage })
    let notes = stuck.notes.filter { $0.message == "this choice's condition never holds here" }
    #expect(notes.map { $0.location?.line } == [13, 16], "the '@if' lines, not the choices on 12 and 15")
    #expect(notes.map { $0.location?.column } == [3, 3])
  }

  @Test("braces the trainee would see as written get a warning where they are; a conditional line does not")
  func bracesShown() {
    let diagnostics = Self.check(
      "flag seen\n== start\n@fact Mon | Seen {seen} today.\n{seen} You saw her.\n* Go -> done\n  + see-child-alone 1\n  ~ set seen\n  > Good {seen} work.\n* Stay -> done\n  - see-child-alone 1\n"
        + Self.ending)
    let braces = diagnostics.filter { $0.code == .bracesShown }
    #expect(braces.map { [$0.location?.line ?? 0, $0.location?.column ?? 0] } == [[12, 18], [17, 10]], "\(braces.map(\.description))")
    #expect(braces.allSatisfy { $0.severity == .warning && $0.length == 6 })
  }

  @Test("a lesson, fact, reflection or question goes on over indented lines, and fmt keeps it")
  func continuedDirectives() throws {
    let text = Self.header
      + "== start\n@why What made\n  you decide?\n@fact Mon | The nurse rang\n  about Jay.\n* Go -> done\n  + see-child-alone 1\n"
      + "== done\n@ending safe | Done\nDone.\n@lesson The review found that\n  nobody saw the child alone.\n@reflect What would\n  you do?\nAfter.\n"
    let loaded = Fixtures.load(text, path: "c.case")
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.description))")
    let start = try #require(loaded.scenario.passages["start"])
    let done = try #require(loaded.scenario.passages["done"])
    #expect(start.rationalePrompt == "What made you decide?")
    #expect(start.facts.map(\.text) == ["The nurse rang about Jay."])
    #expect(done.ending?.lessons == ["The review found that nobody saw the child alone."])
    #expect(done.ending?.reflections == ["What would you do?"])
    #expect(done.prose.map(\.text) == ["Done.", "After."])
    let formatted = try ScenarioFormatter.format(text, path: "c.case").get()
    #expect(formatted.contains("@lesson The review found that\n  nobody saw the child alone.\n"))
    #expect(try ScenarioFormatter.format(formatted, path: "c.case").get() == formatted)
  }

  /// Every diagnostic code the code can emit, read from the sources.
  static func codesInSources(under folder: String) throws -> Set<String> {
    var codes: Set<String> = []
    let root = Fixtures.repositoryRoot + "/Sources/" + folder
    let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
    let pattern = try Regex(#"DiagnosticCode = "([a-z-]+)""#)
    for file in files {
      let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
      for match in text.matches(of: pattern) {
        if let code = match.output[1].substring { codes.insert(String(code)) }
      }
    }
    return codes
  }

  @Test("every diagnostic code has a descriptor, the trainer's guide's tables are generated from them, and every format code is in the format reference")
  func codesAreDocumented() throws {
    let all = try Self.codesInSources(under: "")
    #expect(all.count > 60)
    let described = Set(DiagnosticCatalog.all.map(\.code.rawValue))
    #expect(all.subtracting(described).sorted() == [], "codes without a descriptor in DiagnosticCatalog")
    #expect(described.subtracting(all).sorted() == [], "descriptors of codes nothing reports")
    #expect(DiagnosticCatalog.all.count == described.count, "one descriptor a code")
    let guide = try String(contentsOfFile: Fixtures.repositoryRoot + "/Documentation/trainers-guide.md", encoding: .utf8)
    for group in DiagnosticDescriptor.Group.allCases {
      let table = DiagnosticCatalog.table(group)
      #expect(guide.contains(table), "Documentation/trainers-guide.md should hold this table for '\(group.rawValue)':\n\(table)")
    }
    let format = try String(contentsOfFile: Fixtures.repositoryRoot + "/Documentation/scenario-format.md", encoding: .utf8)
    let formatCodes = try Self.codesInSources(under: "CaseFormat")
    #expect(formatCodes.filter { !format.contains("`\($0)`") }.sorted() == [])
  }
}
