import CaseTestSupport
import Foundation
import Testing

/// A store on a disk with no room left: the trainee is told the disk is full, not "disk i/o
/// error", and nothing starts that could not be recorded. Needs a small file system of its own
/// (a tmpfs mounted for the test, which takes root); elsewhere the test is skipped and says why.
@Suite("A full disk is named as one", .serialized)
struct FullDiskTests {
  /// A 128 KiB tmpfs filled to the last block, or nil where mounting is not allowed.
  static let fullDisk: String? = {
    let mountPoint = Fixtures.temporaryDirectory() + "/full"
    guard (try? FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)) != nil,
      run("/bin/mount", ["-t", "tmpfs", "-o", "size=128k", "tmpfs", mountPoint]) == 0
    else { return nil }
    // Fill it: write until the file system refuses.
    let filler = FileHandle(forWritingAtPath: mountPoint + "/filler") ?? {
      _ = FileManager.default.createFile(atPath: mountPoint + "/filler", contents: nil)
      return FileHandle(forWritingAtPath: mountPoint + "/filler")
    }()
    while (try? filler?.write(contentsOf: Data(count: 4096))) != nil {}
    try? filler?.close()
    return mountPoint
  }()

  static func run(_ tool: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test(
    "starting on a full disk says the disk is full and exits 74, with nothing recorded",
    .enabled(if: fullDisk != nil, "mounting a small tmpfs needs root; this machine does not allow it"))
  func startOnFullDisk() throws {
    let mountPoint = try #require(Self.fullDisk)
    defer { _ = Self.run("/bin/umount", [mountPoint]) }
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["CASESIM_STORE"] = mountPoint + "/casesim.sqlite"
    let result = try CaseSimProcess.run([], input: "quit\n", sandbox: sandbox)
    #expect(result.status == 74)
    #expect(result.stderr.contains("the disk is full"), "\(result.stderr)")
    #expect(!result.stderr.contains("disk i/o error"))
  }
}
