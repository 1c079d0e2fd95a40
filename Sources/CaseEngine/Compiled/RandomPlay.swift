/// Many playthroughs with each choice picked at random, run over the compiled form: the state is
/// mutated in place, scores are added up as play goes, and nothing is allocated per decision, so
/// the cost of a decision does not grow with the length of the path.
///
/// Seeded: the same seed gives the same playthroughs, and the picks are the same calls on the
/// same generator as a trainee's numbers would be, so a failure's `typed` numbers replay it.
package struct RandomPlay: Sendable {
  package struct Failure: Sendable, Equatable {
    package var run: Int
    package var passage: Int
    package enum Reason: Sendable, Equatable {
      case nothingOffered
      case stepLimit
      /// The choice taken names a passage that does not exist.
      case missingTarget(choice: Int)
    }
    package var reason: Reason
    /// The numbers typed up to the failure (1 is the first choice offered).
    package var typed: [Int]
  }

  /// How many playthroughs ended at each passage (by number).
  package private(set) var endingCounts: [Int]
  /// How many times each passage was shown.
  package private(set) var visits: [Int]
  /// The score of each playthrough that reached an ending, in order.
  package private(set) var scores: [Int] = []
  package private(set) var failures: [Failure] = []
  /// How many decisions were taken in all.
  package private(set) var decisions = 0

  /// - Parameters:
  ///   - stepLimit: a playthrough that has not ended after this many decisions fails as looping.
  package init(_ compiled: CompiledScenario, runs: Int, seed: UInt64, stepLimit: Int) {
    endingCounts = [Int](repeating: 0, count: compiled.passageIDs.count)
    visits = [Int](repeating: 0, count: compiled.passageIDs.count)
    var random = SeededGenerator(seed: seed)
    var words = compiled.initialWords
    var counted = [Bool](repeating: false, count: compiled.scoringSlotCount)
    var countedSlots: [Int32] = []
    var offered: [Int] = []
    var typed: [Int] = []
    var endingCounts = self.endingCounts
    var visits = self.visits
    var scores: [Int] = []
    var failures: [Failure] = []
    var decisions = 0
    compiled.withBuffers { buffers in
      for run in 1...max(1, runs) {
        for (index, word) in compiled.initialWords.enumerated() { words[index] = word }
        for slot in countedSlots { counted[Int(slot)] = false }
        countedSlots.removeAll(keepingCapacity: true)
        typed.removeAll(keepingCapacity: true)
        var passage = compiled.start
        var total = 0
        visits[passage] += 1
        var failure: Failure.Reason?
        words.withUnsafeMutableBufferPointer { state in
          let base = state.baseAddress!
          while !buffers.isEnding[passage] {
            offered.removeAll(keepingCapacity: true)
            var choice = Int(buffers.choiceStart[passage])
            let end = Int(buffers.choiceStart[passage + 1])
            while choice < end {
              if buffers.holds(choice, base) { offered.append(choice) }
              choice += 1
            }
            guard !offered.isEmpty else {
              failure = .nothingOffered
              return
            }
            guard typed.count < stepLimit else {
              failure = .stepLimit
              return
            }
            let pick = Int.random(in: 0..<offered.count, using: &random)
            typed.append(pick + 1)
            let taken = offered[pick]
            let compiledChoice = buffers.choices[taken]
            guard compiledChoice.target >= 0 else {
              failure = .missingTarget(choice: taken)
              return
            }
            buffers.applyEffects(of: taken, base)
            if compiledChoice.scoringSlot >= 0, !counted[Int(compiledChoice.scoringSlot)] {
              counted[Int(compiledChoice.scoringSlot)] = true
              countedSlots.append(compiledChoice.scoringSlot)
              total += compiledChoice.points
            }
            passage = Int(compiledChoice.target)
            visits[passage] += 1
          }
        }
        decisions += typed.count
        if let failure {
          failures.append(Failure(run: run, passage: passage, reason: failure, typed: typed))
        } else {
          endingCounts[passage] += 1
          scores.append(total)
        }
      }
    }
    self.endingCounts = endingCounts
    self.visits = visits
    self.scores = scores
    self.failures = failures
    self.decisions = decisions
  }
}
