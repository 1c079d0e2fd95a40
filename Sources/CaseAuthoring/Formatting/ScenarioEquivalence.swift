public import CaseFormat

/// Compares scenarios by meaning: what a trainee would play and a debrief would show, ignoring
/// where things were written (source locations, the file's path) and the content hash.
///
/// `fmt` uses it to prove a rewrite changed nothing, `import` to prove the `.case` text it wrote
/// says exactly what the JSON said, and the tests to check both.
public enum ScenarioEquivalence {
  private static let nowhere = SourceLocation(file: "", line: 0, column: 0)

  /// The scenario with every source location, its path and its content hash cleared.
  public static func normalized(_ scenario: Scenario) -> Scenario {
    var copy = scenario
    copy.contentHash = ""
    copy.path = ""
    copy.header.locations = [:]
    copy.header.itemLocations = [:]
    copy.declarations = copy.declarations.mapValues { declaration in
      var d = declaration
      d.location = nowhere
      return d
    }
    copy.passages = copy.passages.mapValues(normalized)
    return copy
  }

  static func normalized(_ passage: Passage) -> Passage {
    var p = passage
    p.location = nowhere
    p.prose = p.prose.map { line in
      var l = line
      l.location = nowhere
      return l
    }
    p.choices = p.choices.map { choice in
      var c = choice
      c.location = nowhere
      c.targetLocation = nowhere
      c.conditionLocation = nil
      c.critical = c.critical.map { CriticalMark(reason: $0.reason, location: nowhere) }
      c.scores = c.scores.map { score in
        var s = score
        s.location = nowhere
        return s
      }
      return c
    }
    return p
  }

  /// True when the two scenarios mean the same.
  public static func areEquivalent(_ a: Scenario, _ b: Scenario) -> Bool {
    normalized(a) == normalized(b)
  }

  /// The first way the two differ in meaning, in words a trainer can act on; nil when equivalent.
  public static func firstDifference(_ a: Scenario, _ b: Scenario) -> String? {
    let a = normalized(a)
    let b = normalized(b)
    guard a != b else { return nil }
    if a.header != b.header {
      let fields: [(String, (ScenarioHeader) -> String)] = [
        ("id", \.id), ("title", \.title), ("summary", \.summary), ("roles", { $0.roles.joined(separator: ", ") }),
        ("minutes", { String($0.minutes) }), ("content-note", \.contentNote),
        ("reviews", { $0.reviews.joined(separator: "; ") }), ("guides", { $0.guides.joined(separator: ", ") }),
        ("modes", { $0.modes.map(\.rawValue).joined(separator: ", ") }), ("themes", { $0.themes.joined(separator: ", ") }),
        ("children", { $0.children.joined(separator: ", ") }),
        ("start", { $0.start ?? "" }), ("lesson", { $0.lessons.joined(separator: "\n") }),
        ("reflect", { $0.reflections.joined(separator: "\n") }),
      ]
      for (name, value) in fields where value(a.header) != value(b.header) {
        return "the header field '\(name)' differs"
      }
      return "the header differs"
    }
    if a.startPassageID != b.startPassageID {
      return "play starts at '\(a.startPassageID)' in one and '\(b.startPassageID)' in the other"
    }
    for name in Set(a.declarations.keys).union(b.declarations.keys).sorted()
    where a.declarations[name] != b.declarations[name] {
      return "the declaration of '\(name)' differs"
    }
    if a.passageOrder != b.passageOrder { return "the passages differ, or are in a different order" }
    for id in a.passageOrder {
      guard let p = a.passages[id], let q = b.passages[id], p != q else { continue }
      if p.roles != q.roles { return "passage '\(id)': its roles differ" }
      if p.ending != q.ending { return "passage '\(id)': its ending, title, lessons or reflections differ" }
      if p.rationalePrompt != q.rationalePrompt { return "passage '\(id)': its '@why' question differs" }
      if p.keepsWrittenOrder != q.keepsWrittenOrder { return "passage '\(id)': '@keep-order' differs" }
      if p.facts != q.facts { return "passage '\(id)': its case-file facts differ" }
      if p.prose != q.prose {
        let index = p.prose.indices.first { $0 >= q.prose.count || p.prose[$0] != q.prose[$0] } ?? q.prose.count - 1
        let line = p.prose.indices.contains(index) ? p.prose[index] : q.prose[index]
        let shown = line.isParagraphBreak ? "a paragraph break" : "the line \"\(line.text)\""
        return "passage '\(id)': its prose differs at \(shown)"
      }
      if p.choices.count != q.choices.count { return "passage '\(id)': the number of choices differs" }
      for (c, d) in zip(p.choices, q.choices) where c != d {
        let what: String
        if c.index != d.index {
          what = "index"
        } else if c.text != d.text {
          what = "text"
        } else if c.target != d.target {
          what = "target"
        } else if c.condition != d.condition {
          what = "condition"
        } else if c.roles != d.roles {
          what = "roles"
        } else if c.scores != d.scores {
          what = "scores"
        } else if c.feedback != d.feedback {
          what = "feedback"
        } else if c.critical != d.critical {
          what = "critical mark"
        } else if c.rationalePrompt != d.rationalePrompt {
          what = "prompt"
        } else {
          what = "effects"
        }
        return "passage '\(id)', choice \(c.index): its \(what) differs"
      }
      return "passage '\(id)' differs"
    }
    return "the scenarios differ"
  }
}
