import CaseAuthoring
import CaseFormat
import CaseTestSupport
import Testing

/// A WHEN that counts on ("Two days later") is only as good as the fact written above it: when
/// play can reach it without passing that fact's passage, the checker says the place cannot be
/// relied on, and points at the WHEN.
@Suite("The checker and the timeline: facts whose place cannot be anchored")
struct ChronologyRuleTests {
  func warnings(_ body: String) -> [Diagnostic] {
    let loaded = Fixtures.load(Fixtures.header() + body, path: "times.case")
    return SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance).filter { $0.code == .unanchoredTime }
  }

  /// Two ways to the visit: by the school, whose fact is dated, or straight there.
  static let branches = """
    == start
    Start.
    * Go by the school -> school
      + see-child-alone 1
    * Go straight there -> visit
      + see-child-alone 1
    == school
    @fact Sat 20:50 | The school rings.
    School.
    * On -> visit
      + see-child-alone 1
    == visit

    """

  static let ending = """
    == end
    @ending safe | Done
    Done.
    @lesson L.

    """

  @Test("'Two days later' after a fact on one of two branches is warned about, at its WHEN, with the fix")
  func branchWarned() throws {
    let found = warnings(
      Self.branches + """
      @fact Two days later | The visit.
      Visit.
      * End -> end
        + see-child-alone 1

      """ + Self.ending)
    let warning = try #require(found.first)
    #expect(found.count == 1)
    #expect(warning.location?.line == Fixtures.header().split(separator: "\n", omittingEmptySubsequences: false).count + 12)
    #expect(warning.location?.column == 7)
    #expect(warning.message.contains("counts on from the fact at line"))
    #expect(warning.message.contains("'Two days later [Week 2, Mon 20:50]' is where it falls after that fact"))
  }

  @Test("no warning when every path passes the fact above, when it is in the same passage, or when the time is absolute or bracketed")
  func anchoredIsQuiet() {
    #expect(
      warnings(
        """
        == start
        @fact Sat 20:50 | The school rings.
        Start.
        * On -> visit
          + see-child-alone 1
        == visit
        @fact Two days later | The visit.
        @fact Next day, 08:45 | The call back.
        Visit.
        * End -> end
          + see-child-alone 1

        """ + Self.ending
      ).isEmpty)
    #expect(
      warnings(
        Self.branches + """
        @fact Two days later [Mon 20:50] | The visit.
        @fact Tue 09:00 | The conference.
        Visit.
        * End -> end
          + see-child-alone 1

        """ + Self.ending
      ).isEmpty)
  }

  @Test("the anchor is the one the parser used: never a fact in another file, never a WHEN it could not read")
  func anchoredAsParsed() {
    // An included file starts its own timeline: 'Two days later' there counts from the story's
    // week, not from the main file's last fact, so there is nothing to warn about.
    let main = Fixtures.header() + """
      @include "later.passages"
      == start
      Start.
      * Go by the school -> school
        + see-child-alone 1
      * Go straight there -> visit
        + see-child-alone 1
      == school
      @fact Sat 20:50 | The school rings.
      School.
      * On -> visit
        + see-child-alone 1

      """ + Self.ending
    let included = """
      == visit
      @fact Two days later | The visit.
      Visit.
      * End -> end
        + see-child-alone 1

      """
    let loaded = ScenarioLoader.load(
      files: ["/s/times.case": main, "/s/later.passages": included], path: "/s/times.case", guidance: Fixtures.guidance)
    #expect(loaded.diagnostics.filter { $0.severity == .error } == [])
    let across = SemanticChecker.check(loaded.scenario, guidance: Fixtures.guidance).filter { $0.code == .unanchoredTime }
    #expect(across == [])
    // An unreadable label above is no anchor: the dated fact above it is, and every way passes it.
    #expect(
      warnings(
        """
        == start
        @fact Sat 20:50 | The school rings.
        Start.
        * Go by the school -> school
          + see-child-alone 1
        * Go straight there -> visit
          + see-child-alone 1
        == school
        @fact The meeting | Unreadable.
        School.
        * On -> visit
          + see-child-alone 1
        == visit
        @fact Two days later | The visit.
        Visit.
        * End -> end
          + see-child-alone 1

        """ + Self.ending
      ).isEmpty, "the anchor is the dated fact in 'start', which every way to 'visit' passes")
  }
}
