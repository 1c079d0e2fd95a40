/// A plain-text table that fits a terminal's width: columns that hold handles a person types
/// (ids, dates) keep their full width and are never cut; columns of prose (titles, roles) share
/// what is left and are cut with an ellipsis when they must be. Cells must already be escaped.
struct TextTable {
  struct Column {
    var heading: String
    /// True for prose that may be cut to fit; false for a handle that must stay whole.
    var shrinks: Bool
    /// Right-aligned (numbers).
    var alignRight = false
    /// Among shrinking columns, the lower gives way first (roles before titles), down to
    /// their ``minimum``; equal ones give way widest first.
    var shrinkOrder = 0
    /// The narrowest the column is cut to before the table is allowed to run wider.
    var minimum = 8
    /// A column the table can do without: when every shrinking column is at its minimum and the
    /// table is still too wide, the column with the lowest value here is left out (so a title
    /// keeps enough room to be read), then the next. Nil: always shown.
    var leftOutFirst: Int? = nil
  }

  var columns: [Column]
  var rows: [[String]]
  /// Whether to print the headings as the first line.
  var showsHeadings = true
  /// The same cells in a shorter form (roles by their initials), in step with ``rows``, empty
  /// where a cell has none: a cell that would be cut is shown in its short form instead when that
  /// fits whole, since a short form a person can type says more than the first letters of the
  /// long one.
  var shortRows: [[String]]? = nil

  static let gap = "  "

  func render(width: Int) -> String {
    var shown = Array(columns.indices)
    while true {
      let table = TextTable(
        columns: shown.map { columns[$0] }, rows: rows.map { row in shown.map { row[$0] } }, showsHeadings: showsHeadings,
        shortRows: shortRows.map { $0.map { row in shown.map { row[$0] } } })
      let widths = table.widths(fitting: width)
      let total = widths.reduce(0, +) + Self.gap.count * max(0, widths.count - 1)
      let droppable = shown.filter { columns[$0].leftOutFirst != nil }
      guard total > width, let drop = droppable.min(by: { columns[$0].leftOutFirst! < columns[$1].leftOutFirst! }) else {
        return table.lines(widths)
      }
      shown.removeAll { $0 == drop }
    }
  }

  /// Each column's width once the shrinking columns have given way, as far as their minimums.
  private func widths(fitting width: Int) -> [Int] {
    var widths = columns.indices.map { index in
      max(showsHeadings ? columns[index].heading.count : 0, rows.map { $0[index].count }.max() ?? 0)
    }
    let total = { widths.reduce(0, +) + Self.gap.count * max(0, widths.count - 1) }
    // Take the excess a column at a time: the first to give way, and among equals the widest.
    while total() > width {
      let candidates = columns.indices.filter { columns[$0].shrinks && widths[$0] > columns[$0].minimum }
      guard
        let next = candidates.min(by: {
          (columns[$0].shrinkOrder, -widths[$0]) < (columns[$1].shrinkOrder, -widths[$1])
        })
      else { break }
      widths[next] -= 1
    }
    return widths
  }

  private func lines(_ widths: [Int]) -> String {
    var lines: [String] = []
    if showsHeadings { lines.append(line(columns.map(\.heading), widths)) }
    for (n, row) in rows.enumerated() { lines.append(line(row, widths, short: shortRows?[n])) }
    return lines.joined(separator: "\n") + "\n"
  }

  private func line(_ cells: [String], _ widths: [Int], short: [String]? = nil) -> String {
    var parts: [String] = []
    for (index, cell) in cells.enumerated() {
      let width = widths[index]
      let shorter = short.map { $0[index] }.flatMap { !$0.isEmpty && $0.count <= width ? $0 : nil }
      let fitted = cell.count <= width ? cell : shorter ?? String(cell.prefix(max(0, width - 1))) + "\u{2026}"
      let padding = String(repeating: " ", count: max(0, width - fitted.count))
      parts.append(columns[index].alignRight ? padding + fitted : fitted + padding)
    }
    var text = parts.joined(separator: Self.gap)
    while text.last == " " { text.removeLast() }
    return text
  }
}
