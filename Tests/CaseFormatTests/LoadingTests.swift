import CaseFormat
import CaseTestSupport
import Foundation
import Testing

@Suite("Loading: the file limit, line splitting and columns, and the library loaded in parallel")
struct LoadingTests {
  @Test("the file limit is 128 MiB: a file of exactly the limit is read, one byte more is refused with a positioned error")
  func fileLimit() throws {
    #expect(SourceLimits.maximumFileBytes == 128 * 1024 * 1024)
    let directory = Fixtures.temporaryDirectory()
    // Sparse files of zeros: nothing is written to disk. At the limit the file is read, and
    // refused for what it holds (NUL bytes), not for its size.
    let atLimit = directory + "/at-limit.case"
    #expect(FileManager.default.createFile(atPath: atLimit, contents: nil))
    #expect(truncate(atLimit, off_t(SourceLimits.maximumFileBytes)) == 0)
    let read = ScenarioLoader.load(path: atLimit, guidance: nil)
    #expect(read.diagnostics.map(\.code) == [.notText])

    let over = directory + "/over.case"
    #expect(FileManager.default.createFile(atPath: over, contents: nil))
    #expect(truncate(over, off_t(SourceLimits.maximumFileBytes + 1)) == 0)
    let refused = ScenarioLoader.load(path: over, guidance: nil)
    #expect(refused.diagnostics.map(\.code) == [.fileTooLarge])
    #expect(refused.diagnostics.first?.location == SourceLocation(file: over, line: 1, column: 1))
    #expect(
      refused.diagnostics.first?.message
        == "file is \(SourceLimits.maximumFileBytes + 1) bytes; the limit is \(SourceLimits.maximumFileBytes) (128 MiB)")
  }

  @Test("a file is read whole, whatever its size under the limit")
  func readsWholeFile() throws {
    let path = Fixtures.temporaryDirectory() + "/text.case"
    let text = String(repeating: "// a comment line of some length, to fill the file\n", count: 200_000)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try ScenarioLoader.readText(path).get() == text)
  }

  @Test("lines split on \\n, \\r\\n and \\r alike, and the source store shows the same lines the parser numbered")
  func lineSplitting() {
    let text = "one\r\ntwo\rthree\n\nfive\n"
    #expect(SourceLine.lines(of: text).map(\.content) == ["one", "two", "three", "", "five"])
    #expect(SourceLine.lines(of: text).map(\.number) == [1, 2, 3, 4, 5])
    var store = SourceStore()
    store.add(path: "x.case", text: text)
    #expect((1...5).map { store.line($0, of: "x.case") } == ["one", "two", "three", "", "five"])
    #expect(store.line(6, of: "x.case") == nil)
    #expect(SourceLine.lines(of: "").isEmpty)
    #expect(SourceLine.lines(of: "last line without a break").map(\.content) == ["last line without a break"])
  }

  @Test("columns count characters on lines with accents, emoji and combining marks, as on ASCII lines")
  func columnsCountCharacters() {
    let line = SourceLine.lines(of: "\t  Zoë 👩‍👧 e\u{301} -> x  ")[0]
    #expect(line.indent == 3)
    #expect(line.content == "Zoë 👩‍👧 e\u{301} -> x")
    #expect(line.count == 17)
    #expect(line[7] == "👩‍👧")
    #expect(line.text(3..<6) == "Zoë")
    #expect(line.text(from: 14) == "x  ")

    // The same mistake on an ASCII line and on a line with wide characters before it is
    // pointed at by character, not by byte.
    let ascii = Fixtures.load(Fixtures.header(id: "cols") + "== start\n* Ask Zoe -> detials\n== details\n@ending safe\nDone.\n")
    let wide = Fixtures.load(Fixtures.header(id: "cols") + "== start\n* Ask Zoë 👩‍👧 -> detials\n== details\n@ending safe\nDone.\n")
    let asciiTarget = ascii.diagnostics.first { $0.code == .unknownTarget }
    let wideTarget = wide.diagnostics.first { $0.code == .unknownTarget }
    #expect(asciiTarget?.location?.column == 14)
    #expect(wideTarget?.location?.column == 16)
    #expect(wideTarget?.suggestion == "details")
  }

  @Test("the library loaded in parallel holds what loading each file alone gives, broken files included")
  func parallelLibraryMatchesSerialLoads() throws {
    let root = Fixtures.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Fixtures.guidesDirectory, toPath: root + "/Guides")
    for name in ["hungry-in-class", "duty-desk-friday", "credible-witness"] {
      try FileManager.default.copyItem(
        atPath: Fixtures.scenariosDirectory + "/\(name).case", toPath: root + "/Scenarios/\(name).case")
    }
    try (Fixtures.header(id: "broken") + "== start\n* Go -> nowhere\n").write(
      toFile: root + "/Scenarios/broken.case", atomically: true, encoding: .utf8)

    let library = ScenarioLibrary(root: root)
    #expect(library.scenarios.map(\.scenario.id) == ["broken", "credible-witness", "duty-desk-friday", "hungry-in-class"])
    #expect(library.playable.map(\.id) == ["credible-witness", "duty-desk-friday", "hungry-in-class"])
    for loaded in library.scenarios {
      let alone = ScenarioLoader.load(path: loaded.scenario.path, guidance: library.guidance.library)
      #expect(loaded.scenario == alone.scenario)
      #expect(loaded.diagnostics == alone.diagnostics)
    }
    let broken = try #require(library.scenario(id: "broken"))
    #expect(broken.diagnostics.contains { $0.code == .unknownTarget && $0.location?.line != nil })
  }
}
