import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

@Suite("Timestamps")
struct TimestampTests {
  @Test(
    "stored text is ISO-8601 UTC with milliseconds and parses back exactly",
    arguments: [
      (Int64(0), "1970-01-01T00:00:00.000Z"),
      (Int64(1_780_000_000_123), "2026-05-28T20:26:40.123Z"),
      (Int64(951_782_400_000), "2000-02-29T00:00:00.000Z"),
      (Int64(-1), "1969-12-31T23:59:59.999Z"),
      (Int64(253_402_300_799_999), "9999-12-31T23:59:59.999Z"),
    ])
  func formatAndParse(milliseconds: Int64, text: String) {
    #expect(TimestampText.format(milliseconds: milliseconds) == text)
    #expect(TimestampText.parseMilliseconds(text) == milliseconds)
    let date = RecordTimestamp.date(millisecondsSince1970: milliseconds)
    #expect(TimestampText.format(date) == text)
    #expect(TimestampText.parse(text) == date)
  }

  @Test(
    "malformed or out-of-range text is rejected",
    arguments: [
      "", "yesterday", "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
      "2026-01-01T24:00:00.000Z", "2026-01-01T00:00:00.00Z", "2026-01-01T00:00:00.000",
      "2026-01-01 00:00:00.000Z", "2026-1-01T00:00:00.000Z",
      // Found by fuzzing: huge fields once overflowed the arithmetic and trapped.
      "2026-01-01T9223372036854775807:00:00.000Z", "2026-01-01T00:9999999999999999999:00.000Z",
      "2026-01-01T00:00:00.9223372036854775807Z",
    ])
  func rejectsMalformed(text: String) {
    #expect(TimestampText.parseMilliseconds(text) == nil)
  }

  @Test("truncation keeps the millisecond and is idempotent over many dates")
  func truncationIsStable() {
    // Seeded, so every run checks the same dates.
    var generator = SplitMix(state: 0x5EED_CA5E)
    // From 1906 to 2096 (where the allowance is 1 µs), then out to year 9999.
    let ranges: [ClosedRange<Double>] = [-2_000_000_000...4_000_000_000, 0...253_402_300_799]
    for range in ranges {
      for _ in 0..<10_000 {
        let date = Date(timeIntervalSince1970: Double.random(in: range, using: &generator))
        let truncated = RecordTimestamp.truncated(date)
        let milliseconds = RecordTimestamp.milliseconds(since1970: date)
        #expect(RecordTimestamp.truncated(truncated) == truncated)
        #expect(RecordTimestamp.milliseconds(since1970: truncated) == milliseconds)
        #expect(TimestampText.parse(TimestampText.format(date)) == truncated)
        if range == ranges[0] {
          // Rounding absorbs floating-point error of up to 4000 ulp (under 3 µs here).
          #expect(truncated.timeIntervalSince(date) < 0.000_003)
          #expect(date.timeIntervalSince(truncated) < 0.001)
        }
      }
    }
  }

  @Test("records truncate their dates when created and when changed")
  func recordsTruncate() {
    var session = makeSession(startedAt: Date(timeIntervalSince1970: 10.123_9))
    #expect(session.startedAt == RecordTimestamp.date(millisecondsSince1970: 10_123))
    session.finishedAt = Date(timeIntervalSince1970: 20.456_7)
    #expect(session.finishedAt == RecordTimestamp.date(millisecondsSince1970: 20_456))
    var event = EventRecord(
      sessionID: session.id, kind: .note, recordedAt: Date(timeIntervalSince1970: 1.000_9))
    #expect(event.recordedAt == RecordTimestamp.date(millisecondsSince1970: 1000))
    event.recordedAt = Date(timeIntervalSince1970: 2.5009)
    #expect(event.recordedAt == RecordTimestamp.date(millisecondsSince1970: 2500))
  }
}

/// A small deterministic random number generator (SplitMix64).
private struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
