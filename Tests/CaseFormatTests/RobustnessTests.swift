import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The parser and checker must never crash or hang, whatever they are fed: truncated and
/// mutated copies of the real scenarios, binary junk, huge lines, deep nesting.
@Suite("Robustness: a corpus of broken files never crashes or hangs the loader", .timeLimit(.minutes(10)))
struct RobustnessTests {
  static let shipped: [String] = ScenarioLibrary.scenarioFiles(in: Fixtures.scenariosDirectory)
    .compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }

  /// Loads and sanity-checks every diagnostic's position.
  static func survive(_ text: String, _ label: String) {
    let loaded = Fixtures.load(text, path: "corpus.case")
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
    for d in loaded.diagnostics {
      guard let location = d.location else { continue }
      #expect(location.line >= 1 && location.line <= lineCount, "\(label): \(d)")
      #expect(location.column >= 1, "\(label): \(d)")
    }
    _ = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
  }

  @Test("the shipped scenarios truncated at twenty points each")
  func truncations() {
    #expect(!Self.shipped.isEmpty)
    for text in Self.shipped {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      for n in stride(from: 0, to: lines.count, by: max(1, lines.count / 20)) {
        Self.survive(lines.prefix(n).joined(separator: "\n"), "truncated at \(n)")
      }
    }
  }

  @Test("random bytes, decoded or not")
  func randomBytes() {
    var random = SeededGenerator(seed: 42)
    for size in [0, 1, 7, 100, 4096, 70_000] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
      switch ScenarioLoader.decode(Data(bytes), path: "junk.case") {
      case .success(let text): Self.survive(text, "random \(size)")
      case .failure(let d): #expect(d.code == .notText)
      }
      // Printable-ish noise that does decode.
      let printable = String(bytes.map { Character(Unicode.Scalar(32 + $0 % 95)) })
      Self.survive(printable, "printable \(size)")
    }
  }

  @Test("pathological shapes: huge lines, deep nesting, thousands of choices and passages")
  func pathological() {
    let header = Fixtures.header()
    let longLine = header + "== start\n" + String(repeating: "word ", count: 20_000) + "\n"
    let loadedLong = Fixtures.load(longLine)
    #expect(loadedLong.diagnostics.contains { $0.code == .lineTooLong })

    let deep = header + "flag a\n== start\n* {" + String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000) + "} Go -> start\n"
    let loadedDeep = Fixtures.load(deep)
    #expect(loadedDeep.diagnostics.contains { $0.code == .badCondition && $0.message.contains("nested") })

    let notChain = header + "flag a\n== start\n* {" + String(repeating: "not ", count: 5_000) + "a} Go -> start\n"
    Self.survive(notChain, "not chain")

    var manyChoices = header + "== start\n"
    for i in 0..<5_000 { manyChoices += "* Choice \(i) -> end\n  + see-child-alone 1\n" }
    manyChoices += "== end\n@ending safe\nDone.\n"
    #expect(Fixtures.load(manyChoices).diagnostics == [])

    var chain = header
    for i in 0..<10_000 { chain += "== \(i == 0 ? "start" : "p\(i)")\n* Next -> p\(i + 1)\n  + see-child-alone 1\n" }
    chain += "== p10000\n@ending safe\nDone.\n"
    let loadedChain = Fixtures.load(chain)
    #expect(loadedChain.diagnostics == [])
    #expect(loadedChain.scenario.passages.count == 10_001)
  }

  @Test("a chain of includes deeper than the limit is refused, not followed forever")
  func includeDepth() throws {
    let directory = Fixtures.temporaryDirectory()
    try (Fixtures.header() + "@include \"f1.passages\"\n== start\n* Go -> start\n").write(toFile: directory + "/main.case", atomically: true, encoding: .utf8)
    for i in 1...30 {
      try "@include \"f\(i + 1).passages\"\n".write(toFile: directory + "/f\(i).passages", atomically: true, encoding: .utf8)
    }
    let loaded = ScenarioLoader.load(path: directory + "/main.case", guidance: Fixtures.guidance)
    #expect(loaded.diagnostics.contains { $0.code == .includeFailed && $0.message.contains("nested more than") })
  }
}

/// The mutation corpus over every shipped scenario: about 20 seconds alone, so tagged slow. The
/// time limit guards against a hang, not a slowdown: beside the whole suite on two cores the same
/// work took over two minutes.
@Suite("Robustness: every shipped scenario mangled line by line", .timeLimit(.minutes(10)), .tags(.slow))
struct RobustnessSlowTests {
  @Test("the shipped scenarios with each line deleted, or mangled at random")
  func mutations() {
    var random = SeededGenerator(seed: 0xCA5E_5100)
    let junk: [String] = ["*", "->", "{", "}", "(", "+", "-", "~", "@", "==", "\u{1B}[2J", "\t", ":", "|", "?", "!", "@if", "not", "\u{202E}", "é", "9999999999999999999999"]
    for text in RobustnessTests.shipped {
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for i in stride(from: 0, to: lines.count, by: max(1, lines.count / 20)) {
        var copy = lines
        copy.remove(at: i)
        RobustnessTests.survive(copy.joined(separator: "\n"), "line \(i + 1) deleted")
      }
      for round in 0..<30 {
        let i = Int.random(in: 0..<lines.count, using: &random)
        var chars = Array(lines[i])
        let at = chars.isEmpty ? 0 : Int.random(in: 0...chars.count, using: &random)
        chars.insert(contentsOf: junk[Int.random(in: 0..<junk.count, using: &random)], at: at)
        lines[i] = String(chars)
        RobustnessTests.survive(lines.joined(separator: "\n"), "mutation round \(round)")
      }
    }
  }
}
