import ArgumentParser
import CaseLanguageServer
import Foundation

/// `casesim lsp`: the language server, for editors (setup in Documentation/editors.md).
struct LSPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsp",
    abstract: "Run the language server on standard input and output, for an editor.",
    discussion: """
      Speaks the Language Server Protocol: diagnostics as you type (the same checks as 'casesim check'), go to definition, references, completion, hover, outline, rename, formatting and quick fixes. Documentation/editors.md says how to set up VS Code, Neovim and Helix. The library's catalogs are found as for 'casesim check' (CASESIM_LIBRARY, or upwards from the file).
      """)

  func run() throws {
    var server = LanguageServer(input: STDIN_FILENO, output: STDOUT_FILENO)
    let status = server.run()
    if status != 0 { throw ExitCode(status) }
  }
}
