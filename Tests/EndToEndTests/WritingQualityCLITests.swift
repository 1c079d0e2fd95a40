import CaseTestSupport
import Foundation
import Testing

/// The writing-quality checks through the real `casesim check`.
@Suite("casesim check's writing-quality checks end to end", .serialized, .timeLimit(.minutes(3)), .tags(.slow))
struct WritingQualityCLITests {
  static let misspelt =
    Fixtures.header(guides: "practice-lessons")
    + "== start\nHe says he will recieve a new phone.\n* Go on -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nShe is safe.\n@lesson L.\n"

  @Test(
    "a misspelt word is a warning at its line and column, with Hunspell's suggestion, and check still exits 0",
    .enabled(if: Fixtures.hunspellInstalled, "needs Hunspell and its en_GB dictionary (apt-get install hunspell hunspell-en-gb)"))
  func misspelling() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/spelt.case"
    try Self.misspelt.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try CaseSimProcess.run(["check", file], sandbox: sandbox)
    #expect(result.status == 0)
    #expect(result.stdout.contains("\(file):11:17: warning: 'recieve' is not in the en_GB dictionary or the word list [misspelling]"))
    #expect(result.stdout.contains("= did you mean 'receive'?"))
    #expect(result.stdout.contains("0 errors, 1 warning"))
    let json = try CaseSimProcess.run(["check", file, "--format", "json"], sandbox: sandbox)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    let item = try #require(items.first { $0["code"] as? String == "misspelling" })
    #expect(item["line"] as? Int == 11 && item["column"] as? Int == 17 && item["endColumn"] as? Int == 24)
    #expect(item["suggestion"] as? String == "receive")
    let off = try CaseSimProcess.run(["check", file, "--no-spelling"], sandbox: sandbox)
    #expect(off.stdout.contains("0 errors, 0 warnings"))
  }

  @Test("without Hunspell, check says once that spelling was skipped and what to install, and passes")
  func hunspellMissing() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/spelt.case"
    try Self.misspelt.write(toFile: file, atomically: true, encoding: .utf8)
    try Self.misspelt.replacingOccurrences(of: "id: fixture", with: "id: fixture-two").write(
      toFile: sandbox.directory + "/second.case", atomically: true, encoding: .utf8)
    let named = try CaseSimProcess.run(["check", sandbox.directory, "--hunspell", "/nonexistent/hunspell"], sandbox: sandbox)
    #expect(named.status == 0)
    #expect(named.stdout.components(separatedBy: "[spelling-skipped]").count == 2, "\(named.stdout)")
    #expect(named.stdout.contains("note: spelling was not checked: there is no Hunspell program at /nonexistent/hunspell"))
    #expect(named.stdout.contains("checked 2 files: 0 errors, 0 warnings"))
    var bare = sandbox
    bare.extraEnvironment["PATH"] = sandbox.directory
    let onPath = try CaseSimProcess.run(["check", file], sandbox: bare)
    #expect(onPath.status == 0)
    #expect(onPath.stdout.contains("Hunspell is not installed (on Debian or Ubuntu: sudo apt-get install hunspell hunspell-en-gb)"))
  }

  @Test("check --reading-ease raises the bar for every passage")
  func readingEaseOption() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/ease.case"
    let sentence = "The school nurse telephones about Jayden, who has appeared hungry and exhausted throughout the week in class."
    try (Fixtures.header(guides: "practice-lessons") + "== start\n" + Array(repeating: sentence, count: 8).joined(separator: "\n")
      + "\n* Go on -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nShe is safe.\n@lesson L.\n").write(
        toFile: file, atomically: true, encoding: .utf8)
    let relaxed = try CaseSimProcess.run(["check", file, "--no-spelling"], sandbox: sandbox)
    #expect(relaxed.stdout.contains("0 errors, 0 warnings"))
    let strict = try CaseSimProcess.run(["check", file, "--no-spelling", "--reading-ease", "95"], sandbox: sandbox)
    #expect(strict.status == 0)
    #expect(strict.stdout.contains("warning: passage 'start' is hard to read"))
    #expect(strict.stdout.contains("below the target of 95"))
    let invalid = try CaseSimProcess.run(["check", file, "--reading-ease", "120"], sandbox: sandbox)
    #expect(invalid.status == 64)
  }
}
