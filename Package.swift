// swift-tools-version: 6.0
// CaseSim: practise child-safeguarding decisions on branching case scenarios.
//
// The pipeline runs one way: CaseFormat (parse, model, diagnostics) -> CaseEngine (pure play
// state) -> CaseScoring (scores and debriefs). Records, line editing and the shell sit at the
// edge; each heavy dependency lives in its own target so the core's tests build in seconds.
import PackageDescription

let package = Package(
  name: "casesim",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "casesim", targets: ["casesim"]),
    // Libraries, so that the fuzzing sub-package (Fuzz/) can depend on them by path.
    .library(name: "CaseFormat", targets: ["CaseFormat"]),
    .library(name: "CaseEngine", targets: ["CaseEngine"]),
    .library(name: "CaseAuthoring", targets: ["CaseAuthoring"]),
    .library(name: "CaseInterchange", targets: ["CaseInterchange"]),
    .library(name: "CaseRecords", targets: ["CaseRecords"]),
    .library(name: "CaseRecordsSQLite", targets: ["CaseRecordsSQLite"]),
    .library(name: "CaseRecordsPostgres", targets: ["CaseRecordsPostgres"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    // HMAC-SHA256 for pseudonyms and SHA-1 for name-based (v5) UUIDs: Foundation has neither on Linux.
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // Core library: no heavy dependencies.
    .target(name: "CaseFormat"),
    .target(name: "CaseEngine", dependencies: ["CaseFormat"]),
    .target(name: "CaseScoring", dependencies: ["CaseFormat", "CaseEngine"]),
    .target(
      name: "CaseAuthoring",
      dependencies: [
        "CaseFormat", "CaseEngine", "CaseScoring", .product(name: "BigInt", package: "BigInt"),
      ]),

    // Interchange: scenarios from and to other formats (JSON, Twine's Twee), behind one importer
    // interface.
    .target(name: "CaseInterchange", dependencies: ["CaseAuthoring", "CaseFormat"]),

    // The language server (casesim lsp): JSON-RPC over stdio, on the same checker.
    .target(name: "CaseLanguageServer", dependencies: ["CaseAuthoring", "CaseFormat"]),

    // Records: the store protocol and model, then the SQLite store (GRDB).
    .target(name: "CaseRecords"),
    .target(
      name: "CaseRecordsSQLite",
      dependencies: ["CaseRecords", .product(name: "GRDB", package: "GRDB.swift")]),
    // An agency's shared store on PostgreSQL (PostgresNIO), and the outbox that forwards to it.
    .target(
      name: "CaseRecordsPostgres",
      dependencies: [
        "CaseRecords", "CaseRecordsSQLite", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),

    // Learning records: xAPI statements from the records, the LRS client, and the keyed
    // pseudonymiser that every export of people's records uses. No store in reach: it works over
    // plain record values.
    .target(
      name: "CaseLearningRecords",
      dependencies: ["CaseFormat", "CaseRecords", "CaseScoring", .product(name: "Crypto", package: "swift-crypto")]),

    // Line editing: GNU readline through a system library target.
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    .target(name: "LineEditing", dependencies: ["CReadline"]),

    // Sessions: the UI-free session controller (takes intents, commits each event to the record
    // store, returns values) and the one decoder of records into play. No terminal in reach.
    .target(
      name: "CaseSessions",
      dependencies: ["CaseFormat", "CaseEngine", "CaseScoring", "CaseRecords"]),

    // The shell: the terminal presenter of play and the shell around it, over an abstract console.
    .target(
      name: "CaseShell",
      dependencies: ["CaseFormat", "CaseEngine", "CaseScoring", "CaseRecords", "CaseSessions"]),

    // Reports: cohort figures and trainee portfolios over plain records (no store in reach), as
    // text, HTML, CSV, JSON and Markdown.
    .target(
      name: "CaseReports",
      dependencies: ["CaseFormat", "CaseEngine", "CaseScoring", "CaseRecords", "CaseSessions"]),

    // The thin executable.
    .executableTarget(
      name: "casesim",
      dependencies: [
        "CaseFormat", "CaseEngine", "CaseScoring", "CaseAuthoring", "CaseRecords",
        "CaseRecordsSQLite", "CaseRecordsPostgres", "LineEditing", "CaseSessions", "CaseShell", "CaseLanguageServer",
        "CaseInterchange", "CaseReports", "CaseLearningRecords",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Benchmarks of the trainer's tools (run in release: swift run -c release casesim-bench).
    .executableTarget(
      name: "casesim-bench",
      // CaseSessions and GRDB: the cohort benchmark plays trainees' sessions through the session
      // controller and writes them to a records file in large transactions.
      dependencies: [
        "CaseAuthoring", "CaseEngine", "CaseFormat", "CaseRecords", "CaseRecordsSQLite", "CaseSessions",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),

    // Tests.
    .target(name: "CaseTestSupport", dependencies: ["CaseFormat"], path: "Tests/CaseTestSupport"),
    .testTarget(
      name: "CaseFormatTests", dependencies: ["CaseFormat", "CaseEngine", "CaseTestSupport"]),
    .testTarget(name: "CaseEngineTests", dependencies: ["CaseEngine", "CaseTestSupport"]),
    .testTarget(
      name: "CaseAuthoringTests",
      dependencies: [
        "CaseAuthoring", "CaseInterchange", "CaseFormat", "CaseEngine", "CaseScoring", "CaseTestSupport",
        .product(name: "BigInt", package: "BigInt"),
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "CaseScoringTests", dependencies: ["CaseScoring", "CaseEngine", "CaseTestSupport"]),
    .testTarget(
      name: "CaseRecordsTests",
      // GRDB directly, to write files as older CaseSims did and check that they migrate;
      // PostgresNIO directly, to make a private database for each PostgreSQL conformance test.
      dependencies: [
        "CaseRecords", "CaseRecordsSQLite", "CaseRecordsPostgres", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(
      name: "CaseSessionsTests",
      dependencies: [
        "CaseSessions", "CaseRecords", "CaseRecordsSQLite", "CaseScoring", "CaseEngine", "CaseFormat",
        "CaseTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "CaseShellTests",
      dependencies: [
        // No database: the shell's tests record to the in-memory store.
        "CaseShell", "CaseSessions", "CaseRecords", "CaseScoring", "CaseEngine", "CaseTestSupport",
      ]),
    .testTarget(
      name: "CaseLearningRecordsTests",
      dependencies: ["CaseLearningRecords", "CaseFormat", "CaseRecords", "CaseTestSupport"]),
    .testTarget(
      name: "CaseReportsTests",
      // GRDB directly, to check every report figure against SQL run on the fixture store's file.
      dependencies: [
        "CaseReports", "CaseSessions", "CaseRecords", "CaseRecordsSQLite", "CaseScoring", "CaseEngine", "CaseFormat",
        "CaseTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "casesim", "CaseFormat", "CaseEngine", "CaseScoring", "CaseRecords", "CaseRecordsSQLite",
        "CaseRecordsPostgres", "CaseTestSupport",
      ],
      exclude: ["Interactive", "Golden"]),
  ]
)

for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
  ]
}
