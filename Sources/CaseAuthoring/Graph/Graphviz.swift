import Foundation

/// Graphviz's `dot` program, found on the search path, turning DOT into SVG.
///
/// Graphviz is an optional system tool, not a dependency: `--format dot` and `--format mermaid`
/// need nothing, and only SVG needs `dot` installed. Finding it is kept apart from running it
/// so the "not installed" case can be tested with any search path.
public struct Graphviz: Sendable {
  /// The `dot` executable that will be run.
  public let executablePath: String

  public init(executablePath: String) {
    self.executablePath = executablePath
  }

  /// What `dot` produced: the SVG and anything it printed as a warning.
  public struct Rendering: Sendable, Equatable {
    public var svg: String
    /// Graphviz's own stderr (warnings about layout, fonts...). Untrusted: it may quote labels.
    public var warnings: String
  }

  /// The first executable `dot` in the directories of `searchPath` (a `PATH` value), or nil
  /// (see ``ExternalProgram/locate(_:searchPath:)``: the current folder is never searched).
  public static func locate(searchPath: String?) -> Graphviz? {
    ExternalProgram.locate("dot", searchPath: searchPath).map { Graphviz(executablePath: $0.executablePath) }
  }

  /// Finds `dot` on `searchPath` and renders `dot` source as SVG.
  public static func svg(fromDOT source: String, searchPath: String?) throws(GraphvizError) -> Rendering {
    guard let graphviz = locate(searchPath: searchPath) else { throw .notInstalled }
    return try graphviz.svg(fromDOT: source)
  }

  /// Runs `dot -Tsvg` on `source` (through ``ExternalProgram``: never blocking on its pipes).
  public func svg(fromDOT source: String) throws(GraphvizError) -> Rendering {
    let output: ExternalProgram.Output
    do {
      output = try ExternalProgram(executablePath: executablePath).run(arguments: ["-Tsvg"], input: Data(source.utf8))
    } catch {
      throw .couldNotRun(error.reason)
    }
    let warnings = String(decoding: output.stderr, as: UTF8.self)
    guard output.succeeded else { throw .failed(status: output.status, message: warnings) }
    return Rendering(svg: String(decoding: output.stdout, as: UTF8.self), warnings: warnings)
  }
}

/// Why an SVG could not be made.
public enum GraphvizError: Error, Equatable, CustomStringConvertible {
  /// No `dot` on the search path.
  case notInstalled
  /// `dot` was found but could not be started.
  case couldNotRun(String)
  /// `dot` ran and failed; `message` is its stderr (untrusted: escape before printing).
  case failed(status: Int32, message: String)

  public var description: String {
    switch self {
    case .notInstalled:
      """
      --format svg needs Graphviz's 'dot' program, which was not found on PATH.
      Install Graphviz: 'sudo apt-get install graphviz' on Debian or Ubuntu, \
      'brew install graphviz' on macOS.
      Or use '--format dot' (or '--format mermaid'), which works without it.
      """
    case .couldNotRun(let reason): reason
    case .failed(let status, let message):
      "Graphviz 'dot' failed (status \(status))" + (message.isEmpty ? "" : ": \(message)")
    }
  }
}
