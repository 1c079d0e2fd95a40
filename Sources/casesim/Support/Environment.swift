import ArgumentParser
import CaseFormat
import CaseRecords
import CaseRecordsPostgres
import CaseRecordsSQLite
import CaseShell
import Foundation
import LineEditing

/// Everything a command needs from the machine: where the library, the records and the debriefs
/// are, who is training, and the console to talk through.
struct Environment {
  let options: GlobalOptions
  let variables = ProcessInfo.processInfo.environment

  init(options: GlobalOptions) {
    self.options = options
    // Past a file-size limit (ulimit -f) the kernel kills a writer with SIGXFSZ, silently. Ignored,
    // the write fails with EFBIG instead, and the trainee is told that nothing was lost.
    signal(SIGXFSZ, SIG_IGN)
  }

  /// Who is training: `--trainee`, then `CASESIM_TRAINEE`, then the name kept in the config file
  /// (see `TraineeProfile`), then the login name.
  var trainee: String { namedTrainee ?? profile.trainee ?? loginName }

  /// The training group new sessions are recorded in: `--group`, then `CASESIM_GROUP`, made fit
  /// to keep as a typed name is (no control or invisible characters, blanks made one space, at
  /// most 100 characters); nil when neither names one.
  var group: String? {
    for named in [options.group, variables["CASESIM_GROUP"]] {
      if let named, case let group = TraineeProfile.cleaned(named), !group.isEmpty { return group }
    }
    return nil
  }

  /// The trainee named for this run, by option or environment.
  private var namedTrainee: String? {
    if let name = options.trainee, !name.isEmpty { return name }
    if let name = variables["CASESIM_TRAINEE"], !name.isEmpty { return name }
    return nil
  }

  private var loginName: String {
    if let name = variables["USER"] ?? variables["LOGNAME"], !name.isEmpty { return name }
    return NSUserName()
  }

