import CaseScoring
import Foundation

/// Writes a debrief as Markdown where only the trainee can read it: debriefs hold what a trainee
/// wrote about their reasoning, which is personal data.
public enum DebriefFile {
  /// Writes `<directory>/<session-id>.md` (folder 0700, file 0600) and returns its path.
  @discardableResult
  public static func write(_ debrief: Debrief, directory: String) throws -> String {
    try write(DebriefRenderer(width: 100).markdown(debrief), named: "\(debrief.sessionID).md", directory: directory)
  }

  /// Writes a team's debrief: `<session-id>.md` and the swim-lane picture `<session-id>.svg`,
  /// both 0600; returns their paths.
  @discardableResult
  public static func write(_ debrief: TeamDebrief, directory: String) throws -> [String] {
    let renderer = TeamDebriefRenderer(width: 100)
    return [
      try write(renderer.markdown(debrief), named: "\(debrief.sessionID).md", directory: directory),
      try write(renderer.svg(debrief), named: "\(debrief.sessionID).svg", directory: directory),
    ]
  }

  private static func write(_ text: String, named name: String, directory: String) throws -> String {
    let fm = FileManager.default
    try fm.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let path = (directory as NSString).appendingPathComponent(name)
    let data = Data(text.utf8)
    if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
    guard fm.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    return path
  }
}
