import CaseTestSupport
import Foundation
import Testing

/// Whether Graphviz's `dot` is on PATH (CI installs it; `.ci/run`).
private let graphvizInstalled: Bool = CommandRunner.run(["dot", "-V"]).status == 0

/// The trainer's tools doing what their help and the trainer's guide promise, through the real
/// binary: graph output and options, fmt rewriting and checking, analyze's text report and
/// --role, the random play-test report, casesim-ignore with several codes, check on a folder.
@Suite("casesim trainer's tools keep their promises", .serialized, .timeLimit(.minutes(3)), .tags(.slow))
struct TrainerToolPromiseTests {
  // MARK: graph

  @Test(
    "graph --format svg draws the real picture with Graphviz, to a file with -o; --labels and --no-legend change it",
    .enabled(if: graphvizInstalled, "Graphviz's 'dot' is not installed here (CI installs it; see .ci/run)"))
  func svg() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let plain = sandbox.directory + "/plain.svg"
    let result = try CaseSimProcess.run(["graph", "hungry-in-class", "--format", "svg", "-o", plain], sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty, "with -o nothing goes to standard output")
    let svg = try String(contentsOfFile: plain, encoding: .utf8)
    #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
    // Graphviz writes each node's name in a <title> (a hyphen as &#45;): every passage of the
    // scenario is drawn.
    for passage in try Self.passages("hungry-in-class") {
      let title = "<title>\(passage.replacingOccurrences(of: "-", with: "&#45;"))</title>"
      #expect(svg.contains(title), "\(passage) missing from the picture")
    }
    #expect(svg.contains("_legend"), "the key is drawn by default")
    // The first words of the start passage's prose appear only with --labels.
    #expect(!svg.contains("It is the third week"), "no prose without --labels")

    let bare = sandbox.directory + "/bare.svg"
    #expect(try CaseSimProcess.run(["graph", "hungry-in-class", "--format", "svg", "--no-legend", "--output", bare], sandbox: sandbox).status == 0)
    let withoutKey = try String(contentsOfFile: bare, encoding: .utf8)
    #expect(!withoutKey.contains("_legend"))
    #expect(withoutKey.contains("<title>start</title>"))

