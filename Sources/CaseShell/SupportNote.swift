import CaseFormat
import Foundation

/// Where a trainee can turn after a scenario has upset them: the text an agency sets in a local
/// profile file (who to talk to, its employee assistance line), or a default that points to the
/// supervisor or facilitator and to the organisation's employee assistance programme.
///
/// The scenarios are informed by reviews into real children who died or were seriously harmed,
/// and many trainees bring experiences of their own. The note is shown in the calm pause after an
/// unsafe (or partly safe) ending and by the `support` command at any time, so that help is one
/// word away rather than somewhere in a handbook.
///
/// The file is local configuration, but it is still read the way every untrusted file is: through
/// ``SourceFile/read(_:limit:)`` (never blocks on a FIFO, refuses what is not a regular file, reads
/// at most ``maximumFileBytes``), and its text is escaped before it reaches the terminal. Only the
/// first ``maximumCharacters`` characters are kept, so a file that is pasted over by mistake cannot
/// bury the debrief. The default names no organisation and no telephone number: only the agency
/// knows which are right.
public struct SupportNote: Sendable, Equatable {
  /// Where the text came from.
  public enum Source: Sendable, Equatable {
    /// The agency's file at this path.
    case file(String)
    /// No file was set (or it could not be used): the built-in text.
    case builtIn
  }

  /// The text to show, as read (escaping and wrapping happen when it is shown).
  public let text: String
  public let source: Source
  /// Why the agency's file was not used, in words, when one was named or found but could not be
  /// read; nil when it was read, or when there simply is none.
  public let problem: String?

  /// The most characters of an agency's text that are shown; the rest is cut, and the cut is said.
  public static let maximumCharacters = 2_000
  /// The largest support file read at all (larger is refused, and the default shown instead).
  public static let maximumFileBytes = 64 * 1024

  /// The built-in text, when no agency has set its own.
  public static let defaultText = """
    If this scenario has stirred something up for you, that is a normal response to this work, \
    and you do not have to carry it alone.
    Talk to your supervisor, your facilitator or someone you trust at work; you can step away \
    from the scenario and come back to it another time.
    Your organisation's employee assistance programme (ask your manager or HR for the number) \
    offers free, confidential support.
    """

  public static let builtIn = SupportNote(text: defaultText, source: .builtIn, problem: nil)

  public init(text: String, source: Source, problem: String? = nil) {
    self.text = text
    self.source = source
    self.problem = problem
  }

  /// Reads the agency's support file at `path`. A missing file is the ordinary case (no agency
  /// text set) and gives the default quietly, unless the path was named explicitly
  /// (`CASESIM_SUPPORT_FILE`), when the trainee is told it was not found. A file that cannot be
  /// read, is too large, is not UTF-8 text or holds only blanks gives the default with the reason.
  public static func load(path: String, named explicitly: Bool = false) -> SupportNote {
    switch SourceFile.read(path, limit: maximumFileBytes) {
    case .failure(let failure):
      if failure.kind == .missing && !explicitly { return .builtIn }
      let reason: String =
        if case .regular(let size) = failure.kind {
          "it is \(size) bytes; the limit is \(maximumFileBytes / 1024) KiB"
        } else {
          SourceFile.describe(failure.kind)
        }
      return SupportNote(text: defaultText, source: .builtIn, problem: "\(path): \(reason)")
    case .success(let data):
      guard let text = String(data: data, encoding: .utf8) else {
        return SupportNote(text: defaultText, source: .builtIn, problem: "\(path): not UTF-8 text")
      }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else {
        return SupportNote(text: defaultText, source: .builtIn, problem: "\(path): the file is empty")
      }
      return SupportNote(text: bounded(trimmed), source: .file(path))
    }
  }

  /// At most ``maximumCharacters`` characters, cut at a line or word break where one is near,
  /// with a note saying it was cut.
  static func bounded(_ text: String) -> String {
    guard text.count > maximumCharacters else { return text }
    var kept = String(text.prefix(maximumCharacters))
    if let brk = kept.lastIndex(where: { $0 == "\n" || $0 == " " }),
      kept.distance(from: brk, to: kept.endIndex) < 200
    {
      kept = String(kept[..<brk])
    }
    return kept + " […] (cut: the support text is limited to \(maximumCharacters) characters)"
  }

  /// The note as the terminal shows it: each line of the text escaped and wrapped under a heading,
  /// blank lines kept as paragraph breaks.
  public func rendered(width: Int, colour: Bool) -> String {
    let style = TerminalStyle(enabled: colour)
    var out = [style.cyan("Support")]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let clean = UntrustedText.escaped(String(line)).trimmingCharacters(in: .whitespaces)
      out.append(clean.isEmpty ? "" : TextWrapper.wrap(clean, width: width, indent: "  "))
    }
    if let problem {
      out.append(
        style.dim(
          TextWrapper.wrap(
            "(The agency's support file could not be used: \(UntrustedText.escaped(problem)). This is the default text.)",
            width: width, indent: "  ")))
    }
    return out.joined(separator: "\n") + "\n"
  }
}
