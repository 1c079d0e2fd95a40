import CaseFormat

/// Scenario text with position markers `⟦1⟧`, `⟦2⟧`... written where a diagnostic is expected.
/// The markers are removed and their 1-based line and column recorded, so tests never hard-code
/// positions.
package struct MarkedText {
  package let text: String
  package let markers: [String: (line: Int, column: Int)]

  package init(_ marked: String) {
    var text = ""
    var markers: [String: (line: Int, column: Int)] = [:]
    var line = 1
    var column = 1
    var i = marked.startIndex
    while i < marked.endIndex {
      if marked[i] == "⟦", let close = marked[i...].firstIndex(of: "⟧") {
        let name = String(marked[marked.index(after: i)..<close])
        markers[name] = (line, column)
        i = marked.index(after: close)
        continue
      }
      let c = marked[i]
      text.append(c)
      if c == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i = marked.index(after: i)
    }
    self.text = text
    self.markers = markers
  }

  package func location(_ marker: String, file: String) -> SourceLocation? {
    markers[marker].map { SourceLocation(file: file, line: $0.line, column: $0.column) }
  }
}
