public import CaseFormat

/// Turns a debrief into text for the terminal or Markdown for a file. Pure: it returns strings and
/// never prints. All scenario and guidance text is escaped, since those files are untrusted.
public struct DebriefRenderer: Sendable {
  public var width: Int
  /// ANSI styling for headings and marks (terminal only, never with NO_COLOR).
  public var colour: Bool
  /// Whether to repeat the ending's text. Right after play the trainee has just read it, so the
  /// shell leaves it out; a debrief read later (`casesim debrief`, Markdown) includes it.
  public var includesEndingText: Bool

  public init(width: Int = 80, colour: Bool = false, includesEndingText: Bool = true) {
    self.width = width
    self.colour = colour
    self.includesEndingText = includesEndingText
  }

  // MARK: Terminal text

  /// The debrief on one screen, read first at a terminal: how it ended, the grade and score, the
  /// critical decisions, the three principles where the playthrough fell furthest short of the
  /// best one, and the first thing the review found. The full debrief follows on request.
  public func summary(_ untrusted: Debrief) -> String {
    let debrief = untrusted.escapedForDisplay
    var out: [String] = []
    func para(_ text: String, indent: String = "", hanging: String? = nil) {
      out.append(TextWrapper.wrap(text, width: width, indent: indent, hangingIndent: hanging))
    }
    out.append(style("DEBRIEF IN BRIEF: \(debrief.title)", "1"))
    if let ending = debrief.ending { para("Ending: \(Self.endingName(ending))") }
    para("Grade: \(debrief.grade.label). \(Self.scoreSentence(debrief))")
    if debrief.criticalTaken.isEmpty {
      para("Critical decisions: none.")
    } else {
      para("Critical decisions:")
      for review in debrief.criticalTaken {
        para("Decision \(review.number): \"\(review.choiceText)\"", indent: "  ! ", hanging: "    ")
      }
    }
    let shortfalls = Self.weakest(debrief.principles)
    if !shortfalls.isEmpty {
      para("Where you fell furthest short of the best playthrough:")
      for principle in shortfalls {
        para(
          "\(principle.title) [\(principle.id)]", indent: "  " + Self.pair(principle.earned, principle.bestPath),
          hanging: String(repeating: " ", count: 2 + Self.pairWidth))
      }
    }
    if !debrief.lessons.isEmpty {
      para("What the review found:")
      para(debrief.lessons[0], indent: "  - ", hanging: "    ")
      if debrief.lessons.count > 1 { para("(and \(debrief.lessons.count - 1) more in the full debrief)", indent: "    ") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Up to three principles where this playthrough earned furthest below the best one, the
  /// largest gap first (ties in the debrief's order).
  package static func weakest(_ principles: [PrincipleResult]) -> [PrincipleResult] {
    Array(
      principles.enumerated()
        .filter { $0.element.bestPath > $0.element.earned }
        .sorted { ($0.element.bestPath - $0.element.earned, -$0.offset) > ($1.element.bestPath - $1.element.earned, -$1.offset) }
        .map(\.element)
        .prefix(3))
  }

  public func text(_ untrusted: Debrief) -> String {
    let debrief = untrusted.escapedForDisplay
    var out: [String] = []
    func para(_ text: String, indent: String = "", hanging: String? = nil) {
      out.append(TextWrapper.wrap(text, width: width, indent: indent, hangingIndent: hanging))
    }
    func heading(_ text: String) {
      out.append("")
      out.append(style(text.uppercased(), "1"))
    }

    out.append(style("DEBRIEF: \(debrief.title)", "1"))
    para(
      "Trainee \(debrief.trainee), role \(Self.roleName(debrief.role)), \(debrief.mode.rawValue) mode, session \(debrief.sessionID.prefix(8))")
    if let ending = debrief.ending {
      heading("How it ended")
      para(Self.endingName(ending))
      if includesEndingText {
        for paragraph in ending.narrative { para(paragraph, indent: "  ") }
      }
      heading("Grade: \(debrief.grade.label)")
      para(Self.gradeReason(debrief), indent: "  ")
    }

    heading("Critical decisions")
    if debrief.criticalTaken.isEmpty {
      para("You took none of the decisions that on their own leave the child unsafe.")
    } else {
      for review in debrief.criticalTaken {
        // Wrapped before styling: escape sequences take no room on screen.
        let line = TextWrapper.wrap(
          "! Decision \(review.number): you chose \"\(review.choiceText)\".", width: width, indent: "  ",
          hangingIndent: "    ")
        out.append("  " + style("!", "1;31") + String(line.dropFirst(3)))
        para(review.criticalReason ?? "", indent: "    ")
      }
    }

    heading("Score")
    para(Self.scoreSentence(debrief))
    if !debrief.principles.isEmpty {
      out.append("")
      para(
        "By principle: your points, then the best playthrough's. Each column adds up to its total (\(debrief.total) and \(debrief.bestTotal)).",
        indent: "  ")
      for principle in debrief.principles {
        para(
          "\(principle.title) [\(principle.id)]", indent: "    " + Self.pair(principle.earned, principle.bestPath),
          hanging: String(repeating: " ", count: 4 + Self.pairWidth))
      }
    }
    out.append("")
    para(Self.areasIntroduction(debrief), indent: "  ")
    for area in debrief.areas {
      para(
        "\(area.title) [\(area.id)]", indent: "    " + Self.pair(area.earned, area.bestPath),
        hanging: String(repeating: " ", count: 4 + Self.pairWidth))
    }

    heading("Your decisions")
    for review in debrief.decisions {
      out.append("")
      let mark = review.criticalReason != nil ? style(" (critical)", "1;31") : ""
      para("\(review.number). \(review.choiceText)\(mark)", indent: "  ", hanging: "     ")
      if let reasoning = Self.reasoning(review) { para(reasoning, indent: "     ") }
      for feedback in review.feedback { para(feedback, indent: "     ") }
      if review.alreadyCounted {
        para("You had taken this option before in this session; its points count once.", indent: "     ")
      }
      for line in review.scores {
        let explanation = line.explanation.map { ": \($0)" } ?? ""
        para("\(Self.signed(line.points)) \(line.title)\(explanation)", indent: "     ", hanging: "        ")
        if !line.statement.isEmpty {
          para("Guidance: \(line.statement) (\(line.citation))", indent: "        ")
        }
      }
      if let stronger = Self.stronger(review) { para(stronger, indent: "     ") }
    }
    for sentence in Self.goingBack(debrief) {
      out.append("")
      para(sentence, indent: "  ")
    }

    if !debrief.lessons.isEmpty {
      heading("What the review found")
      if !debrief.reviews.isEmpty { para("Informed by: \(debrief.reviews.joined(separator: "; ")).", indent: "  ") }
      for lesson in debrief.lessons { para(lesson, indent: "  - ", hanging: "    ") }
    }
    if !debrief.reflections.isEmpty {
      heading("To reflect on")
      for (n, question) in debrief.reflections.enumerated() {
        para(question, indent: "  \(n + 1). ", hanging: "     ")
      }
    }
    if !debrief.notes.isEmpty {
      heading("Your notes")
      for note in debrief.notes { para(note, indent: "  - ", hanging: "    ") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: Markdown

  public func markdown(_ debrief: Debrief) -> String {
    var out: [String] = []
    out.append("# Debrief: \(md(debrief.title))")
    out.append("")
    out.append(
      "Trainee **\(md(debrief.trainee))**, role \(Self.roleName(debrief.role)), \(debrief.mode.rawValue) mode, session `\(debrief.sessionID)`.")
    if let ending = debrief.ending {
      out.append("")
      out.append("## How it ended: \(md(Self.endingName(ending)))")
      if includesEndingText {
        for paragraph in ending.narrative {
          out.append("")
          out.append(md(paragraph))
        }
      }
      out.append("")
      out.append("## Grade: \(debrief.grade.label)")
      out.append("")
      out.append(md(Self.gradeReason(debrief)))
    }
    out.append("")
    out.append("## Critical decisions")
    out.append("")
    if debrief.criticalTaken.isEmpty {
      out.append("You took none of the decisions that on their own leave the child unsafe.")
    } else {
      for review in debrief.criticalTaken {
        out.append(
          "- **Decision \(review.number):** you chose \"\(md(review.choiceText))\". \(md(review.criticalReason ?? ""))")
      }
    }
    out.append("")
    out.append("## Score")
    out.append("")
    out.append(md(Self.scoreSentence(debrief)))
    if !debrief.principles.isEmpty {
      out.append("")
      out.append("| Principle | You | Best playthrough | Source |")
      out.append("|---|---:|---:|---|")
      for p in debrief.principles {
        out.append("| \(md(p.title)) (`\(p.id)`) | \(Self.signed(p.earned)) | \(Self.signed(p.bestPath)) | \(md(p.citation)) |")
      }
      out.append("| **Total** | **\(debrief.total)** | **\(debrief.bestTotal)** | |")
    }
    out.append("")
    out.append(md(Self.areasIntroduction(debrief)))
    if !debrief.areas.isEmpty {
      out.append("")
      out.append("| Competency area | You | Best playthrough |")
      out.append("|---|---:|---:|")
      for a in debrief.areas {
        out.append("| \(md(a.title)) (`\(a.id)`) | \(Self.signed(a.earned)) | \(Self.signed(a.bestPath)) |")
      }
    }
    out.append("")
    out.append("## Your decisions")
    for review in debrief.decisions {
      out.append("")
      let mark = review.criticalReason != nil ? " **(critical)**" : ""
      out.append("\(review.number). \(md(review.choiceText))\(mark)")
      if let reasoning = Self.reasoning(review) { out.append("   - \(md(reasoning))") }
      for feedback in review.feedback { out.append("   - \(md(feedback))") }
      if review.alreadyCounted {
        out.append("   - You had taken this option before in this session; its points count once.")
      }
      for line in review.scores {
        let explanation = line.explanation.map { ": \(md($0))" } ?? ""
        out.append("   - **\(Self.signed(line.points)) \(md(line.title))**\(explanation)")
        if !line.statement.isEmpty {
          out.append("     - Guidance: \(md(line.statement)) *(\(md(line.citation)))*")
        }
      }
      if let stronger = Self.stronger(review) { out.append("   - \(md(stronger))") }
    }
    if !debrief.lessons.isEmpty {
      out.append("")
      out.append("## What the review found")
      out.append("")
      if !debrief.reviews.isEmpty {
        out.append("Informed by: \(md(debrief.reviews.joined(separator: "; "))).")
        out.append("")
      }
      for lesson in debrief.lessons { out.append("- \(md(lesson))") }
    }
    if !debrief.reflections.isEmpty {
      out.append("")
      out.append("## To reflect on")
      out.append("")
      for (n, q) in debrief.reflections.enumerated() { out.append("\(n + 1). \(md(q))") }
    }
    if !debrief.notes.isEmpty {
      out.append("")
      out.append("## Your notes")
      out.append("")
      for note in debrief.notes { out.append("- \(md(note))") }
    }
    let goingBack = Self.goingBack(debrief)
    if !goingBack.isEmpty {
      out.append("")
      out.append("## Going back")
      out.append("")
      out += goingBack
    }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: Helpers

  /// "Unsafe: The boat not rocked" (the passage id stands in only where the author gave no title).
  public static func endingName(_ ending: EndingSummary) -> String {
    "\(outcomeLabel(ending.outcome)): \(ending.title ?? roleName(ending.passageID))"
  }

  static func gradeReason(_ debrief: Debrief) -> String {
    Grade.explanation(
      share: debrief.share, criticalTaken: debrief.criticalTaken.count, outcome: debrief.ending?.outcome)
  }

  static func scoreSentence(_ debrief: Debrief) -> String {
    let points = "You earned \(debrief.total) point\(abs(debrief.total) == 1 ? "" : "s"). The best playthrough earns \(debrief.bestTotal) and the worst \(debrief.worstTotal)"
    guard let share = debrief.share else { return points + "." }
    return points + ", so yours is \(Int((share * 100).rounded()))% of the way from worst to best."
  }

  static func areasIntroduction(_ debrief: Debrief) -> String {
    let role = roleName(debrief.role)
    guard debrief.competencyCatalogLoaded else {
      return "No competency framework was loaded with this scenario, so there is no breakdown by competency area."
    }
    guard !debrief.frameworks.isEmpty else {
      return "No competency framework is mapped to the role of \(role) yet, so there is no breakdown by competency area."
    }
    let frameworks = debrief.frameworks.joined(separator: "; ")
    guard !debrief.areas.isEmpty else {
      return "None of the competency areas of your profession as \(role) (\(frameworks)) were scored in this scenario."
    }
    return "Competency areas of your profession as \(role) (\(frameworks)): your points, then the best playthrough's. A principle counts toward every area it maps to, so these do not add up to the total."
  }

  /// "+3 / +6" padded to a fixed column, so the titles after it line up.
  static let pairWidth = 12

  static func pair(_ earned: Int, _ best: Int) -> String {
    let text = "\(signed(earned)) / \(signed(best))"
    return text + String(repeating: " ", count: max(1, pairWidth - text.count))
  }

  static func reasoning(_ review: DecisionReview) -> String? {
    switch review.rationaleShortfall {
    case .empty: return "You were asked why and gave no reason."
    case .oneWord: return "Your reasoning, in one word: \(review.rationale ?? ""). A sentence on what you weighed up makes this worth more to you and your supervisor."
    case nil:
      guard let rationale = review.rationale, !rationale.isEmpty else { return nil }
      return "Your reasoning: \(rationale)"
    }
  }

  static func stronger(_ review: DecisionReview) -> String? {
    guard let text = review.strongerOption, let gain = review.strongerGain else { return nil }
    return "A stronger option was on offer: \"\(text)\" (it could lead to \(gain) more point\(gain == 1 ? "" : "s") from there)."
  }

  public static func outcomeLabel(_ outcome: Outcome) -> String {
    switch outcome {
    case .safe: "Safe"
    case .partlySafe: "Partly safe"
    case .unsafe: "Unsafe"
    }
  }

  /// "social-worker" -> "social worker".
  public static func roleName(_ id: String) -> String { id.replacingHyphens }

  /// A role's name as a heading or a default name: "Police officer".
  public static func roleTitle(_ id: String) -> String {
    let name = roleName(id)
    return name.prefix(1).uppercased() + name.dropFirst()
  }

  // MARK: The path taken

  /// The path a playthrough took against the branches it did not take: each decision with every
  /// option that was on offer, the one taken marked `>`, each with its net points, where it leads
  /// and whether it is critical. Scenario text is untrusted and escaped.
  public func path(_ path: PathTaken) -> String {
    var out: [String] = []
    func para(_ text: String, indent: String = "", hanging: String? = nil) {
      out.append(TextWrapper.wrap(text, width: width, indent: indent, hangingIndent: hanging))
    }
    let e = UntrustedText.escaped
    out.append(style("YOUR PATH: \(e(path.title)) (\(Self.roleName(e(path.role))))", "1"))
    para(
      "Each decision with the options that were on offer there, numbered as they were shown to you: > marks the one you took. Points are the option's net score; the arrow says where it leads.")
    for step in path.steps {
      out.append("")
      out.append(style("Decision \(step.number) (at \(e(step.passageID)))", "1"))
      for branch in step.branches {
        let mark = branch.wasTaken ? "> " : "  "
        let lead = "  \(mark)\(branch.shownNumber). "
        let hanging = String(repeating: " ", count: lead.count)
        let text = e(branch.text)
        para(branch.wasTaken ? style(text, "1") : text, indent: lead, hanging: hanging)
        var detail = "\(Self.signed(branch.points)), -> "
        if let outcome = branch.endsIn {
          detail += "ends: \(Self.outcomeLabel(outcome))"
        } else {
          detail += e(branch.target)
        }
        if branch.isCritical { detail += ", " + style("critical", "31") }
        para(detail, indent: hanging)
      }
    }
    out.append("")
    if let ending = path.endingPassageID, let outcome = path.outcome {
      para("Ended at \(e(ending)): \(Self.outcomeLabel(outcome)).")
    } else {
      para("Not finished: play stands after decision \(path.steps.count).")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// What the trainee took back, for the text and the Markdown alike: the undos, then the retries
  /// in order ("You went back to try decision 3 again, then decision 5"). The decisions reviewed
  /// are the ones that stood at the end, so this says where they differ from the first attempt.
  static func goingBack(_ debrief: Debrief) -> [String] {
    var sentences: [String] = []
    if debrief.undoCount > 0 {
      sentences.append("You took back \(debrief.undoCount) decision\(debrief.undoCount == 1 ? "" : "s") with undo.")
    }
    if let first = debrief.retried.first {
      let rest = debrief.retried.dropFirst().map { "decision \($0)" }
      let then = rest.isEmpty ? "" : ", then " + rest.joined(separator: ", then ")
      sentences.append(
        "You went back to try decision \(first) again\(then) (retry); the decisions above are the ones that stood.")
    }
    return sentences
  }

  static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

  private func md(_ text: String) -> String {
    UntrustedText.escaped(text).replacingPipes
  }

  private func style(_ text: String, _ sgr: String) -> String {
    colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
  }
}

extension Debrief {
  /// A copy with every file-derived string escaped, so styling can be added safely afterwards.
  fileprivate var escapedForDisplay: Debrief {
    func e(_ s: String) -> String { UntrustedText.escaped(s) }
    var d = self
    d.title = e(title)
    d.trainee = e(trainee)
    d.reviews = reviews.map(e)
    d.lessons = lessons.map(e)
    d.reflections = reflections.map(e)
    d.notes = notes.map(e)
    d.ending?.narrative = ending?.narrative.map(e) ?? []
    d.ending?.title = ending?.title.map(e)
    d.frameworks = frameworks.map(e)
    d.principles = principles.map { p in
      var p = p
      p.title = e(p.title)
      p.citation = e(p.citation)
      return p
    }
    d.areas = areas.map { a in
      var a = a
      a.title = e(a.title)
      return a
    }
    d.decisions = decisions.map { r in
      var r = r
      r.choiceText = e(r.choiceText)
      r.rationale = r.rationale.map(e)
      r.rationalePrompt = r.rationalePrompt.map(e)
      r.strongerOption = r.strongerOption.map(e)
      r.feedback = r.feedback.map(e)
      r.criticalReason = r.criticalReason.map(e)
      r.scores = r.scores.map { l in
        var l = l
        l.title = e(l.title)
        l.explanation = l.explanation.map(e)
        l.statement = e(l.statement)
        l.citation = e(l.citation)
        return l
      }
      return r
    }
    return d
  }
}

extension String {
  fileprivate var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
  /// Markdown-safe on one line: pipes escaped (table cells), newlines as spaces.
  var replacingPipes: String {
    var out = ""
    for c in self {
      if c == "|" { out += "\\|" } else if c == "\n" { out += " " } else { out.append(c) }
    }
    return out
  }
}
