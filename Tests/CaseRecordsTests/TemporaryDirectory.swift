import Foundation

/// A fresh directory per test, removed when the value goes away, so tests can run in parallel
/// without sharing a database.
final class TemporaryDirectory: Sendable {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/casesim-records-tests-" + UUID().uuidString.lowercased()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  }

  /// A path inside the directory.
  func file(_ relative: String) -> String {
    path + "/" + relative
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
