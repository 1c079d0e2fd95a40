import Foundation

/// Runs a helper program (python3, a shell tool) for a test, with stdout and stderr merged.
///
/// The pipe is read until it closes before waiting for the exit, so a chatty child can never block
/// on a full pipe.
package enum CommandRunner {
  /// Runs `arguments` through /usr/bin/env; status 127 if it could not start.
  package static func run(_ arguments: [String], in directory: String? = nil) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardInput = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return (127, "could not start \(arguments.joined(separator: " ")): \(error)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
