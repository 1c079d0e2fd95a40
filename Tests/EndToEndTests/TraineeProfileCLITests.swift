import CaseRecordsSQLite
import CaseTestSupport
import Foundation
import Testing

/// Who is training: the name a person gave, kept in the config file, not the login name; never
/// asked when input is piped.
@Suite("Who is training", .serialized)
struct TraineeProfileCLITests {
  @Test("a name kept in the config file goes on the records; --trainee overrides it for one run")
  func keptName() throws {
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment = ["CASESIM_TRAINEE": ""]
    let folder = sandbox.directory + "/config/casesim"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "# kept by casesim\ntrainee:   Sam  Patel \n".write(toFile: folder + "/config", atomically: true, encoding: .utf8)
    let played = try CaseSimProcess.run(["play", "hungry-in-class", "--order", "written"], input: "\n1\nquit\n", sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(!played.stdout.contains("Who is training"), "piped input is never asked")
    _ = try CaseSimProcess.run(["play", "hungry-in-class", "--trainee", "Alex"], input: "\n1\nquit\n", sandbox: sandbox)
    let store = try SQLiteRecordStore(path: sandbox.store)
    let trainees = Set(try store.sessions(trainee: nil, includeDrafts: true).map(\.trainee))
    #expect(trainees == ["Sam Patel", "Alex"])
  }

  @Test("with no name given or kept, piped play uses the login name and asks nothing")
  func pipedNeverAsks() throws {
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment = ["CASESIM_TRAINEE": "", "USER": "login-name", "LOGNAME": "login-name"]
    let played = try CaseSimProcess.run(["play", "hungry-in-class"], input: "\n1\nquit\n", sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(!played.stdout.contains("Who is training"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.directory + "/config/casesim/config"), "nothing kept unasked")
    let store = try SQLiteRecordStore(path: sandbox.store)
    #expect(try store.sessions(trainee: nil, includeDrafts: true).map(\.trainee) == ["login-name"])
  }
}
