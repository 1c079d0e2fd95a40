import Foundation

/// Dates as the command line takes them (`report --since`, `export xapi --since`, `purge
/// --before`): one reading for every command, so a date that works in one works in all.
enum DateArgument {
  /// `YYYY-MM-DD`, midnight UTC at its start; only a real calendar day (not 2025-02-30, which
  /// the ISO 8601 reader would otherwise roll over into March), written in full.
  static func day(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    guard let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
    return date
  }

  /// A day, or an ISO 8601 moment with its zone (`2026-11-29T14:00:00Z`, seconds' fractions
  /// allowed).
  static func dayOrMoment(_ text: String) -> Date? {
    if let day = day(text) { return day }
    let formatter = ISO8601DateFormatter()
    for options: ISO8601DateFormatter.Options in [
      [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
    ] {
      formatter.formatOptions = options
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }
}
