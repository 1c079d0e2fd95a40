/// Why the PostgreSQL store could not be reached or used, in words an administrator can act on.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
  /// The `postgres://` address does not parse.
  case badAddress(String)
  /// The server could not be reached or refused the login.
  case unreachable(address: String, reason: String)
  /// The database holds tables of a newer CaseSim, or something that is not CaseSim records.
  case incompatible(address: String, reason: String)

  public var description: String {
    switch self {
    case .badAddress(let reason): reason
    case .unreachable(let address, let reason): "cannot reach the record store \(address): \(reason)"
    case .incompatible(let address, let reason): "cannot use the record store \(address): \(reason)"
    }
  }
}
