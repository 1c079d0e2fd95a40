/// A fingerprint of scenario text, recorded with each session so that resume can tell whether the
/// file changed since the session began. It identifies versions; it is not a security measure
/// (64-bit FNV-1a, written as 16 hex digits).
public struct ContentHash: Sendable {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public mutating func add(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      state ^= UInt64(byte)
      state = state &* 0x0000_0100_0000_01B3
    }
  }

  public mutating func add(_ text: String) { add(text.utf8) }

  /// The fingerprint as a number (for seeding).
  public var value: UInt64 { state }

  public var hexDigest: String {
    let hex = String(state, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
