import CaseFormat
import CaseShell
import Foundation

/// Who is training, kept between runs in `$XDG_CONFIG_HOME/casesim/config` (default
/// `~/.config/casesim/config`): a person's records should carry the name they gave, not the
/// login name of a shared machine ("root"). The file is plain text, one `key: value` a line (`#`
/// starts a comment), private to its owner (0600 in a 0700 folder); today it holds `trainee:`.
struct TraineeProfile {
  /// The longest name kept: longer is cut, so a pasted paragraph does not become a name.
  static let maximumNameLength = 100
  /// The largest config file read.
  static let maximumFileBytes = 64 * 1024

  let path: String

  /// The name in the file, if there is one.
  var trainee: String? {
    guard case .success(let data) = SourceFile.read(path, limit: Self.maximumFileBytes),
      let text = String(data: data, encoding: .utf8)
    else { return nil }
    for line in text.split(whereSeparator: \.isNewline) {
      let content = line.drop { $0 == " " || $0 == "\t" }
      guard !content.hasPrefix("#"), let colon = content.firstIndex(of: ":") else { continue }
      guard content[..<colon].trimmingCharacters(in: .whitespaces) == "trainee" else { continue }
      let name = Self.cleaned(String(content[content.index(after: colon)...]))
      return name.isEmpty ? nil : name
    }
    return nil
  }

  /// Keeps `name` as the trainee; false when the file could not be written.
  func save(trainee name: String) -> Bool {
    let text = "# CaseSim: who is training on this account (casesim --trainee NAME overrides it for one run).\ntrainee: \(name)\n"
    return PrivateFile.write(Data(text.utf8), to: path)
  }

  /// A typed name made fit to keep: blanks trimmed, runs of blanks made one space, no control or
  /// invisible characters, at most ``maximumNameLength`` characters.
  static func cleaned(_ typed: String) -> String {
    let visible = typed.unicodeScalars.filter { !UntrustedText.isUnsafe($0) }
    let words = String(String.UnicodeScalarView(visible)).split(whereSeparator: \.isWhitespace)
    return String(words.joined(separator: " ").prefix(maximumNameLength))
  }

  /// At a terminal, asks who is training and keeps the answer; returns the name to use.
  /// Enter alone keeps `fallback` (the login name), which is then kept too, so the question is
  /// asked once.
  func ask(on console: any Console, fallback: String) -> String {
    console.write(
      "\nWho is training? Your name goes on your records and debriefs on this computer.\n")
    let answer: String
    switch console.readLine(prompt: "Your name (Enter for '\(UntrustedText.escaped(fallback))'): ", remember: false) {
    case .line(let typed): answer = Self.cleaned(typed)
    case .endOfInput: return fallback
    }
    let name = answer.isEmpty ? fallback : answer
    let thanks =
      save(trainee: name)
      ? "Thank you, \(UntrustedText.escaped(name)). Kept in \(path); 'casesim --trainee NAME' changes it for one run."
      : "Thank you, \(UntrustedText.escaped(name)). (It could not be kept in \(path), so you will be asked again.)"
    console.write(TextWrapper.wrap(thanks, width: console.width) + "\n\n")
    return name
  }
}
