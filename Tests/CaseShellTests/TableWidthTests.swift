import CaseFormat
import CaseRecords
import CaseSessions
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

  @Test("the library's roles column says which roles there are at 80 columns: whole names where they fit, else initials that 'play' takes; at 140 nothing is cut")
  func libraryRoles() throws {
    let narrow = LibraryViews.scenarioTable(Self.summary.playable, width: 80).split(separator: "\n")
    let wide = LibraryViews.scenarioTable(Self.summary.playable, width: 140).split(separator: "\n")
    let strategy = try #require(narrow.first { $0.hasPrefix("the-strategy-discussion ") })
    #expect(strategy.contains("  sw, po, hv, sd  "), "\(strategy)")
    // A scenario played as one role of two words keeps its whole name at 80 columns.
    let soloSocialWorker = try #require(Self.summary.playable.first { $0.roles == ["social-worker"] })
    let solo = try #require(narrow.first { $0.hasPrefix(soloSocialWorker.id + " ") })
    #expect(solo.contains("  social worker  "), "\(solo)")
    // No role cut to a word and a half.
    #expect(!narrow.contains { $0.contains("social \u{2026}") || $0.contains("police \u{2026}") })
    let wideHome = try #require(wide.first { $0.hasPrefix("friday-night-childrens-home ") })
    #expect(wideHome.contains("social worker, police officer, sexual health nurse"), "\(wideHome)")
    #expect(!wide.contains { $0.contains("\u{2026}") }, "at 140 columns nothing is cut")
    // Each initial is a role name play accepts.
    for short in ["sw", "po", "hv", "sd"] {
      guard case .role = RoleNames.resolve(short, among: ["social-worker", "police-officer", "health-visitor", "school-dsl"])
      else {
        Issue.record("'\(short)' does not name a role")
        continue
      }
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
