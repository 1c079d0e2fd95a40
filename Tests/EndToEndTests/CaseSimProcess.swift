import CaseTestSupport
import Foundation

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

  /// How long a wait for a screen may take before the test gives up. Generous, because two busy
  /// cores can stall a process for seconds; a wrong screen or an exit ends the wait at once.
  static let patience: TimeInterval = 60

  struct Output {
    var status: Int32
    /// `.exit` (status is the exit code) or `.uncaughtSignal` (status is the signal number).
    var reason: Process.TerminationReason
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
      env["XDG_CACHE_HOME"] = directory + "/cache"
      env["XDG_CONFIG_HOME"] = directory + "/config"
      env["CASESIM_STORE"] = store
      env["CASESIM_TRAINEE"] = "e2e-trainee"
      env["NO_COLOR"] = "1"
      env.removeValue(forKey: "CASESIM_LIBRARY")
      env.merge(extraEnvironment) { _, new in new }
      return env
    }
  }

  /// Runs to completion with `input` on stdin.
  /// - Parameter binary: another copy of `casesim` to run (one installed away from the library).
  static func run(
    _ arguments: [String], input: String = "", sandbox: Sandbox, cwd: String = Fixtures.repositoryRoot,
    binary: String = CaseSimProcess.binary
  ) throws -> Output {
    let running = try Running(arguments, sandbox: sandbox, cwd: cwd, binary: binary)
    running.send(input)
    running.closeInput()
    return running.wait()
  }

  /// What a wait for a screen ended with.
  enum Wait: Equatable {
    /// The expected text is on screen.
    case shown
    /// A screen that rules the expected one out (an error, the wrong passage) came first.
    case wrongScreen
    /// The process ended before the expected screen appeared.
    case exited
    /// Nothing decided it within the patience.
    case timedOut
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

    /// - Parameter defaultSignals: start the binary as a terminal's shell would, with no signal
    ///   blocked or ignored. A child of Foundation's `Process` inherits the launching thread's
    ///   signal mask, and under `swift test` that can hold SIGHUP and SIGINT back; a test that
    ///   sends one of them needs this (it execs through Python, keeping the process id).
    init(
      _ arguments: [String], sandbox: Sandbox, cwd: String, defaultSignals: Bool = false,
      binary: String = CaseSimProcess.binary
    ) throws {
      if defaultSignals {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.resetSignals, binary] + arguments
      } else {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
      }
      process.environment = sandbox.environment
      process.currentDirectoryURL = URL(fileURLWithPath: cwd)
      process.standardInput = stdin
      process.standardOutput = stdoutPipe
      process.standardError = stderrPipe
      // Drain both pipes while the process runs, so a large output can never block it; each
      // chunk wakes whoever waits for a screen (no polling).
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
          sink.close()
          group.leave()
        }
      }
      try process.run()
    }

    /// Unblocks every signal, restores the default action of the ones a terminal sends, then
    /// becomes the binary (same process id).
    static let resetSignals = """
      import os, signal, sys
      for number in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
          signal.signal(number, signal.SIG_DFL)
      signal.pthread_sigmask(signal.SIG_SETMASK, set())
      os.execv(sys.argv[1], sys.argv[1:])
      """

    var stdout: String { out.text }
    var stderr: String { err.text }
    var pid: Int32 { process.processIdentifier }

    func send(_ text: String) {
      try? stdin.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    func closeInput() { try? stdin.fileHandleForWriting.close() }

    /// Waits, without polling, until stdout shows what `shown` looks for, or shows what
    /// `wrong` looks for (fail fast on a wrong screen), or the program ends (its output closes).
    func waitFor(
      timeout: TimeInterval = CaseSimProcess.patience, wrong: (String) -> Bool = { _ in false },
      _ shown: (String) -> Bool
    ) -> Wait {
      out.wait(until: Date().addingTimeInterval(timeout)) { text, closed in
        if shown(text) { return .shown }
        if wrong(text) { return .wrongScreen }
        return closed ? .exited : nil
      } ?? .timedOut
    }

    /// Waits until the stdout has grown past `count` bytes (or the program ends).
    func waitForOutput(beyond count: Int, timeout: TimeInterval = CaseSimProcess.patience) -> Wait {
      out.wait(until: Date().addingTimeInterval(timeout)) { text, closed in
        if text.utf8.count > count { return .shown }
        return closed ? .exited : nil
      } ?? .timedOut
    }

    func kill() { signal(SIGKILL) }

    func signal(_ number: Int32) {
      Foundation.kill(process.processIdentifier, number)
    }

    func wait() -> Output {
      process.waitUntilExit()
      done.wait()
      return Output(
        status: process.terminationStatus, reason: process.terminationReason, stdout: stdout,
        stderr: err.text)
    }
  }
}

/// Bytes collected from a pipe by a reader thread; waiters are woken by each chunk.
final class OutputBuffer: @unchecked Sendable {
  private let condition = NSCondition()
  private var data = Data()
  private var closed = false

  func append(_ chunk: Data) {
    condition.lock()
    data.append(chunk)
    condition.broadcast()
    condition.unlock()
  }

  /// The pipe reached its end: the process has closed it (usually by exiting).
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  var text: String {
    condition.lock()
    defer { condition.unlock() }
    return String(decoding: data, as: UTF8.self)
  }

  /// Re-evaluates `decide` on the text so far whenever it grows, until it returns a value or
  /// the deadline passes (nil).
  func wait<T>(until deadline: Date, _ decide: (String, Bool) -> T?) -> T? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let decided = decide(String(decoding: data, as: UTF8.self), closed) { return decided }
      if !condition.wait(until: deadline) {
        return decide(String(decoding: data, as: UTF8.self), closed)
      }
    }
  }
}