  /// `$XDG_CONFIG_HOME/casesim` (or `~/.config/casesim`): the trainee's name and the agency's
  /// support text live here.
  private var configDirectory: String {
    (variables["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config") + "/casesim"
  }

  /// `$XDG_CONFIG_HOME/casesim/config` (or `~/.config/casesim/config`): who is training.
  var profile: TraineeProfile { TraineeProfile(path: configDirectory + "/config") }

  /// The trainee, asking at a terminal when nobody has said who is training yet (no option, no
  /// environment variable, nothing kept): a first run. Piped input is never asked.
  func trainee(askingOn console: any Console) -> String {
    if let named = namedTrainee { return named }
    if let kept = profile.trainee { return kept }
    guard console.isInteractive else { return loginName }
    return profile.ask(on: console, fallback: loginName)
  }

  private var home: String { variables["HOME"] ?? NSHomeDirectory() }

  /// `$XDG_DATA_HOME/casesim/debriefs`.
  var debriefDirectory: String {
    let data = variables["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
    return data + "/casesim/debriefs"
  }

  /// `$XDG_STATE_HOME/casesim`: the shell's line history and the author's last preview.
  var stateDirectory: String {
    let state = variables["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
    return state + "/casesim"
  }

  /// The shell's line history.
  var historyPath: String { stateDirectory + "/history" }

  /// `$XDG_CACHE_HOME/casesim` (or `~/.cache/casesim`): the library cache, which lets the shell
  /// show its first screen without parsing every scenario (see `LibraryCache`).
  var libraryCache: LibraryCache {
    let cache = variables["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache"
    return LibraryCache(directory: cache + "/casesim")
  }

  /// The key of the pseudonyms in exports (see `Pseudonymiser`): `CASESIM_PSEUDONYM_KEY_FILE`,
  /// else `$XDG_CONFIG_HOME/casesim/pseudonym.key`, apart from the records and the exports.
  var pseudonymKeyPath: String {
    if let named = variables["CASESIM_PSEUDONYM_KEY_FILE"], !named.isEmpty { return named }
    return configDirectory + "/pseudonym.key"
  }

  /// The agency's support file: `CASESIM_SUPPORT_FILE`, else `$XDG_CONFIG_HOME/casesim/support.txt`
  /// (default `~/.config/casesim/support.txt`). True when it was named explicitly, so that a
  /// named file that is missing is reported rather than passed over.
  var supportFile: (path: String, explicit: Bool) {
    if let named = variables["CASESIM_SUPPORT_FILE"], !named.isEmpty { return (named, true) }
    return (configDirectory + "/support.txt", false)
  }

  /// The support text shown after a hard ending and by `support`: the agency's, or the default.
  var support: SupportNote {
    let file = supportFile
    return SupportNote.load(path: file.path, named: file.explicit)
  }

  /// Finds the library: --library, then CASESIM_LIBRARY, then upwards from the current folder,
  /// then upwards from the executable (so `swift run` and an installed copy both work).
  func libraryRoot(near path: String? = nil) -> String? {
    if let explicit = options.library ?? variables["CASESIM_LIBRARY"] { return explicit }
    return discoveredLibraryRoot(near: path)
  }

  /// The library a later command would find for `path` with no `--library` given (through
  /// CASESIM_LIBRARY or by looking), so a command can say when it must be named.
  func libraryRootWithoutOption(near path: String?) -> String? {
    variables["CASESIM_LIBRARY"] ?? discoveredLibraryRoot(near: path)
  }

  private func discoveredLibraryRoot(near path: String?) -> String? {
    var candidates: [String] = []
    if let path { candidates.append((path as NSString).deletingLastPathComponent) }
    candidates.append(FileManager.default.currentDirectoryPath)
    candidates.append((CommandLine.arguments[0] as NSString).deletingLastPathComponent)
    if let executable = Bundle.main.executablePath {
      candidates.append((executable as NSString).deletingLastPathComponent)
    }
    return ScenarioLibrary.locateRoot(candidates: candidates)
  }

  /// The guidance catalogs a scenario file outside the library is checked and played with: the
  /// library's `Guides/` (if a library is found), then the `.guide` files beside each scenario
  /// (a trainer's own catalog kept with their scenario). With neither, a warning says where a
  /// library was looked for and how to name one.
  func guideFiles(for scenarioFiles: [String], libraryRoot root: String?, named: [String] = []) -> [String] {
    let files = ScenarioLoader.guideFiles(libraryRoot: root, besideScenarios: scenarioFiles, excluding: named)
    if root == nil && files.isEmpty && named.isEmpty {
      FileHandle.standardError.write(
        Data(
          "casesim: warning: no scenario library found (a folder holding Scenarios/ and Guides/, looked for near the file, in the current folder and beside casesim) and no .guide file beside the scenario, so no guidance principle is known; pass --library DIR or set CASESIM_LIBRARY\n"
            .utf8))
    }
    return files
  }

  func loadLibrary() throws -> ScenarioLibrary {
    ScenarioLibrary(root: try requireLibraryRoot())
  }

  /// The library's folder, or exit 66 saying it cannot be found.
  func requireLibraryRoot() throws -> String {
    guard let root = libraryRoot() else {
      Output.error(
        "cannot find the scenario library (a folder holding Scenarios/ and Guides/); run from the project folder or pass --library DIR")
      throw Exit.noInput
    }
    return root
  }

  /// Where records are kept: a local SQLite file, or an agency's shared PostgreSQL store.
  enum StoreTarget {
    case file(String)
    case shared(PostgresAddress)
  }

  /// `--store`, then `CASESIM_STORE`, then the file in the data folder; a `postgres://` address
  /// names a shared store (exit 64 when it does not parse).
  func storeTarget() throws -> StoreTarget {
    try Self.target(StoreLocation.resolve(explicit: options.store, environment: variables), environment: variables)
  }

  /// A store named on the command line (`store copy FROM TO`): a path or a `postgres://` address.
  /// An address that does not parse (or a `CASESIM_STORE_TIMEOUT` that is not a number of
  /// seconds) is one line saying what is wrong, exit 64: the usage screen would bury it and says
  /// nothing about addresses.
  static func target(_ text: String, environment: [String: String]) throws -> StoreTarget {
    guard PostgresAddress.isAddress(text) else { return .file(text) }
    do {
      return .shared(try PostgresAddress(text, environment: environment))
    } catch {
      throw Exit.usage(error.description)
    }
  }

  /// The local outbox a shared store is fed from: `CASESIM_OUTBOX`, else the records file in the
  /// data folder (so what was played before the agency moved to a shared store is sent too).
  var outboxPath: String {
    if let outbox = variables["CASESIM_OUTBOX"], !outbox.isEmpty { return outbox }
    var local = variables
    local["CASESIM_STORE"] = nil
    return StoreLocation.resolve(explicit: nil, environment: local)
  }

  /// The store play records to, on this machine: the records file, or, with a shared store,
  /// the local outbox that forwards every decision to it (see `ForwardingRecordStore`).
  func openStore() throws -> any LocalRecordStore {
    switch try storeTarget() {
    case .file(let path):
      return try Self.openFile(path)
    case .shared(let address):
      let outbox = try Self.openFile(outboxPath)
      return ForwardingRecordStore(outbox: outbox, forwarder: Self.forwarder(from: outbox, to: address))
    }
  }

  /// The forwarder from `outbox` to the shared store at `address`.
  static func forwarder(from outbox: SQLiteRecordStore, to address: PostgresAddress) -> RecordForwarder {
    RecordForwarder(outbox: outbox, destination: address.description) {
      try await PostgresRecordStore.connect(to: address)
    }
  }

  /// The records themselves, wherever they are kept: what reports, exports and `store` read.
  /// With `readers` more than 1, as many handles on them (connections to a server, handles on a
  /// file), for reading side by side; a file's mode is warned about once.
  func openRecords(readers: Int = 1) async throws -> [any RecordStore] {
    let target = try storeTarget()
    var opened: [any RecordStore] = []
    for index in 0..<max(1, readers) { opened.append(try await Self.open(target, warn: index == 0)) }
    return opened
  }

  /// The records, through one handle.
  func openRecords() async throws -> any RecordStore {
    try await openRecords(readers: 1)[0]
  }

  /// Opens a store target: exit 74 for a file that cannot be opened, 69 for a shared store that
  /// cannot be reached. `warn` false keeps a file's mode warning unsaid (it was said already).
  static func open(_ target: StoreTarget, warn: Bool = true) async throws -> any RecordStore {
    switch target {
    case .file(let path):
      return try openFile(path, warn: warn)
    case .shared(let address):
      do {
        return try await PostgresRecordStore.connect(to: address)
      } catch {
        Output.error("\(error)")
        throw Exit.unavailable
      }
    }
  }

  static func openFile(_ path: String, warn: Bool = true) throws -> SQLiteRecordStore {
    do {
      let store = try SQLiteRecordStore(path: path)
      if warn, let warning = store.modeWarning {
        FileHandle.standardError.write(Data("casesim: warning: \(warning)\n".utf8))
      }
      return store
    } catch {
      Output.error("cannot open the record store at \(path): \(error)")
      throw Exit.ioError
    }
  }

  /// Before the program ends after play: sends what the outbox holds to the shared store, for
  /// up to 10 seconds, and says plainly what is still waiting (nothing is lost: it stays on this
  /// machine for the next play or `casesim sync`).
  func finishForwarding(_ store: any LocalRecordStore) {
    guard let forwarding = store as? ForwardingRecordStore else { return }
    let forwarder = forwarding.forwarder
    let outbox = forwarding.outbox.path
    guard let report = try? Blocking.wait(within: 10, { await forwarder.forward() }) else {
      Output.error(
        "the shared record store \(forwarder.destination) did not answer in time; your decisions are kept on this machine (\(outbox)); run 'casesim sync' to send them")
      return
    }
    if let message = Self.notSent(report, outbox: outbox) { Output.error(message + " to send them") }
  }

  /// What a forward could not send and where it waits, or nil when everything was sent; the
  /// caller ends the sentence.
  static func notSent(_ report: RecordForwarder.Report, outbox: String) -> String? {
    report.failure.map { failure in
      "\(report.pendingSessions) session(s) not sent yet: \(failure); they are kept on this machine (\(outbox)); run 'casesim sync'"
    }
  }

  /// A session by id or unique prefix; an unknown or ambiguous one exits 66 with the reason.
  func resolveSession(_ idOrPrefix: String, in store: any LocalRecordStore) throws -> SessionRecord {
    do {
      return try store.resolveSession(idOrPrefix)
    } catch let error as RecordStoreError {
      Output.error("\(error)")
      throw Exit.noInput
    }
  }

  /// readline at a terminal, plain lines otherwise (pipes, tests, CASESIM_NO_READLINE).
  func makeConsole() -> any Console {
    if LineEditor.isTerminal && variables["CASESIM_NO_READLINE"] == nil {
      return ReadlineConsole(historyPath: historyPath, colour: colourAllowed, pager: variables["PAGER"])
    }
    return PlainConsole(width: LineEditor.terminalColumns())
  }

  /// Colour only at a terminal, never with NO_COLOR set (whatever its value).
  var colourAllowed: Bool {
    variables["NO_COLOR"] == nil && LineEditor.isTerminal && variables["TERM"] != "dumb"
  }
}

/// The console for a person at a terminal: readline for input, columns asked at each render.
final class ReadlineConsole: Console {
  private let editor: LineEditor
  let colour: Bool
  let isInteractive = true

  /// The trainee's own pager command (`$PAGER`), run through the shell; nil or blank for none.
  private let pager: String?

  init(historyPath: String, colour: Bool, pager: String?) {
    editor = LineEditor(applicationName: "casesim", historyPath: historyPath)
    self.colour = colour
    self.pager = pager
  }

  var width: Int { LineEditor.terminalColumns() }
  var height: Int { LineEditor.terminalRows() }

  /// Runs `$PAGER` with the text on its standard input and the terminal as its output, as git
  /// does: `LESS=FRX` when LESS is unset, so less keeps colour, leaves the text on screen and
  /// quits at once on a short text. A command the shell cannot find or run (126, 127), or one
  /// that could not be started, falls back to the built-in pager; any other end (the trainee
  /// pressed q) has shown it.
  func runExternalPager(_ text: String) -> Bool {
    guard let pager, !pager.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
    var environment = ProcessInfo.processInfo.environment
    if environment["LESS"] == nil { environment["LESS"] = "FRX" }
    if environment["LV"] == nil { environment["LV"] = "-c" }
    guard let status = TerminalPager.run(pager, text: text, environment: environment) else { return false }
    return ![126, 127].contains(status)
  }

  func readLine(prompt: String, remember: Bool) -> ConsoleInput {
    guard let line = editor.readLine(prompt: prompt) else {
      write("\n")
      return .endOfInput
    }
    // Notes are the trainee's private words: kept in the record, not in the shell history.
    if remember && !line.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("note ") {
      editor.remember(line)
    }
    return .line(line)
  }

  func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

  func setCompletions(_ table: CompletionTable) {
    editor.setCompleter { preceding, prefix in table.candidates(preceding: preceding, prefix: prefix) }
  }
}

/// Writing to the standard streams. Results go to stdout, problems to stderr.
enum Output {
  static func print(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

  /// How wide a table may be: the terminal's width, or unbounded when the output goes to a file
  /// or a pipe (a script wants every title whole).
  static var tableWidth: Int { isatty(STDOUT_FILENO) != 0 ? LineEditor.terminalColumns() : Int.max }

  /// Prints a value as pretty JSON with sorted keys, so output is stable and diffable.
  static func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(UntrustedText.jsonEscaped(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n")
  }

  /// Prints `text`, or writes it to `path` atomically when one is given (exit 74 if it cannot).
  ///
  /// An atomic write replaces the file with a new one, so a file that was there keeps the mode
  /// its owner set; a new file is 0600 when `personal` (it is drawn from someone's records),
  /// else as the umask says.
  static func deliver(_ text: String, to path: String?, personal: Bool = false) throws {
    guard let path else {
      print(text)
      return
    }
    let existingMode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      if let mode = existingMode ?? (personal ? 0o600 : nil) {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
      }
    } catch {
      Output.error("cannot write \(UntrustedText.escaped(path)): \(describe(error))")
      throw Exit.ioError
    }
  }

  /// Why a write failed, in words (not Foundation's error domain and code).
  static func describe(_ error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let code = underlying.map({ Int32($0.code) }), underlying?.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(code))
    }
    switch (error as NSError).code {
    case NSFileWriteNoPermissionError: return "permission denied"
    case NSFileWriteOutOfSpaceError: return "the disk is full"
    case NSFileWriteVolumeReadOnlyError: return "the disk is read-only"
    case NSFileWriteFileExistsError: return "a file is in the way of a folder on that path"
    default: return (error as NSError).localizedDescription
    }
  }

  static func error(_ message: String) {
    FileHandle.standardError.write(Data("casesim: error: \(message)\n".utf8))
  }
}
