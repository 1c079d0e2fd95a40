import CaseFormat
import CaseRecords
import CaseShell
import CaseTestSupport
import Foundation
import Testing

/// Tables a trainee reads at a terminal fit its width: handles (ids, dates, grades, scores) stay
/// whole, and prose (titles, roles) is cut with an ellipsis only when it must be.
@Suite("Tables fit the terminal")
struct TableWidthTests {
  static let summary = ScenarioLibrary(root: Fixtures.repositoryRoot).summary

  static let sessions: [SessionRecord] = [
    SessionRecord(
      id: "3f2a1b9c-0000-4000-8000-000000000001", trainee: "sam", scenarioID: "the-strategy-discussion", scenarioHash: "h",
      scenarioPath: "p", role: "health-visitor", mode: "assessment", startedAt: Date(timeIntervalSince1970: 1_796_000_000),
      finishedAt: Date(timeIntervalSince1970: 1_796_000_900), endingID: "e", outcome: "unsafe", totalScore: -4,
      bestTotal: 31, grade: "unsafe"),
    SessionRecord(
      id: "9c0d7e11-0000-4000-8000-000000000002", trainee: "sam", scenarioID: "hungry-in-class", scenarioHash: "h",
      scenarioPath: "p", role: "school-dsl", mode: "practice", startedAt: Date(timeIntervalSince1970: 1_796_100_000)),
  ]

  static let titles = Dictionary(summary.scenarios.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })

  @Test("the library, one line a scenario: within the width, every id whole, each with its minutes", arguments: [80, 140])
  func library(width: Int) throws {
    let text = LibraryViews.scenarioTable(Self.summary.playable, width: width)
    let lines = text.split(separator: "\n")
    #expect(lines.count == Self.summary.playable.count + 1)
    #expect(lines.allSatisfy { $0.count <= width }, "\(lines.filter { $0.count > width })")
    for entry in Self.summary.playable {
      #expect(lines.contains { $0.hasPrefix(entry.id + " ") && $0.contains(" \(entry.minutes) min ") }, "\(entry.id)")
    }
    if width >= 140 {
      for entry in Self.summary.playable {
        #expect(text.contains("  \(entry.title)  "), "at 140 columns every title is whole: \(entry.title)")
      }
    } else {
      #expect(text.contains("\u{2026}"), "at 80 columns the longest titles and role lists are cut, with an ellipsis")
    }
  }

  @Test("history: session, date, scenario, role, mode, grade and score, within the width", arguments: [80, 140])
  func history(width: Int) {
    let text = LibraryViews.history(Self.sessions, titles: Self.titles, width: width)
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= width }, "\(lines.filter { $0.count > width })")
    #expect(lines[0].hasPrefix("Session") && lines[0].contains("Mode") && lines[0].hasSuffix("Score"))
    #expect(lines[1].hasPrefix("3f2a1b9c  2026-") && lines[1].contains("assessment") && lines[1].contains("Unsafe practice"))
    #expect(lines[1].hasSuffix("-4 of 31"))
    #expect(lines[2].contains("practice") && lines[2].contains("unfinished") && lines[2].hasSuffix("-"))
    #expect(text.contains("The strategy discussion") == (width >= 140))
  }

  @Test("a table with nothing to cut keeps every cell whole, however narrow the terminal")
  func handlesStayWhole() {
    let text = LibraryViews.history(Self.sessions, titles: Self.titles, width: 20)
    #expect(text.contains("3f2a1b9c") && text.contains("Unsafe practice") && text.contains("assessment"))
  }
}
