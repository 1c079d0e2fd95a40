import Foundation

/// Writes the small files CaseSim keeps for itself (the library cache, the last preview): private
/// (0600 in a 0700 folder), whole or not at all (a temporary file renamed into place, so a process
/// killed mid-write leaves the old file or the new one), and never over a file its owner made
/// read-only (checked on the mode, since root may write anything).
package enum PrivateFile {
  /// Returns false when the file could not be written (no folder, read-only, full disk); these
  /// files are conveniences, so the caller carries on.
  @discardableResult
  package static func write(_ data: Data, to path: String) -> Bool {
    let fm = FileManager.default
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IWUSR == 0 || access(path, W_OK) != 0 { return false }
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      return false
    }
    let temporary = path + ".\(getpid()).tmp"
    guard fm.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
      return false
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      return false
    }
    return true
  }
}
