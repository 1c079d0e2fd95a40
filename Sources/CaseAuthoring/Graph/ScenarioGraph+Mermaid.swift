import CaseFormat

extension ScenarioGraph {
  /// The graph as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub, GitLab, many
  /// wikis and slide tools) or the Mermaid live editor.
  ///
  /// Mermaid node ids cannot be quoted, and passage ids have hyphens, may be words Mermaid
  /// reserves (`end`) or begin with letters it reads as arrow heads (`o`, `x`); so each passage
  /// id `a-b` becomes `p_a_b`, which is unambiguous because passage ids never contain `_`.
  /// Styling is by classes and `linkStyle` numbers, which count links in the order written.
  public func mermaid(labels: Bool = false, legend: Bool = true) -> String {
    var out = "---\ntitle: '\(GraphText.shortened(title, limit: 80).replacing("'", with: "''"))'\n---\n"
    out += "flowchart TB\n"
    let ids = mermaidIDs()

    out += "  %% Passages, in file order.\n"
    if startNode != nil { out += "  entry((\" \"))\n" }
    for node in nodes {
      let text = mermaidLabel(GraphPalette.nodeLines(node, labels: labels))
      let shape = node.outcome != nil ? ("{{", "}}") : ("[", "]")
      out += "  \(ids[node.passageID] ?? "")\(shape.0)\(text)\(shape.1)\n"
    }

    out += "\n  %% Choices, in written order.\n"
    var linkNumber = 0
    var critical: [Int] = []
    var untakeable: [Int] = []
    var taken: [Int] = []
    if let start = startNode {
      out += "  entry --> \(ids[start.passageID] ?? "")\n"
      linkNumber += 1
    }
    for edge in edges {
      let arrow = edge.condition != nil ? "-.->" : edge.isCritical ? "==>" : "-->"
      let numbers = pathNumbers(of: edge)
      let text = mermaidLabel(GraphPalette.edgeLines(edge, takenAt: numbers))
      out += "  \(ids[edge.from] ?? "") \(arrow)|\(text)| \(ids[edge.to] ?? "")\n"
      if !numbers.isEmpty {
        taken.append(linkNumber)
      } else if !edge.isTakeable {
        untakeable.append(linkNumber)
      } else if edge.isCritical {
        critical.append(linkNumber)
      }
      linkNumber += 1
    }

    if legend {
      out += "\n  %% Key.\n"
      out += "  subgraph legend [\"Key\"]\n"
      for (number, row) in GraphPalette.legendNodes.enumerated() {
        let text = mermaidLabel([row.sample, row.meaning])
        let shape = row.isEnding ? ("{{", "}}") : ("[", "]")
        out += "    legend_\(number + 1)\(shape.0)\(text)\(shape.1)\n"
      }
      let rows = GraphPalette.legendEdges + (highlightedPath.isEmpty ? [] : [GraphPalette.pathLegend])
      let arrows = rows.map { "\($0.sample) — \($0.meaning)" }
      out += "    legend_\(GraphPalette.legendNodes.count + 1)[\(mermaidLabel(arrows))]\n"
      out += "  end\n"
    }

    out += "\n  %% Styles.\n"
    out += classDefinitions()
    var classes: [(name: String, members: [String])] = [
      ("passage", []), ("safe", []), ("partlySafe", []), ("unsafe", []), ("unreachable", []),
      ("missing", []), ("start", []),
    ]
    func add(_ id: String, to name: String) {
      if let index = classes.firstIndex(where: { $0.name == name }) { classes[index].members.append(id) }
    }
    for node in nodes {
      let id = ids[node.passageID] ?? ""
      add(id, to: Self.mermaidClass(node))
      if node.isStart { add(id, to: "start") }
    }
    if legend {
      for (number, row) in GraphPalette.legendNodes.enumerated() {
        add("legend_\(number + 1)", to: Self.mermaidClass(legendRow: row))
      }
      add("legend_\(GraphPalette.legendNodes.count + 1)", to: "passage")
    }
    if startNode != nil { out += "  class entry entry\n" }
    for group in classes where !group.members.isEmpty {
      out += "  class \(group.members.joined(separator: ",")) \(group.name)\n"
    }
    if !critical.isEmpty {
      out += "  linkStyle \(critical.map(String.init).joined(separator: ",")) stroke:\(GraphPalette.criticalEdge),stroke-width:3px,color:\(GraphPalette.criticalEdge)\n"
    }
    if !untakeable.isEmpty {
      out += "  linkStyle \(untakeable.map(String.init).joined(separator: ",")) stroke:\(GraphPalette.untakeableEdge),color:\(GraphPalette.untakeableEdge)\n"
    }
    if !taken.isEmpty {
      out += "  linkStyle \(taken.map(String.init).joined(separator: ",")) stroke:\(GraphPalette.pathEdge),stroke-width:4px,color:\(GraphPalette.pathEdge)\n"
    }
    return out
  }

  // MARK: Private

  /// Mermaid ids for every node: `p_` and the passage id with `-` as `_`. An id that is not
  /// kebab-case (possible only in a scenario with errors) gets `p` and its position instead,
  /// which cannot collide with the `p_` form.
  private func mermaidIDs() -> [String: String] {
    var ids: [String: String] = [:]
    for (position, node) in nodes.enumerated() {
      let id = node.passageID
      let kebab =
        id.first.map { $0 >= "a" && $0 <= "z" } == true
        && id.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
      ids[id] = kebab ? "p_" + id.replacing("-", with: "_") : "p\(position + 1)"
    }
    return ids
  }

  private func mermaidLabel(_ lines: [String]) -> String {
    "\"" + lines.map(GraphText.mermaidEscaped).joined(separator: "<br/>") + "\""
  }

  private static func mermaidClass(_ node: Node) -> String {
    if node.isMissing { return "missing" }
    if !node.isReachable { return "unreachable" }
    switch node.outcome {
    case .safe: return "safe"
    case .partlySafe: return "partlySafe"
    case .unsafe: return "unsafe"
    case nil: return "passage"
    }
  }

  private static func mermaidClass(legendRow row: GraphPalette.LegendNode) -> String {
    switch row.kind {
    case .passage: "passage"
    case .ending(.safe): "safe"
    case .ending(.partlySafe): "partlySafe"
    case .ending(.unsafe): "unsafe"
    case .unreachable: "unreachable"
    }
  }

  private func classDefinitions() -> String {
    func style(_ c: GraphPalette.Colours) -> String { "fill:\(c.fill),stroke:\(c.stroke),color:\(c.text)" }
    let u = GraphPalette.unreachable
    let m = GraphPalette.missing
    return """
        classDef passage \(style(GraphPalette.passage))
        classDef safe \(style(GraphPalette.ending(.safe)))
        classDef partlySafe \(style(GraphPalette.ending(.partlySafe)))
        classDef unsafe \(style(GraphPalette.ending(.unsafe)))
        classDef unreachable \(style(u)),stroke-dasharray:4 3
        classDef missing fill:\(m.fill),stroke:\(m.stroke),color:\(m.text),stroke-dasharray:4 3
        classDef start stroke-width:3px
        classDef entry fill:\(GraphPalette.entry),stroke:\(GraphPalette.entry)

      """
  }
}
