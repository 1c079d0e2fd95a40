/// Which conditions hold where: the checker's questions about conditions that never (or always)
/// hold and passages where nothing is on offer, answered over the packed states in one pass.
extension StateSpace {
  /// For each compiled choice and each conditional prose line (see ``CompiledScenario``), whether
  /// its condition held in some reachable state at its passage, and whether it failed in some.
  package struct ConditionOutcomes: Sendable {
    package var choiceHeld: [Bool]
    package var choiceFailed: [Bool]
    package var proseHeld: [Bool]
    package var proseFailed: [Bool]
  }

  package func conditionOutcomes() -> ConditionOutcomes {
    var outcomes = ConditionOutcomes(
      choiceHeld: [Bool](repeating: false, count: compiled.choices.count),
      choiceFailed: [Bool](repeating: false, count: compiled.choices.count),
      proseHeld: [Bool](repeating: false, count: compiled.proseLines.count),
      proseFailed: [Bool](repeating: false, count: compiled.proseLines.count))
    compiled.withBuffers { buffers in
      words.withUnsafeBufferPointer { stored in
        for state in 0..<stateCount {
          let words = stored.baseAddress! + state * wordCount
          let passage = compiled.layout.passage.read(words)
          for line in Int(compiled.proseStart[passage])..<Int(compiled.proseStart[passage + 1]) {
            if buffers.holds(condition: compiled.proseLines[line].condition, words) {
              outcomes.proseHeld[line] = true
            } else {
              outcomes.proseFailed[line] = true
            }
          }
          for choice in compiled.choices(of: passage) where !buffers.choices[choice].condition.isEmpty {
            if buffers.holds(choice, words) {
              outcomes.choiceHeld[choice] = true
            } else {
              outcomes.choiceFailed[choice] = true
            }
          }
        }
      }
    }
    return outcomes
  }

  /// Whether some choice for the role is on offer in a state (its condition holds), whether or not
  /// its target exists: the engine's ``Engine/visibleChoices(_:)`` is not empty.
  package func offersAChoice(_ state: Int) -> Bool {
    compiled.withBuffers { buffers in
      words.withUnsafeBufferPointer { stored in
        let words = stored.baseAddress! + state * wordCount
        return compiled.choices(of: compiled.layout.passage.read(words)).contains { buffers.holds($0, words) }
      }
    }
  }
}

extension StateSpace {
  /// The smallest and largest value each of `names` (flags read as 0 or 1, counters as they are)
  /// takes over the reachable states at each passage in `passageIDs`: what the checker can say a
  /// condition there depends on ("'evidence' is at most 4 here"). A passage no state reaches is
  /// left out. One pass over the states, reading only the fields asked for.
  package func valueRanges(of names: Set<String>, at passageIDs: Set<String>) -> [String: [String: ClosedRange<Int>]] {
    let wanted = Set(passageIDs.compactMap { compiled.passageNumbers[$0] })
    let fields: [(name: String, field: StateLayout.Field)] =
      compiled.flagNames.enumerated().filter { names.contains($0.element) }.map { ($0.element, compiled.layout.flags[$0.offset]) }
      + compiled.counterNames.enumerated().filter { names.contains($0.element) }.map { ($0.element, compiled.layout.counters[$0.offset]) }
    guard !wanted.isEmpty, !fields.isEmpty else { return [:] }
    var ranges: [Int: [ClosedRange<Int>?]] = [:]
    words.withUnsafeBufferPointer { stored in
      for state in 0..<stateCount {
        let words = stored.baseAddress! + state * wordCount
        let passage = compiled.layout.passage.read(words)
        guard wanted.contains(passage) else { continue }
        var seen = ranges[passage] ?? [ClosedRange<Int>?](repeating: nil, count: fields.count)
        for (index, entry) in fields.enumerated() {
          let value = entry.field.read(words)
          seen[index] = seen[index].map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
        }
        ranges[passage] = seen
      }
    }
    var result: [String: [String: ClosedRange<Int>]] = [:]
    for (passage, seen) in ranges {
      var byName: [String: ClosedRange<Int>] = [:]
      for (index, range) in seen.enumerated() { if let range { byName[fields[index].name] = range } }
      result[compiled.passageIDs[passage]] = byName
    }
    return result
  }
}
