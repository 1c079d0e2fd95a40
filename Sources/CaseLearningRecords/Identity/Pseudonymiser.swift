import Crypto
import Foundation

/// Replaces people's names with keyed hashes (HMAC-SHA256), for exports that leave the machine.
///
/// The key is what makes a pseudonym more than a disguise: a plain hash of a staff name can be
/// reversed by anyone who can list the staff, a keyed one only by whoever holds the key. So the
/// key is generated once (32 random bytes), kept in its own 0600 file away from the records and
/// the exports, and never written into an export. The same key gives the same pseudonym for the
/// same name, so exports made months apart still link one person's sessions; the organisation
/// holding the key can still re-identify people (pseudonymised data stays personal data).
///
/// Any export of people's records (xAPI, cohort reports in CSV or JSON) should use this one type,
/// so that one person has one pseudonym everywhere.
public struct Pseudonymiser: Sendable {
  /// Key length in bytes.
  public static let keyLength = 32

  /// Kept as bytes: swift-crypto's `SymmetricKey` is not `Sendable`.
  private let key: Data

  /// A pseudonymiser with this key (at least ``keyLength`` bytes; a shorter one is refused).
  public init?(key: Data) {
    guard key.count >= Self.keyLength else { return nil }
    self.key = key
  }

  /// The pseudonym of `name`: "p-" and the first 128 bits of HMAC-SHA256(key, name as UTF-8), in
  /// lowercase hexadecimal. Names are taken exactly as recorded (no case folding), as records are.
  public func pseudonym(for name: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Data(name.utf8), using: SymmetricKey(data: key))
    return "p-" + code.prefix(16).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// The pseudonymiser whose key is kept at `path`, creating the key (and its folder, 0700) on
  /// first use. The file holds the key as 64 hexadecimal digits and a newline, mode 0600.
  ///
  /// - Returns: the pseudonymiser, and a warning when the key file can be read by other users.
  /// - Throws: ``PseudonymKeyError`` when the file cannot be read, made, or is not a key.
  public static func keptAt(_ path: String) throws(PseudonymKeyError) -> (Pseudonymiser, warning: String?) {
    let fileManager = FileManager.default
    if !fileManager.fileExists(atPath: path) {
      try create(at: path)
    }
    guard let data = fileManager.contents(atPath: path) else { throw .unreadable(path: path) }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.utf8.count == keyLength * 2, let key = bytes(fromHex: text), let pseudonymiser = Pseudonymiser(key: key)
    else { throw .notAKey(path: path) }
    var info = stat()
    let warning =
      stat(path, &info) == 0 && info.st_mode & 0o077 != 0
      ? "the pseudonym key \(path) can be read by other users; run chmod 600 on it" : nil
    return (pseudonymiser, warning)
  }

  /// Writes a new random key, refusing to replace a file that appeared meanwhile (O_EXCL).
  private static func create(at path: String) throws(PseudonymKeyError) {
    let folder = (path as NSString).deletingLastPathComponent
    do {
      if !folder.isEmpty {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      }
    } catch {
      throw .notCreated(path: path, reason: error.localizedDescription)
    }
    let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    let text = key.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() + "\n"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
      throw .notCreated(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let written = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
    guard written == text.utf8.count, fsync(descriptor) == 0 else {
      unlink(path)
      throw .notCreated(path: path, reason: String(cString: strerror(errno)))
    }
  }

  private static func bytes(fromHex text: String) -> Data? {
    var bytes = Data()
    var high: UInt8?
    for character in text.utf8 {
      guard let nibble = UInt8(String(UnicodeScalar(character)), radix: 16) else { return nil }
      if let first = high {
        bytes.append(first << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    return high == nil ? bytes : nil
  }
}
