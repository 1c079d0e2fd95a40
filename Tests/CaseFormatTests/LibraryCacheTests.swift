import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The library cache lets the shell show its first screen without parsing every scenario; it must
/// never show a listing that the files on disk no longer give.
@Suite("The library cache")
struct LibraryCacheTests {
  /// A small library: the shipped guides, one scenario that includes a passages file, one that
  /// does not.
  struct Library {
    let root = Fixtures.temporaryDirectory()
    let cache: LibraryCache

    init() throws {
      cache = LibraryCache(directory: root + "/cache/casesim")
      let fm = FileManager.default
      try fm.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
      try fm.copyItem(atPath: Fixtures.guidesDirectory, toPath: root + "/Guides")
      try write("Scenarios/first.case", Fixtures.header(id: "first") + "@include \"shared.passages\"\n== start\n* Go -> shared\n  + see-child-alone 1\n")
      try write("Scenarios/shared.passages", "== shared\n@ending safe | Seen\nShared.\n")
      try write("Scenarios/second.case", Fixtures.header(id: "second") + "== start\n* Go -> end\n  + see-child-alone 1\n== end\n@ending safe | Done\nDone.\n")
    }

    func write(_ relative: String, _ text: String) throws {
      try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
    }

    /// Loads the library in full and keeps its summary.
    func loadAndKeep() -> LibrarySummary {
      let library = ScenarioLibrary(root: root)
      #expect(cache.keep(library))
      return library.summary
    }
  }

  @Test("an unchanged library is listed from the cache, exactly as loading it gives")
  func unchangedLibraryHits() throws {
    let library = try Library()
    let summary = library.loadAndKeep()
    #expect(summary.playable.map(\.id) == ["first", "second"])
    #expect(library.cache.summary(root: library.root) == summary)
    let load = LibraryLoad.open(root: library.root, cache: library.cache)
    #expect(load.summaryWasCached)
    #expect(load.library.summary == summary)
    #expect(load.library.scenarios.map(\.scenario.id) == ["first", "second"])
  }

  @Test(
    "any change to what the listing was made from is a miss",
    arguments: [
      "edit a scenario (same length)", "edit an include", "edit a guide", "add a guide", "add a scenario",
      "remove a scenario", "create a missing include",
    ])
  func changesMiss(change: String) throws {
    let library = try Library()
    if change == "create a missing include" {
      try library.write("Scenarios/second.case", Fixtures.header(id: "second") + "@include \"later.passages\"\n== start\n* Go -> later\n  + see-child-alone 1\n")
    }
    let before = library.loadAndKeep()
    #expect(library.cache.summary(root: library.root) != nil)
    switch change {
    case "edit a scenario (same length)":
      let path = library.root + "/Scenarios/second.case"
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try text.replacingOccurrences(of: "title: Fixture", with: "title: Fixtura").write(toFile: path, atomically: true, encoding: .utf8)
    case "edit an include":
      // The include now sends the story nowhere: 'first' stops playing.
      try library.write("Scenarios/shared.passages", "== shared\n* On -> nowhere\n  + see-child-alone 1\n")
    case "edit a guide":
      // The principle both scenarios score against is renamed: neither plays.
      let path = library.root + "/Guides/practice-lessons.guide"
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains("see-child-alone"))
      try text.replacingOccurrences(of: "see-child-alone", with: "see-the-child-alone").write(toFile: path, atomically: true, encoding: .utf8)
    case "add a guide":
      try FileManager.default.copyItem(atPath: library.root + "/Guides/practice-lessons.guide", toPath: library.root + "/Guides/copy.guide")
    case "add a scenario":
      try library.write("Scenarios/third.case", Fixtures.header(id: "third") + "== start\n@ending safe | Done\nDone.\n")
    case "remove a scenario":
      try FileManager.default.removeItem(atPath: library.root + "/Scenarios/second.case")
    default:
      #expect(!before.playable.map(\.id).contains("second"), "an include that is missing makes its scenario unplayable")
      try library.write("Scenarios/later.passages", "== later\n@ending safe | Later\nLater.\n")
    }
    #expect(library.cache.summary(root: library.root) == nil)
    let load = LibraryLoad.open(root: library.root, cache: library.cache)
    #expect(!load.summaryWasCached)
    #expect(load.summary == ScenarioLibrary(root: library.root).summary)
    #expect(load.summary != before)
    // And the new listing is kept for the next start.
    #expect(library.cache.summary(root: library.root) == load.summary)
  }

  @Test("a damaged cache file is ignored and written anew")
  func damagedCacheIsIgnored() throws {
    let library = try Library()
    let summary = library.loadAndKeep()
    let file = library.cache.file(for: library.root)
    for damage in ["", "{", "{\"format\":1}", String(repeating: "\u{0}", count: 64), "[1,2,3]"] {
      try damage.write(toFile: file, atomically: false, encoding: .utf8)
      #expect(library.cache.summary(root: library.root) == nil, "\(damage.debugDescription)")
      let load = LibraryLoad.open(root: library.root, cache: library.cache)
      #expect(!load.summaryWasCached)
      #expect(load.summary == summary)
      #expect(library.cache.summary(root: library.root) == summary)
    }
  }

  @Test("the cache file is 0600 in a 0700 folder, and one its owner made read-only is left alone")
  func permissions() throws {
    let library = try Library()
    _ = library.loadAndKeep()
    let file = library.cache.file(for: library.root)
    let fm = FileManager.default
    #expect((try fm.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
    #expect((try fm.attributesOfItem(atPath: library.cache.directory)[.posixPermissions] as? Int) == 0o700)
    #expect(fm.fileExists(atPath: file))

    // Read-only, and stale: it is not used, not rewritten, and its mode is kept.
    try library.write("Scenarios/third.case", Fixtures.header(id: "third") + "== start\n@ending safe | Done\nDone.\n")
    let kept = try Data(contentsOf: URL(fileURLWithPath: file))
    chmod(file, 0o444)
    defer { chmod(file, 0o600) }
    let load = LibraryLoad.open(root: library.root, cache: library.cache)
    #expect(!load.summaryWasCached)
    #expect(load.summary.playable.map(\.id) == ["first", "second", "third"])
    #expect((try fm.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o444)
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == kept)
  }

  @Test("a cache folder that cannot be made only costs the cache")
  func unusableFolder() throws {
    let library = try Library()
    try "not a folder".write(toFile: library.root + "/cache", atomically: true, encoding: .utf8)
    let load = LibraryLoad.open(root: library.root, cache: library.cache)
    #expect(load.summary.playable.map(\.id) == ["first", "second"])
    #expect(!library.cache.keep(load.library))
  }
}
