import CaseTestSupport
import Foundation
import Testing

/// Runs the real `casesim` shell in a pseudo-terminal through `Interactive/shell_session.py`
/// (Python 3 with pexpect), which checks what only a terminal shows: readline's Tab completion,
/// Ctrl-C and Ctrl-D, history kept across runs, resuming, and colour with and without NO_COLOR.
///
/// The script needs pexpect; when it is missing this test fails (it does not skip) and says how
/// to install it. The binary is the one the other end-to-end tests run (see `CaseSimProcess.binary`).
@Suite("Interactive shell in a pseudo-terminal", .tags(.slow))
struct InteractiveShellTests {
  static var scriptPath: String { Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/shell_session.py" }

  @Test(
    "Tab completion of ids, roles and options, Ctrl-C, Ctrl-D, history, resume, colour and who is training, at a real terminal of each size",
    .timeLimit(.minutes(5)), arguments: ["80x24", "100x40", "140x45"])
  func shellSessionInAPseudoTerminal(size: String) {
    let pexpectCheck = CommandRunner.run(["python3", "-c", "import pexpect"], in: Fixtures.repositoryRoot)
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
    let binary = CaseSimProcess.binary
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      Issue.record("No casesim executable at \(binary); run `swift build` first (or set CASESIM_BINARY).")
      return
    }

    let result = CommandRunner.run(["python3", Self.scriptPath, binary, Fixtures.repositoryRoot, size], in: Fixtures.repositoryRoot)
    #expect(
      result.status == 0,
      "shell_session.py at \(size) exited with status \(result.status). Its output:\n\(result.output)")
  }
}
