/// A fingerprint of scenario text, recorded with each session so that resume can tell whether the
/// file changed since the session began. It identifies versions; it is not a security measure
/// (64-bit FNV-1a, written as 16 hex digits).
public struct ContentHash: Sendable {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public mutating func add(_ bytes: some Sequence<UInt8>) {
    // Contiguous bytes (an array, a native string's UTF-8) are hashed from a buffer, which the
    // optimiser turns into a tight loop; a 100 MB file hashes in a fraction of a second.
    // Anything else (rare: a bridged string's bytes) is copied into one first.
    state = bytes.withContiguousStorageIfAvailable { Self.hash($0, from: state) }
      ?? Array(bytes).withUnsafeBufferPointer { Self.hash($0, from: state) }
  }

  private static func hash(_ buffer: UnsafeBufferPointer<UInt8>, from start: UInt64) -> UInt64 {
    var state = start
    for byte in buffer {
      state ^= UInt64(byte)
      state = state &* 0x0000_0100_0000_01B3
    }
    return state
  }

  public mutating func add(_ text: String) { add(text.utf8) }

  /// The fingerprint as a number (for seeding).
  public var value: UInt64 { state }

  public var hexDigest: String {
    let hex = String(state, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
