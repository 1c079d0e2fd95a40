package import CaseFormat

/// Which flags and counters can still matter at each passage: those some condition may read
/// later (on a choice or a prose line, here or further on) before an effect overwrites them.
///
/// Two states at the same passage that differ only in dead values face exactly the same future
/// (the same choices, effects and endings, step for step), so the state space stores dead values
/// as 0 and such states become one. Path counts, best and worst scores and every check stay
/// exact; only the number of distinct states falls. A classic backward data-flow analysis, run
/// to a fixed point over the passage graph: linear in passages and choices for each round, and
/// each passage is revisited only when what follows it changed.
package struct Liveness: Sendable {
  /// For each passage, the layout's words with the bits of its live fields set (and the passage
  /// field): `state & mask` keeps what decides the future.
  package let masks: [UInt64]

  /// Liveness over every role's choices at once, with no knowledge learned on entering a passage
  /// counted as an overwrite: what a team's state keeps. A value is live for a team when it is
  /// live at the passage of some track: only a track's own path can read the value as it is now
  /// (another track's write before that read only makes the present value matter less).
  package init(everyRoleOf scenario: Scenario) {
    self.init(CompiledScenario(everyRoleOf: scenario))
  }

  package init(_ compiled: CompiledScenario) {
    let flagCount = compiled.layout.flags.count  // the flags, then the knowledge bits
    let variableCount = flagCount + compiled.counterNames.count
    let setWords = max(1, (variableCount + 63) / 64)
    let passageCount = compiled.passageIDs.count
    func insert(_ variable: Int, into set: inout [UInt64], at base: Int) {
      set[base + variable >> 6] |= 1 << UInt64(variable & 63)
    }

    // What each condition reads, and what each choice overwrites (any assignment kills: an
    // addition only carries a value forward, so it never makes one live by itself).
    func reads(_ range: Range<Int32>, into set: inout [UInt64], at base: Int) {
      for step in compiled.program.steps[Int(range.lowerBound)..<Int(range.upperBound)] {
        switch step {
        case .flag(let field): insert(Int(field), into: &set, at: base)
        case .compare(let field, _, _): insert(flagCount + Int(field), into: &set, at: base)
        case .constant, .negate, .jumpIfFalse, .jumpIfTrue: break
        }
      }
    }
    var localReads = [UInt64](repeating: 0, count: passageCount * setWords)
    var kills = [UInt64](repeating: 0, count: compiled.choices.count * setWords)
    var predecessors = [[Int32]](repeating: [], count: passageCount)
    for passage in 0..<passageCount {
      for line in Int(compiled.proseStart[passage])..<Int(compiled.proseStart[passage + 1]) {
        reads(compiled.proseLines[line].condition, into: &localReads, at: passage * setWords)
      }
      for number in compiled.choices(of: passage) {
        let choice = compiled.choices[number]
        reads(choice.condition, into: &localReads, at: passage * setWords)
        for effect in compiled.effects[Int(choice.effects.lowerBound)..<Int(choice.effects.upperBound)] {
          switch effect {
          case .set(let flag), .clear(let flag): insert(Int(flag), into: &kills, at: number * setWords)
          case .assign(let counter, _): insert(flagCount + Int(counter), into: &kills, at: number * setWords)
          case .add: break
          }
        }
        if choice.target >= 0 { predecessors[Int(choice.target)].append(Int32(passage)) }
      }
    }

    var live = localReads
    var pending = Array(0..<passageCount)
    var isPending = [Bool](repeating: true, count: passageCount)
    while let passage = pending.popLast() {
      isPending[passage] = false
      var changed = false
      for number in compiled.choices(of: passage) {
        let target = Int(compiled.choices[number].target)
        guard target >= 0 else { continue }
        for word in 0..<setWords {
          let added = live[target * setWords + word] & ~kills[number * setWords + word]
          let before = live[passage * setWords + word]
          if added & ~before != 0 {
            live[passage * setWords + word] = before | added
            changed = true
          }
        }
      }
      if changed {
        for predecessor in predecessors[passage] where !isPending[Int(predecessor)] {
          isPending[Int(predecessor)] = true
          pending.append(Int(predecessor))
        }
      }
    }

    let layout = compiled.layout
    var masks = [UInt64](repeating: 0, count: passageCount * layout.wordCount)
    for passage in 0..<passageCount {
      let base = passage * layout.wordCount
      masks[base + layout.passage.word] |= layout.passage.mask
      for variable in 0..<variableCount where live[passage * setWords + variable >> 6] & (1 << UInt64(variable & 63)) != 0 {
        let field = variable < flagCount ? layout.flags[variable] : layout.counters[variable - flagCount]
        masks[base + field.word] |= field.mask
      }
    }
    self.masks = masks
  }
}
