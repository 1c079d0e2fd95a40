import Foundation
import Synchronization

/// Runs async library code (a shared store, an LRS client) from a synchronous command.
///
/// The commands stay synchronous on the main thread, outside Swift concurrency, on purpose: the
/// interactive shell's readline must own the main thread for Ctrl-C to reach it (an async main
/// hands the main thread to the dispatch queue, and SIGINT can land on another thread). Waiting
/// here never blocks a thread the task needs, since the task runs on the concurrency pool.
enum Blocking {
  /// The task's result, once it has finished.
  static func wait<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
    guard let value = try wait(within: nil, body) else { throw CancellationError() }
    return value
  }

  /// The task's result if it finishes within `seconds`, else nil (the task is left to run on;
  /// the program is about to end). Nil seconds waits as long as it takes.
  static func wait<Value: Sendable>(
    within seconds: Double?, _ body: @escaping @Sendable () async throws -> Value
  ) throws -> Value? {
    let outcome = Outcome<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
      let result: Result<Value, any Error>
      do {
        result = .success(try await body())
      } catch {
        result = .failure(error)
      }
      outcome.value.withLock { $0 = result }
      done.signal()
    }
    if let seconds {
      guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    } else {
      done.wait()
    }
    guard let result = outcome.value.withLock({ $0 }) else { throw CancellationError() }
    return try result.get()
  }

  private final class Outcome<Value: Sendable>: Sendable {
    let value = Mutex<Result<Value, any Error>?>(nil)
  }
}
