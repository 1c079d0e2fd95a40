import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
  /// The transform of every element, in order, computed on all cores: loading and checking a
  /// library are a dozen independent files, and a trainer waits for the slowest core's share
  /// rather than the sum. On one core, or for one element, it is a plain map.
  package func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
    guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return map(transform) }
    let results = Mutex<[Result?]>(Swift.Array(repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { index in
      let result = transform(self[index])
      results.withLock { $0[index] = result }
    }
    return results.withLock { $0.map { $0! } }
  }
}
