import ArgumentParser
import CaseEngine

/// How far `check` and `analyze` explore a scenario's states before they stop and say so. Left
/// out, the bounds grow with the scenario (see `StateSpace.Bounds`); a trainer whose scenario
/// needs more raises them, up to the most this machine is allowed to spend.
struct ExplorationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Explore at most this many states per role (default: 4,096 a passage, at least 1,000,000; at most 40,000,000).",
      valueName: "n"))
  var maxStates: Int?

  @Option(
    help: ArgumentHelp(
      "Record at most this many transitions per role (default: 12,288 a passage, at least 10,000,000; at most 120,000,000).",
      valueName: "n"))
  var maxTransitions: Int?

  func validate() throws {
    let maximum = StateSpace.Bounds.maximum
    if let maxStates, !(1...maximum.states).contains(maxStates) {
      throw ValidationError("--max-states must be from 1 to \(maximum.states)")
    }
    if let maxTransitions, !(1...maximum.transitions).contains(maxTransitions) {
      throw ValidationError("--max-transitions must be from 1 to \(maximum.transitions)")
    }
  }
}
