import CaseFormat

/// The colours and words both renderers use, so a DOT picture and a Mermaid picture of the same
/// scenario read the same way. Colours are paired with words in every label ("ending: unsafe",
/// "critical", "unreachable"), so the picture still reads when printed in black and white or seen
/// by someone who does not tell red from green.
enum GraphPalette {
  struct Colours {
    var fill: String
    var stroke: String
    var text: String
  }

  static let passage = Colours(fill: "#ffffff", stroke: "#37474f", text: "#263238")
  static let unreachable = Colours(fill: "#eeeeee", stroke: "#9e9e9e", text: "#757575")
  static let missing = Colours(fill: "#ffffff", stroke: "#c62828", text: "#c62828")

  static func ending(_ outcome: Outcome) -> Colours {
    switch outcome {
    case .safe: Colours(fill: "#d4edda", stroke: "#2e7d32", text: "#1b5e20")
    case .partlySafe: Colours(fill: "#ffe8b3", stroke: "#b7791f", text: "#5d4037")
    case .unsafe: Colours(fill: "#f8d0d0", stroke: "#c62828", text: "#7f0000")
    }
  }

  static let edge = "#455a64"
  static let criticalEdge = "#c62828"
  /// A trainee's path (`graph --session`): a blue that reads apart from the outcome colours.
  static let pathEdge = "#1565c0"
  static let untakeableEdge = "#9e9e9e"
  static let entry = "#263238"

  /// The words on an ending's node.
  static func endingWords(_ outcome: Outcome) -> String {
    switch outcome {
    case .safe: "ending: safe"
    case .partlySafe: "ending: partly safe"
    case .unsafe: "ending: unsafe"
    }
  }

  /// The lines of a node's label, unescaped: the passage id, then what kind of passage it is,
  /// then (with `labels`) the start of its prose.
  static func nodeLines(_ node: ScenarioGraph.Node, labels: Bool) -> [String] {
    var lines = [GraphText.cleaned(node.passageID)]
    if node.isMissing { lines.append("missing passage") }
    if let outcome = node.outcome { lines.append(endingWords(outcome)) }
    if !node.roles.isEmpty { lines.append(roleWords(node.roles)) }
    if !node.isReachable && !node.isMissing { lines.append("unreachable") }
    if labels, let first = node.firstLine {
      let short = GraphText.shortened(first)
      if !short.isEmpty { lines.append(short) }
    }
    return lines
  }

  /// The lines of a choice's label, unescaped: its shortened text, then its score and marks.
  /// An edge's label lines with the decision numbers at which a session's path took it first
  /// ("[2] Ring the school..."), so the path reads in order along the arrows, in DOT and Mermaid.
  static func edgeLines(_ edge: ScenarioGraph.Edge, takenAt numbers: [Int]) -> [String] {
    var lines = edgeLines(edge)
    if !numbers.isEmpty, !lines.isEmpty {
      lines[0] = numbers.map { "[\($0)]" }.joined(separator: " ") + " " + lines[0]
    }
    return lines
  }

  /// The key's row for a session's path, shown only when one is drawn.
  static let pathLegend = LegendEdge(
    sample: "heavy blue arrow, [n]", colour: pathEdge, meaning: "the session's path: decision n took this choice")

  static func edgeLines(_ edge: ScenarioGraph.Edge) -> [String] {
    var marks: [String] = []
    if let score = edge.netScore { marks.append(GraphText.score(score)) }
    if edge.isCritical { marks.append("critical") }
    if !edge.roles.isEmpty { marks.append(roleWords(edge.roles)) }
    if let condition = edge.condition { marks.append("if " + GraphText.shortened(condition.description, limit: 30)) }
    var lines = [GraphText.shortened(edge.text)]
    if !marks.isEmpty { lines.append(marks.joined(separator: " · ")) }
    return lines
  }

  static func roleWords(_ roles: [String]) -> String {
    (roles.count == 1 ? "role: " : "roles: ") + roles.map(GraphText.cleaned).joined(separator: ", ")
  }

  /// A row of the key describing a kind of node.
  struct LegendNode {
    enum Kind {
      case passage
      case ending(Outcome)
      case unreachable
    }

    var kind: Kind
    var meaning: String

    var sample: String {
      switch kind {
      case .passage: "passage"
      case .ending(let outcome): endingWords(outcome)
      case .unreachable: "unreachable"
      }
    }

    var colours: Colours {
      switch kind {
      case .passage: GraphPalette.passage
      case .ending(let outcome): ending(outcome)
      case .unreachable: GraphPalette.unreachable
      }
    }

    var isEnding: Bool {
      if case .ending = kind { true } else { false }
    }
  }

  /// The node rows of the key, in the order both renderers show them.
  static let legendNodes: [LegendNode] = [
    LegendNode(kind: .passage, meaning: "a scene with choices; a thick border marks where play begins"),
    LegendNode(kind: .ending(.safe), meaning: "the child is left safe"),
    LegendNode(kind: .ending(.partlySafe), meaning: "the child is left partly safe"),
    LegendNode(kind: .ending(.unsafe), meaning: "the child is left unsafe"),
    LegendNode(kind: .unreachable, meaning: "no play can arrive here"),
  ]

  /// A row of the key describing a kind of arrow.
  struct LegendEdge {
    var sample: String
    var colour: String
    var meaning: String
  }

  /// The edge rows of the key, in the order both renderers show them.
  static let legendEdges: [LegendEdge] = [
    LegendEdge(sample: "arrow", colour: edge, meaning: "a choice: its text, then its net score (+3, -4)"),
    LegendEdge(sample: "bold red arrow", colour: criticalEdge, meaning: "critical: on its own it leaves the child unsafe"),
    LegendEdge(sample: "dashed arrow", colour: edge, meaning: "offered only when its condition (if ...) holds"),
    LegendEdge(sample: "role: ...", colour: edge, meaning: "offered only to that role"),
    LegendEdge(sample: "grey arrow", colour: untakeableEdge, meaning: "no play can take the choice"),
  ]
}
