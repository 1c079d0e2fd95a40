import Foundation
import Testing

/// Runs the real `casesim` shell in a pseudo-terminal through `Interactive/shell_session.py`
/// (Python 3 with pexpect), which checks what only a terminal shows: readline's Tab completion,
/// Ctrl-C and Ctrl-D, history kept across runs, resuming, and colour with and without NO_COLOR.
///
/// The script needs pexpect; when it is missing this test fails (it does not skip) and says how
/// to install it. The binary is `<repo>/.build/debug/casesim` unless CASESIM_BINARY names another.
@Suite("Interactive shell in a pseudo-terminal")
struct InteractiveShellTests {
  /// The repository root: three levels up from Tests/EndToEndTests/InteractiveShellTests.swift.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // InteractiveShellTests.swift
    .deletingLastPathComponent()  // EndToEndTests
    .deletingLastPathComponent()  // Tests

  static var binaryPath: String {
    if let path = ProcessInfo.processInfo.environment["CASESIM_BINARY"], !path.isEmpty { return path }
    return repositoryRoot.appendingPathComponent(".build/debug/casesim").path
  }

  static var scriptPath: String {
    repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Interactive/shell_session.py").path
  }

  @Test(
    "Tab completion, Ctrl-C, Ctrl-D, history, resume and colour at a real terminal",
    .timeLimit(.minutes(2)))
  func shellSessionInAPseudoTerminal() {
    let pexpectCheck = Self.run(["python3", "-c", "import pexpect"])
    guard pexpectCheck.status == 0 else {
      Issue.record(
        """
        The interactive shell test needs Python 3 with pexpect, which is missing here. \
        Install it with `python3 -m pip install pexpect` (or the python3-pexpect package), then run \
        the tests again.
        \(pexpectCheck.output)
        """)
      return
    }
    let binary = Self.binaryPath
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      Issue.record("No casesim executable at \(binary); run `swift build` first (or set CASESIM_BINARY).")
      return
    }

    let result = Self.run(["python3", Self.scriptPath, binary, Self.repositoryRoot.path])
    #expect(
      result.status == 0,
      "shell_session.py exited with status \(result.status). Its output:\n\(result.output)")
  }

  /// Runs a command through /usr/bin/env with stdout and stderr merged, reading the pipe until
  /// it closes before waiting for the exit, so a chatty child can never block on a full pipe.
  static func run(_ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardInput = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return (127, "could not start \(arguments.joined(separator: " ")): \(error)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
