public import CaseFormat
public import CaseRecords
import CaseScoring
import CaseSessions
import Foundation

/// Text views of the library and the record, shared by the shell and the subcommands.
public enum LibraryViews {
  /// The library listing: title, id, role, minutes, themes, content note and intensity of each
  /// scenario.
  public static func scenarioList(_ scenarios: [LibrarySummary.Entry], width: Int, colour: Bool) -> String {
    let style = TerminalStyle(enabled: colour)
    var out: [String] = []
    for h in scenarios {
      out.append(style.bold(UntrustedText.escaped(h.title)) + "  " + style.dim("[\(h.id)]"))
      let roles = h.roles.map(DebriefRenderer.roleName).joined(separator: ", ")
      out.append(wrap("Role: \(roles). About \(h.minutes) minutes.", width, "    "))
      if !h.themes.isEmpty {
        out.append(wrap("Themes: \(h.themes.joined(separator: ", "))", width, "    "))
      }
      out.append(wrap(h.summary, width, "    "))
      out.append(wrap("Content note: \(h.contentNote)", width, "    "))
      if let intensity = h.intensity { out.append(wrap(intensity.shortLabel, width, "    ")) }
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  /// The library in one line per scenario: its id (what `play` takes, never cut), title, roles
  /// as shown, minutes and intensity, fitted to `width` (titles cut with an ellipsis if they must
  /// be). A list of roles that does not fit is shown by their initials ("sw, po, hv, sd"), which
  /// `play ID ROLE` accepts, rather than cut to a word and a half; the roles column keeps room for
  /// four of them, or most roles' whole name, before the title gives way (the id beside it names
  /// the scenario too). A scenario's only role, which play takes unasked, is cut like a title.
  /// `info ID` and `list --long` give the summaries and content notes.
  public static func scenarioTable(_ scenarios: [LibrarySummary.Entry], width: Int) -> String {
    let table = TextTable(
      columns: [
        .init(heading: "Scenario", shrinks: false), .init(heading: "Title", shrinks: true, minimum: 16),
        .init(heading: "Roles", shrinks: true, shrinkOrder: -1, minimum: 14),
        .init(heading: "Time", shrinks: false, alignRight: true), .init(heading: "Intensity", shrinks: false),
      ],
      rows: scenarios.map { entry in
        [
          UntrustedText.escaped(entry.id), UntrustedText.escaped(entry.title),
          UntrustedText.escaped(entry.roles.map(DebriefRenderer.roleName).joined(separator: ", ")), "\(entry.minutes) min",
          entry.intensity?.rawValue ?? "",
        ]
      },
      shortRows: scenarios.map { entry in
        let initials = entry.roles.count > 1 ? RoleNames.shortNames(entry.roles).joined(separator: ", ") : ""
        return ["", "", UntrustedText.escaped(initials), "", ""]
      })
    return table.render(width: width)
  }

  /// The guidance catalog: each catalog with its publisher and year, then each principle's id
  /// (never broken across lines) and title, wrapped under it; the same at the shell's prompt as
  /// from `casesim guides`.
  public static func guideList(_ guidance: GuidanceLibrary, width: Int, colour: Bool) -> String {
    let style = TerminalStyle(enabled: colour)
    var out: [String] = []
    let catalogs = guidance.catalogs.filter { !$0.isCompetencies }
    for catalog in catalogs {
      let heading = "\(UntrustedText.escaped(catalog.title)) (\(UntrustedText.escaped(catalog.publisher)), \(catalog.year))"
      out.append(TextWrapper.wrap(style.bold(heading) + " [\(UntrustedText.escaped(catalog.id))]", width: width))
      for entry in catalog.entries {
        out.append("  " + UntrustedText.escaped(entry.id))
        out.append(wrap("\(entry.title) (areas: \(entry.areas.joined(separator: ", ")))", width, "    "))
      }
      out.append("")
    }
    out.append(
      "\(guidance.principles.count) principles in \(catalogs.count) catalogs; \(guidance.areas.count) competency areas. Type 'guidance ID' to read one.")
    return out.joined(separator: "\n") + "\n"
  }

  /// One principle: title, statement, source and competency areas; or, for an unknown id, a
  /// "did you mean".
  public static func principle(_ id: String, guidance: GuidanceLibrary, width: Int, colour: Bool) -> String {
    guard let entry = guidance.entry(id) else {
      let suggestion = Suggestions.closest(to: id, among: guidance.allEntries.map(\.id))
      return "No principle '\(UntrustedText.escaped(id))'.\(suggestion.map { " Did you mean '\($0)'?" } ?? "")\n"
    }
    var out = [TerminalStyle(enabled: colour).bold(UntrustedText.escaped(entry.title)) + " [\(entry.id)]"]
    out.append(wrap(entry.statement, width, "  "))
    out.append(wrap("Source: \(entry.citation)", width, "  "))
    if !entry.areas.isEmpty {
      let areas = entry.areas.map { guidance.entry($0)?.title ?? $0 }.joined(separator: "; ")
      out.append(wrap("Competency areas: \(areas)", width, "  "))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// A trainee's sessions, newest first: when, which scenario, as whom, in which mode, and the
  /// grade and score, fitted to `width` (session ids and dates are never cut; titles and roles
  /// are, with an ellipsis).
  public static func history(_ sessions: [SessionRecord], titles: [String: String], width: Int = 80) -> String {
    guard !sessions.isEmpty else { return "No sessions recorded yet.\n" }
    let table = TextTable(
      columns: [
        .init(heading: "Session", shrinks: false), .init(heading: "Started", shrinks: false),
        .init(heading: "Scenario", shrinks: true, minimum: 12),
        .init(heading: "Role", shrinks: true, shrinkOrder: -1, leftOutFirst: 1),
        .init(heading: "Mode", shrinks: false), .init(heading: "Grade", shrinks: false),
        .init(heading: "Score", shrinks: false, alignRight: true),
      ],
      rows: sessions.map { s in
        let grade = s.isFinished ? (s.grade.flatMap(Grade.init(rawValue:))?.label ?? s.outcome ?? "finished") : "unfinished"
        let score = s.totalScore.map { "\($0) of \(s.bestTotal ?? 0)" } ?? "-"
        return [
          String(s.id.prefix(8)), String(timestamp(s.startedAt).prefix(10)),
          UntrustedText.escaped(titles[s.scenarioID] ?? s.scenarioID), DebriefRenderer.roleName(s.role),
          UntrustedText.escaped(s.mode), grade, score,
        ]
      })
    return table.render(width: width)
  }

  /// A date as `yyyy-MM-dd HH:mm` in UTC, the same on every machine.
  public static func timestamp(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
  }

  private static func wrap(_ text: String, _ width: Int, _ indent: String) -> String {
    TextWrapper.wrap(UntrustedText.escaped(text), width: width, indent: indent)
  }
}
