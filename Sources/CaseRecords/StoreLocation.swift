#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Resolves where the default store lives, without touching the disk.
///
/// The order follows the usual command-line convention (flag, then environment, then the XDG
/// base directory specification), so a trainer can point a whole class at a shared file with
/// one variable and a trainee can still override it for one run.
public enum StoreLocation {
  /// The file name under the data directory.
  static let relativePath = "casesim/casesim.sqlite"

  /// explicit (--store) wins, then environment["CASESIM_STORE"], then
  /// $XDG_DATA_HOME/casesim/casesim.sqlite, then $HOME/.local/share/casesim/casesim.sqlite.
  ///
  /// Empty values count as unset. A relative `XDG_DATA_HOME` is ignored, as the XDG
  /// specification requires. Without `HOME`, the account's home directory from the password
  /// database is used, and "." if there is none.
  public static func resolve(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty {
      return explicit
    }
    if let store = environment["CASESIM_STORE"], !store.isEmpty {
      return store
    }
    if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
      return join(dataHome, relativePath)
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? accountHome() ?? "."
    return join(home, ".local/share/" + relativePath)
  }

  /// Joins two path parts with exactly one slash between them.
  private static func join(_ directory: String, _ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  /// The current user's home directory from the password database, for when HOME is unset.
  private static func accountHome() -> String? {
    var buffer = [CChar](repeating: 0, count: 16_384)
    // The entry's strings point into `buffer`, so read them while it is still borrowed.
    return buffer.withUnsafeMutableBufferPointer { storage -> String? in
      guard let base = storage.baseAddress else { return nil }
      var entry = passwd()
      var result: UnsafeMutablePointer<passwd>?
      let status = getpwuid_r(getuid(), &entry, base, storage.count, &result)
      let directoryPointer: UnsafeMutablePointer<CChar>? = entry.pw_dir
      guard status == 0, result != nil, let directory = directoryPointer else { return nil }
      let home = String(cString: directory)
      return home.isEmpty ? nil : home
    }
  }
}
