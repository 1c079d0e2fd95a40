/// Reads the WHEN of `@fact WHEN | TEXT` as a point on the story's timeline, so the case file can
/// list facts in the order they happened rather than the order they were revealed.
///
/// The timeline counts minutes from 00:00 on the Monday of the story's own week (week 0, where
/// "Fri 17:05" falls): "4 weeks ago, Sat 02:50" is before it, "Week 3, Thu" (Week 1 being the
/// story's first week) after it. A WHEN is one or more parts separated by commas, each narrowing
/// the one before: "4 weeks ago, Sat 02:50", "Next day, 08:45". Parts that count on ("Two days
/// later", "Next day", "Following week") count from the fact written before it in the file;
/// everything else counts from the story's week. The grammar is deliberately small and exact:
/// a WHEN it cannot read ("Strategy discussion", "Summer") is reported, and the author gives its
/// place in brackets after the label, which the trainee does not see: `@fact Strategy
/// discussion [Fri 18:30] | ...`. The forms are listed in Documentation/scenario-format.md.
public enum StoryTime {
  static let minute = 1
  static let hour = 60
  static let day = 24 * hour
  static let week = 7 * day

  /// What a WHEN says about order.
  public enum Reading: Equatable, Sendable {
    /// A point on the timeline.
    case at(Int)
    /// Not a time this grammar reads; the text that could not be read.
    case unreadable(String)
  }

  /// The WHEN as the trainee sees it: without a trailing `[...]` order hint.
  public static func label(_ when: String) -> String {
    guard let hint = hint(in: when) else { return when }
    return String(when[..<hint.open]).trimmed
  }

  /// The trailing `[...]` of a WHEN, if it has one: where it opens and what is inside.
  static func hint(in when: String) -> (open: String.Index, text: String)? {
    let trimmed = when.trimmed
    guard trimmed.hasSuffix("]"), let open = when.lastIndex(of: "[") else { return nil }
    let close = when.lastIndex(of: "]")!
    guard open < close else { return nil }
    return (open, String(when[when.index(after: open)..<close]).trimmed)
  }

