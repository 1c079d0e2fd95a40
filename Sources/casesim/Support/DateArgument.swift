import ArgumentParser
import CaseFormat
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

  /// `--since`, read as every command reads it: nil when not given, else the day or moment; a
  /// usage error saying what is wanted (what was typed shown escaped) when it is neither.
  static func since(_ text: String?) throws -> Date? {
    guard let text else { return nil }
    guard let date = dayOrMoment(text) else {
      throw ValidationError(
        "--since takes a day (2025-03-01) or an ISO 8601 moment (2025-03-01T09:00:00Z), not '\(UntrustedText.escaped(text))'")
    }
    return date
  }
}
