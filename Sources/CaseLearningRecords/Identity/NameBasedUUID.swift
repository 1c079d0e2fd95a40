import Crypto
import Foundation

/// Name-based UUIDs (RFC 4122 §4.3, version 5: SHA-1), for ids that must come out the same on
/// every export: the xAPI statement of a session's ending is named from the session's id and the
/// verb, so sending it again never makes a second statement in a learning record store.
///
/// SHA-1 is used only because version 5 is defined with it; nothing secret is hashed.
public enum NameBasedUUID {
  /// The RFC 4122 namespace for names that are URLs (Appendix C).
  public static let urlNamespace = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!

  /// The version-5 UUID of `name` in `namespace`, as a lowercase string.
  public static func make(namespace: UUID = urlNamespace, name: String) -> String {
    var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
    bytes.append(contentsOf: Array(name.utf8))
    var digest = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
    digest[6] = (digest[6] & 0x0F) | 0x50  // version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  // the RFC 4122 variant
    let uuid = UUID(
      uuid: (
        digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
        digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
      ))
    return uuid.uuidString.lowercased()
  }

  /// True for a UUID in its standard string form (8-4-4-4-12 hexadecimal digits).
  public static func isUUID(_ text: String) -> Bool {
    text.utf8.count == 36 && UUID(uuidString: text) != nil
  }
}
