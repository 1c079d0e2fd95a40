import CaseAuthoring
import CaseFormat
import Foundation

/// Benchmarks of the engine and the trainer's tools on generated scenarios, each measured against
/// a reference in the same run or shown with its growth between sizes. Run it in a release build:
///
///     swift run -c release casesim-bench [--only prompt,load,random,analysis,record,cohort] [--runs 3]
///         [--sizes 1000,10000,100000] [--flags 12] [--decisions 2000000]
///         [--cohort-sizes 10000,100000,1000000] [--postgres postgres://...] [--keep]
///
/// The cohort report benchmark (`cohort`) runs only when asked for with `--only`: its largest
/// size takes minutes.
///
/// Each figure is the median of several runs. Growth is the exponent k in time ~ size^k between
/// neighbouring sizes (1 is linear).
@main
struct Benchmark {
  static func main() throws {
    var runs = 3
    var sizes = [1_000, 10_000, 100_000]
    var flags = 12
    var sections: Set<String> = ["prompt", "load", "random", "analysis", "record"]
    var decisions = 2_000_000
    var cohortSizes = [10_000, 100_000, 1_000_000]
    var postgres = ProcessInfo.processInfo.environment["CASESIM_BENCH_POSTGRES"]
    var keep = false
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
      switch argument {
      case "--runs": runs = arguments.next().flatMap(Int.init) ?? runs
      case "--flags": flags = arguments.next().flatMap(Int.init) ?? flags
      case "--sizes": sizes = arguments.next()?.split(separator: ",").compactMap { Int($0) } ?? sizes
      case "--only": sections = Set(arguments.next()?.split(separator: ",").map(String.init) ?? [])
      case "--decisions": decisions = arguments.next().flatMap(Int.init) ?? decisions
      case "--cohort-sizes":
        cohortSizes = arguments.next()?.split(separator: ",").compactMap { Int($0) } ?? cohortSizes
      case "--postgres": postgres = arguments.next()
      case "--keep": keep = true
      default:
        FileHandle.standardError.write(
          Data(
            "usage: casesim-bench [--only prompt,load,random,analysis,record,cohort] [--runs N] [--sizes A,B,C] [--flags K] [--decisions N] [--cohort-sizes A,B,C] [--postgres URL] [--keep]\n".utf8))
        exit(64)
      }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let guidance = ScenarioLoader.loadGuidance(directory: root + "/Guides").library
    let directory = NSTemporaryDirectory() + "casesim-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // --keep leaves the generated files (the cohorts' records, for profiling the report) in place.
    defer {
      if keep { print("files kept in \(directory)") } else { try? FileManager.default.removeItem(atPath: directory) }
    }

    if sections.contains("prompt") {
      let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/casesim"
      print(try firstPrompt(binary: binary, runs: max(runs, 15)))
      print("")
    }
    if sections.contains("load") {
      print(try loadScaling(sizes: sizes, runs: runs))
      print("")
    }
    if sections.contains("random") {
      for line in try randomPlay(
        sizes: sizes.filter { $0 <= 10_000 }, flags: flags, decisions: decisions, guidance: guidance, directory: directory)
      {
        print(line)
      }
      print("")
    }
    if sections.contains("record") {
      print(try recordingCost(runs: max(runs, 5)))
      print("")
    }
    if sections.contains("cohort") {
      for line in try cohortReport(
        sizes: cohortSizes, runs: runs, root: root, postgres: postgres, directory: directory)
      {
        print(line)
      }
      print("")
    }
    if sections.contains("analysis") {
      for style in ScenarioGenerator.FlagStyle.allCases {
        // Lasting flags at 100,000 passages would make about 70 million states: past the bound.
        let styleSizes = style == .lasting ? sizes.filter { $0 <= 10_000 } : sizes
        for line in try analysis(
          sizes: styleSizes, flags: flags, style: style, runs: runs, guidance: guidance, directory: directory)
        {
          print(line)
        }
        print("")
      }
    }
  }

  /// `check` (load, compile and every semantic check) and `analyze` on generated scenarios.
  static func analysis(
    sizes: [Int], flags: Int, style: ScenarioGenerator.FlagStyle, runs: Int, guidance: GuidanceLibrary,
    directory: String
  ) throws -> [String] {
    var lines = [
      "check and analyze, \(style.rawValue) flags (\(flags)); growth k: time ~ size^k",
      "passages      states       paths   load ms    check ms   k   analyze ms   k   peak MB",
    ]
    var previous: (size: Int, check: Double, analyze: Double)?
    for size in sizes {
      let path = directory + "/generated-\(size)-\(style.rawValue).case"
      let text = try ScenarioGenerator(
        passages: size, flags: min(flags, max(0, (size / 4 - 1) / 2)), seed: 1, flagStyle: style
      ).generate()
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      var loadTimes: [Double] = []
      var checkTimes: [Double] = []
      var analyzeTimes: [Double] = []
      var states = 0
      var paths = "-"
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
        precondition(!analysis.isTruncated, "analysis of \(size) passages was truncated")
        states = analysis.counts.reachableStates
        paths = analysis.pathCount.map { count in
          let digits = String(count)
          return digits.count <= 11 ? digits : "\(digits.prefix(1)).\(digits.dropFirst().prefix(2))e\(digits.count - 1)"
        } ?? "loops"
      }
      let check = median(checkTimes)
      let analyze = median(analyzeTimes)
      func growth(_ now: Double, _ before: Double?) -> String {
        guard let before, let previous, before > 0 else { return "" }
        return String(format: "%.2f", log(now / before) / log(Double(size) / Double(previous.size)))
      }
      lines.append(
        String(
          format: "%8d %11d %11@ %9.1f %11.1f %4@ %11.1f %4@ %8.0f", size, states, paths as NSString,
          median(loadTimes), check, growth(check, previous?.check) as NSString, analyze,
          growth(analyze, previous?.analyze) as NSString, peakMegabytes()))
      previous = (size, check, analyze)
    }
    return lines
  }

  /// The most memory the process has held so far.
  static func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  static func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
