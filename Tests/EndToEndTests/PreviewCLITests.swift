import CaseTestSupport
import Foundation
import Testing

/// `casesim play FILE --from PASSAGE --set FLAG --counter NAME=N`: an author's preview from any
/// point, never recorded, and played again by `check --watch` on every save.
@Suite("Previews from any point", .serialized, .timeLimit(.minutes(3)))
struct PreviewCLITests {
  static let text = Fixtures.header(guides: "practice-lessons")
    + "flag seen\ncounter worry = 0 in 0..3\n== start\n* Go -> middle\n  + see-child-alone 1\n  ~ set seen\n* Stay -> middle\n  - see-child-alone 1\n== middle\n{seen} You saw him.\n* {worry >= 2} Escalate -> done\n  + see-child-alone 1\n* Wait -> done\n  - see-child-alone 1\n== done\n@ending safe | Done\nDone.\n@lesson L.\n"

  @Test("a preview plays from the passage with the state given, records nothing, and is kept for check --watch")
  func preview() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/draft.case"
    try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
    let played = try CaseSimProcess.run(
      ["play", path, "--from", "middle", "--set", "seen", "--counter", "worry=2", "--library", Fixtures.repositoryRoot],
      input: "\n1\n\n\n", sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stdout.contains("Preview of 'fixture' from 'middle' with seen set, worry at 2, as social-worker"))
    #expect(played.stdout.contains("You saw him."))
    #expect(played.stdout.contains("Escalate"))
    #expect(played.stdout.contains("The scenario has ended"))
    #expect(!played.stdout.contains("casesim resume") && !played.stdout.contains("every decision is saved"))

    // Nothing in the record store.
    let history = try CaseSimProcess.run(["history", "--drafts"], sandbox: sandbox)
    #expect(history.stdout.contains("No sessions recorded yet"), "\(history.stdout)")

    let kept = sandbox.directory + "/state/casesim/last-preview.json"
    #expect((try FileManager.default.attributesOfItem(atPath: kept)[.posixPermissions] as? Int) == 0o600)

    // check --watch plays the preview's decisions again on the file as saved.
    let running = try CaseSimProcess.Running(["check", "--watch", path, "--library", Fixtures.repositoryRoot], sandbox: sandbox, cwd: sandbox.directory)
    defer { running.kill() }
    let watching = "watching 1 file for changes"
    let first = running.waitFor { $0.contains(watching) }
    try #require(first == .shown, "\(running.stdout.suffix(600))")
    #expect(running.stdout.contains("preview from 'middle' with seen set, worry at 2, replayed on the saved file:"))
    #expect(running.stdout.contains("at 'middle': 'Escalate'"))
    #expect(running.stdout.contains("reached ending 'done' (safe: Done)"))

    // An edit that takes the choice away: the replay says where the preview now stops.
    let before = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    try Self.text.replacingOccurrences(of: "{worry >= 2}", with: "{worry >= 3}").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: before.addingTimeInterval(2)], ofItemAtPath: path)
    let second = running.waitFor { $0.components(separatedBy: watching).count == 3 }
    #expect(second == .shown, "\(running.stdout.suffix(600))")
    #expect(running.stdout.contains("at 'middle': 'Escalate' is no longer on offer; the preview stops here"))

    // A file with errors is not replayed until it checks clean again.
    try Self.text.replacingOccurrences(of: "-> done\n  + see", with: "-> dnoe\n  + see").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: before.addingTimeInterval(4)], ofItemAtPath: path)
    let third = running.waitFor { $0.components(separatedBy: watching).count == 4 }
    #expect(third == .shown, "\(running.stdout.suffix(600))")
    #expect(running.stdout.contains("preview from 'middle' with seen set, worry at 2: played again once the file has no errors"))
  }

  @Test("a preview that cannot start says why (exit 64), with a suggestion")
  func refused() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/draft.case"
    try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
    for (arguments, message) in [
      (["--from", "midle"], "did you mean 'middle'?"), (["--set", "worry"], "'worry' is not a flag"),
      (["--counter", "worry=9"], "kept within 0..3"), (["--counter", "worry"], "--counter takes NAME=N"),
    ] {
      let result = try CaseSimProcess.run(["play", path, "--library", Fixtures.repositoryRoot] + arguments, sandbox: sandbox)
      #expect(result.status == 64, "\(arguments)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
  }
}
