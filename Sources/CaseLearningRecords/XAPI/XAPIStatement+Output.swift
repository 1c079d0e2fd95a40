import CaseFormat

extension XAPIStatement {
  /// How a list of statements is written.
  public enum Layout: String, Sendable, CaseIterable {
    /// One JSON array, pretty-printed: what an LRS takes in one POST.
    case json
    /// JSON Lines: one statement per line, for streaming tools.
    case jsonl
  }

  /// The statements as text in `layout`, ending with a newline. Characters a terminal would act
  /// on are escaped, so printing an export is safe whatever the trainees typed.
  public static func text(_ statements: [XAPIStatement], layout: Layout) -> String {
    switch layout {
    case .json: JSONValue.array(statements.map(\.json)).text
    case .jsonl: statements.map { $0.json.compactText + "\n" }.joined()
    }
  }
}
