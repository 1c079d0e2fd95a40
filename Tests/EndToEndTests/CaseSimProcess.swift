import CaseTestSupport
import Foundation
import Synchronization

/// Runs the real `casesim` binary, as a trainee or a script would.
struct CaseSimProcess {
  /// The binary under test: $CASESIM_BINARY, else the one built beside the test bundle, else
  /// `.build/debug/casesim` in the repository.
  static let binary: String = {
    if let explicit = ProcessInfo.processInfo.environment["CASESIM_BINARY"] { return explicit }
    let beside = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("casesim").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return Fixtures.repositoryRoot + "/.build/debug/casesim"
  }()

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// A private data/state home and store for one test.
  struct Sandbox {
    let directory = Fixtures.temporaryDirectory()
    /// Variables to set (or override) for the process.
    var extraEnvironment: [String: String] = [:]
    var store: String { directory + "/records/casesim.sqlite" }
    var environment: [String: String] {
      var env = ProcessInfo.processInfo.environment
      env["XDG_DATA_HOME"] = directory + "/data"
      env["XDG_STATE_HOME"] = directory + "/state"
      env["CASESIM_STORE"] = store
      env["CASESIM_TRAINEE"] = "e2e-trainee"
      env["NO_COLOR"] = "1"
      env.removeValue(forKey: "CASESIM_LIBRARY")
      env.merge(extraEnvironment) { _, new in new }
      return env
    }
  }

  /// Runs to completion with `input` on stdin.
  static func run(_ arguments: [String], input: String = "", sandbox: Sandbox, cwd: String = Fixtures.repositoryRoot) throws -> Output {
    let running = try Running(arguments, sandbox: sandbox, cwd: cwd)
    running.send(input)
    running.closeInput()
    return running.wait()
  }

  /// A running `casesim` whose output can be watched while input is fed to it.
  final class Running {
    let process = Process()
    private let stdin = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let out = OutputBuffer()
    private let err = OutputBuffer()
    private let done = DispatchGroup()

    init(_ arguments: [String], sandbox: Sandbox, cwd: String) throws {
      process.executableURL = URL(fileURLWithPath: CaseSimProcess.binary)
      process.arguments = arguments
      process.environment = sandbox.environment
      process.currentDirectoryURL = URL(fileURLWithPath: cwd)
      process.standardInput = stdin
      process.standardOutput = stdoutPipe
      process.standardError = stderrPipe
      // Drain both pipes while the process runs, so a large output can never block it.
      for (pipe, sink) in [(stdoutPipe, out), (stderrPipe, err)] {
        done.enter()
        let handle = pipe.fileHandleForReading
        let group = done
        Thread.detachNewThread {
          while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            sink.append(chunk)
          }
          group.leave()
        }
      }
      try process.run()
    }

    var stdout: String { out.text }

    func send(_ text: String) {
      try? stdin.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    func closeInput() { try? stdin.fileHandleForWriting.close() }

    /// Waits until stdout satisfies `condition` (true) or the timeout passes (false).
    func waitFor(timeout: TimeInterval = 20, _ condition: (String) -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline {
        if condition(stdout) { return true }
        if !process.isRunning { return condition(stdout) }
        Thread.sleep(forTimeInterval: 0.02)
      }
      return false
    }

    func kill() {
      Foundation.kill(process.processIdentifier, SIGKILL)
    }

    func wait() -> Output {
      process.waitUntilExit()
      done.wait()
      return Output(
        status: process.terminationStatus, stdout: stdout,
        stderr: err.text)
    }
  }
}

/// Bytes collected from a pipe by a reader thread.
final class OutputBuffer: Sendable {
  private let data = Mutex(Data())
  func append(_ chunk: Data) { data.withLock { $0.append(chunk) } }
  var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
