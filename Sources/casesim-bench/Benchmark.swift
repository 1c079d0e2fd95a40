import CaseAuthoring
import CaseFormat
import Foundation

/// Benchmarks of the trainer's tools on generated scenarios: how `check` (load, compile and the
/// semantic checks) and `analyze` scale from 100 to 10,000 passages. Run it in a release build:
///
///     swift run -c release casesim-bench [--runs 5] [--sizes 100,1000,10000] [--flags 12]
///
/// Each figure is the median of several runs, in milliseconds, with the ratio to the previous size
/// so growth is visible at a glance.
@main
struct Benchmark {
  static func main() throws {
    var runs = 5
    var sizes = [100, 1_000, 10_000]
    var flags = 12
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
      switch argument {
      case "--runs": runs = arguments.next().flatMap(Int.init) ?? runs
      case "--flags": flags = arguments.next().flatMap(Int.init) ?? flags
      case "--sizes": sizes = arguments.next()?.split(separator: ",").compactMap { Int($0) } ?? sizes
      default:
        FileHandle.standardError.write(Data("usage: casesim-bench [--runs N] [--sizes A,B,C] [--flags K]\n".utf8))
        exit(64)
      }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let guidance = ScenarioLoader.loadGuidance(directory: root + "/Guides").library
    let directory = NSTemporaryDirectory() + "casesim-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }

    print("casesim-bench: median of \(runs) runs, \(flags) flags, seed 1")
    print("passages   states   load ms   check ms  (x prev)   analyze ms  (x prev)")
    var previous: (check: Double, analyze: Double)?
    for size in sizes {
      let path = directory + "/generated-\(size).case"
      let text = try ScenarioGenerator(passages: size, flags: min(flags, max(0, (size / 4 - 1) / 2)), seed: 1).generate()
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      var loadTimes: [Double] = []
      var checkTimes: [Double] = []
      var analyzeTimes: [Double] = []
      var states = 0
      for _ in 0..<runs {
        var start = DispatchTime.now()
        _ = ScenarioLoader.load(path: path, guidance: guidance)
        loadTimes.append(milliseconds(since: start))
        start = DispatchTime.now()
        let checked = ScenarioChecker.check(path: path, guidance: guidance)
        checkTimes.append(milliseconds(since: start))
        precondition(!checked.diagnostics.hasErrors, "generated scenario has errors: \(checked.diagnostics.prefix(3))")
        start = DispatchTime.now()
        let analysis = ScenarioAnalysis(scenario: checked.scenario, role: "social-worker")
        analyzeTimes.append(milliseconds(since: start))
        states = analysis.counts.reachableStates
      }
      let check = median(checkTimes)
      let analyze = median(analyzeTimes)
      let ratios = previous.map { (String(format: "x%.1f", check / $0.check), String(format: "x%.1f", analyze / $0.analyze)) } ?? ("", "")
      print(
        String(
          format: "%8d %8d %9.1f %10.1f  %8@  %11.1f  %8@", size, states, median(loadTimes), check,
          ratios.0 as NSString, analyze, ratios.1 as NSString))
      previous = (check, analyze)
    }
  }

  static func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
