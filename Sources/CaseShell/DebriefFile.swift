import CaseScoring
import Foundation

/// Writes a debrief as Markdown where only the trainee can read it: debriefs hold what a trainee
/// wrote about their reasoning, which is personal data.
public enum DebriefFile {
  /// Writes `<directory>/<session-id>.md` (folder 0700, file 0600) and returns its path.
  @discardableResult
  public static func write(_ debrief: Debrief, directory: String) throws -> String {
    let fm = FileManager.default
    try fm.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let path = (directory as NSString).appendingPathComponent("\(debrief.sessionID).md")
    let data = Data(DebriefRenderer(width: 100).markdown(debrief).utf8)
    if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
    guard fm.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    return path
  }
}
