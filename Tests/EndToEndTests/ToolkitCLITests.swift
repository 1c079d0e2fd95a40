import CaseTestSupport
import Foundation
import Testing

/// The trainer's commands run as a trainer would run them.
@Suite("casesim trainer's commands end to end", .serialized, .timeLimit(.minutes(3)), .tags(.slow))
struct ToolkitCLITests {
  @Test("check --format json gives file, line, column, severity, code, message and suggestion")
  func checkJSON() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let broken = sandbox.directory + "/broken.case"
    try (Fixtures.header() + "== start\n* Go -> ned\n  + see-child-alone 1\n== end\n@ending safe\nOK.\n").write(toFile: broken, atomically: true, encoding: .utf8)
    let result = try CaseSimProcess.run(["check", broken, "--format", "json"], sandbox: sandbox)
    #expect(result.status == 65)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let target = try #require(items.first { $0["code"] as? String == "unknown-target" })
    #expect(target["file"] as? String == broken)
    #expect(target["line"] as? Int == 11 && target["column"] as? Int == 9)
    #expect(target["severity"] as? String == "error")
    #expect(target["suggestion"] as? String == "end")
  }

  @Test("a warning is silenced by a casesim-ignore comment and check then exits 0")
  func ignoreComment() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/warn.case"
    let body = "== start\n* Shrug -> done\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nOK.\n@lesson L.\n"
    try (Fixtures.header(guides: "practice-lessons") + body).write(toFile: file, atomically: true, encoding: .utf8)
    let warned = try CaseSimProcess.run(["check", file], sandbox: sandbox)
    #expect(warned.status == 0)
    #expect(warned.stdout.contains("warning: this decision scores no principle"))
    #expect(warned.stdout.contains("[unscored-choice]"))
    try (Fixtures.header(guides: "practice-lessons") + body.replacingOccurrences(of: "* Shrug", with: "// casesim-ignore: unscored-choice\n* Shrug")).write(toFile: file, atomically: true, encoding: .utf8)
    let silenced = try CaseSimProcess.run(["check", file], sandbox: sandbox)
    #expect(silenced.stdout.contains("0 errors, 0 warnings"))
  }

  @Test("check --watch checks again when a file changes")
  func watch() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let file = sandbox.directory + "/watched.case"
    let good = Fixtures.header(guides: "practice-lessons") + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nOK.\n@lesson L.\n"
    try good.write(toFile: file, atomically: true, encoding: .utf8)
    let running = try CaseSimProcess.Running(["check", "--watch", file], sandbox: sandbox, cwd: Fixtures.repositoryRoot)
    defer { running.kill() }
    let watching = "watching 1 file for changes"
    let first = running.waitFor(wrong: { $0.contains("error:") }) { $0.contains(watching) }
    try #require(first == .shown, "\(first): \(running.stdout.suffix(500))\(running.stderr)")
    #expect(running.stdout.contains("checked 1 file: 0 errors, 0 warnings"))
    // The edit must carry a new modification time, which is all the watcher compares. Rather
    // than sleeping past the clock's resolution, the time is moved on explicitly.
    let before = try #require(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date)
    try good.replacingOccurrences(of: "-> done", with: "-> dnoe").write(toFile: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: before.addingTimeInterval(2)], ofItemAtPath: file)
    let after = try #require(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date)
    try #require(after != before)
    // The second check: the new error, then the watcher waiting again.
    let second = running.waitFor { $0.components(separatedBy: watching).count == 3 }
    #expect(second == .shown, "\(second): \(running.stdout.suffix(500))")
    #expect(running.stdout.contains("unknown passage 'dnoe'"))
    #expect(running.process.isRunning, "--watch keeps running after finding an error")
  }

  @Test("analyze --json reports counts, paths as a decimal string, endings with witnesses, and score range")
  func analyzeJSON() throws {
    let result = try CaseSimProcess.run(["analyze", "duty-desk-friday", "--json"], sandbox: CaseSimProcess.Sandbox())
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    // 4,007: the independent reference's count (ReferencePathCountTests.dutyDeskPathCount).
    #expect(report["paths"] as? String == "4007")
    let endings = try #require(report["endings"] as? [[String: Any]])
    #expect(endings.allSatisfy { $0["reachable"] as? Bool == true })
    let best = try #require(report["bestTotal"] as? [String: Any])
    #expect(best["total"] as? Int == 59)
    #expect(report["bestPathAvoidsCritical"] as? Bool == true)
    // What naive strategies would score, as shares of the range, for the author to read.
    let integrity = try #require(report["integrity"] as? [String: Any])
    let strategies = try #require(integrity["strategies"] as? [[String: Any]])
    #expect(strategies.map { $0["strategy"] as? String } == ["longest", "first-written", "keyword", "random"])
    #expect(strategies.allSatisfy { ($0["share"] as? Double ?? 1) <= 0.6 })
    #expect((integrity["bestWithCriticalShare"] as? Double ?? 1) <= 0.5)
    let text = try CaseSimProcess.run(["analyze", "duty-desk-friday"], sandbox: CaseSimProcess.Sandbox())
    #expect(text.stdout.contains("Naive strategies (share of the range from worst"))
    #expect(!text.stdout.contains("OVER THE LIMIT"))
  }

  @Test("generate writes a reproducible scenario that checks clean and analyses")
  func generate() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let first = try CaseSimProcess.run(["generate", "--passages", "300", "--flags", "5", "--seed", "9"], sandbox: sandbox)
    let second = try CaseSimProcess.run(["generate", "--passages", "300", "--flags", "5", "--seed", "9"], sandbox: sandbox)
    #expect(first.status == 0 && first.stdout == second.stdout)
    let file = sandbox.directory + "/generated.case"
    try first.stdout.write(toFile: file, atomically: true, encoding: .utf8)
    let check = try CaseSimProcess.run(["check", file], sandbox: sandbox)
    #expect(check.stdout.contains("0 errors, 0 warnings"), "\(check.stdout.suffix(800))")
    let analysis = try CaseSimProcess.run(["analyze", file], sandbox: sandbox)
    #expect(analysis.stdout.contains("passages 300"))
    let tooMany = try CaseSimProcess.run(["generate", "--passages", "10", "--flags", "9"], sandbox: sandbox)
    #expect(tooMany.status == 64)
  }

  @Test("generate --lasting-flags keeps every flag to the end: it checks clean and its states multiply")
  func generateLastingFlags() throws {
    let sandbox = CaseSimProcess.Sandbox()
    func states(_ extra: [String]) throws -> Int {
      let generated = try CaseSimProcess.run(["generate", "--passages", "60", "--flags", "6"] + extra, sandbox: sandbox)
      #expect(generated.status == 0)
      let file = sandbox.directory + "/generated\(extra.count).case"
      try generated.stdout.write(toFile: file, atomically: true, encoding: .utf8)
      let check = try CaseSimProcess.run(["check", file], sandbox: sandbox)
      #expect(check.stdout.contains("0 errors, 0 warnings"), "\(check.stdout.suffix(800))")
      let analysis = try CaseSimProcess.run(["analyze", file], sandbox: sandbox).stdout
      let line = try #require(analysis.split(separator: "\n").first { $0.contains("reachable states ") })
      return try #require(Int(line.split(separator: " ")[2].filter(\.isNumber)))
    }
    let windowed = try states([])
    let lasting = try states(["--lasting-flags"])
    // Windowed flags are read and cleared within a few layers; lasting ones all matter at the end.
    #expect(lasting > 4 * windowed, "windowed \(windowed), lasting \(lasting)")
  }

  @Test("test runs scripted, random and exhaustive play-tests with a closing count")
  func playtests() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let scripted = try CaseSimProcess.run(["test"], sandbox: sandbox)
    #expect(scripted.status == 0, "\(scripted.stdout.suffix(1000))")
    #expect(scripted.stdout.contains("PASS duty-desk-friday best: amy-protected (safe), score 59"))
    #expect(scripted.stdout.contains(" passed, 0 failed"))
    let random = try CaseSimProcess.run(["test", "hungry-in-class", "--random", "200", "--seed", "4"], sandbox: sandbox)
    #expect(random.status == 0)
    #expect(random.stdout.contains("200 random playthroughs, seed 4"))
    #expect(random.stdout.contains("no failures"))
    let again = try CaseSimProcess.run(["test", "hungry-in-class", "--random", "200", "--seed", "4"], sandbox: sandbox)
    #expect(again.stdout == random.stdout, "the same seed gives the same report")
    let exhaustive = try CaseSimProcess.run(["test", "hungry-in-class", "--exhaustive"], sandbox: sandbox)
    #expect(exhaustive.stdout.contains("passages reached 20 of 20"))

    let failing = sandbox.directory + "/f.case"
    try (Fixtures.header(guides: "practice-lessons") + "== start\n* Go -> done\n  + see-child-alone 1\n== done\n@ending safe | Done\nOK.\n@lesson L.\n").write(toFile: failing, atomically: true, encoding: .utf8)
    try "== best\nchoices: 1\nending: done\nscore: 5\n".write(toFile: sandbox.directory + "/f.tests", atomically: true, encoding: .utf8)
    let failed = try CaseSimProcess.run(["test", failing], sandbox: sandbox)
    #expect(failed.status == 1)
    #expect(failed.stdout.contains("expected score 5, got 1"))
  }

  @Test("guides lists the catalog; guidance shows a principle; the answer key is the trainer's 'uses'")
  func guidance() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let guides = try CaseSimProcess.run(["guides", "--json"], sandbox: sandbox)
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(guides.stdout.utf8)) as? [[String: Any]])
    // Counted from the files, not by the parser: one "== id" line per principle, in every
    // .guide file that is not a competency framework ("kind: competencies"). 120 today.
    var principles = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.guidesDirectory) where name.hasSuffix(".guide") {
      let lines = try String(contentsOfFile: Fixtures.guidesDirectory + "/" + name, encoding: .utf8).split(separator: "\n")
      if lines.contains("kind: competencies") { continue }
      principles += lines.filter { $0.hasPrefix("== ") }.count
    }
    #expect(principles == 120)
    #expect(entries.count == principles)
    #expect(entries.allSatisfy { $0["id"] != nil && $0["title"] != nil && $0["source"] != nil && $0["areas"] != nil })
    let one = try CaseSimProcess.run(["guidance", "see-child-alone"], sandbox: sandbox)
    #expect(one.status == 0)
    #expect(one.stdout.contains("[see-child-alone]"))
    #expect(!one.stdout.contains("duty-desk-friday / "), "a trainee's guidance is no answer key")
    let uses = try CaseSimProcess.run(["uses", "see-child-alone"], sandbox: sandbox)
    #expect(uses.status == 0)
    #expect(uses.stdout.contains("duty-desk-friday / "))
    let help = try CaseSimProcess.run(["--help"], sandbox: sandbox)
    let trainerTools = try #require(help.stdout.range(of: "TRAINER'S TOOLS"))
    #expect(help.stdout[trainerTools.upperBound...].contains("uses"), "uses is listed with the trainer's tools")
    let typo = try CaseSimProcess.run(["guidance", "see-chlid-alone"], sandbox: sandbox)
    #expect(typo.status == 66)
    #expect(typo.stderr.contains("did you mean 'see-child-alone'?"))
  }
}

