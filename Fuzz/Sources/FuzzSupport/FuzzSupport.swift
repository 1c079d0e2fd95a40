public import CaseFormat
import Foundation

/// What every fuzz target shares: turning libFuzzer's bytes into text the way the tools read
/// files, the library's guidance, and the invariants, which trap (`fatalError`) on violation so
/// that libFuzzer saves the input as a reproducer.
public enum Fuzz {
  /// The input as the command-line tools would read it from a file: bytes decoded by
  /// `ScenarioLoader.decode` (NUL bytes and invalid UTF-8 refused with a positioned diagnostic).
  /// Returns nil for input the tools refuse, after checking that refusal's position.
  public static func text(_ start: UnsafeRawPointer, _ count: Int, path: String) -> String? {
    let data = Data(bytes: start, count: count)
    switch ScenarioLoader.decode(data, path: path) {
    case .success(let text):
      return text
    case .failure(let diagnostic):
      // The position of a NUL byte is counted on the raw bytes: lines are LF, CR or CRLF.
      let lines = max(1, data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) })
      if let location = diagnostic.location, location.file == path, (1...lines).contains(location.line),
        location.column >= 1
      {
        return nil
      }
      violation("position", "decode refused the input with a diagnostic outside it: \(diagnostic)")
      return nil
    }
  }

  /// Invariants named in `$CASESIM_FUZZ_SKIP` (comma-separated), e.g. while a known finding
  /// waits for its fix and the rest of a target should still be fuzzed. Never set in CI.
  public static let skipped: Set<String> = Set(
    (ProcessInfo.processInfo.environment["CASESIM_FUZZ_SKIP"] ?? "").split(separator: ",").map {
      String($0).trimmingCharacters(in: .whitespaces)
    })

  /// Traps with a message libFuzzer prints above its report, unless the invariant `name` is
  /// skipped (see ``skipped``).
  public static func violation(_ name: String, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    guard !skipped.contains(name) else { return }
    fatalError("fuzz invariant '\(name)' violated: \(message())", file: file, line: line)
  }

  /// A violation that cannot be skipped (the code after it cannot go on).
  public static func failure(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError("fuzz invariant violated: \(message)", file: file, line: line)
  }

  /// The lines of `text` as the parsers count them: LF, CR and CRLF each end a line.
  public static func lines(of text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var i = utf8.startIndex
    while i < utf8.endIndex {
      let byte = utf8[i]
      if byte == 0x0A || byte == 0x0D {
        lines.append(text[start..<i])
        var next = utf8.index(after: i)
        if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
        i = next
        start = i
      } else {
        i = utf8.index(after: i)
      }
    }
    if start < utf8.endIndex { lines.append(text[start..<utf8.endIndex]) }
    return lines
  }

  /// Every diagnostic (and note) that has a location points into one of `files`: a known file,
  /// a line that exists (line 1 of an empty file counts) and a column on that line or just past
  /// its end, counted in characters as the renderer counts them.
  public static func requirePositions(
    _ diagnostics: [Diagnostic], in files: [String: String], context: @autoclosure () -> String = "",
    invariant: String = "position"
  ) {
    // Lines are split once per file, and only the lines pointed at are measured (in characters,
    // which costs grapheme breaking): this runs on every input of the fast parser target.
    var split: [String: [Substring]] = [:]
    func lengths(_ path: String) -> LineLengths? {
      if let known = split[path] { return LineLengths(lines: known) }
      guard let text = files[path] else { return nil }
      let lines = lines(of: text)
      split[path] = lines
      return LineLengths(lines: lines)
    }
    func check(_ location: SourceLocation, _ what: String) {
      guard let lineLengths = lengths(location.file) else {
        violation(invariant, "\(what) points at '\(location.file)', which is not one of the files read \(context())")
        return
      }
      let lineCount = max(1, lineLengths.lines.count)
      guard location.line >= 1, location.line <= lineCount else {
        violation(invariant, "\(what) is on line \(location.line) of a \(lineLengths.lines.count)-line file \(context())")
        return
      }
      let width = location.line <= lineLengths.lines.count ? lineLengths.lines[location.line - 1].count : 0
      guard location.column >= 1, location.column <= width + 1 else {
        violation(invariant, "\(what) is at column \(location.column) of a line \(width) characters long \(context())")
        return
      }
    }
    for diagnostic in diagnostics {
      if let location = diagnostic.location { check(location, "diagnostic '\(diagnostic)'") }
      if diagnostic.length < 1 { violation(invariant, "diagnostic '\(diagnostic)' has length \(diagnostic.length)") }
      for note in diagnostic.notes {
        if let location = note.location { check(location, "note '\(note.message)' of '\(diagnostic)'") }
        if note.length < 1 { violation(invariant, "note '\(note.message)' of '\(diagnostic)' has length \(note.length)") }
      }
    }
  }

  private struct LineLengths {
    var lines: [Substring]
  }

  /// The library's guidance, loaded once: from `$CASESIM_FUZZ_GUIDES`, else `Guides/` in the
  /// working directory or above it. Traps if it is missing or has errors, since every finding
  /// would then be about the setup.
  public static let guidance: LoadedGuidance = {
    var candidates: [String] = []
    if let named = ProcessInfo.processInfo.environment["CASESIM_FUZZ_GUIDES"] { candidates.append(named) }
    var directory = FileManager.default.currentDirectoryPath
    for _ in 0..<4 {
      candidates.append((directory as NSString).appendingPathComponent("Guides"))
      directory = (directory as NSString).deletingLastPathComponent
    }
    for candidate in candidates {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: candidate)) ?? []
      guard names.contains(where: { $0.hasSuffix(".guide") }) else { continue }
      let loaded = ScenarioLoader.loadGuidance(directory: candidate)
      if loaded.diagnostics.hasErrors {
        fatalError("the guidance in \(candidate) has errors: \(loaded.diagnostics.filter { $0.severity == .error })")
      }
      return loaded
    }
    fatalError("no Guides/ folder found: run from the repository root or set CASESIM_FUZZ_GUIDES")
  }()

  /// An include reader that refuses every include: fuzz input never reaches the disk.
  public static func refuseIncludes(_ path: String) -> Result<String, Diagnostic> {
    .failure(.error(.unreadableFile, "includes are not read while fuzzing", at: SourceLocation(file: path, line: 1, column: 1)))
  }

  /// Where the seed-writing hooks of some targets put their files, if the script asked for them.
  public static var seedDirectory: String? {
    ProcessInfo.processInfo.environment["CASESIM_FUZZ_SEED_DIR"].flatMap { $0.isEmpty ? nil : $0 }
  }
}
