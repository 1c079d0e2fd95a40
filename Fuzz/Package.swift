// swift-tools-version: 6.0
// CaseSim's fuzz targets: libFuzzer entry points over the libraries of the main package, which
// this sub-package depends on by path. Kept out of the main package so that `swift build` and
// `swift test` there never see the sanitizer flags. Build and run them with Scripts/fuzz.sh, which
// uses:
//
//   swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer
//
// (the extra -Xswiftc flag is what gives every module coverage instrumentation and libFuzzer's
// own main; see Documentation/fuzzing.md).
import PackageDescription

// A path dependency's identity is the name of its folder, which depends on where the repository
// was cloned ("main" here, something else in CI), so it is worked out rather than written down.
let mainFolder = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "main"
let mainPackage = mainFolder.lowercased()

let package = Package(
  name: "casesim-fuzz",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: ".."),
    // The records target writes raw rows the way a damaged or hand-edited file could hold them.
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Invariant checks shared by the targets (positions inside the file, and so on).
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "CaseFormat", package: mainPackage)]),
    // ScenarioParser + ScenarioCompiler (through ScenarioLoader, includes refused) and GuideParser.
    .executableTarget(
      name: "parser",
      dependencies: ["FuzzSupport", .product(name: "CaseFormat", package: mainPackage)]),
    // The whole check pipeline: load with the library's guidance, SemanticChecker, the renderer,
    // and the formatter round trip.
    .executableTarget(
      name: "check",
      dependencies: [
        "FuzzSupport",
        .product(name: "CaseFormat", package: mainPackage),
        .product(name: "CaseAuthoring", package: mainPackage),
      ]),
    // TweeImporter: Twee 3 text to .case text.
    .executableTarget(
      name: "twee",
      dependencies: [
        "FuzzSupport",
        .product(name: "CaseFormat", package: mainPackage),
        .product(name: "CaseAuthoring", package: mainPackage),
        .product(name: "CaseInterchange", package: mainPackage),
      ]),
    // ScenarioImporter: a JSON scenario document to .case text.
    .executableTarget(
      name: "json",
      dependencies: [
        "FuzzSupport",
        .product(name: "CaseFormat", package: mainPackage),
        .product(name: "CaseAuthoring", package: mainPackage),
        .product(name: "CaseInterchange", package: mainPackage),
      ]),
    // The records decoder: SQLiteRecordStore reading a damaged file or damaged rows.
    .executableTarget(
      name: "records",
      dependencies: [
        "FuzzSupport",
        .product(name: "CaseRecords", package: mainPackage),
        .product(name: "CaseRecordsSQLite", package: mainPackage),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
  ]
)