    let labelled = sandbox.directory + "/labelled.svg"
    #expect(try CaseSimProcess.run(["graph", "hungry-in-class", "--format", "svg", "--labels", "-o", labelled], sandbox: sandbox).status == 0)
    #expect(try String(contentsOfFile: labelled, encoding: .utf8).contains("It is the third week"), "--labels shows the start of the prose")
  }

  /// The passage ids of a shipped scenario, read from its file.
  static func passages(_ id: String) throws -> [String] {
    try String(contentsOfFile: Fixtures.scenariosDirectory + "/\(id).case", encoding: .utf8)
      .split(separator: "\n").filter { $0.hasPrefix("== ") }.map { String($0.dropFirst(3)) }
  }

  @Test("graph: -o writes the text to a file; --labels and --no-legend change DOT and Mermaid")
  func graphOptions() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/g.dot"
    let written = try CaseSimProcess.run(["graph", "hungry-in-class", "-o", file], sandbox: sandbox)
    #expect(written.status == 0 && written.stdout.isEmpty)
    let printed = try CaseSimProcess.run(["graph", "hungry-in-class"], sandbox: sandbox)
    #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.stdout, "the file holds what would be printed")
    #expect(printed.stdout.contains("_legend"))
    #expect(printed.stdout.contains("  \"start\" [label=\"start\", penwidth=3];"))
    let bare = try CaseSimProcess.run(["graph", "hungry-in-class", "--no-legend"], sandbox: sandbox).stdout
    #expect(!bare.contains("_legend") && bare.hasPrefix("digraph \"hungry-in-class\" {"))
    let labelled = try CaseSimProcess.run(["graph", "hungry-in-class", "--labels"], sandbox: sandbox).stdout
    #expect(labelled.contains("  \"start\" [label=\"start\\nIt is the third week of the autumn term…\", penwidth=3];"))
    let mermaid = try CaseSimProcess.run(["graph", "hungry-in-class", "--format", "mermaid", "--no-legend"], sandbox: sandbox).stdout
    #expect(mermaid.contains("flowchart TB") && !mermaid.contains("subgraph legend"))
  }

  @Test("graph output is the same bytes from two separate processes (each with its own hash seed)", arguments: ["duty-desk-friday", "the-strategy-discussion", "out-of-county"])
  func graphDeterministic(_ id: String) throws {
    let sandbox = CaseSimProcess.Sandbox()
    for format in ["dot", "mermaid"] {
      let first = try CaseSimProcess.run(["graph", id, "--format", format, "--labels"], sandbox: sandbox)
      let second = try CaseSimProcess.run(["graph", id, "--format", format, "--labels"], sandbox: sandbox)
      #expect(first.status == 0 && !first.stdout.isEmpty)
      #expect(first.stdout == second.stdout, "\(id) \(format)")
    }
  }

  // MARK: fmt

  /// A shipped scenario (canonical: CI runs `fmt --check` on the library) with whitespace noise
  /// that formatting must remove: trailing spaces, and a spaces-only line after each blank one.
  static func noisy(_ canonical: String) -> String {
    canonical.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.isEmpty ? "\n   " : line + "  "
    }.joined(separator: "\n")
  }

  @Test("fmt --check lists the files that need formatting and exits 1, writing nothing; fmt rewrites them to the canonical text")
  func fmt() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let folder = sandbox.directory + "/scenarios"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let canonical = try String(contentsOfFile: Fixtures.scenariosDirectory + "/hungry-in-class.case", encoding: .utf8)
    let messy = folder + "/messy.case"
    let clean = folder + "/clean.case"
    try Self.noisy(canonical).write(toFile: messy, atomically: true, encoding: .utf8)
    try canonical.write(toFile: clean, atomically: true, encoding: .utf8)
    try #require(try String(contentsOfFile: messy, encoding: .utf8) != canonical)

    let checked = try CaseSimProcess.run(["fmt", "--check", folder], sandbox: sandbox)
    #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
    #expect(checked.stdout == "\(messy)\n1 file not formatted; run 'casesim fmt' on it\n")
    #expect(try String(contentsOfFile: messy, encoding: .utf8) == Self.noisy(canonical), "--check writes nothing")

    let formatted = try CaseSimProcess.run(["fmt", folder], sandbox: sandbox)
    #expect(formatted.status == 0, "\(formatted.stderr)")
    #expect(formatted.stdout == "formatted \(messy)\nformatted 1 file, 1 already formatted\n")
    #expect(try String(contentsOfFile: messy, encoding: .utf8) == canonical)
    #expect(Self.mode(messy) == Self.mode(clean), "permissions kept")

    let again = try CaseSimProcess.run(["fmt", "--check", messy, clean], sandbox: sandbox)
    #expect(again.status == 0)
    #expect(again.stdout == "2 files already formatted\n")
  }

  static func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
  }

  @Test("fmt on a file with errors leaves it alone, prints its diagnostics and exits 65")
  func fmtBroken() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let broken = sandbox.directory + "/broken.case"
    let text = Fixtures.header() + "== start\n* Go -> ned\n   + see-child-alone 1\n== end\n@ending safe\nOK.   \n"
    try text.write(toFile: broken, atomically: true, encoding: .utf8)
    for arguments in [["fmt", broken], ["fmt", "--check", broken]] {
      let result = try CaseSimProcess.run(arguments, sandbox: sandbox)
      #expect(result.status == 65, "\(arguments)")
      #expect(result.stdout.contains("\(broken):11:9: error: choice leads to unknown passage 'ned' [unknown-target]"), "\(result.stdout)")
      #expect(result.stdout.contains("\(broken): not formatted: fix the errors above first"))
      #expect(result.stderr.contains("casesim: error: 1 file with errors was not formatted"))
      #expect(try String(contentsOfFile: broken, encoding: .utf8) == text, "the file is left alone")
    }
  }

  // MARK: analyze

  @Test("analyze prints a text report: counts, paths, endings with witnesses, score range, critical choices, naive strategies")
  func analyzeText() throws {
    let result = try CaseSimProcess.run(["analyze", "duty-desk-friday"], sandbox: CaseSimProcess.Sandbox())
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    let file = try String(contentsOfFile: Fixtures.scenariosDirectory + "/duty-desk-friday.case", encoding: .utf8)
    let lines = file.split(separator: "\n")
    // Counted from the file: 23 "== " passages, 39 "* " choices, 8 "@ending" lines, and 15
    // passages offering two choices or more (decision points).
    let passages = lines.filter { $0.hasPrefix("== ") }.count
    let choices = lines.filter { $0.hasPrefix("* ") }.count
    let endings = lines.filter { $0.hasPrefix("@ending") }.count
    var choicesPerPassage: [Int] = []
    for line in lines {
      if line.hasPrefix("== ") { choicesPerPassage.append(0) }
      if line.hasPrefix("* "), !choicesPerPassage.isEmpty { choicesPerPassage[choicesPerPassage.count - 1] += 1 }
    }
    let decisionPoints = choicesPerPassage.filter { $0 >= 2 }.count
    #expect([passages, choices, endings, decisionPoints] as [Int] == [23, 39, 8, 15])
    #expect(text.hasPrefix("Analysis of duty-desk-friday as social-worker\n"))
    #expect(text.contains("  passages \(passages), choices \(choices), decision points \(decisionPoints), endings \(endings)\n"))
    // 4,007 paths: the independent reference's figure (ReferencePathCountTests). The reference
    // keeps every value and holds 463 states; analysis drops values no later condition reads,
    // which leaves 64 distinct futures (StateMergingTests checks that nothing else changes).
    #expect(text.contains("  reachable states 64, state transitions "))
    #expect(text.contains("  complete paths 4007\n"))
    // Every ending is listed once, reachable, with a witness to type.
    let endingIDs = lines.indices.filter { lines[$0].hasPrefix("@ending") }.compactMap { index in
      lines[..<index].last { $0.hasPrefix("== ") }.map { String($0.dropFirst(3)) }
    }
    #expect(endingIDs.count == endings)
    for id in endingIDs {
      #expect(text.split(separator: "\n").filter { $0.hasPrefix("  reachable   \(id) (") && $0.contains("choices: ") }.count == 1, "\(id)")
    }
    // The best and worst totals are the .tests file's best and worst (optimal: JudgementTests).
    let best = try CLITests.expectedScore("duty-desk-friday", path: "best")
    let worst = try CLITests.expectedScore("duty-desk-friday", path: "worst")
    #expect(text.contains("\n  best total  \(best)  choices: "))
    #expect(text.contains("\n  worst total \(worst)  choices: "))
    #expect(text.contains("  The best score can be reached without any critical choice.\n"))
    #expect(text.contains("\nNaive strategies (share of the range from worst \(worst) to best \(best); limit 60%)\n"))
    #expect(!text.contains("UNREACHABLE") && !text.contains("OVER THE LIMIT") && !text.contains("TRUNCATED"))
  }

  @Test("analyze --role analyses the scenario as that role; an unknown role exits 64")
  func analyzeRole() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let result = try CaseSimProcess.run(["analyze", "the-strategy-discussion", "--role", "police-officer"], sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("Analysis of the-strategy-discussion as police-officer\n"))
    let best = try CLITests.expectedScore("the-strategy-discussion", path: "best-police-officer")
    let worst = try CLITests.expectedScore("the-strategy-discussion", path: "worst-police-officer")
    #expect(result.stdout.contains("\n  best total  \(best)  choices: "))
    #expect(result.stdout.contains("\n  worst total \(worst)  choices: "))
    let json = try CaseSimProcess.run(["analyze", "the-strategy-discussion", "--role", "police-officer", "--json"], sandbox: sandbox)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(report["role"] as? String == "police-officer")
    #expect((report["bestTotal"] as? [String: Any])?["total"] as? Int == best)
    let social = try CLITests.expectedScore("the-strategy-discussion", path: "best")
    #expect(best != social, "the roles differ, so the option is not ignored")
    let bad = try CaseSimProcess.run(["analyze", "the-strategy-discussion", "--role", "astronaut"], sandbox: sandbox)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("'astronaut' is not a role in 'the-strategy-discussion'"))
  }

  // MARK: test --random

  @Test("test --random reports every ending with its count and share, the score range and the passages never visited")
  func randomReport() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let result = try CaseSimProcess.run(["test", "hungry-in-class", "--random", "200", "--seed", "4"], sandbox: sandbox)
    #expect(result.status == 0, "\(result.stdout)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "hungry-in-class as school-dsl: 200 random playthroughs, seed 4")
    #expect(lines.dropFirst().first == "  no failures")
    #expect(lines.dropFirst(2).first == "  endings:")
    // One line per ending passage of the file, in file order: "    id (outcome): count (share%)".
    let file = try String(contentsOfFile: Fixtures.scenariosDirectory + "/hungry-in-class.case", encoding: .utf8).split(separator: "\n")
    let endings = file.indices.filter { file[$0].hasPrefix("@ending") }.map { index -> (String, String) in
      let id = String(file[..<index].last { $0.hasPrefix("== ") }!.dropFirst(3))
      let outcome = String(file[index].dropFirst("@ending ".count).split(separator: "|")[0]).trimmingCharacters(in: .whitespaces)
      return (id, outcome)
    }
    #expect(endings.count == 7)
    let rows = Array(lines.dropFirst(3).prefix(endings.count))
    var total = 0
    for ((id, outcome), row) in zip(endings, rows) {
      let prefix = "    \(id) (\(outcome)): "
      #expect(row.hasPrefix(prefix), "\(row)")
      let numbers = row.dropFirst(prefix.count).split(separator: " ")
      let count = try #require(Int(numbers[0]), "\(row)")
      #expect(numbers.count == 2 && numbers[1] == "(\(String(format: "%.1f", Double(count) / 2))%)", "\(row): the share of 200")
      total += count
    }
    #expect(total == 200, "every playthrough reaches exactly one ending")
    let scores = try #require(lines.first { $0.hasPrefix("  scores: min ") }, "\(lines)")
    let parts = scores.replacingOccurrences(of: ",", with: "").split(separator: " ")
    let (low, mean, high) = (try #require(Int(parts[2])), try #require(Double(parts[4])), try #require(Int(parts[6])))
    // Within the scenario's range, the .tests file's worst -34 to best 43.
    let worst = try CLITests.expectedScore("hungry-in-class", path: "worst")
    let best = try CLITests.expectedScore("hungry-in-class", path: "best")
    #expect(worst <= low && Double(low) <= mean && mean <= Double(high) && high <= best, "\(scores)")
    #expect(lines.last == "1 passed, 0 failed")
    if let never = lines.first(where: { $0.hasPrefix("  never visited: ") }) {
      // Whatever it lists are passages of the file that no playthrough reached.
      let ids = Set(file.filter { $0.hasPrefix("== ") }.map { String($0.dropFirst(3)) })
      let listed = never.dropFirst("  never visited: ".count).components(separatedBy: ", ")
      #expect(listed.allSatisfy { ids.contains($0) }, "\(never)")
      #expect(listed.allSatisfy { id in rows.allSatisfy { !$0.hasPrefix("    \(id) (") || $0.contains("): 0 (") } }, "\(never)")
    } else {
      #expect(lines.contains("  every passage was visited"), "\(lines)")
    }

    // A scenario that can get stuck: the failure, how to replay it, and exit 1.
    let stuck = sandbox.directory + "/stuck.case"
    try (Fixtures.header(guides: "practice-lessons") + "flag ready\n== start\n* Wait -> middle\n  + see-child-alone 1\n* Prepare -> middle\n  + see-child-alone 1\n  ~ set ready\n== middle\n* {ready} Finish -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nOK.\n@lesson L.\n")
      .write(toFile: stuck, atomically: true, encoding: .utf8)
    let failing = try CaseSimProcess.run(["test", stuck, "--random", "50", "--seed", "1"], sandbox: sandbox)
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("at 'middle': "))
    #expect(failing.stdout.contains("; replay with choices: 1\n"))
    #expect(failing.stdout.hasSuffix("0 passed, 1 failed\n"))
  }

  // MARK: check

  @Test("one casesim-ignore comment silences several codes on the line below; stacked comments add up")
  func ignoreSeveralCodes() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/two.case"
    // The choice line has two warnings: it scores nothing, and it holds a bidirectional control.
    let body = "== start\n* Shrug\u{202E} it off -> done\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nOK.\n@lesson L.\n"
    func check(_ comment: String) throws -> CaseSimProcess.Output {
      try (Fixtures.header(guides: "practice-lessons") + body.replacingOccurrences(of: "* Shrug", with: comment + "* Shrug"))
        .write(toFile: file, atomically: true, encoding: .utf8)
      return try CaseSimProcess.run(["check", file], sandbox: sandbox)
    }
    let both = try check("")
    #expect(both.stdout.contains("[unscored-choice]") && both.stdout.contains("[control-character]"))
    #expect(both.stdout.hasSuffix("checked 1 file: 0 errors, 2 warnings\n"))
    let one = try check("// casesim-ignore: unscored-choice\n")
    #expect(!one.stdout.contains("[unscored-choice]") && one.stdout.contains("[control-character]"))
    #expect(one.stdout.hasSuffix("checked 1 file: 0 errors, 1 warning\n"))
    let several = try check("// casesim-ignore: unscored-choice, control-character\n")
    #expect(several.status == 0)
    #expect(several.stdout == "checked 1 file: 0 errors, 0 warnings\n")
    let stacked = try check("// casesim-ignore: control-character\n// casesim-ignore: unscored-choice\n")
    #expect(stacked.stdout == "checked 1 file: 0 errors, 0 warnings\n")
    let other = try check("// casesim-ignore: unscored-choice, missing-lesson\n")
    #expect(other.stdout.hasSuffix("checked 1 file: 0 errors, 1 warning\n"), "an unrelated code silences nothing more")
  }

  @Test("check on a folder checks every scenario in it: diagnostics name the file, and one error makes it exit 65")
  func checkFolder() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let folder = sandbox.directory + "/drafts"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let good = Fixtures.header(id: "good-one", guides: "practice-lessons") + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nOK.\n@lesson L.\n"
    try good.write(toFile: folder + "/a.case", atomically: true, encoding: .utf8)
    try good.replacingOccurrences(of: "good-one", with: "good-two").write(toFile: folder + "/b.case", atomically: true, encoding: .utf8)
    let clean = try CaseSimProcess.run(["check", folder], sandbox: sandbox)
    #expect(clean.status == 0)
    #expect(clean.stdout == "checked 2 files: 0 errors, 0 warnings\n")

    try good.replacingOccurrences(of: "good-one", with: "bad-one").replacingOccurrences(of: "* Go -> done", with: "* Go -> dnoe")
      .write(toFile: folder + "/c.case", atomically: true, encoding: .utf8)
    let broken = try CaseSimProcess.run(["check", folder], sandbox: sandbox)
    #expect(broken.status == 65)
    #expect(broken.stdout.contains("\(folder)/c.case:11:9: error: choice leads to unknown passage 'dnoe' [unknown-target]"), "\(broken.stdout)")
    #expect(!broken.stdout.contains("\(folder)/a.case:") && !broken.stdout.contains("\(folder)/b.case:"))
    #expect(broken.stdout.contains("checked 3 files: "))
  }
}
