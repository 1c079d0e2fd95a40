/// "Did you mean" suggestions for misspelt names.
public enum Suggestions {
  /// The candidate closest to `name`, if it is close enough to be a plausible typo.
  ///
  /// Uses the optimal-string-alignment distance (Levenshtein plus adjacent transpositions, the
  /// commonest typing slip) and accepts up to a third of the name's length, at least 2 edits,
  /// unless `limit` says how many edits to accept. Ties go to the candidate first in order.
  public static func closest(to name: String, among candidates: some Sequence<String>, limit: Int? = nil) -> String? {
    let limit = limit ?? max(2, name.count / 3)
    var best: (String, Int)?
    for candidate in candidates where candidate != name {
      let d = distance(name, candidate)
      if d <= limit, best.map({ d < $0.1 || (d == $0.1 && candidate < $0.0) }) ?? true {
        best = (candidate, d)
      }
    }
    return best?.0
  }

  /// Optimal string alignment distance between two strings, by characters.
  public static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a)
    let t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previous2 = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[t.count]
  }
}
