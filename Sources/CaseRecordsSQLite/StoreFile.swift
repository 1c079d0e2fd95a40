import CaseRecords

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gets the records file ready for SQLite without letting SQLite create anything.
///
/// Records hold personal data about trainees, so the file must be private to its owner. SQLite's
/// unix VFS creates the `-wal` and `-shm` sidecars with the mode of the database file, and a
/// `chmod` after opening races their creation; so new directories are made 0700 and a new file
/// 0600 here, before SQLite ever opens it. A file that exists keeps its owner's mode. A file that exists already is checked to look like an
/// SQLite database first, so pointing `--store` at the wrong file leaves that file untouched.
enum StoreFile {
  /// Mode of the database file and of its sidecars.
  static let fileMode: mode_t = 0o600
  /// Mode of directories this code creates.
  static let directoryMode: mode_t = 0o700
  /// The sidecar files SQLite may keep next to the database.
  static let sidecarSuffixes = ["-wal", "-shm", "-journal"]

  /// True when the owner has made the file read-only: it is then opened read-only and never
  /// written.
  static func isReadOnly(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & 0o200 == 0
  }

  /// Creates missing parent directories and the file, or checks and tightens an existing file.
  static func prepare(path: String) throws(RecordStoreError) {
    guard !path.isEmpty else {
      throw .unreadable(path: path, reason: "the path is empty")
    }
    try createParentDirectories(of: path)

    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
    if descriptor >= 0 {
      close(descriptor)
      // The umask can only remove bits, but be exact whatever it was.
      try setMode(fileMode, of: path)
      return
    }
    let openError = errno
    guard openError == EEXIST else {
      throw failure(path, "cannot create the file", openError)
    }
    // An existing file keeps the mode its owner set (even a looser one, or read-only): the store
    // says so instead (`looseModes`), and never changes it.
    try checkLooksLikeSQLite(path)
  }

  /// The store's files that other users can read or write, with their modes.
  static func looseModes(_ path: String) -> [(file: String, mode: mode_t)] {
    ([path] + sidecarSuffixes.map { path + $0 }).compactMap { file in
      var status = stat()
      guard stat(file, &status) == 0, status.st_mode & 0o077 != 0 else { return nil }
      return (file, status.st_mode & 0o777)
    }
  }

  /// `mkdir -p` with mode 0700 for every directory it creates; existing ones are left alone.
  private static func createParentDirectories(of path: String) throws(RecordStoreError) {
    var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    components.removeLast()
    var current = ""
    for (index, component) in components.enumerated() {
      if index > 0 { current += "/" }
      current += component
      guard !component.isEmpty, component != ".", component != ".." else { continue }
      if mkdir(current, directoryMode) == 0 {
        try setMode(directoryMode, of: current)
      } else {
        let code = errno
        if code != EEXIST {
          throw failure(path, "cannot create the directory \(current)", code)
        }
      }
    }
  }

  /// Refuses directories and files that do not start with SQLite's header. An empty file is
  /// fine: it is what `prepare` creates, and SQLite turns it into a database.
  private static func checkLooksLikeSQLite(_ path: String) throws(RecordStoreError) {
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw failure(path, "cannot read the file", errno)
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      throw .unreadable(path: path, reason: "it is a directory, not a file")
    }
    guard status.st_size > 0 else { return }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw failure(path, "cannot read the file", errno)
    }
    defer { close(descriptor) }
    let magic = Array("SQLite format 3\0".utf8)
    var header = [UInt8](repeating: 0, count: magic.count)
    let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count == magic.count, header == magic else {
      throw .unreadable(path: path, reason: "it is not an SQLite database")
    }
  }

  private static func setMode(_ mode: mode_t, of path: String) throws(RecordStoreError) {
    guard chmod(path, mode) == 0 else {
      let code = errno
      throw failure(path, "cannot set the mode of \(path)", code)
    }
  }

  /// An `unreadable` error carrying the text of `code` (an `errno` value), in lowercase.
  private static func failure(_ path: String, _ what: String, _ code: Int32) -> RecordStoreError {
    let message = String(cString: strerror(code)).lowercased()
    return .unreadable(path: path, reason: "\(what): \(message)")
  }
}
