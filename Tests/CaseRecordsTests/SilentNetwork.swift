import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A relay on a Unix socket between a client and the test server that can stop passing anything
/// on without closing either end: what a network that silently drops everything looks like from
/// both sides. The client connects to `directory` as if it were the server's socket directory.
final class SilentNetwork: Sendable {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The directory holding the relay's socket (`.s.PGSQL.PORT`, as the server's is named).
  let directory: String
  private let listener: Int32
  private let silent = Atomic<Bool>(false)
  /// Every descriptor the relay opened, closed by ``stop()``.
  private let descriptors = Mutex<[Int32]>([])

  /// Starts relaying connections to `upstream` (the server's socket file) through a socket
  /// named for `port`.
  init(relaying upstream: String, port: Int) throws {
    directory = NSTemporaryDirectory() + "casesim-silent-" + String(UUID().uuidString.prefix(8))
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/.s.PGSQL.\(port)"
    let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    guard listener >= 0 else { throw Failure(description: "socket: \(errno)") }
    descriptors.withLock { $0.append(listener) }
    let bound = Self.withAddress(path) { bind(listener, $0, $1) }
    guard bound == 0, listen(listener, 8) == 0 else { throw Failure(description: "bind or listen on \(path): \(errno)") }
    Thread.detachNewThread { [self] in
      while true {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard server >= 0, Self.withAddress(upstream, { connect(server, $0, $1) }) == 0 else {
          close(client)
          continue
        }
        descriptors.withLock { $0 += [client, server] }
        Thread.detachNewThread { [self] in pump(from: client, to: server) }
        Thread.detachNewThread { [self] in pump(from: server, to: client) }
      }
    }
  }

  /// From now on nothing is passed on, in either direction, and nothing is closed.
  func goSilent() { silent.store(true, ordering: .sequentiallyConsistent) }

  /// Closes every socket and removes the relay's directory. Each descriptor is closed once,
  /// however often this is called: a number closed twice may by then be another test's file.
  func stop() {
    let open = descriptors.withLock { descriptors in
      defer { descriptors = [] }
      return descriptors
    }
    for descriptor in open {
      shutdown(descriptor, Int32(SHUT_RDWR))
      close(descriptor)
    }
    try? FileManager.default.removeItem(atPath: directory)
  }

  private func pump(from source: Int32, to destination: Int32) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
      guard count > 0 else { return }
      if silent.load(ordering: .sequentiallyConsistent) { continue }
      var sent = 0
      while sent < count {
        let written = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
        guard written > 0 else { return }
        sent += written
      }
    }
  }

  /// Calls `body` with `path` as a Unix socket address.
  private static func withAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return -1 }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
  }
}
