/// Why `casesim new` did not create a scenario.
public enum ScaffoldError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The scenario id is not kebab-case.
  case invalidID(String)
  /// The role id is not kebab-case.
  case invalidRole(String)
  /// A file the scaffold would write is already there; nothing was written.
  case alreadyExists(String)
  /// The folder or a file could not be written.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .invalidID(let id):
      "'\(id)' is not a valid scenario id: use lowercase letters, digits and '-', starting with a letter (for example duty-desk-friday)"
    case .invalidRole(let role):
      "'\(role)' is not a valid role id: use lowercase letters, digits and '-', starting with a letter (for example social-worker)"
    case .alreadyExists(let path):
      "\(path) already exists; choose another id, or move the existing file first (nothing was written)"
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason)"
    }
  }
}
