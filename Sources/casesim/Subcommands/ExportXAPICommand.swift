import ArgumentParser
import CaseFormat
import CaseLearningRecords
import Foundation

/// `casesim export xapi`: the records as xAPI 1.0.3 statements, printed, written to a file, or
/// sent to a learning record store (Documentation/xapi.md).
struct ExportXAPICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xapi",
    abstract: "Write the records as xAPI 1.0.3 statements, or send them to a learning record store.",
    discussion: """
      One 'answered' statement per decision (decisions taken back with undo or retry included, marked decision-stands false), and 'completed' and 'passed' (graded safe practice) or 'failed' per finished session. Statement ids come from the records, so exporting or sending again never makes duplicates. Your own sessions unless --all. Documentation/xapi.md shows each statement's shape and every IRI.

      --pseudonymise replaces every name with a keyed hash (the key is made once and kept in $XDG_CONFIG_HOME/casesim/pseudonym.key, or CASESIM_PSEUDONYM_KEY_FILE; never in the export) and leaves out rationales, which are free text.

      --lrs URL posts the statements to URL/statements with the version header, in batches, retrying on network errors and server errors; it reports what the store refused. Exit 65 when it refused some, 69 when it cannot be reached, 77 when it refuses the credentials.
      """)

  @Option(
    help: ArgumentHelp(
      "Only statements from this date (YYYY-MM-DD, UTC) or moment (ISO 8601, e.g. 2026-11-29T14:00:00Z) on.",
      valueName: "date"))
  var since: String?

  @Option(help: ArgumentHelp("Write to this file (mode 0600) instead of standard output.", valueName: "file"))
  var output: String?

  @Option(help: "json (one array) or jsonl (one statement per line).")
  var format: XAPIStatement.Layout = .json

  @Flag(help: "Replace people's names by keyed hashes, and leave out rationales.")
  var pseudonymise = false

  @Option(help: ArgumentHelp("Send the statements to this learning record store (its base IRL).", valueName: "url"))
  var lrs: String?

  @Option(
    help: ArgumentHelp("The LRS's HTTP Basic credentials (default: CASESIM_LRS_AUTH).", valueName: "user:password"))
  var lrsAuth: String?

  @Option(
    help: ArgumentHelp(
      "The base of the activity and extension IRIs (default \(XAPIVocabulary.defaultBase)).", valueName: "iri"))
  var iriBase: String = XAPIVocabulary.defaultBase

  @Flag(help: "Every trainee's sessions, not just yours.")
  var all = false

  @Flag(help: "Include plays of files outside the library (an author's drafts).")
  var drafts = false

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    _ = try DateArgument.since(since)
    if let lrs, Self.storeURL(lrs) == nil {
      throw ValidationError("--lrs wants an http or https address, such as https://lrs.example.org/xapi/")
    }
    if let lrsAuth, !lrsAuth.contains(":") { throw ValidationError("--lrs-auth wants user:password") }
    if lrsAuth != nil && lrs == nil { throw ValidationError("--lrs-auth goes with --lrs") }
    guard iriBase.hasPrefix("https://") || iriBase.hasPrefix("http://"), !iriBase.contains(where: \.isWhitespace) else {
      throw ValidationError("--iri-base wants an http or https IRI without spaces")
    }
  }

  func run() throws {
    let environment = Environment(options: global)
    let trainee = all ? nil : environment.trainee
    let includeDrafts = drafts
    let library = environment.libraryRoot().map(ScenarioLibrary.init(root:))
    let records = try Blocking.wait {
      let store = try await environment.openRecords()
      return try await StoreReading.reading {
        try await LearningRecordsLoader.load(from: store, trainee: trainee, includeDrafts: includeDrafts, library: library)
      }
    }
    var pseudonymiser: Pseudonymiser?
    if pseudonymise {
      do {
        let (kept, warning) = try Pseudonymiser.keptAt(environment.pseudonymKeyPath)
        if let warning { FileHandle.standardError.write(Data("casesim: warning: \(warning)\n".utf8)) }
        pseudonymiser = kept
      } catch {
        Output.error(error.description)
        throw error == .notAKey(path: environment.pseudonymKeyPath) ? Exit.dataError : Exit.cannotCreate
      }
    }
    let builder = XAPIStatementBuilder(
      vocabulary: XAPIVocabulary(base: iriBase), pseudonymiser: pseudonymiser, since: try DateArgument.since(since))
    let statements = builder.statements(for: records)
    if lrs == nil || output != nil {
      try Output.deliver(XAPIStatement.text(statements, layout: format), to: output, personal: true)
    }
    if let lrs, let url = Self.storeURL(lrs) {
      try send(statements, to: url, credentials: lrsAuth ?? environment.variables["CASESIM_LRS_AUTH"].flatMap { $0.isEmpty ? nil : $0 })
    }
  }

  /// Posts to the LRS and says how it went: a line on standard output, each refusal on standard
  /// error.
  private func send(_ statements: [XAPIStatement], to url: URL, credentials: String?) throws {
    let destination = UntrustedText.escaped(url.absoluteString)
    if credentials != nil, url.scheme == "http", !["127.0.0.1", "localhost", "::1"].contains(url.host ?? "") {
      FileHandle.standardError.write(
        Data("casesim: warning: sending credentials to \(destination) without TLS; use https\n".utf8))
    }
    let client = LRSClient(base: url, credentials: credentials)
    let report: LRSReport
    do {
      report = try Blocking.wait { try await client.send(statements) }
    } catch let error as LRSError {
      Output.error(UntrustedText.escaped(error.description))
      Output.print(Self.summary(error.report, sent: statements.count, to: destination))
      if case .notAuthorised = error { throw Exit.noPermission }
      throw Exit.unavailable
    }
    for refusal in report.refused {
      Output.error(
        "the LRS refused statement \(refusal.statementID) (\(refusal.status)): \(UntrustedText.escaped(refusal.message))")
    }
    Output.print(Self.summary(report, sent: statements.count, to: destination))
    if !report.refused.isEmpty { throw Exit.dataError }
  }

  static func summary(_ report: LRSReport, sent: Int, to destination: String) -> String {
    var line = "\(sent) statement\(sent == 1 ? "" : "s") for \(destination): \(report.accepted) accepted"
    if report.alreadyHeldDifferently > 0 {
      line += " (\(report.alreadyHeldDifferently) of them already held, in another form)"
    }
    line += ", \(report.refused.count) refused"
    if report.retries > 0 { line += ", \(report.retries) sent again after a failure" }
    return line + "\n"
  }

  /// An http(s) address with a host.
  static func storeURL(_ text: String) -> URL? {
    guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
      url.host?.isEmpty == false
    else { return nil }
    return url
  }

}

extension XAPIStatement.Layout: ExpressibleByArgument {}
