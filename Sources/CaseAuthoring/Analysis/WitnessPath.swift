public import CaseEngine
import CaseFormat

/// A concrete playthrough that shows a result is real: each step's passage, the choice taken, and
/// the number a trainee would type for it (its position among the choices visible then), so the
/// path can be pasted into a `.tests` file.
public struct WitnessPath: Sendable, Equatable, Codable {
  public struct Step: Sendable, Equatable, Codable {
    public var passageID: String
    public var choiceIndex: Int
    public var typed: Int
    public var text: String
  }

  public var steps: [Step]
  /// The passage the path ends at.
  public var endPassageID: String

  /// The numbers to type, as a `.tests` `choices:` line.
  public var typed: [Int] { steps.map(\.typed) }

  /// A path through the state space. Edges are stored in the order choices are shown, so an
  /// edge's position is the number a trainee types, less one.
  public init(space: StateSpace, steps: [StateSpace.Step]) {
    self.steps = steps.map { step in
      let choice = space.compiled.choice(Int(space.edgeChoice[space.edgeStart[step.state] + step.edge]))
      return Step(
        passageID: space.passageID(of: step.state), choiceIndex: choice.index, typed: step.edge + 1,
        text: choice.text)
    }
    let last = steps.last.map { Int(space.edgeTarget[space.edgeStart[$0.state] + $0.edge]) } ?? 0
    endPassageID = space.passageID(of: last)
  }
}
