import CaseTestSupport
import Foundation
import Testing

/// A shared store's address, and its request deadline, are read before anything connects; a
/// mistake in either is one line saying what is wrong, not a usage screen.
@Suite("Shared store addresses as typed")
struct StoreAddressCLITests {
  @Test(
    "a bad address or CASESIM_STORE_TIMEOUT exits 64 with one line that says what is wrong",
    arguments: [
      ("postgres://localhost/records", nil, "'postgres://localhost/records' names no user: write postgres://USER@host/database"),
      ("postgres://casesim@localhost/records?sslmode=maybe", nil, "sslmode 'maybe' is not one of disable, prefer, require, verify-full"),
      ("postgres://casesim@localhost/records", "soon", "CASESIM_STORE_TIMEOUT 'soon' is not a whole number of seconds from 1 to 86400"),
    ] as [(String, String?, String)])
  func badAddress(address: String, timeout: String?, message: String) throws {
    var sandbox = CaseSimProcess.Sandbox()
    sandbox.extraEnvironment["CASESIM_STORE"] = address
    if let timeout { sandbox.extraEnvironment["CASESIM_STORE_TIMEOUT"] = timeout }
    for arguments in [["sync"], ["report", "cohort"]] {
      let result = try CaseSimProcess.run(arguments, sandbox: sandbox)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr == "casesim: error: \(message)\n", "\(arguments): \(result.stderr)")
    }
  }

  @Test("a value only the command's work can judge is one line and exit 64, not a usage screen; a mistake in the options keeps the command's usage")
  func mistakesFoundWhileRunning() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let purge = try CaseSimProcess.run(["purge", "--before", "yesterday"], sandbox: sandbox)
    #expect(purge.status == 64)
    #expect(purge.stderr == "casesim: error: --before takes a day as YYYY-MM-DD, such as 2025-09-01; got 'yesterday'\n", "\(purge.stderr)")
    let debrief = try CaseSimProcess.run(["debrief", "--path", "--markdown", "x"], sandbox: sandbox)
    #expect(debrief.status == 64)
    #expect(debrief.stderr.contains("--path prints text; leave out --markdown") && debrief.stderr.contains("Usage: casesim debrief"), "\(debrief.stderr)")
  }
}
