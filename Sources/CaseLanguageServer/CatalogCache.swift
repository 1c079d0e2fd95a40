import CaseFormat
import Foundation

/// The guidance catalogs, read and parsed once and again only when one of their files changes:
/// every pause in typing checks the document, and re-reading every `.guide` file each time would
/// be most of that work.
struct CatalogCache {
  private var key: [String] = []
  private var library: GuidanceLibrary?

  /// The catalogs loaded from `files`, from the cache while none of them has changed (by size
  /// and modification time) and no file was added or removed.
  mutating func library(of files: [String]) -> GuidanceLibrary {
    let stamps = files.map { path -> String in
      var info = stat()
      guard stat(path, &info) == 0 else { return path + "\u{0}missing" }
      return "\(path)\u{0}\(info.st_size)\u{0}\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
    if let library, stamps == key { return library }
    let loaded = ScenarioLoader.loadGuidance(files: files).library
    key = stamps
    library = loaded
    return loaded
  }
}
