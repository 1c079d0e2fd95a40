public import CaseFormat
public import CaseRecords
import CaseScoring
import Foundation

/// The people of a team session, read from what a facilitator types (`--team 'police officer=Alex,
/// social worker=Sam'`): each item a role as a person would type it (``RoleNames``), optionally
/// `=NAME`. The same reading for `casesim play --team` and `play ID --team ...` at the shell.
public enum TeamRoster {
  /// The longest name a participant may give: a name, not a paragraph.
  public static let longestName = 80

  /// The participants, numbered in the order given; a person without a name is called by their
  /// role ("Police officer"), numbered when two share it ("Police officer 2").
  public static func participants(_ list: String, in scenario: Scenario) -> Result<[Participant], RoleNames.Unresolved> {
    var participants: [Participant] = []
    for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      guard let typed = parts.first, !typed.isEmpty else {
        return .failure(RoleNames.Unresolved(message: "'\(UntrustedText.escaped(item))' names no role: write ROLE=NAME, e.g. 'police officer=Alex'"))
      }
      let role: String
      switch RoleNames.chosen(typed, in: scenario) {
      case .success(let resolved): role = resolved
      case .failure(let problem): return .failure(problem)
      }
      var name = parts.count > 1 ? parts[1] : ""
      if name.isEmpty {
        name = DebriefRenderer.roleTitle(role)
        let same = participants.filter { $0.role == role }.count
        if same > 0 { name += " \(same + 1)" }
      }
      guard name.count <= longestName else {
        return .failure(RoleNames.Unresolved(message: "a name in the team is at most \(longestName) characters"))
      }
      // Names are shown at the terminal and kept in records: no control, format or line-breaking
      // characters (which could move the cursor, reorder text or start a new line).
      let unsafe: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
      guard !name.unicodeScalars.contains(where: { unsafe.contains($0.properties.generalCategory) }) else {
        return .failure(RoleNames.Unresolved(message: "a name in the team must be plain text on one line, with no control characters"))
      }
      participants.append(Participant(ordinal: participants.count + 1, name: name, role: role))
    }
    guard Set(participants.map(\.role)).count >= 2 else {
      return .failure(
        RoleNames.Unresolved(
          message: "a team plays two or more roles, e.g. --team 'police officer=Alex, social worker=Sam' (two people may share one of them)"))
    }
    return .success(participants)
  }
}
