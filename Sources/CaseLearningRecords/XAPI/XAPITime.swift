import CaseRecords
public import Foundation

/// xAPI's two time formats: timestamps (ISO 8601 / RFC 3339, in UTC, to the millisecond, as
/// records keep them) and durations (ISO 8601 `PnDTnHnMnS`, to the hundredth of a second, the
/// precision the specification asks providers not to exceed).
public enum XAPITime {
  /// `2026-11-29T14:03:27.512Z`: the record's own text of the time (``TimestampText``).
  public static func timestamp(_ date: Date) -> String {
    TimestampText.format(date)
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
