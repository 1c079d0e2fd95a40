import Foundation
import Synchronization

/// Hunspell with a dictionary (British English by default), asked about many words at once, with
/// what it said about each word kept: `casesim check` runs it once for the whole library, and the
/// language server only for words it has not asked about before, never once per keystroke.
///
/// Hunspell is an optional system program (Debian's `hunspell` and `hunspell-en-gb`). When it or
/// the dictionary is missing, or it fails or runs past ``Settings/timeoutSeconds``, the speller is
/// ``Unavailable``, says why and what to install, and the check goes on without spelling.
///
/// It is run in the root folder with a dictionary named or given by an absolute path, so a
/// dictionary lying in the trainer's current folder (which Hunspell searches first) is never
/// picked up; its input is one word a line, written to a file, so scenario text can neither
/// reach it as a command nor make it block.
public final class Speller: Sendable {
  public struct Settings: Sendable, Equatable {
    public static let defaultDictionary = "en_GB"
    /// The program: a name looked up on `searchPath`, or a path.
    public var hunspell: String
    /// A dictionary name Hunspell knows (`en_GB`), or the path of its `.dic` file without the
    /// extension.
    public var dictionary: String
    /// Where to look for `hunspell` (a `PATH` value).
    public var searchPath: String?
    /// The longest one run of Hunspell may take.
    public var timeoutSeconds: Double

    public init(
      hunspell: String = "hunspell", dictionary: String = Settings.defaultDictionary, searchPath: String?,
      timeoutSeconds: Double = 30
    ) {
      self.hunspell = hunspell
      self.dictionary = dictionary
      self.searchPath = searchPath
      self.timeoutSeconds = timeoutSeconds
    }
  }

  public enum Verdict: Sendable, Equatable {
    case correct
    /// Hunspell's suggestions, best first (none when it has none, or when more words were
    /// misspelt in one run than ``suggestionLimit``).
    case misspelt(suggestions: [String])
  }

  /// Why spelling cannot be checked, said so that a trainer knows what to install.
  public struct Unavailable: Error, Sendable, Equatable {
    public var reason: String
  }

  /// Suggestions are the slow part of Hunspell (tens of milliseconds a word); past this many
  /// misspelt words in one run the rest are reported without them, so a check stays quick.
  public static let suggestionLimit = 60

  public let settings: Settings
  private let state = Mutex<(known: [String: Verdict], unavailable: Unavailable?)>(([:], nil))

  public init(settings: Settings) {
    self.settings = settings
  }

  /// What Hunspell says about each of `words` (asking it only about words not asked before).
  public func verdicts(for words: some Sequence<String>) -> Result<[String: Verdict], Unavailable> {
    let asked = Set(words)
    let (known, unknown, unavailable) = state.withLock { state in
      (state.known.filter { asked.contains($0.key) }, asked.filter { state.known[$0] == nil }, state.unavailable)
    }
    if let unavailable { return .failure(unavailable) }
    guard !unknown.isEmpty else { return .success(known) }
    switch lookUp(unknown.sorted()) {
    case .failure(let reason):
      state.withLock { $0.unavailable = reason }
      return .failure(reason)
    case .success(let found):
      state.withLock { $0.known.merge(found) { _, new in new } }
      return .success(known.merging(found) { _, new in new })
    }
  }

  // MARK: Running Hunspell

  private func lookUp(_ words: [String]) -> Result<[String: Verdict], Unavailable> {
    guard let program = ExternalProgram.locate(settings.hunspell, searchPath: settings.searchPath) else {
      return .failure(Unavailable(reason: settings.hunspell.contains("/")
        ? "there is no Hunspell program at \(settings.hunspell)"
        : "Hunspell is not installed (on Debian or Ubuntu: sudo apt-get install hunspell hunspell-en-gb)"))
    }
    var dictionary = settings.dictionary
    if dictionary.contains("/") && !dictionary.hasPrefix("/") {
      dictionary = FileManager.default.currentDirectoryPath + "/" + dictionary
    }
    // -l lists the words it does not know, quickly; -a then gives suggestions for those.
    let listed: [String]
    switch run(program, ["-d", dictionary, "-l", "-i", "UTF-8"], lines: words) {
    case .failure(let reason): return .failure(reason)
    case .success(let output): listed = output
    }
    let misspelt = Set(listed).intersection(words)
    var found = Dictionary(uniqueKeysWithValues: words.map { ($0, Verdict.correct) })
    for word in misspelt { found[word] = .misspelt(suggestions: []) }
    let suggestFor = misspelt.sorted().prefix(Self.suggestionLimit)
    guard !suggestFor.isEmpty else { return .success(found) }
    // "^" before each word keeps it from being read as one of the pipe mode's commands.
    switch run(program, ["-d", dictionary, "-a", "-i", "UTF-8"], lines: suggestFor.map { "^" + $0 }) {
    case .failure(let reason): return .failure(reason)
    case .success(let output):
      for (word, suggestions) in zip(suggestFor, Self.suggestions(fromPipeOutput: output)) {
        found[word] = .misspelt(suggestions: suggestions)
      }
    }
    return .success(found)
  }

  private func run(_ program: ExternalProgram, _ arguments: [String], lines: [String]) -> Result<[String], Unavailable> {
    let output: ExternalProgram.Output
    do {
      output = try program.run(
        arguments: arguments, input: Data((lines.joined(separator: "\n") + "\n").utf8),
        timeout: settings.timeoutSeconds, workingDirectory: "/")
    } catch {
      return .failure(Unavailable(reason: error.reason))
    }
    if output.timedOut {
      return .failure(Unavailable(reason: "Hunspell took longer than \(Int(settings.timeoutSeconds)) seconds and was stopped"))
    }
    guard output.succeeded else {
      let message = String(decoding: output.stderr, as: UTF8.self)
      if message.contains("Can't open affix or dictionary") {
        return .failure(Unavailable(reason: settings.dictionary == Settings.defaultDictionary
          ? "Hunspell has no en_GB dictionary (on Debian or Ubuntu: sudo apt-get install hunspell-en-gb)"
          : "Hunspell cannot open the dictionary '\(settings.dictionary)' (a name 'hunspell -D' lists, or the path of a .dic file without '.dic')"))
      }
      let firstLine = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "no message"
      return .failure(Unavailable(reason: "Hunspell failed (status \(output.status)): \(firstLine)"))
    }
    return .success(String(decoding: output.stdout, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init))
  }

  /// The suggestions for each input line of Hunspell's pipe mode (`-a`), in order. After the
  /// version line, each input line gets one line (`*`, `+ ROOT` or `-` when it is correct,
  /// `& WORD N OFFSET: S1, S2` with suggestions, `# WORD OFFSET` without), then a blank line.
  /// Suggestions of several words (`col or`) are left out: they cannot replace one word.
  package static func suggestions(fromPipeOutput lines: [String]) -> [[String]] {
    var result: [[String]] = []
    for line in lines where !line.hasPrefix("@(#)") && !line.isEmpty {
      guard line.hasPrefix("&"), let colon = line.firstIndex(of: ":") else {
        result.append([])
        continue
      }
      result.append(
        line[line.index(after: colon)...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
          .filter { !$0.isEmpty && !$0.contains(" ") })
    }
    return result
  }
}
