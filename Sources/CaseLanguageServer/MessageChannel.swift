import Foundation

/// JSON-RPC messages over a pair of file descriptors, framed as the Language Server Protocol
/// frames them: `Content-Length: N` headers, a blank line, then N bytes of JSON.
struct MessageChannel {
  enum Read {
    case message(JSONText)
    /// Nothing arrived within the wait asked for.
    case quiet
    /// The input ended (or broke).
    case end
  }

  /// A message's body, not yet parsed.
  typealias JSONText = String

  /// The most a single message may hold: an editor sends a whole document in one.
  static let maximumBytes = 256 * 1024 * 1024

  private let input: Int32
  private let output: Int32
  private var buffer: [UInt8] = []
  /// The body the header just read announced: where it starts in the buffer, and its length.
  private var body: (start: Int, length: Int)?

  init(input: Int32, output: Int32) {
    self.input = input
    self.output = output
  }

  /// The next message, waiting at most `timeout` milliseconds for it to start (nil: for ever).
  mutating func next(timeout: Int32?) -> Read {
    while true {
      if let message = takeMessage() { return message }
      if let timeout, buffer.isEmpty {
        var poller = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeout)
        if ready == 0 { return .quiet }
        if ready < 0 && errno == EINTR { continue }
      }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return .end }
      buffer += chunk[0..<count]
    }
  }

  /// A whole message from the buffer, if one is there; a malformed header ends the stream. A
  /// header is read once: while its body is still arriving, only the buffer's length is checked,
  /// so a large document sent in many reads costs one pass, not one per read.
  private mutating func takeMessage() -> Read? {
    if body == nil {
      guard let headerEnd = headerEnd() else { return buffer.count > 64 * 1024 ? .end : nil }
      let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
      var length: Int?
      for line in header.split(separator: "\r\n") {
        let parts = line.split(separator: ":", maxSplits: 1)
        if parts.count == 2, parts[0].lowercased() == "content-length" {
          length = Int(parts[1].trimmingCharacters(in: .whitespaces))
        }
      }
      guard let length, length >= 0, length <= Self.maximumBytes else { return .end }
      body = (headerEnd + 4, length)
    }
    guard let (start, length) = body, buffer.count >= start + length else { return nil }
    let text = String(decoding: buffer[start..<(start + length)], as: UTF8.self)
    buffer.removeFirst(start + length)
    body = nil
    return .message(text)
  }

  /// Where the blank line that ends a header starts, if it has arrived.
  private func headerEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for index in 0...(buffer.count - 4)
    where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
      return index
    }
    return nil
  }

  /// Sends one message.
  func send(_ body: String) {
    let bytes = Array(body.utf8)
    var frame = Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes
    var sent = 0
    while sent < frame.count {
      let count = frame.withUnsafeMutableBytes { write(output, $0.baseAddress! + sent, $0.count - sent) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      sent += count
    }
  }
}
