import CaseRecords
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The permission bits of a file, or nil if it does not exist.
func permissionBits(_ path: String) -> mode_t? {
  var status = stat()
  guard stat(path, &status) == 0 else { return nil }
  return status.st_mode & 0o777
}

/// A lowercase UUID string, as the shell mints session ids.
func newSessionID() -> String {
  UUID().uuidString.lowercased()
}

/// A session with plausible values; only what a test cares about needs passing.
func makeSession(
  id: String = newSessionID(),
  trainee: String = "alex",
  startedAt: Date = Date(timeIntervalSince1970: 1_780_000_000.123_456),
  mode: String = "practice"
) -> SessionRecord {
  SessionRecord(
    id: id,
    trainee: trainee,
    scenarioID: "home-visit-1",
    scenarioHash: "sha256:9f2c0d",
    scenarioPath: "/scenarios/home-visit-1.case",
    role: "social-worker",
    mode: mode,
    startedAt: startedAt)
}

/// A choice event with distinguishable values.
func makeChoice(
  session: String, index: Int, deltas: [String: Int] = [:], at date: Date = Date()
) -> EventRecord {
  EventRecord(
    sessionID: session,
    kind: .choice,
    passageID: "passage-\(index)",
    choiceIndex: index,
    choiceText: "Option \(index): ask to see the child's room",
    role: "social-worker",
    rationale: "rationale \(index)",
    decisionMilliseconds: 1000 + index,
    recordedAt: date,
    scoreDeltas: deltas)
}
