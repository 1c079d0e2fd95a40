import CaseFormat
import Foundation

/// Words the spelling check accepts besides the dictionary: the names of agencies, acronyms and
/// terms of the trade (`MASH`, `Childline`, `s47`) that no general dictionary has.
///
/// A word list is a plain text file called `words.txt`, one word a line; blank lines and lines
/// starting with `#` are ignored. The library's sits at its root (beside `Scenarios/` and
/// `Guides/`), and a scenario also uses one in its own folder, as it uses `.guide` files there.
/// As in Hunspell's dictionaries, a word written in lower case is accepted with any capitals
/// (`safeguarding`, `Safeguarding`, `SAFEGUARDING`), and a word written with capitals only as
/// written or in capitals throughout (`Childline`, `CHILDLINE`, not `childline`).
public struct WordList: Sendable, Equatable {
  public static let fileName = "words.txt"

  private var anyCase: Set<String> = []
  private var asWritten: Set<String> = []
  /// The words of `asWritten` in capitals throughout.
  private var inCapitals: Set<String> = []

  public init(_ words: some Sequence<String>) {
    for word in words { add(word) }
  }

  /// The lists in `files`, together; a file that does not exist or cannot be read adds nothing.
  public static func load(files: [String]) -> WordList {
    var list = WordList([])
    for file in files {
      guard case .success(let text) = ScenarioLoader.readText(file) else { continue }
      for line in text.split(whereSeparator: \.isNewline) {
        let entry = line.trimmingCharacters(in: .whitespaces)
        if !entry.isEmpty && !entry.hasPrefix("#") { list.add(entry) }
      }
    }
    return list
  }

  /// The word lists a scenario at `path` uses: the library's and the one beside it.
  public static func files(libraryRoot: String?, besideScenario path: String) -> [String] {
    let beside = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(fileName)
    let library = libraryRoot.map { ($0 as NSString).appendingPathComponent(fileName) }
    let normalized = SourceFile.standardizedPath
    return [library, beside].compactMap { $0 }.reduce(into: []) { files, file in
      if !files.map(normalized).contains(normalized(file)) { files.append(file) }
    }
  }

  public mutating func add(_ word: String) {
    let word = word.replacingOccurrences(of: "’", with: "'")
    if word == word.lowercased() {
      anyCase.insert(word)
    } else {
      asWritten.insert(word)
      inCapitals.insert(word.uppercased())
    }
  }

  public func accepts(_ word: String) -> Bool {
    anyCase.contains(word.lowercased()) || asWritten.contains(word)
      || (word == word.uppercased() && inCapitals.contains(word))
  }

  public var isEmpty: Bool { anyCase.isEmpty && asWritten.isEmpty }
}
