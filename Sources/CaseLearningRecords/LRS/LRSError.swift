/// Why statements could not be sent to a learning record store at all.
public enum LRSError: Error, Equatable, CustomStringConvertible {
  /// No answer, or only server errors, after every attempt. `report` holds what was sent before.
  case unreachable(reason: String, attempts: Int, report: LRSReport)
  /// The LRS refused the credentials (401 or 403); sending more would be refused the same way.
  case notAuthorised(status: Int, message: String, report: LRSReport)

  public var description: String {
    switch self {
    case .unreachable(let reason, let attempts, _):
      "the learning record store could not be reached after \(attempts) attempts: \(reason)"
    case .notAuthorised(let status, let message, _):
      "the learning record store refused the credentials (\(status))\(message.isEmpty ? "" : ": " + message)"
    }
  }

  /// What was sent before the failure.
  public var report: LRSReport {
    switch self {
    case .unreachable(_, _, let report), .notAuthorised(_, _, let report): report
    }
  }
}
