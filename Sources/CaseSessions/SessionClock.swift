public import Foundation

/// Time as a session needs it: wall-clock for records, a monotonic clock for how long a decision
/// took. Injected so tests are deterministic.
public protocol SessionClock: Sendable {
  func now() -> Date
  func monotonicMilliseconds() -> Int
}

/// The real clock.
public struct SystemClock: SessionClock {
  public init() {}
  public func now() -> Date { Date() }
  public func monotonicMilliseconds() -> Int {
    Int(DispatchTime.now().uptimeNanoseconds / 1_000_000)
  }
}
