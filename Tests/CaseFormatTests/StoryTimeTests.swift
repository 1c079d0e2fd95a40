import CaseFormat
import CaseTestSupport
import Testing

/// The WHEN of a fact read as a point on the story's timeline, so the case file is a chronology.
@Suite("Fact times: the story's timeline")
struct StoryTimeTests {
  /// Reads `when` after a fact at `previous`; fails the test if it cannot be read.
  func point(_ when: String, after previous: Int? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
    guard case .at(let point) = StoryTime.read(when, after: previous) else {
      Issue.record("'\(when)' should be readable", sourceLocation: sourceLocation)
      return 0
    }
    return point
  }

  @Test("relative times sort against the days of the story's week: '4 weeks ago, Sat 02:50' before 'Last week' before 'Mon 11:05' before 'Sun 19:40' before 'Fri 17:05' of the next week")
  func relativeAgainstDays() {
    let written = ["Fri 17:05", "4 weeks ago, Sat 02:50", "Mon 11:05", "Last week", "Sun 19:40", "18 months ago", "Last Tue", "Sat night", "Sun early hours"]
    let sorted = written.sorted { point($0) < point($1) }
    #expect(sorted == ["18 months ago", "4 weeks ago, Sat 02:50", "Last week", "Last Tue", "Mon 11:05", "Fri 17:05", "Sat night", "Sun early hours", "Sun 19:40"])
    #expect(point("Week 1, Fri 17:05") == point("Fri 17:05"))
    #expect(point("Week 3, Thu") > point("Week 2, Sun 23:59"))
    #expect(point("Month 5") > point("Week 12"))
    #expect(point("Tuesday 09:00") == point("tue 09:00"))
  }

  @Test("'later' forms count on from the fact written before; a clock narrows the day the parts before it set")
  func countingOn() {
    let saturday = point("Sat 20:50")
    #expect(point("Two days later", after: saturday) == point("Mon 20:50") + 7 * 24 * 60)
    #expect(point("Six weeks later, Sun 02:10", after: saturday) == point("Sun 02:10") + 6 * 7 * 24 * 60)
    #expect(point("Next day, 08:45", after: saturday) == point("Sun 08:45"))
    #expect(point("Ten working days later", after: 0) == 10 * 24 * 60)
    #expect(point("Following Mon", after: saturday) == point("Mon") + 7 * 24 * 60)
    #expect(point("3 weeks ago, 23:10") < point("2 weeks ago"))
  }

  @Test("what the grammar does not read is reported with the part it could not read; brackets give the place and are never shown")
  func unreadableAndHints() {
    #expect(StoryTime.read("Strategy discussion", after: nil) == .unreadable("Strategy discussion"))
    #expect(StoryTime.read("4 weeks ago, visit day", after: nil) == .unreadable("visit day"))
    #expect(StoryTime.read("25:00", after: nil) == .unreadable("25:00"))
    #expect(StoryTime.read("Months later", after: nil) == .unreadable("Months later"))
    #expect(StoryTime.read("Strategy discussion [Fri 18:30]", after: nil) == .at(point("Fri 18:30")))
    #expect(StoryTime.read("Summer [bad hint]", after: nil) == .unreadable("bad hint"))
    #expect(StoryTime.label("Strategy discussion [Fri 18:30]") == "Strategy discussion")
    #expect(StoryTime.label("Fri 18:30") == "Fri 18:30")
    #expect(StoryTime.read("", after: nil) == .unreadable(""))
    #expect(StoryTime.read(",,", after: nil) == .unreadable(",,"))
  }

  @Test("a place written out for a message reads back as the same place, before and after the story's week")
  func writtenReadsBack() {
    for point in [0, 6760, 7 * 1440 - 1, 7 * 1440, 3 * 7 * 1440 + 125, -1, -1440, -7 * 1440, -28 * 1440 + 5 * 1440 + 170, -400 * 1440] {
      let written = StoryTime.written(point)
      #expect(StoryTime.read(written, after: nil) == .at(point), "\(point) written as '\(written)'")
    }
    #expect(StoryTime.written(6760) == "Week 1, Fri 16:40")
    #expect(StoryTime.written(-7 * 1440 + 5 * 1440) == "1 week ago, Sat 00:00")
  }

  @Test("huge counts are refused, not overflowed: a count over 10,000 is not read")
  func bounds() {
    #expect(StoryTime.read("99999999999999999999 years ago", after: nil) == .unreadable("99999999999999999999 years ago"))
    #expect(StoryTime.read("10001 years later", after: nil) == .unreadable("10001 years later"))
    var last: Int? = 0
    for _ in 0..<1000 { _ = StoryTime.place("10000 years later", after: &last) }
    #expect(last! > 0)
  }

  @Test("the parser gives each fact its place and warns, at the part it cannot read, with the fix")
  func parserPlacesFacts() throws {
    let parsed = ScenarioParser.parse(
      Fixtures.header() + """
        == start
        @fact Fri 17:05 | The call.
        @fact 4 weeks ago, Sat 02:50 | The first sighting.
        @fact Strategy discussion | Chaired by the team manager.
        @fact Meeting [Mon 09:00] | The conference.
        @fact An undated fact.
        Text.
        * Go -> end
        == end
        @ending safe | Done
        @lesson L.

        """, path: "times.case")
    let facts = try #require(parsed.passages.first { $0.id == "start" }?.facts)
    #expect(facts.map(\.order) == [point("Fri 17:05"), point("4 weeks ago, Sat 02:50"), point("4 weeks ago, Sat 02:50"), point("Mon 09:00"), nil])
    #expect(facts.map(\.shownWhen) == ["Fri 17:05", "4 weeks ago, Sat 02:50", "Strategy discussion", "Meeting", nil])
    let warnings = parsed.diagnostics.filter { $0.code == .unorderedFact }
    #expect(warnings.count == 1)
    let warning = try #require(warnings.first)
    #expect(warning.location?.line == Fixtures.header().split(separator: "\n", omittingEmptySubsequences: false).count + 3)
    #expect(warning.location?.column == 7)
    // The place it takes now (the fact before it), written out for the author to keep or change.
    #expect(warning.message.contains("'Strategy discussion [4 weeks ago, Sat 02:50]'"))
  }
}
