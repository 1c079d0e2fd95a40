import CaseFormat
import CaseRecords
import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// Regression tests for what a reliability engineer broke (issue "Hardening"): each input once
/// crashed, hung or lied, and must now get a clear, positioned answer and lose nothing.
@Suite("Hardening: no input crashes, hangs or lies", .serialized, .timeLimit(.minutes(3)))
struct HardeningCLITests {
  static func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test("a counter effect of Int.max (up or down) is held in range: check, analyze, test and play all finish")
  func counterOverflow() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/overflow.case"
    try Self.write(
      Fixtures.header(id: "overflow", guides: "practice-lessons")
        + "counter c = 0 in -5..5\n== start\n* Up -> mid\n  + see-child-alone 1\n  ~ c += 9223372036854775807\n* Down -> mid\n  - see-child-alone 1\n  ~ c -= 9223372036854775807\n== mid\n{c > 0} High.\n{c < 0} Low.\n* Again -> done\n  ~ c += 9223372036854775807\n* Lower -> done\n  ~ c -= 9223372036854775807\n== done\n@ending safe | Done\nDone.\n@lesson L.\n",
      to: file)
    for arguments in [["check", file], ["analyze", file], ["test", file, "--exhaustive"]] {
      let result = try CaseSimProcess.run(arguments, sandbox: sandbox)
      #expect(result.reason == .exit, "\(arguments[0]) died of signal \(result.status)")
      #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
    }
    // Down from 0 by Int.max, then down again: held at -5, never trapping.
    let play = try CaseSimProcess.run(["play", file, "--order", "written"], input: "\n2\n2\n", sandbox: sandbox)
    #expect(play.reason == .exit && play.status == 0, "\(play.stderr)")
    #expect(play.stdout.contains("Low."))
    #expect(play.stdout.contains("The scenario has ended."))
  }

  @Test("a FIFO is refused, never opened for a blocking read: as a file to check, as an include, and in the library")
  func fifos() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let fifo = sandbox.directory + "/pipe.case"
    #expect(mkfifo(fifo, 0o600) == 0)
    let check = try CaseSimProcess.run(["check", fifo], sandbox: sandbox)
    #expect(check.status == 65)
    #expect(check.stdout.contains("pipe.case:1:1: error: is a FIFO (named pipe), not a regular file"))

    let including = sandbox.directory + "/main.case"
    #expect(mkfifo(sandbox.directory + "/more.passages", 0o600) == 0)
    try Self.write(
      Fixtures.header(id: "includes-fifo", guides: "practice-lessons") + "@include \"more.passages\"\n== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nDone.\n@lesson L.\n",
      to: including)
    let included = try CaseSimProcess.run(["check", including], sandbox: sandbox)
    #expect(included.status == 65)
    #expect(included.stdout.contains("cannot include 'more.passages': is a FIFO (named pipe)"))

    // A library with a FIFO among its scenarios still lists, and says which file is unreadable.
    let library = try Self.copyOfLibrary(in: sandbox)
    #expect(mkfifo(library + "/Scenarios/stray.case", 0o600) == 0)
    let list = try CaseSimProcess.run(["list", "--library", library], sandbox: sandbox)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("duty-desk-friday"))
  }

  @Test("two library files with one id are both refused with an error naming the other")
  func duplicateIDs() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try Self.copyOfLibrary(in: sandbox)
    try FileManager.default.copyItem(
      atPath: library + "/Scenarios/hungry-in-class.case", toPath: library + "/Scenarios/hungry-copy.case")
    let check = try CaseSimProcess.run(["check", "--library", library], sandbox: sandbox, cwd: library)
    #expect(check.status == 65)
    #expect(check.stdout.contains("the library has another scenario with the id 'hungry-in-class'"))
    #expect(check.stdout.contains("[duplicate-scenario]"))
    let play = try CaseSimProcess.run(["play", "hungry-in-class", "--library", library], sandbox: sandbox, cwd: library)
    #expect(play.status == 65, "an ambiguous id is not played")
  }

  @Test("an empty folder, even one named x.case, is not a clean check; a symbolic-link loop is named as one")
  func emptyFolderAndLinkLoop() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let folder = sandbox.directory + "/x.case"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let empty = try CaseSimProcess.run(["check", folder], sandbox: sandbox)
    #expect(empty.status == 66)
    #expect(empty.stderr.contains("is a folder with no .case or .guide files in it; nothing was checked"))
    #expect(symlink(sandbox.directory + "/b.case", sandbox.directory + "/a.case") == 0)
    #expect(symlink(sandbox.directory + "/a.case", sandbox.directory + "/b.case") == 0)
    let loop = try CaseSimProcess.run(["check", sandbox.directory + "/a.case"], sandbox: sandbox)
    #expect(loop.status == 66)
    #expect(loop.stderr.contains("is a symbolic link that leads round in a loop"))
  }

  @Test("import: a binary file and malformed JSON get positioned errors; a story bigger than the old 4 MiB limit is written")
  func importErrors() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let binary = sandbox.directory + "/story.twee"
    try Data("::Start\nHello\0there\n".utf8).write(to: URL(fileURLWithPath: binary))
    let nul = try CaseSimProcess.run(["import", binary], sandbox: sandbox)
    #expect(nul.status == 65)
    #expect(nul.stderr.contains("story.twee:2:1: error: file contains a NUL byte"))

    let json = sandbox.directory + "/broken.json"
    try Self.write("{\"format\": \"casesim-scenario\",\n  \"version\": 1,,\n}\n", to: json)
    let bad = try CaseSimProcess.run(["import", json], sandbox: sandbox)
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("broken.json:2:16: error: not valid JSON"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.directory + "/broken.case"))

    // 60,000 passages of 90 characters each: about 6 MB of .case text, over the old 4 MiB limit
    // and well within the 128 MiB one (a 16 MiB story, the most import reads, cannot reach it).
    var story = ":: StoryTitle\nBig\n\n:: Start\n[[p1]]\n\n"
    for n in 1...60_000 {
      story += ":: p\(n)\nThe story goes on, one plain line of prose after another, with nothing in it at all.\n[[p\(n + 1)]]\n\n"
    }
    story += ":: p60001\nThe end.\n"
    let big = sandbox.directory + "/big.twee"
    try Self.write(story, to: big)
    let imported = try CaseSimProcess.run(["import", big], sandbox: sandbox)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(FileManager.default.fileExists(atPath: sandbox.directory + "/big.case"))
  }

  @Test("a store its owner made read-only stays read-only: history reads it, play refuses to write, the mode is unchanged")
  func readOnlyStore() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let first = try CaseSimProcess.run(["play", "hungry-in-class", "--order", "written"], input: "\n1\n", sandbox: sandbox)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(chmod(sandbox.store, 0o444) == 0)
    let history = try CaseSimProcess.run(["history"], sandbox: sandbox)
    #expect(history.status == 0, "\(history.stderr)")
    #expect(history.stdout.contains("Hungry in class"))
    let play = try CaseSimProcess.run(["play", "hungry-in-class"], input: "\n", sandbox: sandbox)
    #expect(play.status == 74)
    #expect(play.stderr.contains("it is read-only (its owner set it so)"))
    let mode = try FileManager.default.attributesOfItem(atPath: sandbox.store)[.posixPermissions] as? Int
    #expect(mode == 0o444)
  }

  @Test("past a file-size limit the binary says the record could not be written, instead of dying of SIGXFSZ")
  func fileSizeLimit() throws {
    let sandbox = CaseSimProcess.Sandbox()
    // The limit is set by a shell for the binary alone (16 blocks: too small for the records).
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -f 16 && exec \"$0\" play hungry-in-class --order written", CaseSimProcess.binary]
    process.environment = sandbox.environment
    process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.repositoryRoot)
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data("\n1\n2\n1\n".utf8))
    try input.fileHandleForWriting.close()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
    #expect(process.terminationStatus == 74)
    #expect(stderr.contains("the file-size limit (ulimit -f)"), "\(stderr)")
  }

  @Test("--max-states and --max-transitions bound check and analyze, are named in the truncation they cause, and refuse nonsense")
  func explorationBounds() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let path = sandbox.directory + "/flags.case"
    try Self.write(Fixtures.loopingFlags(12), to: path)
    let library = Fixtures.repositoryRoot

    let whole = try CaseSimProcess.run(["check", path, "--library", library], sandbox: sandbox)
    #expect(whole.status == 0)
    #expect(whole.stdout.contains("checked 1 file: 0 errors"))
    #expect(!whole.stdout.contains("analysis-truncated"), "\(whole.stdout.suffix(400))")

    let bounded = try CaseSimProcess.run(["check", path, "--max-states", "500", "--library", library], sandbox: sandbox)
    #expect(bounded.status == 0, "a truncated analysis is a warning, never an error")
    #expect(bounded.stdout.contains("more than 500 reachable states"))
    #expect(bounded.stdout.contains("--max-states N"))
    #expect(bounded.stdout.contains("[analysis-truncated]"))

    let edges = try CaseSimProcess.run(["check", path, "--max-transitions", "300", "--library", library], sandbox: sandbox)
    #expect(edges.status == 0)
    #expect(edges.stdout.contains("more than 300 transitions between states"))

    let analysis = try CaseSimProcess.run(
      ["analyze", path, "--max-states", "500", "--json", "--library", library], sandbox: sandbox)
    #expect(analysis.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(analysis.stdout.utf8)) as? [String: Any])
    #expect(report["truncated"] as? Bool == true)
    #expect(report["truncation"] as? String == "more than 500 reachable states")
    let text = try CaseSimProcess.run(["analyze", path, "--max-states", "500", "--library", library], sandbox: sandbox)
    #expect(text.stdout.contains("TRUNCATED: more than 500 reachable states"))

    for bad in [["--max-states", "0"], ["--max-states", "40000001"], ["--max-transitions", "-3"]] {
      let refused = try CaseSimProcess.run(["check", path] + bad + ["--library", library], sandbox: sandbox)
      #expect(refused.status == 64, "\(bad)")
    }
  }

  @Test("JSON output escapes C1 controls, bidi overrides, DEL and zero-width characters from scenario text")
  func jsonEscapes() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try Self.copyOfLibrary(in: sandbox)
    let path = library + "/Scenarios/hungry-in-class.case"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try Self.write(
      text.replacingOccurrences(of: "title: Hungry in class", with: "title: Hungry\u{9B}31m in\u{202E} class\u{7F}\u{200B}"),
      to: path)
    for arguments in [["list", "--json", "--library", library], ["analyze", "hungry-in-class", "--json", "--library", library]] {
      let result = try CaseSimProcess.run(arguments, sandbox: sandbox, cwd: library)
      #expect(result.status == 0, "\(result.stderr)")
      for raw in ["\u{9B}", "\u{202E}", "\u{7F}", "\u{200B}"] { #expect(!result.stdout.contains(raw), "\(arguments[0])") }
      if arguments[0] == "list" {
        #expect(result.stdout.contains("Hungry\\u009B31m in\\u202E class\\u007F\\u200B"))
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.contains { ($0["title"] as? String) == "Hungry\u{9B}31m in\u{202E} class\u{7F}\u{200B}" } == true)
      }
    }
  }

  @Test("generate never writes a scenario that check would refuse as too large")
  func generateWithinTheFileLimit() throws {
    // About 140 MB of scenario: over the 128 MiB limit.
    let result = try CaseSimProcess.run(["generate", "--passages", "600000", "--flags", "4"], sandbox: CaseSimProcess.Sandbox())
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("over the 128 MiB a scenario file may have"))
  }

  @Test("a file over the 128 MiB limit gets a positioned file-too-large error and exit 65, in check and in the library")
  func fileOverTheLimit() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try Self.copyOfLibrary(in: sandbox)
    // Sparse: nothing is written to disk.
    let big = library + "/Scenarios/huge.case"
    #expect(FileManager.default.createFile(atPath: big, contents: nil))
    #expect(truncate(big, off_t(SourceLimits.maximumFileBytes + 1)) == 0)
    let check = try CaseSimProcess.run(["check", big, "--library", library], sandbox: sandbox)
    #expect(check.status == 65)
    #expect(
      check.stdout.contains(
        "huge.case:1:1: error: file is \(SourceLimits.maximumFileBytes + 1) bytes; the limit is \(SourceLimits.maximumFileBytes) (128 MiB) [file-too-large]"))
    // The shell and list still open on the rest of the library, and say a file has errors.
    let shell = try CaseSimProcess.run(["--library", library], input: "quit\n", sandbox: sandbox)
    #expect(shell.status == 0, "\(shell.stderr)")
    #expect(shell.stdout.contains("\nhungry-in-class "))
    // (Wrapped to the width, as every line of the welcome is.)
    #expect(
      shell.stdout.replacingOccurrences(of: "\n", with: " ").contains(
        "1 scenario file has errors and cannot be played; run 'casesim check' to see them."))
  }

  @Test("a generated scenario over the old 4 MiB limit loads: list shows it, with the shipped library")
  func fileOverTheOldLimitLoads() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let library = try Self.copyOfLibrary(in: sandbox)
    let generated = try CaseSimProcess.run(["generate", "--passages", "20000", "--flags", "4"], sandbox: sandbox)
    #expect(generated.status == 0, "\(generated.stderr)")
    #expect(generated.stdout.utf8.count > 4 * 1024 * 1024)
    try Self.write(generated.stdout, to: library + "/Scenarios/generated.case")
    let list = try CaseSimProcess.run(["list", "--json", "--library", library], sandbox: sandbox)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("\"path\" : \"\(library)/Scenarios/generated.case\""))
    #expect(list.stderr.isEmpty)
  }

  @Test("zero-width characters are shown escaped, so 'st\\u{200B}art' never looks like 'start'")
  func zeroWidth() {
    #expect(UntrustedText.escaped("st\u{200B}art") == "st\\u{200B}art")
    #expect(UntrustedText.escaped("a\u{200D}b\u{FEFF}c\u{2060}") == "a\\u{200D}b\\u{FEFF}c\\u{2060}")
  }

  /// A copy of the shipped library (Scenarios and Guides) to damage.
  static func copyOfLibrary(in sandbox: CaseSimProcess.Sandbox) throws -> String {
    let root = sandbox.directory + "/library"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    for folder in ["Scenarios", "Guides"] {
      try FileManager.default.copyItem(atPath: Fixtures.repositoryRoot + "/" + folder, toPath: root + "/" + folder)
    }
    return root
  }
}
