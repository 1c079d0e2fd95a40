public import CaseFormat
public import CaseRecords
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
      let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      let role: String
      switch RoleNames.chosen(parts[0], in: scenario) {
      case .success(let resolved): role = resolved
      case .failure(let problem): return .failure(problem)
      }
      var name = parts.count > 1 ? parts[1] : ""
      if name.isEmpty {
        let title = role.replacingOccurrences(of: "-", with: " ")
        name = title.prefix(1).uppercased() + title.dropFirst()
        let same = participants.filter { $0.role == role }.count
        if same > 0 { name += " \(same + 1)" }
      }
      guard name.count <= longestName, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
      else {
        return .failure(RoleNames.Unresolved(message: "a name in the team must be a short line of text (at most \(longestName) characters)"))
      }
      participants.append(Participant(ordinal: participants.count + 1, name: name, role: role))
    }
    guard participants.count >= 2 else {
      return .failure(
        RoleNames.Unresolved(message: "a team needs two or more people, e.g. --team 'police officer=Alex, social worker=Sam'"))
    }
    return .success(participants)
  }
}
