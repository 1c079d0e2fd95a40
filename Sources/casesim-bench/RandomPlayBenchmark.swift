import CaseAuthoring
import CaseEngine
import CaseFormat
import Foundation

extension Benchmark {
  /// Random play-testing in decisions per second on generated scenarios, against a reference in
  /// the same run: a bare loop over integer passages and a flag bit mask (the same games reduced
  /// to arrays, as a C program would hold them), which is the limit a tester can approach.
  static func randomPlay(sizes: [Int], flags: Int, decisions target: Int, guidance: GuidanceLibrary, directory: String) throws -> [String] {
    var lines = [
      "random play-testing (seeded; \(flags) flags; about \(target) decisions per size)",
      "passages   path  decisions/s  us/decision   reference/s  (share of reference)",
    ]
    for size in sizes {
      let path = directory + "/random-\(size).case"
      let text = try ScenarioGenerator(passages: size, flags: min(flags, max(0, (size / 4 - 1) / 2)), seed: 1).generate()
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let scenario = ScenarioLoader.load(path: path, guidance: guidance).scenario
      let compiled = CompiledScenario(scenario: scenario, role: "social-worker")
      let probe = RandomPlaytest(compiled: compiled, runs: 20, seed: 1)
      let perRun = max(1, probe.decisionCount / 20)
      let runs = max(1, target / perRun)
      var times: [Double] = []
      var decisions = 0
      for _ in 0..<3 {
        let start = DispatchTime.now()
        let play = RandomPlaytest(compiled: compiled, runs: runs, seed: 7)
        times.append(milliseconds(since: start))
        decisions = play.decisionCount
        precondition(play.failures.isEmpty, "generated scenario failed random play")
      }
      let reference = ReferenceLoop(scenario)
      var referenceTimes: [Double] = []
      var referenceDecisions = 0
      for _ in 0..<3 {
        let start = DispatchTime.now()
        referenceDecisions = reference.play(runs: runs, seed: 7)
        referenceTimes.append(milliseconds(since: start))
      }
      let rate = Double(decisions) / (median(times) / 1000)
      let referenceRate = Double(referenceDecisions) / (median(referenceTimes) / 1000)
      lines.append(
        String(
          format: "%8d %6d %12.0f %12.3f %13.0f  (%.0f%%)", size, perRun, rate, 1e6 / rate, referenceRate,
          100 * rate / referenceRate))
    }
    return lines
  }
}

/// The reference for random play: a generated scenario (flags only, conditions that test one
/// flag) as plain integer arrays, played by the tightest loop Swift allows. Nothing from the
/// engine is used, so the ratio says how close the engine's compiled form comes to the limit.
struct ReferenceLoop {
  /// Per choice: target passage, the flag that must be set (-1: none), flags set and cleared.
  var target: [Int32] = []
  var needs: [Int32] = []
  var sets: [UInt64] = []
  var clears: [UInt64] = []
  var choiceStart: [Int32] = [0]
  var ending: [Bool] = []
  var start = 0

  init(_ scenario: Scenario) {
    let ids = scenario.passageOrder
    var number: [String: Int] = [:]
    for (index, id) in ids.enumerated() { number[id] = index }
    var flag: [String: Int] = [:]
    func bit(_ name: String) -> Int {
      if let known = flag[name] { return known }
      flag[name] = flag.count
      return flag.count - 1
    }
    for id in ids {
      let passage = scenario.passages[id]!
      ending.append(passage.isEnding)
      for choice in passage.choices {
        target.append(Int32(number[choice.target]!))
        if case .flag(let name) = choice.condition { needs.append(Int32(bit(name))) } else { needs.append(-1) }
        var set: UInt64 = 0
        var clear: UInt64 = 0
        for effect in choice.effects {
          switch effect {
          case .set(let name): set |= 1 << UInt64(bit(name))
          case .clear(let name): clear |= 1 << UInt64(bit(name))
          default: break
          }
        }
        sets.append(set)
        clears.append(clear)
      }
      choiceStart.append(Int32(target.count))
    }
    start = number[scenario.startPassageID]!
  }

  /// Plays `runs` playthroughs and returns the number of decisions taken.
  func play(runs: Int, seed: UInt64) -> Int {
    var random = SeededGenerator(seed: seed)
    var decisions = 0
    var offered = [Int32](repeating: 0, count: 64)
    for _ in 0..<runs {
      var passage = start
      var flags: UInt64 = 0
      while !ending[passage] {
        var count = 0
        for choice in Int(choiceStart[passage])..<Int(choiceStart[passage + 1]) {
          let need = needs[choice]
          if need < 0 || flags & (1 << UInt64(need)) != 0 {
            offered[count] = Int32(choice)
            count += 1
          }
        }
        let taken = Int(offered[Int.random(in: 0..<count, using: &random)])
        flags = (flags | sets[taken]) & ~clears[taken]
        passage = Int(target[taken])
        decisions += 1
      }
    }
    return decisions
  }
}
