import ArgumentParser
import CaseFormat
import Foundation

/// `casesim explain [CODE]`: what a diagnostic code means and why it matters, the shape of its
/// message, an example of what brings it and the fix, from the same descriptions as the trainer's
/// guide's tables.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a diagnostic code (the word in [brackets] after a message): what it means, its message, an example and the fix.",
    discussion: "With no code, lists every code with its severity. Exits 66 for a code that does not exist.")

  @Argument(help: ArgumentHelp("A code such as unknown-target or [unknown-target].", valueName: "code"))
  var code: String?

  func run() throws {
    guard let code else {
      let width = (DiagnosticCatalog.all.map(\.code.rawValue.count).max() ?? 0) + 2
      var group: DiagnosticDescriptor.Group?
      for descriptor in DiagnosticCatalog.all {
        if descriptor.group != group {
          Output.print("\(group == nil ? "" : "\n")\(Self.plain(descriptor.group.rawValue))\n")
          group = descriptor.group
        }
        Output.print("  " + descriptor.code.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + descriptor.severityLabel + "\n")
      }
      return
    }
    let wanted = code.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).lowercased()
    guard let descriptor = DiagnosticCatalog.descriptor(for: DiagnosticCode(rawValue: wanted)) else {
      let suggestion = Suggestions.closest(to: wanted, among: DiagnosticCatalog.all.map(\.code.rawValue))
      Output.error(
        "no diagnostic code '\(UntrustedText.escaped(wanted))'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); 'casesim explain' lists them all")
      throw Exit.noInput
    }
    Output.print(Self.text(descriptor, width: 80))
  }

  /// The description as the terminal shows it: what it means, the shape of its message, an
  /// example and the fix. Markdown's backticks become quotes.
  static func text(_ descriptor: DiagnosticDescriptor, width: Int) -> String {
    let messages = descriptor.messages.map { TextWrapper.wrap($0, width: width, indent: "    ", hangingIndent: "      ") }
    return [
      "\(descriptor.code.rawValue) (\(descriptor.severityLabel); \(plain(descriptor.group.rawValue).lowercased()))",
      TextWrapper.wrap(plain(descriptor.description), width: width, indent: "  ", hangingIndent: "  "),
      "  " + (messages.count == 1 ? "Message:" : "Messages:"),
    ].joined(separator: "\n") + "\n" + messages.joined(separator: "\n") + "\n"
      + [
        TextWrapper.wrap("Example: " + plain(descriptor.example), width: width, indent: "  ", hangingIndent: "    "),
        TextWrapper.wrap("Fix: " + plain(descriptor.fix), width: width, indent: "  ", hangingIndent: "    "),
      ].joined(separator: "\n") + "\n"
  }

  private static func plain(_ markdown: String) -> String {
    markdown.replacingOccurrences(of: "`", with: "'")
  }
}
