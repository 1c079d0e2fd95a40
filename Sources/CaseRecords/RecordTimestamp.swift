#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Record times are kept to the whole millisecond.
///
/// Stores keep dates at millisecond precision, so a record read back must equal the one written.
/// `SessionRecord` and `EventRecord` therefore truncate their dates with these functions as soon
/// as they are set, and stores use the same conversions. Going through an integer count of
/// milliseconds (rather than rounding a `Double` twice) makes the conversion exact and idempotent.
public enum RecordTimestamp {
  /// Whole milliseconds since 1970-01-01T00:00:00Z, rounded towards the past.
  ///
  /// A `Date` is a `Double` of seconds since 2001, so a date made by
  /// ``date(millisecondsSince1970:)`` can come back a few units in the last place below its
  /// integer value. The allowance below (at least 1 µs, more for dates far from now) keeps such a
  /// date on its own millisecond, which makes truncation idempotent; the price is that a date
  /// less than that allowance before a millisecond boundary counts as on the boundary.
  public static func milliseconds(since1970 date: Date) -> Int64 {
    let seconds = date.timeIntervalSince1970
    let lastPlace = max(seconds.ulp, date.timeIntervalSinceReferenceDate.ulp)
    let allowance = max(0.001, 4000 * lastPlace)
    let milliseconds = (seconds * 1000 + allowance).rounded(.down)
    // Absurd dates (beyond ~285,000 years, infinite, NaN) are clamped rather than trapping.
    let limit = Double(Int64(1) << 53)
    return milliseconds.isNaN ? 0 : Int64(min(max(milliseconds, -limit), limit))
  }

  /// The date at a whole number of milliseconds since 1970-01-01T00:00:00Z.
  public static func date(millisecondsSince1970 milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }

  /// `date` truncated to its millisecond: the value a store gives back.
  public static func truncated(_ date: Date) -> Date {
    Self.date(millisecondsSince1970: milliseconds(since1970: date))
  }
}
