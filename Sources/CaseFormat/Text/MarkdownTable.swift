import Foundation

/// The reference tables the documentation holds are generated from the code's own tables (the
/// format's vocabulary, the diagnostic descriptions); this is how each cell is written.
package enum MarkdownTable {
  /// Text for a cell: a `|`, even inside code, would end the cell.
  package static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }
}
