import Foundation

/// Dates as stored, and as xAPI statements give them: ISO-8601 UTC text with milliseconds, e.g.
/// `2026-03-14T09:26:53.589Z`. One writer for both, so an exported statement's timestamp is the
/// record's text exactly.
///
/// Text keeps the file readable with the `sqlite3` tool during an audit, and this fixed-width
/// form sorts in time order, so `ORDER BY started_at` works on it. The conversion is done with
/// integer calendar arithmetic (days from civil, after Howard Hinnant) instead of a date
/// formatter, so it is exact to the millisecond and independent of locale and time zone.
package enum TimestampText {
  private static let millisecondsPerDay: Int64 = 86_400_000

  /// The stored text of `date`, truncated to its millisecond.
  package static func format(_ date: Date) -> String {
    format(milliseconds: RecordTimestamp.milliseconds(since1970: date))
  }

  /// The date that `text` stands for, or nil if `text` is not exactly in the stored form.
  package static func parse(_ text: String) -> Date? {
    guard let milliseconds = parseMilliseconds(text) else { return nil }
    return RecordTimestamp.date(millisecondsSince1970: milliseconds)
  }

  package static func format(milliseconds: Int64) -> String {
    let (days, remainder) = floorDivision(milliseconds, millisecondsPerDay)
    let (year, month, day) = civil(fromDays: days)
    let hour = remainder / 3_600_000
    let minute = remainder / 60_000 % 60
    let second = remainder / 1000 % 60
    let millisecond = remainder % 1000
    let yearText: String
    switch year {
    case 0...9999: yearText = padded(year, 4)
    case ..<0: yearText = "-" + padded(-year, 4)
    default: yearText = "+" + padded(year, 4)
    }
    return "\(yearText)-\(padded(month, 2))-\(padded(day, 2))T\(padded(hour, 2)):"
      + "\(padded(minute, 2)):\(padded(second, 2)).\(padded(millisecond, 3))Z"
  }

  /// Parses by reading the numbers, then accepts only text that formats back identically:
  /// that one check rejects every malformed or out-of-range field.
  package static func parseMilliseconds(_ text: String) -> Int64? {
    if let milliseconds = text.utf8.withContiguousStorageIfAvailable(parseStoredForm) ?? nil {
      return milliseconds
    }
    var body = Substring(text)
    var sign: Int64 = 1
    if body.first == "-" || body.first == "+" {
      sign = body.first == "-" ? -1 : 1
      body = body.dropFirst()
    }
    let fields = body.split(whereSeparator: { "-T:.Z".contains($0) })
    guard fields.count == 7, text.hasSuffix("Z"),
      fields.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let year = Int64(fields[0]), let month = Int64(fields[1]), let day = Int64(fields[2]),
      let hour = Int64(fields[3]), let minute = Int64(fields[4]), let second = Int64(fields[5]),
      let millisecond = Int64(fields[6]),
      year < 1_000_000, (1...12).contains(month), (1...31).contains(day),
      // Bounded before any arithmetic, so a damaged row cannot overflow (it is then refused by
      // the round trip below, like every other malformed field).
      (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
      (0...999).contains(millisecond)
    else { return nil }
    let days = self.days(fromCivil: sign * year, month, day)
    let milliseconds =
      days * millisecondsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
    return format(milliseconds: milliseconds) == text ? milliseconds : nil
  }

  /// The fast path of ``parseMilliseconds(_:)`` for the form this code writes for years 0 to
  /// 9999 (`2026-03-14T09:26:53.589Z`, 24 bytes), read straight from the bytes: a report reads a
  /// million of them. It accepts only text that formats back identically (every field in range,
  /// a day that exists in its month, no leap second), so it agrees with the general path on every
  /// text it accepts and leaves every other text to it.
  private static func parseStoredForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ start: Int, _ count: Int) -> Int64? {
      var value: Int64 = 0
      for index in start..<(start + count) {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int64(digit)
      }
      return value
    }
    guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
      (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year), hour <= 23, minute <= 59,
      second <= 59
    else { return nil }
    return days(fromCivil: year, month, day) * millisecondsPerDay
      + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
  }

  private static func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
    let quotient = a >= 0 ? a / b : -((-a + b - 1) / b)
    return (quotient, a - quotient * b)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date of a count of days since 1970-01-01.
  private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  private static func padded(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
