import ArgumentParser
import CaseEngine

/// How far `check` and `analyze` explore a scenario's states before they stop and say so. Left
/// out, the bounds grow with the scenario (see `StateSpace.Bounds`); a trainer whose scenario
/// needs more raises them, up to the most this machine is allowed to spend.
struct ExplorationOptions: ParsableArguments {
  private typealias Bounds = StateSpace.Bounds

  @Option(
    help: ArgumentHelp(
      "Explore at most this many states per role (default: \(Bounds.perPassage.states) a passage, at least \(Bounds.floor.states); at most \(Bounds.maximum.states)).",
      valueName: "n"))
  var maxStates: Int?

  @Option(
    help: ArgumentHelp(
      "Record at most this many transitions per role (default: \(Bounds.perPassage.transitions) a passage, at least \(Bounds.floor.transitions); at most \(Bounds.maximum.transitions)).",
      valueName: "n"))
  var maxTransitions: Int?

  func validate() throws {
    let maximum = Bounds.maximum
    if let maxStates, !(1...maximum.states).contains(maxStates) {
      throw ValidationError("--max-states must be from 1 to \(maximum.states)")
    }
    if let maxTransitions, !(1...maximum.transitions).contains(maxTransitions) {
      throw ValidationError("--max-transitions must be from 1 to \(maximum.transitions)")
    }
  }
}
