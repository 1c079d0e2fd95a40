import Dispatch
import Foundation
import Synchronization

/// An optional system program (Graphviz's `dot`, Hunspell) found on the search path and run on
/// some input, never blocking and never for longer than a bound.
///
/// Such programs are tools CaseSim uses when they are there, not dependencies: finding one is kept
/// apart from running it, so the "not installed" case can be tested with any search path.
package struct ExternalProgram: Sendable {
  /// The executable that will be run.
  package let executablePath: String

  package init(executablePath: String) {
    self.executablePath = executablePath
  }

  /// The first executable called `name` in the directories of `searchPath` (a `PATH` value), or
  /// nil. Empty entries are skipped rather than read as the current folder, so a program lying in
  /// whatever folder the trainer happens to be in is never run. A `name` with a `/` is a path,
  /// used as it is when it is an executable file.
  package static func locate(_ name: String, searchPath: String?) -> ExternalProgram? {
    if name.contains("/") { return isExecutableFile(name) ? ExternalProgram(executablePath: name) : nil }
    for directory in (searchPath ?? "").split(separator: ":", omittingEmptySubsequences: true) {
      let candidate = (String(directory) as NSString).appendingPathComponent(name)
      if isExecutableFile(candidate) { return ExternalProgram(executablePath: candidate) }
    }
    return nil
  }

  private static func isExecutableFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
      && FileManager.default.isExecutableFile(atPath: path)
  }

  /// What a run produced.
  package struct Output: Sendable {
    /// The exit status (or the signal's number when it did not exit normally).
    package var status: Int32
    /// True when the program exited by itself with status 0.
    package var succeeded: Bool
    /// True when it was stopped because it ran past the time allowed.
    package var timedOut: Bool
    package var stdout: Data
    /// Untrusted: a program may quote its input here.
    package var stderr: Data
  }

  /// Why a program could not be run at all.
  package struct LaunchFailure: Error, Sendable {
    package var reason: String
  }

  /// Runs the program with `arguments` on `input`, in `workingDirectory` (nil: the current one),
  /// stopping it after `timeout` seconds (nil: no limit).
  ///
  /// The input goes in through a temporary file rather than a pipe, so a program that exits early
  /// cannot leave us writing into a closed pipe (SIGPIPE). Its stdout and stderr are pipes drained
  /// at the same time while it runs: reading one to the end first would deadlock once the program
  /// filled the other pipe's buffer.
  package func run(
    arguments: [String], input: Data, timeout: Double? = nil, workingDirectory: String? = nil
  ) throws(LaunchFailure) -> Output {
    let inputPath = NSTemporaryDirectory() + "casesim-input-\(UUID().uuidString)"
    do {
      try input.write(to: URL(fileURLWithPath: inputPath))
    } catch {
      throw LaunchFailure(reason: "cannot write a temporary file for \(executablePath): \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(atPath: inputPath) }
    guard let inputHandle = FileHandle(forReadingAtPath: inputPath) else {
      throw LaunchFailure(reason: "cannot read back the temporary file \(inputPath)")
    }
    defer { try? inputHandle.close() }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath)
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = inputHandle
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw LaunchFailure(reason: "cannot run \(executablePath): \(error.localizedDescription)")
    }

    let watchdog = Watchdog()
    if let timeout {
      let pid = process.processIdentifier
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
        // Nothing is killed once the run is marked finished (as soon as its output ends, just
        // before it is waited for), so a process id that might be reused is never signalled.
        watchdog.state.withLock { state in
          guard !state.finished else { return }
          state.fired = true
          kill(pid, SIGKILL)
        }
      }
    }

    let errorText = Collected()
    let errorReader = errors.fileHandleForReading
    let group = DispatchGroup()
    group.enter()
    // A thread of its own, not a shared dispatch queue: if every pool thread were busy, stderr
    // would fill, the program would block on it, and reading stdout would wait forever.
    Thread.detachNewThread {
      let data = errorReader.readDataToEndOfFile()
      errorText.data.withLock { $0 = data }
      group.leave()
    }
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    // Both pipes are closed: the program has exited, or closed them and is about to. The
    // watchdog may kill it until it is marked finished here.
    let timedOut = watchdog.state.withLock { state in
      state.finished = true
      return state.fired
    }
    process.waitUntilExit()

    return Output(
      status: process.terminationStatus,
      succeeded: !timedOut && process.terminationReason == .exit && process.terminationStatus == 0,
      timedOut: timedOut, stdout: stdout, stderr: errorText.data.withLock { $0 })
  }

  /// Bytes read on another thread, handed back under a lock.
  private final class Collected: Sendable {
    let data = Mutex(Data())
  }

  /// Whether the time allowed ran out, and whether the run is over (after which nothing is killed).
  private final class Watchdog: Sendable {
    let state = Mutex((finished: false, fired: false))
  }
}
