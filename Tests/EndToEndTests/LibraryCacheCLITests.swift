import CaseTestSupport
import Foundation
import Testing

/// The shell's first screen comes from the library cache when nothing changed ("Speed near the
/// limit": an instant shell); it must read exactly as a full load would, see every edit at the
/// next start, and play as before.
@Suite("The shell's library cache", .serialized, .timeLimit(.minutes(3)))
struct LibraryCacheCLITests {
  @Test("the welcome from the cache is the one a full load gives, and an edit between starts shows at once")
  func welcomeFromCache() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try HardeningCLITests.copyOfLibrary(in: sandbox)
    let cacheFolder = sandbox.directory + "/cache/casesim"

    let first = try CaseSimProcess.run(["--library", library], input: "quit\n", sandbox: sandbox)
    #expect(first.status == 0)
    let kept = try FileManager.default.contentsOfDirectory(atPath: cacheFolder)
    #expect(kept.count == 1 && kept[0].hasPrefix("library-"), "\(kept)")
    let second = try CaseSimProcess.run(["--library", library], input: "quit\n", sandbox: sandbox)
    #expect(second.stdout == first.stdout)
    #expect(second.stdout.contains("\nhungry-in-class "))
    #expect(!second.stdout.contains("errors and cannot be played"))

    // Break one scenario: the next start lists it no more and says one file has errors.
    let path = library + "/Scenarios/hungry-in-class.case"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try (text + "\n== stray\n* Go -> nowhere-at-all\n").write(toFile: path, atomically: true, encoding: .utf8)
    let third = try CaseSimProcess.run(["--library", library], input: "quit\n", sandbox: sandbox)
    #expect(!third.stdout.contains("\nhungry-in-class "))
    #expect(third.stdout.contains("1 scenario file has errors and cannot be played"))
    let fourth = try CaseSimProcess.run(["--library", library], input: "quit\n", sandbox: sandbox)
    #expect(fourth.stdout == third.stdout)
  }

  @Test("a scenario is played at once from a welcome that came from the cache")
  func playFromCachedWelcome() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try HardeningCLITests.copyOfLibrary(in: sandbox)
    _ = try CaseSimProcess.run(["--library", library], input: "quit\n", sandbox: sandbox)
    // Typed before the library can have finished loading behind the prompt.
    let played = try CaseSimProcess.run(
      ["--library", library], input: "play hungry-in-class\nquit\nquit\n", sandbox: sandbox)
    #expect(played.status == 0)
    #expect(played.stdout.contains("Hungry in class"), "\(played.stdout.suffix(600))")
    #expect(played.stdout.contains("casesim> "))
    #expect(played.stderr.isEmpty, "\(played.stderr)")
  }
}
