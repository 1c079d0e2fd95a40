/// Why the pseudonym key could not be used.
public enum PseudonymKeyError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case notAKey(path: String)
  case notCreated(path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path): "cannot read the pseudonym key \(path)"
    case .notAKey(let path):
      "\(path) is not a pseudonym key (64 hexadecimal digits); move it aside to have a new key made, which gives everyone new pseudonyms"
    case .notCreated(let path, let reason): "cannot create the pseudonym key \(path): \(reason)"
    }
  }
}
