import CaseFormat
import Foundation

/// The parts every HTML report is made of: one self-contained page (inline CSS, no script, no
/// fonts, images or links to fetch), inline SVG bar charts each with the table it is drawn from,
/// and print styles. Callers pass raw text; every string that reaches the page goes through
/// ``UntrustedText/html(_:)`` here.
enum HTMLPage {
  static func h(_ text: String) -> String { UntrustedText.html(text) }

  /// A whole page. `body` is already HTML.
  static func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en-GB">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
    <title>\(h(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    <main>
    \(body)
    </main>
    </body>
    </html>

    """
  }

  static let style = """
    body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; line-height: 1.45; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
    h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 2px solid #1d4f91; padding-top: 1rem; }
    h3 { font-size: 1.1rem; }
    table { border-collapse: collapse; margin: 0.5rem 0 1rem; min-width: 50%; }
    caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
    th, td { border: 1px solid #999; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .withheld { font-style: italic; color: #444; }
    figure { margin: 0.5rem 0 1.5rem; }
    svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
    .bar { fill: #1d4f91; } .bar.strong { fill: #2e7d32; }
    blockquote { border-left: 4px solid #bbb; margin: 0.25rem 0; padding-left: 0.75rem; }
    @media print {
      body { font-size: 10.5pt; } main { max-width: none; padding: 0; }
      h2, h3 { break-after: avoid; } figure, table, section.session { break-inside: avoid; }
      .bar { fill: #000; } .bar.strong { fill: #555; }
    }
    """

  /// One bar of a chart: its label, its length as a share of the longest, and the figure shown.
  struct Bar {
    var label: String
    var value: Double
    var shown: String
    var isStrong = false
  }

  /// A horizontal bar chart and, behind it, the accessible table it is drawn from (the chart is
  /// hidden from screen readers, which read the table).
  static func barChart(caption: String, labelHeading: String, valueHeading: String, bars: [Bar], maximum: Double? = nil)
    -> String
  {
    let top = max(maximum ?? bars.map(\.value).max() ?? 0, 1e-9)
    let rowHeight = 22
    let labelWidth = 300
    let barWidth = 360
    let height = bars.count * rowHeight + 4
    var svg =
      "<svg width=\"\(labelWidth + barWidth + 120)\" height=\"\(height)\" aria-hidden=\"true\" focusable=\"false\">"
    for (n, bar) in bars.enumerated() {
      let y = n * rowHeight + 2
      let length = Int((bar.value / top * Double(barWidth)).rounded())
      let label = bar.label.count > 44 ? String(bar.label.prefix(43)) + "…" : bar.label
      svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(h(label))</text>"
      svg += "<rect class=\"bar\(bar.isStrong ? " strong" : "")\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(max(length, 0))\" height=\"\(rowHeight - 6)\"></rect>"
      svg += "<text x=\"\(labelWidth + max(length, 0) + 6)\" y=\"\(y + 15)\">\(h(bar.shown))</text>"
    }
    svg += "</svg>"
    let rows = bars.map { "<tr><th scope=\"row\">\(h($0.label))\($0.isStrong ? " (strongest)" : "")</th><td class=\"n\">\(h($0.shown))</td></tr>" }
    return """
      <figure>
      \(svg)
      <table>
      <caption>\(h(caption))</caption>
      <thead><tr><th scope="col">\(h(labelHeading))</th><th scope="col">\(h(valueHeading))</th></tr></thead>
      <tbody>
      \(rows.joined(separator: "\n"))
      </tbody>
      </table>
      </figure>
      """
  }

  /// A plain table with column headings; cells are raw text.
  static func table(caption: String, headings: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
    let head = headings.map { "<th scope=\"col\">\(h($0))</th>" }.joined()
    let body = rows.map { row in
      "<tr>"
        + row.enumerated().map { n, cell in
          n == 0 ? "<th scope=\"row\">\(h(cell))</th>" : "<td\(numeric.contains(n) ? " class=\"n\"" : "")>\(h(cell))</td>"
        }.joined() + "</tr>"
    }
    return """
      <table>
      <caption>\(h(caption))</caption>
      <thead><tr>\(head)</tr></thead>
      <tbody>
      \(body.joined(separator: "\n"))
      </tbody>
      </table>
      """
  }

  static func withheld(_ what: String, _ reason: String) -> String {
    "<p class=\"withheld\">\(h(what)): withheld, \(h(reason)).</p>"
  }
}
