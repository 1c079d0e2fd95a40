import CaseEngine
public import CaseFormat

/// How long a playthrough takes, estimated from the words read and the decisions made, along the
/// quickest and the slowest way from the start to an ending: what the `minutes:` header should
/// fall within.
///
/// The model, documented in the trainer's guide:
/// - **reading** at ``wordsPerMinute`` (238, the mean silent-reading rate of adults for
///   non-fiction in Brysbaert's meta-analysis, *Journal of Memory and Language*, 2019): a
///   passage's story and options, the feedback on the option taken, and at an ending its text,
///   lessons and reflection questions;
/// - **deciding**: ``secondsPerDecision`` for every decision, to weigh the options;
/// - **explaining**: in assessment mode, ``secondsPerRationale`` more per decision, to type an
///   answer to "Why?" (a sentence or two).
///
/// Paths are taken over the passages and choices as written, ignoring conditions and roles,
/// so the range is never narrower than real play's: the quickest way counts only the text every
/// arrival is sure to see (unconditional lines and options) in the quicker mode (practice, if
/// the scenario has it), the slowest counts everything in the slower mode. A loop is counted
/// through its way out once (``PathOptimum``): going round it again is not counted. A header
/// outside this range is outside real play's too.
public struct ReadingTime: Sendable, Equatable {
  public static let wordsPerMinute = 238.0
  public static let secondsPerDecision = 20.0
  public static let secondsPerRationale = 45.0

  /// The quickest and the slowest playthrough, in minutes.
  public let shortestMinutes: Double
  public let longestMinutes: Double

  /// nil when no ending can be reached from the start over the passages as written.
  public init?(scenario: Scenario) {
    let modes = scenario.header.modes
    let quickMode: PlayMode = modes.contains(.practice) || modes.isEmpty ? .practice : .assessment
    let slowMode: PlayMode = modes.contains(.assessment) ? .assessment : .practice
    guard let quick = Self.optimum(scenario, everything: false, mode: quickMode, slowest: false),
      let slow = Self.optimum(scenario, everything: true, mode: slowMode, slowest: true)
    else { return nil }
    shortestMinutes = quick / 60
    longestMinutes = slow / 60
  }

  /// The seconds of the quickest (or slowest) path, in tenths of a second for the integer
  /// path solver.
  private static func optimum(_ scenario: Scenario, everything: Bool, mode: PlayMode, slowest: Bool) -> Double? {
    let order = scenario.passageOrder
    let index = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    guard let start = index[scenario.startPassageID] else { return nil }
    func seconds(_ pieces: [String]) -> Double { Double(PassageText.words(pieces)) / wordsPerMinute * 60 }
    var edgeStart: [Int] = [0]
    var edgeTarget: [Int32] = []
    var values: [Int] = []
    var isTerminal: [Bool] = []
    for id in order {
      guard let passage = scenario.passages[id] else { return nil }
      isTerminal.append(passage.isEnding)
      let reading = seconds(PassageText.story(passage, everything: everything) + PassageText.options(passage, everything: everything))
      for choice in passage.choices {
        guard let target = index[choice.target], let next = scenario.passages[choice.target] else { continue }
        var total = reading + secondsPerDecision + seconds(PassageText.feedback(choice))
        if mode == .assessment { total += secondsPerRationale }
        if next.isEnding {
          total += seconds(PassageText.story(next, everything: everything) + PassageText.ending(next, scenarioWide: scenario.header))
        }
        edgeTarget.append(Int32(target))
        values.append(Int((total * 10).rounded()))
      }
      edgeStart.append(edgeTarget.count)
    }
    guard
      let best = PathOptimum.solve(
        nodeCount: order.count, start: start, edgeStart: edgeStart, edgeTarget: edgeTarget,
        edgeLabel: (0..<Int32(values.count)).map { $0 }, labelValue: values, isTerminal: isTerminal, maximise: slowest)
    else { return nil }
    return Double(best.total) / 10
  }
}
