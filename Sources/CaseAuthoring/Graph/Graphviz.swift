import Dispatch
import Foundation
import Synchronization

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

  /// The first executable `dot` in the directories of `searchPath` (a `PATH` value), or nil.
  /// Empty entries are skipped rather than read as the current folder, so a `dot` lying in
  /// whatever folder the trainer happens to be in is never run.
  public static func locate(searchPath: String?) -> Graphviz? {
    for directory in (searchPath ?? "").split(separator: ":", omittingEmptySubsequences: true) {
      let candidate = (String(directory) as NSString).appendingPathComponent("dot")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return Graphviz(executablePath: candidate)
      }
    }
    return nil
  }

  /// Finds `dot` on `searchPath` and renders `dot` source as SVG.
  public static func svg(fromDOT source: String, searchPath: String?) throws(GraphvizError) -> Rendering {
    guard let graphviz = locate(searchPath: searchPath) else { throw .notInstalled }
    return try graphviz.svg(fromDOT: source)
  }

  /// Runs `dot -Tsvg` on `source`.
  ///
  /// The source goes in through a temporary file rather than a pipe, so a `dot` that exits early
  /// cannot leave us writing into a closed pipe (SIGPIPE). Its stdout and stderr are pipes that
  /// are drained at the same time while it runs: reading one to the end first would deadlock
  /// once `dot` filled the other pipe's buffer.
  public func svg(fromDOT source: String) throws(GraphvizError) -> Rendering {
    let inputPath = NSTemporaryDirectory() + "casesim-graph-\(UUID().uuidString).dot"
    do {
      try Data(source.utf8).write(to: URL(fileURLWithPath: inputPath))
    } catch {
      throw .couldNotRun("cannot write a temporary file for Graphviz: \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(atPath: inputPath) }
    guard let input = FileHandle(forReadingAtPath: inputPath) else {
      throw .couldNotRun("cannot read back the temporary file \(inputPath)")
    }
    defer { try? input.close() }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath)
    process.arguments = ["-Tsvg"]
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw .couldNotRun("cannot run \(executablePath): \(error.localizedDescription)")
    }

    let errorText = Collected()
    let errorReader = errors.fileHandleForReading
    let group = DispatchGroup()
    group.enter()
    // A thread of its own, not a shared dispatch queue: if every pool thread were busy, stderr
    // would fill, dot would block on it, and reading stdout would wait forever.
    Thread.detachNewThread {
      let data = errorReader.readDataToEndOfFile()
      errorText.data.withLock { $0 = data }
      group.leave()
    }
    let svg = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()

    let warnings = String(decoding: errorText.data.withLock { $0 }, as: UTF8.self)
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw .failed(status: process.terminationStatus, message: warnings)
    }
    return Rendering(svg: String(decoding: svg, as: UTF8.self), warnings: warnings)
  }

  /// Bytes read on another thread, handed back under a lock.
  private final class Collected: Sendable {
    let data = Mutex(Data())
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
