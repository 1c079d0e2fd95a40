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
public struct ExpectationFile: Sendable, Equatable {
  public var path: String
  public var expectations: [Expectation]

  public struct Expectation: Sendable, Equatable {
    public var name: String
    public var location: SourceLocation
    public var role: String?
    /// 1-based positions among the choices visible at each step.
    public var choices: [Int]
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
      case "choices":
        let numbers = value.split(separator: ",").map { Int(String($0).trimmed) }
        if numbers.contains(nil) || numbers.isEmpty {
          diagnostics.append(.error(.badChoice, "choices are whole numbers separated by commas", at: at))
        } else {
          expectations[index].choices = numbers.compactMap { $0 }
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
            suggestion: Suggestions.closest(to: key, among: ["role", "choices", "ending", "outcome", "score"])))
      }
    }
    return (ExpectationFile(path: path, expectations: expectations), diagnostics)
  }
}