@Suite("casesim graph end to end", .serialized, .tags(.slow))
struct GraphCLITests {
  @Test("svg without Graphviz exits 69 and says how to install it; dot and mermaid need nothing")
  func graph() throws {
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["PATH"] = sandbox.directory
    let missing = try CaseSimProcess.run(["graph", "duty-desk-friday", "--format", "svg", "--output", sandbox.directory + "/x.svg"], sandbox: sandbox)
    #expect(missing.status == 69)
    #expect(missing.stderr.contains("apt-get install graphviz"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.directory + "/x.svg"))
    let dot = try CaseSimProcess.run(["graph", "duty-desk-friday", "--format", "dot"], sandbox: sandbox)
    #expect(dot.status == 0)
    #expect(dot.stdout.hasPrefix("digraph \"duty-desk-friday\" {"))
    let mermaid = try CaseSimProcess.run(["graph", "duty-desk-friday", "--format", "mermaid"], sandbox: sandbox)
    #expect(mermaid.stdout.contains("\nflowchart TB\n"))
    #expect(mermaid.stdout.contains("p_start[\"start\"]"))
  }
}

@Suite("casesim new, fmt, export and import end to end", .serialized, .tags(.slow))
struct AuthoringCLITests {
  @Test("new scaffolds a scenario that checks clean and passes its tests; it never overwrites")
  func scaffold() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let made = try CaseSimProcess.run(["new", "my-first", "--role", "health-visitor", "--output", sandbox.directory], sandbox: sandbox)
    #expect(made.status == 0, "\(made.stderr)")
    let file = sandbox.directory + "/my-first.case"
    #expect(try CaseSimProcess.run(["check", file], sandbox: sandbox).stdout.contains("0 errors, 0 warnings"))
    #expect(try CaseSimProcess.run(["test", file], sandbox: sandbox).status == 0)
    #expect(try CaseSimProcess.run(["fmt", "--check", file], sandbox: sandbox).status == 0)
    let again = try CaseSimProcess.run(["new", "my-first", "--output", sandbox.directory], sandbox: sandbox)
    #expect(again.status == 73)
    #expect(try CaseSimProcess.run(["new", "Not_Kebab"], sandbox: sandbox).status == 64)
  }

  @Test("export to JSON and import back gives a scenario that plays to the same scores")
  func jsonRoundTrip() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let json = sandbox.directory + "/duty.json"
    let exported = try CaseSimProcess.run(["export", "duty-desk-friday", "--format", "json", "--output", json], sandbox: sandbox)
    #expect(exported.status == 0, "\(exported.stderr)")
    let imported = sandbox.directory + "/duty-desk-friday.case"
    let result = try CaseSimProcess.run(["import", json, "--output", imported], sandbox: sandbox)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let tests = try String(contentsOfFile: Fixtures.scenariosDirectory + "/duty-desk-friday.tests", encoding: .utf8)
    try tests.write(toFile: sandbox.directory + "/duty-desk-friday.tests", atomically: true, encoding: .utf8)
    let played = try CaseSimProcess.run(["test", imported], sandbox: sandbox)
    #expect(played.status == 0, "\(played.stdout)")
    let bad = sandbox.directory + "/bad.json"
    try #"{"format": "casesim-scenario", "version": 99}"#.write(toFile: bad, atomically: true, encoding: .utf8)
    #expect(try CaseSimProcess.run(["import", bad, "--output", sandbox.directory + "/bad.case"], sandbox: sandbox).status == 65)
  }

  @Test("import of a Twine story reports dropped macros with positions and writes a file that compiles")
  func twee() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let source = Fixtures.repositoryRoot + "/Tests/CaseAuthoringTests/Fixtures/Twee/breakfast-club.twee"
    let output = sandbox.directory + "/breakfast-club.case"
    let result = try CaseSimProcess.run(["import", source, "--output", output], sandbox: sandbox)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("breakfast-club.twee:31:48: warning:"))
    #expect(result.stdout.contains("[twee-macro-dropped]"))
    let check = try CaseSimProcess.run(["check", output], sandbox: sandbox)
    #expect(check.status == 0)
    #expect(check.stdout.contains(": 0 errors,"))
  }
}

@Suite("casesim index end to end", .tags(.slow))
struct IndexCLITests {
  @Test("index --check passes on the repository and fails on a stale copy, writing nothing")
  func indexCheck() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let fresh = try CaseSimProcess.run(["index", "--check"], sandbox: sandbox)
    #expect(fresh.status == 0, "\(fresh.stdout)")
    let stale = sandbox.directory + "/index.md"
    try "# old\n".write(toFile: stale, atomically: true, encoding: .utf8)
    let checked = try CaseSimProcess.run(["index", "--check", "--output", stale], sandbox: sandbox)
    #expect(checked.status == 1)
    #expect(checked.stdout.contains("is out of date"))
    #expect(try String(contentsOfFile: stale, encoding: .utf8) == "# old\n")
    let written = try CaseSimProcess.run(["index", "--output", stale], sandbox: sandbox)
    #expect(written.status == 0)
    #expect(try String(contentsOfFile: stale, encoding: .utf8).hasPrefix("# The CaseSim scenario library"))
  }
}
