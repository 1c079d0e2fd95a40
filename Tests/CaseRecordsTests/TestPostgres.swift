import CaseRecordsPostgres
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server the tests may use: `CASESIM_TEST_POSTGRES`, a `postgres://` address of
/// a role allowed to create databases (`.ci/run` starts a private cluster and sets it). Each
/// test gets a database of its own, so tests run in parallel without seeing each other's records.
enum TestPostgres {
  static var server: PostgresAddress? {
    guard let text = ProcessInfo.processInfo.environment["CASESIM_TEST_POSTGRES"], !text.isEmpty else { return nil }
    return try? PostgresAddress(text)
  }

  /// A new, empty database on the test server, and its address.
  static func freshDatabase() async throws -> PostgresAddress {
    guard var address = server else { throw TestPostgresMissing() }
    let name = "casesim_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try await withAdminConnection(to: address) { connection, logger in
      try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
    }
    address.database = name
    return address
  }

  /// Runs `body` on a connection to the server's own database.
  static func withAdminConnection(
    to address: PostgresAddress, _ body: (PostgresConnection, Logger) async throws -> Void
  ) async throws {
    let logger = Logger(label: "casesim.tests", factory: { _ in SwiftLogNoOpLogHandler() })
    let configuration: PostgresConnection.Configuration =
      if let directory = address.socketDirectory {
        .init(
          unixSocketPath: "\(directory)/.s.PGSQL.\(address.port)", username: address.username,
          password: address.password, database: address.database)
      } else {
        .init(
          host: address.host, port: address.port, username: address.username, password: address.password,
          database: address.database, tls: .disable)
      }
    let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    do {
      try await body(connection, logger)
      try await connection.close()
    } catch {
      try? await connection.close()
      throw error
    }
  }

  struct TestPostgresMissing: Error, CustomStringConvertible {
    var description: String { "no PostgreSQL server: set CASESIM_TEST_POSTGRES" }
  }
}
