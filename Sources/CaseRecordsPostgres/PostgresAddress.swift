import Foundation

/// Where an agency's PostgreSQL store is, read from a `postgres://` or `postgresql://` URL.
///
/// The URL follows libpq's form, so the address a database administrator already has works:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require][&host=/socket/dir]`.
/// A `host` parameter naming a directory connects through the server's Unix socket there (as
/// libpq does), which is how CI's private cluster is reached. The password may instead come
/// from `PGPASSWORD`, so that it need not appear in a shell's history. How long one request may
/// go unanswered comes from `CASESIM_STORE_TIMEOUT` (see ``requestTimeout``).
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
  /// libpq's `sslmode`: `prefer` and `require` encrypt without checking the server's
  /// certificate, as libpq does; `verify-full` checks it and the host name.
  public enum TLSMode: String, Sendable {
    case disable, prefer, require
    case verifyFull = "verify-full"
  }

  public var host: String
  public var port: Int
  /// The directory holding the server's socket, when connecting through one.
  public var socketDirectory: String?
  public var username: String
  public var password: String?
  public var database: String
  public var tls: TLSMode
  /// How long one request (a transaction: a decision forwarded, a page of a report, a session
  /// copied or purged) may take, from when it has the connection to when the server has finished
  /// it, before the connection is given up as lost.
  /// Without it, a network that silently drops everything holds a command until the operating
  /// system abandons the connection, about a quarter of an hour on Linux. Five minutes by
  /// default, far above any request's work on the largest stores measured (a million decisions
  /// read for a report in under ten seconds all told); `CASESIM_STORE_TIMEOUT` (whole seconds, 1
  /// to 86400) changes it.
  public var requestTimeout: Duration = Self.defaultRequestTimeout

  public static let defaultRequestTimeout: Duration = .seconds(300)

  /// True when `text` is meant as a PostgreSQL address rather than a file path.
  public static func isAddress(_ text: String) -> Bool {
    let lowered = text.lowercased()
    return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
  }

  /// Reads a `postgres://` URL; throws a sentence saying what is wrong with it.
  public init(_ text: String, environment: [String: String] = [:]) throws(PostgresStoreError) {
    guard Self.isAddress(text), let components = URLComponents(string: text) else {
      throw .badAddress("'\(Self.redacted(text))' is not a postgres:// URL (postgres://user@host:port/database)")
    }
    guard !(components.queryItems ?? []).contains(where: { $0.name == "password" }) else {
      throw .badAddress("give the password as postgres://USER:PASSWORD@host/database or in PGPASSWORD, not as ?password=")
    }
    let query = Dictionary(
      (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }) ?? query["user"],
      !user.isEmpty
    else {
      throw .badAddress("'\(Self.redacted(text))' names no user: write postgres://USER@host/database")
    }
    let database = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
    guard !database.isEmpty, !database.contains("/") else {
      throw .badAddress("'\(Self.redacted(text))' names no database: write postgres://user@host/DATABASE")
    }
    let socket = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
    let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socket == nil ? "localhost" : "")
    let port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
    guard (1...65_535).contains(port) else {
      throw .badAddress("'\(Self.redacted(text))' has port \(port); a port is 1 to 65535")
    }
    let mode = query["sslmode"] ?? "prefer"
    guard let tls = TLSMode(rawValue: mode) else {
      throw .badAddress("sslmode '\(mode)' is not one of disable, prefer, require, verify-full")
    }
    self.host = host
    self.port = port
    self.socketDirectory = socket
    self.username = user
    self.password = components.percentEncodedPassword?.removingPercentEncoding ?? environment["PGPASSWORD"]
    self.database = database
    self.tls = tls
    if let text = environment["CASESIM_STORE_TIMEOUT"], !text.isEmpty {
      guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), (1...86_400).contains(seconds) else {
        throw .badAddress("CASESIM_STORE_TIMEOUT '\(text)' is not a whole number of seconds from 1 to 86400")
      }
      requestTimeout = .seconds(seconds)
    }
  }

  /// The address without its password: what messages and the outbox's ledger show.
  public var description: String {
    var text = "postgres://\(username)@\(host)"
    if socketDirectory == nil || port != 5432 { text += ":\(port)" }
    text += "/\(database)"
    if let socketDirectory { text += "?host=\(socketDirectory)" }
    return text
  }

  /// `text` with any password replaced by `***`, for messages about an address that does not
  /// parse.
  public static func redacted(_ text: String) -> String {
    guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
      let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
    else { return text }
    return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
  }

  /// The socket file libpq would use: `DIRECTORY/.s.PGSQL.PORT`.
  var socketPath: String? { socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } }
}
