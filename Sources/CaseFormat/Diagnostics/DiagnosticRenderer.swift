/// Renders diagnostics the way compilers do, so editors and CI logs can jump to them:
///
/// ```
/// Scenarios/duty.case:42:41: error: choice leads to unknown passage 'detials' [unknown-target]
///    42 | * Ask the pastoral lead what Amy said -> detials
///       |                                          ^~~~~~~
///       = did you mean 'details'?
/// ```
///
/// All echoed source text is escaped, since scenario files are untrusted.
public struct DiagnosticRenderer: Sendable {
  public var sources: SourceStore
  /// Wraps severity words in ANSI colour when true.
  public var colour: Bool

  public init(sources: SourceStore, colour: Bool = false) {
    self.sources = sources
    self.colour = colour
  }

  public func render(_ diagnostic: Diagnostic) -> String {
    var out = ""
    if let location = diagnostic.location { out += "\(UntrustedText.escaped(location.description)): " }
    out += paint(diagnostic.severity) + ": " + UntrustedText.escaped(diagnostic.message)
    out += " [\(diagnostic.code)]\n"
    if let location = diagnostic.location {
      out += excerpt(at: location, length: diagnostic.length)
    }
    if let suggestion = diagnostic.suggestion {
      out += "      = did you mean '\(UntrustedText.escaped(suggestion))'?\n"
    }
    for note in diagnostic.notes {
      if let location = note.location {
        out += "\(UntrustedText.escaped(location.description)): note: \(UntrustedText.escaped(note.message))\n"
        out += excerpt(at: location, length: note.length)
      } else {
        out += "      = note: \(UntrustedText.escaped(note.message))\n"
      }
    }
    return out
  }

  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  private func excerpt(at location: SourceLocation, length: Int) -> String {
    guard let line = sources.line(location.line, of: location.file) else { return "" }
    let number = String(location.line)
    let gutter = String(repeating: " ", count: max(5, number.count + 1) - number.count) + number
    let blank = String(repeating: " ", count: gutter.count)
    // Tabs would misalign the caret; show them as single spaces in the excerpt.
    let shown = UntrustedText.escaped(line.replacingTabs)
    let prefixWidth = UntrustedText.escaped(String(line.replacingTabs.prefix(max(0, location.column - 1)))).count
    let caretLength = max(1, min(length, max(1, shown.count - prefixWidth)))
    let caret = "^" + String(repeating: "~", count: caretLength - 1)
    return "\(gutter) | \(shown)\n\(blank) | \(String(repeating: " ", count: prefixWidth))\(caret)\n"
  }

  private func paint(_ severity: Severity) -> String {
    guard colour else { return severity.rawValue }
    let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
    return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
  }
}

extension String {
  fileprivate var replacingTabs: String { String(map { $0 == "\t" ? " " : $0 }) }
}