  /// Reads `when` (its bracketed hint if it has one, else the label itself); `previous` is the
  /// point of the fact written before it, from which parts that count on ("later") count.
  public static func read(_ when: String, after previous: Int?) -> Reading {
    let text = hint(in: when)?.text ?? when
    let parts = text.split(separator: ",").map { String($0).trimmed.lowercased() }
    guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return .unreadable(text.trimmed) }
    var cursor = 0
    for (index, part) in parts.enumerated() {
      guard let next = apply(part, to: cursor, first: index == 0, previous: previous ?? 0) else {
        return .unreadable(String(text.split(separator: ",")[index]).trimmed)
      }
      cursor = next
    }
    return .at(cursor)
  }

  /// True when `when` is readable and its place depends on the fact written before it ("Two days
  /// later", "Next day, 08:45"): its place is then only as good as that fact's.
  public static func countsOn(_ when: String) -> Bool {
    guard case .at(let early) = read(when, after: 0), case .at(let late) = read(when, after: 1_000 * week) else {
      return false
    }
    return early != late
  }

  /// The place of a fact whose WHEN is `when`, written after the fact placed at `last`, which
  /// becomes this one's, and the part it could not read, if any: an unreadable WHEN takes the
  /// place of the fact before it (the start of the story's week for the first), so the case file
  /// still has an order to show. The one rule for the parser and the JSON importer alike.
  public static func place(_ when: String, after last: inout Int?) -> (point: Int, unreadable: String?) {
    switch read(when, after: last) {
    case .at(let point):
      last = point
      return (point, nil)
    case .unreadable(let part):
      return (last ?? 0, part)
    }
  }

  /// `point` written as a time this grammar reads back exactly: "Week 2, Tue 09:00" ("Week 1" is
  /// the story's week; an earlier week counts back, "3 weeks ago, Sat 02:50"). For messages that
  /// tell an author the place a fact has, to write in its brackets.
  public static func written(_ point: Int) -> String {
    let weekNumber = floorDivide(point, week)
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let inWeek = point - weekNumber * week
    let clock = inWeek % day
    let time = "\(days[inWeek / day]) \(clock / hour < 10 ? "0" : "")\(clock / hour):\(clock % hour < 10 ? "0" : "")\(clock % hour)"
    switch weekNumber {
    case 0...: return "Week \(weekNumber + 1), \(time)"
    case -1: return "1 week ago, \(time)"
    default: return "\(-weekNumber) weeks ago, \(time)"
    }
  }

  // MARK: The parts

  /// One part applied to where the parts before it put the cursor; nil when it is not a form
  /// this grammar reads.
  static func apply(_ raw: String, to cursor: Int, first: Bool, previous: Int) -> Int? {
    var words = raw.split(separator: " ").map(String.init)
    if words.first == "the" { words.removeFirst() }
    guard !words.isEmpty else { return nil }
    // Counting on from the fact before ("later"), or narrowing this WHEN's own cursor.
    let onward = first ? previous : cursor

    if words.count > 1, let time = period(words) { return dayStart(cursor) + time }
    switch words.count {
    case 1:
      let word = words[0]
      if let time = clock(word) { return dayStart(cursor) + time }
      if let time = period([word]) { return dayStart(cursor) + time }
      if let weekday = weekday(word) { return weekStart(cursor) + weekday * day }
      switch word {
      case "today": return dayStart(onward)
      case "tonight": return dayStart(onward) + 22 * hour
      case "yesterday": return dayStart(onward) - day
      default: return nil
      }
    default: break
    }

    // DAY CLOCK | DAY PERIOD: "Fri 17:05", "Sat night", "Sun early hours".
    if let weekday = weekday(words[0]) {
      let rest = Array(words.dropFirst())
      let start = weekStart(cursor) + weekday * day
      if rest.count == 1, let time = clock(rest[0]) { return start + time }
      if let time = period(rest) { return start + time }
      return nil
    }
    // last|next|following|this DAY [CLOCK|PERIOD], or ... week|month|year|fortnight.
    if ["last", "next", "following", "this"].contains(words[0]) {
      let step = words[0] == "last" ? -1 : words[0] == "this" ? 0 : 1
      // "Last" counts back from the story's week; "next" and "following" count on from the
      // fact before, as a reader takes "the following Monday".
      let from = step > 0 ? onward : cursor
      if let weekday = weekday(words[1]) {
        let start = weekStart(from) + step * week + weekday * day
        let rest = Array(words.dropFirst(2))
        if rest.isEmpty { return start }
        if rest.count == 1, let time = clock(rest[0]) { return start + time }
        if let time = period(rest) { return start + time }
        return nil
      }
      guard words.count == 2 else {
        // "next day, 08:45" is two parts; "next day" alone is handled below.
        return words == ["next", "working", "day"] ? dayStart(onward) + day : nil
      }
      switch words[1] {
      case "day": return step > 0 ? dayStart(onward) + day : nil
      case "morning": return step > 0 ? dayStart(onward) + day + 9 * hour : nil
      case "week": return weekStart(from) + step * week
      case "fortnight": return weekStart(from) + step * 2 * week
      case "month": return from + step * 30 * day
      case "year": return from + step * 365 * day
      default: return nil
      }
    }
    // week N | month N | day N: the story's own numbering, 1 being its first.
    if words.count == 2, let n = Int(words[1]), n >= 1, n <= 10_000 {
      switch words[0] {
      case "week": return (n - 1) * week
      case "month": return (n - 1) * 30 * day
      case "day": return (n - 1) * day
      default: break
      }
    }
    // within N UNIT: counts on, like "later".
    if words[0] == "within", let (count, unit) = amount(Array(words.dropFirst())) {
      return onward + count * unit
    }
    // N UNIT ago|before|earlier, N UNIT later|after.
    if let direction = words.last, let (count, unit) = amount(Array(words.dropLast())) {
      switch direction {
      case "ago", "before", "earlier":
        // Whole weeks and longer count back to the start of that week, so a day part can follow.
        return unit >= week ? -count * unit : cursor - count * unit
      case "later", "after", "on": return onward + count * unit
      default: return nil
      }
    }
    return nil
  }

  /// "4 weeks", "two days", "a month", "ten working days", "18 months": how many of what.
  static func amount(_ words: [String]) -> (Int, Int)? {
    guard words.count >= 2, let count = number(words[0]) else { return nil }
    let unitWords = words.dropFirst().filter { $0 != "working" }
    guard unitWords.count == 1, words.count - unitWords.count <= 2 else { return nil }
    var name = unitWords[0]
    if name.hasSuffix("s") { name.removeLast() }
    let unit: Int
    switch name {
    case "minute": unit = minute
    case "hour": unit = hour
    case "day": unit = day
    case "week": unit = week
    case "fortnight": unit = 2 * week
    case "month": unit = 30 * day
    case "year": unit = 365 * day
    default: return nil
    }
    return (count, unit)
  }

  static let numberWords = [
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
  ]

  /// A count: digits (up to 10,000, so no arithmetic can overflow) or a word.
  static func number(_ word: String) -> Int? {
    if let n = Int(word), n >= 0, n <= 10_000 { return n }
    return numberWords[word]
  }

  static let weekdays = [
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2, "thu": 3, "thur": 3,
    "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
  ]

  static func weekday(_ word: String) -> Int? { weekdays[word] }

  /// "17:05" as minutes into the day.
  static func clock(_ word: String) -> Int? {
    let pieces = word.split(separator: ":", omittingEmptySubsequences: false)
    guard pieces.count == 2, pieces[0].count <= 2, pieces[1].count == 2,
      let hours = Int(pieces[0]), let minutes = Int(pieces[1]), (0...23).contains(hours), (0...59).contains(minutes)
    else { return nil }
    return hours * hour + minutes
  }

  /// A part of the day, at a time that sorts it among clock times.
  static func period(_ words: [String]) -> Int? {
    switch words.joined(separator: " ") {
    case "early hours", "early morning": 2 * hour
    case "morning": 9 * hour
    case "lunchtime": 12 * hour + 30
    case "afternoon": 15 * hour
    case "evening": 19 * hour
    case "night", "late evening": 22 * hour
    default: nil
    }
  }

  /// The start of the day and of the (Monday-to-Sunday) week that `point` falls in.
  static func dayStart(_ point: Int) -> Int { floorDivide(point, day) * day }
  static func weekStart(_ point: Int) -> Int { floorDivide(point, week) * week }

  private static func floorDivide(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }
}
