import CaseTestSupport
import Foundation
import Testing

/// Runs the real `casesim` shell in tmux at 80x24 and at 140x45 through `Interactive/screens.py`:
/// at every point where the program waits for the trainee, what they must read is still on screen
/// (the greeting with the library, a passage's first page, the feedback, the calm note, the debrief
/// summary, history), a long passage is held a page at a time, and at 80x24 the welcome, a passage
/// with its feedback, the debrief summary and history match the golden captures in `Golden/`
/// (refresh them with `python3 Tests/EndToEndTests/Interactive/screens.py .build/debug/casesim .
/// Tests/EndToEndTests/Golden --update` after a deliberate change, and review the diff).
///
/// Needs tmux; when it is missing the test fails (it does not skip) and says how to install it.
@Suite("Screens at real terminal sizes", .tags(.slow))
struct ScreensTests {
  static var scriptPath: String { Fixtures.repositoryRoot + "/Tests/EndToEndTests/Interactive/screens.py" }

  @Test("80x24 and 140x45: nothing to read scrolls away unread; the 80x24 screens match their golden captures", .timeLimit(.minutes(5)))
  func screens() {
    let tmux = CommandRunner.run(["sh", "-c", "command -v tmux"], in: Fixtures.repositoryRoot)
    guard tmux.status == 0 else {
      Issue.record("The screen tests need tmux, which is missing here: install it (apt-get install tmux) and run them again.")
      return
    }
    let binary = CaseSimProcess.binary
    let result = CommandRunner.run(
      ["python3", Self.scriptPath, binary, Fixtures.repositoryRoot, Fixtures.repositoryRoot + "/Tests/EndToEndTests/Golden"],
      in: Fixtures.repositoryRoot)
    #expect(result.status == 0, "screens.py exited with status \(result.status). Its output:\n\(result.output)")
  }
}
