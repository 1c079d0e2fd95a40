extension ScenarioGraph {
  /// The graph in Graphviz DOT, for `dot -Tsvg` (or -Tpng, -Tpdf) and any tool that reads DOT.
  ///
  /// Node ids are the passage ids, quoted (ids have hyphens, and DOT's keywords such as `node`
  /// are valid passage ids); the entry marker and the key use ids starting with `_`, which a
  /// passage id cannot. With `labels`, each passage also shows the start of its prose.
  ///
  /// The direction is left to Graphviz's default (top to bottom) rather than written into the
  /// graph, so `dot -Grankdir=LR` can turn the picture for a wide slide.
  public func dot(labels: Bool = false, legend: Bool = true) -> String {
    var out = "digraph \(quoted(scenarioID)) {\n"
    let font = "fontname=\"Helvetica\""
    out += "  graph [label=\(quoted(GraphText.shortened(title, limit: 80))), labelloc=t, \(font), fontsize=16,"
    out += " nodesep=0.35, ranksep=0.45];\n"
    let p = GraphPalette.passage
    out += "  node [\(font), fontsize=11, shape=box, style=\"rounded,filled\", fillcolor=\"\(p.fill)\","
    out += " color=\"\(p.stroke)\", fontcolor=\"\(p.text)\"];\n"
    out += "  edge [\(font), fontsize=9, color=\"\(GraphPalette.edge)\", fontcolor=\"\(p.text)\"];\n"

    out += "\n  // Passages, in file order.\n"
    if startNode != nil {
      out += "  \"_entry\" [label=\"\", shape=circle, style=filled, width=0.18, fixedsize=true,"
      out += " fillcolor=\"\(GraphPalette.entry)\", color=\"\(GraphPalette.entry)\"];\n"
    }
    for node in nodes {
      out += "  \(quoted(node.passageID)) [\(nodeAttributes(node, labels: labels))];\n"
    }

    out += "\n  // Choices, in written order.\n"
    if let start = startNode {
      out += "  \"_entry\" -> \(quoted(start.passageID)) [arrowsize=0.7];\n"
    }
    for edge in edges {
      out += "  \(quoted(edge.from)) -> \(quoted(edge.to)) [\(edgeAttributes(edge))];\n"
    }

    if legend {
      out += "\n  // Key.\n"
      out += legendNode()
    }
    out += "}\n"
    return out
  }

  // MARK: Private

  private func quoted(_ text: String) -> String { "\"" + GraphText.dotEscaped(text) + "\"" }

  private func label(_ lines: [String]) -> String {
    "label=\"" + lines.map(GraphText.dotEscaped).joined(separator: "\\n") + "\""
  }

  private func nodeAttributes(_ node: Node, labels: Bool) -> String {
    var attributes = [label(GraphPalette.nodeLines(node, labels: labels))]
    if node.isMissing {
      let c = GraphPalette.missing
      attributes += [
        "style=\"rounded,dashed\"", "color=\"\(c.stroke)\"", "fontcolor=\"\(c.text)\"",
      ]
      return attributes.joined(separator: ", ")
    }
    if node.outcome != nil { attributes.append("shape=hexagon") }
    let colours: GraphPalette.Colours?
    if !node.isReachable {
      colours = GraphPalette.unreachable
      attributes.append(node.outcome == nil ? "style=\"rounded,filled,dashed\"" : "style=\"filled,dashed\"")
    } else if let outcome = node.outcome {
      colours = GraphPalette.ending(outcome)
      attributes.append("style=filled")
    } else {
      colours = nil
    }
    if let colours {
      attributes += [
        "fillcolor=\"\(colours.fill)\"", "color=\"\(colours.stroke)\"", "fontcolor=\"\(colours.text)\"",
      ]
    }
    if passagesOnPath.contains(node.passageID) {
      attributes += ["penwidth=3", "color=\"\(GraphPalette.pathEdge)\""]
    } else if node.isStart {
      attributes.append("penwidth=3")
    }
    return attributes.joined(separator: ", ")
  }

  private func edgeAttributes(_ edge: Edge) -> String {
    let numbers = pathNumbers(of: edge)
    var attributes = [label(GraphPalette.edgeLines(edge, takenAt: numbers))]
    var styles: [String] = []
    if edge.isCritical { styles.append("bold") }
    if edge.condition != nil { styles.append("dashed") }
    if !styles.isEmpty {
      let style = styles.joined(separator: ",")
      attributes.append(styles.count == 1 ? "style=\(style)" : "style=\"\(style)\"")
    }
    if !edge.isTakeable {
      attributes += ["color=\"\(GraphPalette.untakeableEdge)\"", "fontcolor=\"\(GraphPalette.untakeableEdge)\""]
    } else if edge.isCritical {
      attributes += ["color=\"\(GraphPalette.criticalEdge)\"", "fontcolor=\"\(GraphPalette.criticalEdge)\""]
    }
    if !numbers.isEmpty {
      // Taken by the trainee: blue and heavy, over any other colour (a critical choice taken
      // stays bold, and its red label says so in the key).
      attributes.removeAll { $0.hasPrefix("color=") }
      attributes += ["color=\"\(GraphPalette.pathEdge)\"", "penwidth=3.5"]
    } else if edge.isCritical {
      attributes.append("penwidth=2.5")
    }
    return attributes.joined(separator: ", ")
  }

  /// The key as one HTML-like table node: compact, and placed by Graphviz with the graph.
  private func legendNode() -> String {
    var rows = ["<tr><td colspan=\"2\"><b>Key</b></td></tr>"]
    for row in GraphPalette.legendNodes {
      let shape = row.isEnding ? "hexagon: " : ""
      rows.append(
        "<tr><td bgcolor=\"\(row.colours.fill)\"><font color=\"\(row.colours.text)\">\(html(row.sample))</font></td>"
          + "<td align=\"left\">\(html(shape + row.meaning))</td></tr>")
    }
    for row in GraphPalette.legendEdges + (highlightedPath.isEmpty ? [] : [GraphPalette.pathLegend]) {
      rows.append(
        "<tr><td><font color=\"\(row.colour)\">\(html(row.sample))</font></td>"
          + "<td align=\"left\">\(html(row.meaning))</td></tr>")
    }
    var out = "  \"_legend\" [shape=plaintext, margin=0, fontsize=9, label=<\n"
    out += "    <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n"
    for row in rows { out += "      \(row)\n" }
    out += "    </table>>];\n"
    return out
  }

  /// The key's text is ours, not the scenario's, but is escaped anyway so the table stays valid
  /// if its wording changes.
  private func html(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}
