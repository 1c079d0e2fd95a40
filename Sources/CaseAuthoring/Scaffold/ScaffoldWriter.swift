import Foundation

/// Writes a `ScenarioScaffold` to disk as `ID.case` and `ID.tests`, never over an existing file.
public enum ScaffoldWriter {
  /// The files written.
  public struct Written: Sendable, Equatable {
    public var casePath: String
    public var testsPath: String
  }

  /// Creates `directory` if needed and writes both files. If either file exists, nothing is
  /// written and `.alreadyExists` names it.
  public static func write(_ scaffold: ScenarioScaffold, into directory: String) throws(ScaffoldError) -> Written {
    let casePath = (directory as NSString).appendingPathComponent(scaffold.id + ".case")
    let testsPath = (directory as NSString).appendingPathComponent(scaffold.id + ".tests")
    let fileManager = FileManager.default
    for path in [casePath, testsPath] where fileManager.fileExists(atPath: path) {
      throw ScaffoldError.alreadyExists(path)
    }
    do {
      try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw ScaffoldError.cannotWrite(path: directory, reason: error.localizedDescription)
    }
    try create(casePath, scaffold.caseText)
    do {
      try create(testsPath, scaffold.testsText)
    } catch {
      // Leave no half scaffold behind.
      try? fileManager.removeItem(atPath: casePath)
      throw error
    }
    return Written(casePath: casePath, testsPath: testsPath)
  }

  /// Creates a new file; fails rather than replace one that appeared meanwhile.
  private static func create(_ path: String, _ text: String) throws(ScaffoldError) {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    } catch {
      if FileManager.default.fileExists(atPath: path) { throw ScaffoldError.alreadyExists(path) }
      throw ScaffoldError.cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}
