public import CaseFormat

/// Renders a team's debrief: as text for the terminal (one text, for the facilitator and the
/// table), as Markdown for the file, and as an SVG swim-lane picture with a lane per role. Every
/// string from the scenario or the participants is untrusted and escaped for where it goes.
public struct TeamDebriefRenderer: Sendable {
  public var width: Int

  public init(width: Int = 80) {
    self.width = width
  }

  // MARK: Text and Markdown

  /// The debrief as text, wrapped to the width.
  public func text(_ debrief: TeamDebrief) -> String {
    render(debrief, markdown: false)
  }

  /// The debrief as Markdown.
  public func markdown(_ debrief: TeamDebrief) -> String {
    render(debrief, markdown: true)
  }

  private func render(_ debrief: TeamDebrief, markdown: Bool) -> String {
    var out: [String] = []
    func e(_ text: String) -> String {
      markdown ? UntrustedText.escaped(text).replacingPipes : UntrustedText.escaped(text)
    }
    func para(_ text: String, indent: String = "", hanging: String? = nil) {
      out.append(markdown ? indent + text : TextWrapper.wrap(text, width: width, indent: indent, hangingIndent: hanging))
    }
    func heading(_ text: String) {
      out.append("")
      out.append(markdown ? "## \(text)" : text.uppercased())
    }
    func item(_ text: String) { para(text, indent: markdown ? "- " : "  - ", hanging: markdown ? nil : "    ") }
    func name(_ role: String) -> String { DebriefRenderer.roleName(role) }
    func who(_ role: String) -> String {
      let people = debrief.members.filter { $0.role == role }.map { e($0.name) }
      return people.isEmpty ? DebriefRenderer.roleTitle(role) : "\(DebriefRenderer.roleTitle(role)) (\(people.joined(separator: ", ")))"
    }
    func fact(_ id: String) -> String {
      var text = debrief.facts[id].map(e) ?? ""
      while text.hasSuffix(".") { text.removeLast() }
      let short = text.count > 70 ? String(text.prefix(67)) + "..." : text
      return short.isEmpty ? "'\(id)'" : "\"\(short)\" ('\(id)')"
    }
    func list(_ roles: [String]) -> String { roles.map(name).joined(separator: ", ") }

    out.append(markdown ? "# Team debrief: \(e(debrief.title))" : "TEAM DEBRIEF: \(e(debrief.title))")
    para(
      "Session \(debrief.sessionID.prefix(8)), \(debrief.mode.rawValue) mode. Team: "
        + debrief.members.map { "\(e($0.name)) as \(name($0.role))" }.joined(separator: ", ") + ".")

    if let ending = debrief.ending {
      heading("How it ended")
      para(DebriefRenderer.endingName(ending))
      for paragraph in ending.narrative { para(e(paragraph), indent: markdown ? "> " : "  ") }
      heading("Team grade: \(debrief.grade.label)")
      let critical = debrief.criticalTaken.count
      if let range = debrief.range {
        para(Grade.explanation(share: debrief.share, criticalTaken: critical, outcome: ending.outcome))
        para("The team earned \(debrief.total) points (a team could earn from \(range.lowerBound) to \(range.upperBound)).")
      } else {
        para(
          "The team earned \(debrief.total) points. The range a team could earn here could not be worked out (more team states than the analysis explores), so the grade comes from the critical decisions and the ending alone, and cannot be safe practice.")
      }
    }

    heading("Critical decisions")
    if debrief.criticalTaken.isEmpty {
      para("The team took none of the decisions that on their own leave the child unsafe.")
    }
    for decision in debrief.criticalTaken {
      let by = debrief.results.first { $0.decisions.contains { $0.step == decision.step } }?.member
      let maker = by.map { "\(e($0.name)) (\(name($0.role)))" } ?? "the team"
      item("Step \(decision.step): \(maker) chose \"\(e(decision.text))\". \(e(decision.criticalReason ?? ""))")
    }

    heading("The picture: who knew what, and when")
    if debrief.pictures.isEmpty {
      para("The team held no meeting on the way to this ending.")
    } else {
      if let assembled = debrief.pictureAssembled {
        para(
          "At the meetings, the person deciding held \(Int((assembled * 100).rounded()))% of what the people at the table knew between them.")
      }
      for picture in debrief.pictures {
        item(
          "Step \(picture.step), meeting '\(e(picture.passageID))': \(name(picture.decider)) decided holding \(picture.held) of the \(picture.known) named facts the team held.")
      }
    }
    if debrief.blindSpots.isEmpty {
      para("No decision was taken without a fact another agency held that bore on it.")
    } else {
      para("Decisions taken without a fact another agency already held:")
      for spot in debrief.blindSpots {
        item(
          "Step \(spot.step), \(name(spot.role)) chose \"\(e(spot.decision))\" without \(fact(spot.fact)), held by \(list(spot.heldBy)).")
      }
    }
    if !debrief.unshared.isEmpty {
      para("Never shared with an agency that needed it:")
      for gap in debrief.unshared {
        item("\(fact(gap.fact)): held by \(list(gap.heldBy)); \(name(gap.neededBy)) never had it.")
      }
    }

    heading("Timeline, lane by lane")
    let roles = Self.roles(of: debrief)
    for role in roles {
      para(markdown ? "**\(who(role))**" : who(role))
      let lane = debrief.events.filter { $0.role == role }
      if lane.isEmpty { item("Nothing learned, shared or decided.") }
      for event in lane {
        let when = event.step == 0 ? "Start" : "Step \(event.step)"
        switch event.kind {
        case .learned(let id): item("\(when): learned \(fact(id)).")
        case .told(let id, let by): item("\(when): told \(fact(id)) by \(name(by)).")
        case .shared(let id, let with): item("\(when): shared '\(id)' with \(list(with)).")
        case .decided(let text, let meeting):
          item("\(when): \(meeting ? "decided for the meeting" : "decided") \"\(e(text))\".")
        }
      }
    }

    heading("Each participant")
    for result in debrief.results {
      para(markdown ? "**\(e(result.member.name)), \(name(result.member.role))**: \(result.total) points" : "\(e(result.member.name)), \(name(result.member.role)): \(result.total) points")
      if result.decisions.isEmpty { item("Took no decision.") }
      for decision in result.decisions {
        var line = "Step \(decision.step): \"\(e(decision.text))\" (\(DebriefRenderer.signed(decision.points)))"
        if let reason = decision.criticalReason { line += ". Critical: \(e(reason))" }
        if let rationale = decision.rationale, !rationale.isEmpty { line += ". Why: \(e(rationale))" }
        item(line)
      }
      let principles = result.byPrinciple.sorted { ($0.value, $1.key) < ($1.value, $0.key) }
      if !principles.isEmpty {
        item(
          "By principle: "
            + principles.map { "\(e($0.key)) \(DebriefRenderer.signed($0.value))" }.joined(separator: ", ") + ".")
      }
      if !result.areas.isEmpty {
        item(
          "Against \(result.frameworks.map(e).joined(separator: " and ")): "
            + result.areas.map { "\(e($0.title)) \(DebriefRenderer.signed($0.earned))" }.joined(separator: ", ") + ".")
      }
    }

    if !debrief.lessons.isEmpty {
      heading("What the review found")
      for lesson in debrief.lessons { para(e(lesson), indent: markdown ? "- " : "  ", hanging: markdown ? nil : "  ") }
    }
    if !debrief.reflections.isEmpty {
      heading("To talk about together")
      for question in debrief.reflections { item(e(question)) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The lanes: the team's roles in the order of the members.
  static func roles(of debrief: TeamDebrief) -> [String] {
    var roles: [String] = []
    for member in debrief.members where !roles.contains(member.role) { roles.append(member.role) }
    return roles
  }

  // MARK: SVG

  /// A swim-lane picture of the timeline for the facilitator: a lane per role, a column per
  /// step; a circle where a role learned a fact, a square where it decided (dark at a meeting), an
  /// arrow from the lane that shared a fact to each lane it told, and a red ring on a decision
  /// taken without a fact another lane held. Self-contained, with a title and a text legend.
  public func svg(_ debrief: TeamDebrief) -> String {
    let roles = Self.roles(of: debrief)
    let steps = (debrief.events.map(\.step).max() ?? 0) + 1
    let laneHeight = 70, left = 180, column = 60, top = 50
    let widthPixels = max(left + steps * column + 40, 660)
    let heightPixels = top + roles.count * laneHeight + 110
    func x(_ step: Int) -> Int { left + step * column + column / 2 }
    func y(_ role: String) -> Int { top + (roles.firstIndex(of: role) ?? 0) * laneHeight + laneHeight / 2 }
    var out: [String] = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(widthPixels)\" height=\"\(heightPixels)\" viewBox=\"0 0 \(widthPixels) \(heightPixels)\" role=\"img\" aria-labelledby=\"title\" font-family=\"sans-serif\" font-size=\"13\">",
      "<title id=\"title\">Who knew what, when: \(Self.xml(debrief.title))</title>",
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>",
      "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
      "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">\(Self.xml("Who knew what, when: \(debrief.title)"))</text>",
    ]
    for (index, role) in roles.enumerated() {
      let laneTop = top + index * laneHeight
      out.append(
        "<rect x=\"0\" y=\"\(laneTop)\" width=\"\(widthPixels)\" height=\"\(laneHeight)\" fill=\"\(index.isMultiple(of: 2) ? "#f4f6f8" : "#ffffff")\"/>")
      let people = debrief.members.filter { $0.role == role }.map(\.name).joined(separator: ", ")
      out.append("<text x=\"10\" y=\"\(laneTop + 30)\" font-weight=\"bold\">\(Self.xml(DebriefRenderer.roleTitle(role)))</text>")
      out.append("<text x=\"10\" y=\"\(laneTop + 48)\" fill=\"#555\">\(Self.xml(people))</text>")
    }
    for step in 0..<steps {
      out.append("<text x=\"\(x(step))\" y=\"\(top - 8)\" text-anchor=\"middle\" fill=\"#555\">\(step == 0 ? "start" : String(step))</text>")
    }
    let blind = Set(debrief.blindSpots.map { "\($0.step) \($0.role)" })
    var learnedAt: [String: Int] = [:]
    for event in debrief.events {
      let (cx, cy) = (x(event.step), y(event.role))
      switch event.kind {
      case .learned(let fact), .told(let fact, _):
        // Facts learned at one step sit side by side rather than on top of each other.
        let nth = learnedAt["\(event.step) \(event.role)", default: 0]
        learnedAt["\(event.step) \(event.role)"] = nth + 1
        out.append(
          "<circle cx=\"\(cx - 20 + nth * 13)\" cy=\"\(cy + 18)\" r=\"6\" fill=\"#2a7ab0\"><title>\(Self.xml("\(DebriefRenderer.roleName(event.role)) knows '\(fact)'"))</title></circle>")
      case .shared(let fact, let with):
        for recipient in with where roles.contains(recipient) {
          out.append(
            "<line x1=\"\(cx)\" y1=\"\(cy)\" x2=\"\(cx)\" y2=\"\(y(recipient) + (y(recipient) > cy ? -12 : 12))\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"><title>\(Self.xml("shared '\(fact)' with \(DebriefRenderer.roleName(recipient))"))</title></line>")
        }
      case .decided(let text, let meeting):
        let ring = blind.contains("\(event.step) \(event.role)") ? " stroke=\"#c0392b\" stroke-width=\"3\"" : ""
        out.append(
          "<rect x=\"\(cx - 9)\" y=\"\(cy - 9)\" width=\"18\" height=\"18\" fill=\"\(meeting ? "#333" : "#999")\"\(ring)><title>\(Self.xml("step \(event.step): \(text)"))</title></rect>")
      }
    }
    let legendTop = top + roles.count * laneHeight + 30
    out += [
      "<circle cx=\"20\" cy=\"\(legendTop)\" r=\"6\" fill=\"#2a7ab0\"/><text x=\"32\" y=\"\(legendTop + 5)\">learned or was told a fact</text>",
      "<rect x=\"211\" y=\"\(legendTop - 9)\" width=\"18\" height=\"18\" fill=\"#999\"/><text x=\"236\" y=\"\(legendTop + 5)\">a decision</text>",
      "<rect x=\"331\" y=\"\(legendTop - 9)\" width=\"18\" height=\"18\" fill=\"#333\"/><text x=\"356\" y=\"\(legendTop + 5)\">a meeting's decision</text>",
      "<line x1=\"20\" y1=\"\(legendTop + 25)\" x2=\"50\" y2=\"\(legendTop + 25)\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/><text x=\"60\" y=\"\(legendTop + 30)\">shared a fact with another lane</text>",
      "<rect x=\"311\" y=\"\(legendTop + 16)\" width=\"18\" height=\"18\" fill=\"#999\" stroke=\"#c0392b\" stroke-width=\"3\"/><text x=\"336\" y=\"\(legendTop + 30)\">decided without a fact another lane held</text>",
      "</svg>",
    ]
    return out.joined(separator: "\n") + "\n"
  }

  /// Text made safe for SVG: the escaping HTML reports use (markup characters as references,
  /// control characters, never valid in XML text, shown escaped), which is valid XML too.
  static func xml(_ untrusted: String) -> String { UntrustedText.html(untrusted) }
}
