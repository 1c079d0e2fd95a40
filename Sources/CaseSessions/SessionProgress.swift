public import CaseEngine
import CaseFormat

/// Where a trainee stands in a case: which decision this is, and the fewest decisions that can
/// still end it from here, so "Decision 3 of at least 5" can be shown without giving away which
/// option is the quick one.
public struct SessionProgress: Sendable, Equatable {
  /// This decision's number, counting the decisions that stand (taken back ones do not count).
  public var decision: Int
  /// The decisions taken plus the fewest that can still reach an ending, this one included; nil
  /// when the search was too large to finish (see ``searchLimit``) or no ending can be reached.
  public var atLeast: Int?

  public init(decision: Int, atLeast: Int?) {
    self.decision = decision
    self.atLeast = atLeast
  }

  /// The most states searched for the fewest decisions to an ending: plenty for any written
  /// scenario, a bound for a generated or hostile one (which then shows no estimate).
  public static let searchLimit = 20_000

  /// The fewest decisions from `state` to an ending, by a breadth-first search over the states
  /// play can reach; 0 at an ending.
  public static func fewestDecisionsToEnding(_ engine: Engine, from state: PlayState, limit: Int = searchLimit) -> Int? {
    if engine.isFinished(state) { return 0 }
    var seen: Set<StateKey> = [state.key]
    var frontier = [state]
    var depth = 0
    while !frontier.isEmpty {
      depth += 1
      var next: [PlayState] = []
      for current in frontier {
        for choice in engine.visibleChoices(current) {
          guard let reached = try? engine.choose(choice.index, in: current) else { continue }
          if engine.isFinished(reached) { return depth }
          guard seen.insert(reached.key).inserted else { continue }
          if seen.count > limit { return nil }
          next.append(reached)
        }
      }
      frontier = next
    }
    return nil
  }
}
