import Foundation

/// A scenario's scripted playthroughs (`NAME.tests` beside `NAME.case`): each names a path of
/// choices, as a trainee would type them, and the ending and score it must reach.
///
/// ```
/// == best
/// role: social-worker
/// choices: 1, 3, 2, 1
/// ending: child-protected
/// outcome: safe
/// score: 27          (or a range: 20..30)
/// ```
///
/// A team's playthrough names the team and, for each decision, the role that takes it:
///
/// ```
/// == team-best
/// team: social-worker, police-officer
/// choices: social-worker 1, police-officer 1, social-worker 1, police-officer 1, social-worker 1
/// ```
public struct ExpectationFile: Sendable, Equatable {
  public var path: String
  public var expectations: [Expectation]

  public struct Expectation: Sendable, Equatable {
    public var name: String
    public var location: SourceLocation
    public var role: String?
    /// For a team's playthrough, the roles played, in team order; empty for one role.
    public var team: [String] = []
    /// 1-based positions among the choices visible at each step.
    public var choices: [Int]
    /// In a team's playthrough, the role taking each step (in step with ``choices``).
    public var deciders: [String] = []
    public var ending: String?
    public var outcome: Outcome?
    public var score: ClosedRange<Int>?
  }

  public static func parse(_ text: String, path: String) -> (ExpectationFile, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var expectations: [Expectation] = []
    let bytes = Array(text.utf8)
    for (offset, range) in LineRanges(bytes).enumerated() {
      let line = SourceLine(number: offset + 1, utf8: bytes[range])
      let at = SourceLocation(file: path, line: line.number, column: line.indent + 1)
      if line.isBlank || line.isComment { continue }
      let content = line.content
      if content.hasPrefix("==") {
        let name = String(content.drop { $0 == "=" }).trimmed
        expectations.append(
          Expectation(name: name, location: at, role: nil, choices: [], ending: nil, outcome: nil, score: nil))
        continue
      }
      guard !expectations.isEmpty else {
        diagnostics.append(.error(.misplacedLine, "start each expected path with '== name'", at: at))
        continue
      }
      guard let colon = content.firstIndex(of: ":") else {
        diagnostics.append(.error(.misplacedLine, "expected 'key: value'", at: at))
        continue
      }
      let key = String(content[..<colon]).trimmed
      let value = String(content[content.index(after: colon)...]).trimmed
      let index = expectations.count - 1
      switch key {
      case "role": expectations[index].role = value
      case "ending": expectations[index].ending = value
      case "outcome":
        if let outcome = Outcome(rawValue: value) {
          expectations[index].outcome = outcome
        } else {
          diagnostics.append(.error(.badOutcome, "'\(value)' is not an outcome class", at: at))
        }
      case "team":
        expectations[index].team = value.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
      case "choices":
        // Each step is a number, or in a team's playthrough "ROLE N".
        let steps = value.split(separator: ",").map { item -> (String?, Int?) in
          let words = item.split(separator: " ").map(String.init)
          return words.count == 2 ? (words[0], Int(words[1])) : (nil, words.count == 1 ? Int(words[0]) : nil)
        }
        let named = steps.filter { $0.0 != nil }.count
        if steps.isEmpty || steps.contains(where: { $0.1 == nil }) || (named != 0 && named != steps.count) {
          diagnostics.append(
            .error(
              .badChoice, "choices are whole numbers separated by commas; in a team's playthrough, each is 'ROLE N'",
              at: at))
        } else {
          expectations[index].choices = steps.compactMap(\.1)
          expectations[index].deciders = steps.compactMap(\.0)
        }
      case "score":
        let parts = value.components(separatedBy: "..").map { Int($0.trimmed) }
        if parts.count == 1, let n = parts[0] {
          expectations[index].score = n...n
        } else if parts.count == 2, let low = parts[0], let high = parts[1], low <= high {
          expectations[index].score = low...high
        } else {
          diagnostics.append(.error(.badWeight, "score is a whole number or a range like 20..30", at: at))
        }
      default:
        diagnostics.append(
          .error(
            .unknownHeader, "unknown key '\(key)'", at: at, length: key.count,
            suggestion: Suggestions.closest(to: key, among: ["role", "team", "choices", "ending", "outcome", "score"])))
      }
    }
    for expectation in expectations where !expectation.deciders.isEmpty && expectation.team.isEmpty {
      diagnostics.append(
        .error(
          .misplacedLine, "'\(expectation.name)' names a role for each choice: add 'team: ROLE, ROLE' for the roles that play",
          at: expectation.location))
    }
    return (ExpectationFile(path: path, expectations: expectations), diagnostics)
  }
}
