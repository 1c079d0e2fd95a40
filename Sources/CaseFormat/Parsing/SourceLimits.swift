/// Limits that keep hostile or accidental input from exhausting memory or time.
public enum SourceLimits {
  /// The largest scenario, passages or guide file read: a safety bound far above any real
  /// scenario (the shipped ones are under 100 KB), there so that a wrong path or a hostile file
  /// cannot make a reader take gigabytes. Loading is linear in the file's size, so files up to
  /// the bound load in seconds.
  public static let maximumFileBytes = 128 * 1024 * 1024
  /// The file limit in words, for messages.
  public static let maximumFileSize = "128 MiB"
  public static let maximumLineBytes = 64 * 1024
  public static let maximumIncludeDepth = 16
  public static let weightRange = 1...5
}

