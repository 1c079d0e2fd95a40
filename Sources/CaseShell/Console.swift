import CaseFormat
import Foundation

/// What a read from the console produced.
public enum ConsoleInput: Equatable, Sendable {
  case line(String)
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
}

/// The shell's view of the terminal: lines in, text out. The readline editor, plain piped
/// input and the tests' scripted console all implement it, so the play loop is the same code
/// whether a person or a script is at the keyboard.
public protocol Console: AnyObject {
  /// Reads a line. `remember` is false for private text (rationales, answers to questions),
  /// which must not end up in the line-editing history.
  func readLine(prompt: String, remember: Bool) -> ConsoleInput
  func write(_ text: String)
  /// Columns available for wrapping, asked afresh at each render (the window may be resized).
  var width: Int { get }
  /// ANSI colour allowed: only on a terminal, never with NO_COLOR.
  var colour: Bool { get }
  /// True when a person is typing at a terminal (Ctrl-D then asks before leaving).
  var isInteractive: Bool { get }
  /// What Tab completion offers in the current context, where the console has completion.
  func setCompletions(_ table: CompletionTable)
  /// Rows of the screen, asked afresh at each use; text taller than this is paged. Consoles that
  /// are not a screen (pipes, files) have no height to fill.
  var height: Int { get }
  /// Shows `text` through the trainee's own pager (`$PAGER`), returning true once it has been
  /// shown; false when there is none or it could not be run, so the built-in pager is used.
  func runExternalPager(_ text: String) -> Bool
}

extension Console {
  /// Reads a command line, which the history may keep.
  public func readLine(prompt: String) -> ConsoleInput { readLine(prompt: prompt, remember: true) }

  /// No screen to fill: nothing is ever paged.
  public var height: Int { Int.max }

  /// No external pager by default.
  public func runExternalPager(_ text: String) -> Bool { false }

  /// `text` as a message is written to this console. At a screen, each line wider than it is
  /// wrapped between words under its own indent, so the terminal never cuts a word, an id, a
  /// path or a time in two ("06:5" / "2 UTC"); a line that fits is left exactly as it is (tables,
  /// aligned columns). A pipe has no width to fit, and gets the text as it is, as ever.
  package func fitted(_ text: String) -> String {
    guard isInteractive else { return text }
    let width = max(20, self.width)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      guard TextWrapper.visibleLength(line) > width else { return String(line) }
      let indent = String(line.prefix { $0 == " " })
      return TextWrapper.wrap(String(line.dropFirst(indent.count)), width: width, indent: indent)
    }.joined(separator: "\n")
  }
}

/// Reads plain lines from standard input and writes to standard output: used whenever stdin or
/// stdout is not a terminal, so scripted runs and tests see byte-exact transcripts.
public final class PlainConsole: Console {
  public let width: Int
  public let colour = false
  public let isInteractive = false

  public init(width: Int = 80) { self.width = width }

  public func readLine(prompt: String, remember: Bool) -> ConsoleInput {
    write(prompt)
    guard let line = Swift.readLine(strippingNewline: true) else {
      write("\n")
      return .endOfInput
    }
    write("\n")
    return .line(line)
  }

  public func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  public func setCompletions(_ table: CompletionTable) {}
}

/// What Tab completes: the first word from `commands`, a later word from the list given for the
/// command before it (`play` -> scenario ids, `guidance` -> principle ids...), and after `play
/// ID` the scenario's roles and the options of play (`--mode` -> practice, assessment).
public struct CompletionTable: Sendable, Equatable {
  public var commands: [String]
  public var arguments: [String: [String]]
  /// Each playable scenario's roles, by id, offered after `play ID`.
  public var roles: [String: [String]]

  /// The options `play` takes at the prompt, and the values each offers.
  static let playOptions: [String: [String]] = [
    "--mode": PlayMode.allCases.map(\.rawValue), "--order": ["written", "shuffled"], "--role": [], "--team": [],
  ]

  public init(commands: [String], arguments: [String: [String]] = [:], roles: [String: [String]] = [:]) {
    self.commands = commands
    self.arguments = arguments
    self.roles = roles
  }

  /// Candidates for the word starting `prefix`, after `preceding` words on the line.
  public func candidates(preceding: [String], prefix: String) -> [String] {
    let pool: [String]
    if let command = preceding.first?.lowercased() {
      if (command == "play" || command == "p"), preceding.count >= 2 {
        pool = playCandidates(preceding, prefix: prefix)
      } else {
        pool = preceding.count == 1 ? arguments[command] ?? [] : []
      }
    } else {
      pool = commands
    }
    return pool.filter { $0.hasPrefix(prefix) }.sorted()
  }

  /// After `play ID`: a role, an option, or the value of the option just typed.
  private func playCandidates(_ preceding: [String], prefix: String) -> [String] {
    let scenarioRoles = roles[preceding[1]] ?? []
    if let last = preceding.last, let values = Self.playOptions[last] {
      return last == "--role" || last == "--team" ? scenarioRoles : values
    }
    if prefix.hasPrefix("-") { return Array(Self.playOptions.keys) }
    return preceding.count == 2 ? scenarioRoles : []
  }
}
