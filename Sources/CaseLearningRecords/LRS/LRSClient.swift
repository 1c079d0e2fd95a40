import CaseFormat
public import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends statements to a learning record store (xAPI 1.0.3 Part Three): `POST <base>/statements`
/// in batches, with the version header, retrying what may not have arrived.
///
/// Sending again is always safe, because every statement carries its own id and an LRS "MUST NOT
/// make any modifications to its state" for an id it already has: so a network error or a 5xx
/// answer is retried with the same statements, and an LRS answering 409 Conflict for an id it
/// holds counts as having it. A batch the LRS refuses (4xx) is sent again one statement at a
/// time, so that one bad statement does not hold back the rest and the report names it.
public struct LRSClient: Sendable {
  /// The statements resource: the LRS's base IRL and `statements`.
  public let statementsURL: URL
  /// `user:password` for HTTP Basic authentication, or nil.
  public let credentials: String?
  public var batchSize = 100
  /// Tries per request, the first included.
  public var attempts = 4
  /// The pause before the first retry; each later one doubles it.
  public var firstRetryDelay: Duration = .milliseconds(250)
  public var timeout: TimeInterval = 30

  /// The version this client speaks, sent in every request's `X-Experience-API-Version`.
  public static let version = "1.0.3"

  public init(base: URL, credentials: String?) {
    statementsURL = base.appendingPathComponent("statements")
    self.credentials = credentials
  }

  /// Sends every statement. Returns what the LRS took and refused.
  /// - Throws: ``LRSError`` when the LRS cannot be reached or refuses the credentials.
  public func send(_ statements: [XAPIStatement]) async throws(LRSError) -> LRSReport {
    var report = LRSReport()
    let session = URLSession(configuration: .ephemeral)
    defer { session.finishTasksAndInvalidate() }
    var start = 0
    while start < statements.count {
      let batch = Array(statements[start..<min(start + max(1, batchSize), statements.count)])
      try await send(batch, through: session, into: &report)
      start += batch.count
    }
    return report
  }

  private func send(_ batch: [XAPIStatement], through session: URLSession, into report: inout LRSReport)
    async throws(LRSError)
  {
    let (status, message) = try await post(batch, through: session, report: &report)
    switch status {
    case 200..<300:
      report.accepted += batch.count
    case 401, 403:
      throw .notAuthorised(status: status, message: message, report: report)
    case 409 where batch.count == 1:
      report.accepted += 1
      report.alreadyHeldDifferently += 1
    case _ where batch.count > 1:
      // Which statement was it? One at a time, so the others still arrive.
      for statement in batch { try await send([statement], through: session, into: &report) }
    default:
      report.refused.append(.init(statementID: batch[0].id, status: status, message: message))
    }
  }

  /// One POST, retried on network errors, 5xx and 429 (Too Many Requests). Returns the final
  /// status and the LRS's message.
  private func post(_ batch: [XAPIStatement], through session: URLSession, report: inout LRSReport)
    async throws(LRSError) -> (Int, String)
  {
    var request = URLRequest(url: statementsURL, timeoutInterval: timeout)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.setValue(Self.version, forHTTPHeaderField: "X-Experience-API-Version")
    if let credentials {
      request.setValue("Basic " + Data(credentials.utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
    }
    request.httpBody = Data(JSONValue.array(batch.map(\.json)).compactText.utf8)
    var delay = firstRetryDelay
    var reason = ""
    for attempt in 1...max(1, attempts) {
      if attempt > 1 {
        report.retries += 1
        try? await Task.sleep(for: delay)
        delay *= 2
      }
      do {
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let message = Self.message(from: data)
        if status >= 500 || status == 429 || status == 0 {
          reason = "it answered \(status)\(message.isEmpty ? "" : " (" + message + ")")"
          continue
        }
        return (status, message)
      } catch {
        reason = error.localizedDescription
      }
    }
    throw .unreachable(reason: reason, attempts: max(1, attempts), report: report)
  }

  /// The LRS's answer as a one-line message: its text, at most 300 characters.
  private static func message(from data: Data) -> String {
    let text = String(decoding: data.prefix(4096), as: UTF8.self)
      .split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
  }
}
