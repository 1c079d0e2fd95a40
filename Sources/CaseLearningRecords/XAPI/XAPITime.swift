import CaseRecords
public import Foundation

/// xAPI's two time formats: timestamps (ISO 8601 / RFC 3339, in UTC, to the millisecond, which is
/// what records keep) and durations (ISO 8601 `PnDTnHnMnS`, to the hundredth of a second, the
/// precision the specification asks providers not to exceed).
public enum XAPITime {
  /// `2026-11-29T14:03:27.512Z`.
  public static func timestamp(_ date: Date) -> String {
    let milliseconds = RecordTimestamp.milliseconds(since1970: date)
    let seconds = milliseconds.quotient(dividingBy: 1000)
    var time = time_t(seconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let fraction = milliseconds - seconds * 1000
    let year = Int(parts.tm_year) + 1900
    let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    let millisecondText = String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
      + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millisecondText)Z"
  }

  /// `PT41.27S`, `PT1H2M3.4S`, `P2DT3H`: hours, minutes and seconds, days past 24 hours;
  /// hundredths of a second (truncated). A negative length (a clock set back) counts as none.
  public static func duration(milliseconds: Int) -> String {
    let hundredths = max(0, milliseconds) / 10
    let days = hundredths / 8_640_000
    let hours = hundredths / 360_000 % 24
    let minutes = hundredths / 6000 % 60
    let seconds = hundredths / 100 % 60
    let fraction = hundredths % 100
    var text = "P"
    if days > 0 { text += "\(days)D" }
    var time = ""
    if hours > 0 { time += "\(hours)H" }
    if minutes > 0 { time += "\(minutes)M" }
    if seconds > 0 || fraction > 0 || (time.isEmpty && days == 0) {
      let fractionText =
        fraction == 0 ? "" : fraction % 10 == 0 ? ".\(fraction / 10)" : fraction < 10 ? ".0\(fraction)" : ".\(fraction)"
      time += "\(seconds)\(fractionText)S"
    }
    return time.isEmpty ? text : text + "T" + time
  }
}

extension Int64 {
  /// Division rounded towards minus infinity (before 1970, a date's second is the earlier one).
  fileprivate func quotient(dividingBy divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
