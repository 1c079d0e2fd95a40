import CaseFormat
import Testing

/// Prose wrapped to a terminal's width breaks only between words: ids, paths and times are never
/// cut, and a date stays with its time.
@Suite("Wrapping never cuts a word")
struct TextWrapperTests {
  @Test("lines break between words, each within the width")
  func betweenWords() {
    let text = "Back to decision 1, to take it again (the retry is recorded; your debrief reviews the decisions that stand)."
    let lines = TextWrapper.wrap(text, width: 40).split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 40 })
    #expect(lines.joined(separator: " ") == text[...])
  }

  @Test("a word wider than the screen is left whole on its own line, for the terminal to run on")
  func longWordRunsOn() {
    let path = "/home/trainee/.local/share/casesim/debriefs/85bd540a-75a9-4802-b33a-de9a4cac3400.md"
    let lines = TextWrapper.wrap("Saved to \(path) just now.", width: 40, indent: "  ").split(separator: "\n")
    #expect(lines == ["  Saved to", "  \(path)", "  just now."])
  }

  @Test("a date and its time (and zone) are one word")
  func dateTime() {
    let text = "You have an unfinished session: Duty desk, Friday 16:40, started 2026-12-07 06:52 UTC. Type 'resume'."
    for width in 20...100 {
      let wrapped = TextWrapper.wrap(text, width: width)
      #expect(wrapped.contains("2026-12-07 06:52 UTC."), "at \(width): \(wrapped)")
    }
    // A time alone, or a number after a date that is not a time, is an ordinary word.
    #expect(TextWrapper.wrap("aaaa bbbb 2026-12-07 and", width: 20) == "aaaa bbbb 2026-12-07\nand")
  }
}
