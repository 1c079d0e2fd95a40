public import CaseFormat

/// Writes a compiled `Scenario` as `.case` text in the canonical layout (the model printer behind
/// `casesim import`).
///
/// A scenario carries no comments and no record of how its lines were interleaved, so the printer
/// chooses one fixed order: in each passage `@role`, `@ending`, `@keep-order`, `@why`, facts, prose, then `@lesson` and
/// `@reflect`, then the choices; under each choice `@if`, `@role`, scores, `! critical`, feedback,
/// the prompt, effects. Included passages are written inline.
public enum ScenarioPrinter {
  public static func print(_ scenario: Scenario) -> String {
    var lines = headerLines(scenario.header)
    let declarations = orderedDeclarations(scenario)
    if !declarations.isEmpty {
      lines.append("")
      lines += declarations.map(CaseSyntax.declaration)
    }
    for passage in scenario.orderedPassages {
      lines.append("")
      lines += passageLines(passage)
    }
    while lines.first == "" { lines.removeFirst() }
    return lines.map(\.trimmingTrailingBlanks).joined(separator: "\n") + "\n"
  }

  /// Declarations in the order they were written: the main file's first, then each included
  /// file's (the compiled scenario keeps them by name only).
  public static func orderedDeclarations(_ scenario: Scenario) -> [StateDeclaration] {
    scenario.declarations.values.sorted { a, b in
      let mainA = a.location.file == scenario.path
      let mainB = b.location.file == scenario.path
      if mainA != mainB { return mainA }
      return (a.location.file, a.location.line, a.location.column, a.name)
        < (b.location.file, b.location.line, b.location.column, b.name)
    }
  }

  static func headerLines(_ header: ScenarioHeader) -> [String] {
    var lines = [
      CaseSyntax.header("id", header.id),
      CaseSyntax.header("title", header.title),
      CaseSyntax.header("summary", header.summary),
      CaseSyntax.header("roles", header.roles.joined(separator: ", ")),
      CaseSyntax.header("minutes", String(header.minutes)),
      CaseSyntax.header("content-note", header.contentNote),
    ]
    if let intensity = header.intensity { lines.append(CaseSyntax.header("intensity", intensity.rawValue)) }
    lines += [
      CaseSyntax.header("reviews", header.reviews.joined(separator: "; ")),
      CaseSyntax.header("guides", header.guides.joined(separator: ", ")),
      CaseSyntax.header("modes", header.modes.map(\.rawValue).joined(separator: ", ")),
    ]
    if !header.themes.isEmpty { lines.append(CaseSyntax.header("themes", header.themes.joined(separator: ", "))) }
    if !header.children.isEmpty { lines.append(CaseSyntax.header("children", header.children.joined(separator: ", "))) }
    if let start = header.start { lines.append(CaseSyntax.header("start", start)) }
    lines += header.lessons.map { CaseSyntax.header("lesson", $0) }
    lines += header.reflections.map { CaseSyntax.header("reflect", $0) }
    return lines
  }

  static func passageLines(_ passage: Passage) -> [String] {
    var lines = [CaseSyntax.passageStart(passage.id)]
    if !passage.roles.isEmpty { lines.append(CaseSyntax.roles(passage.roles)) }
    if let ending = passage.ending {
      lines.append(CaseSyntax.ending(ending.outcome.rawValue + (ending.title.map { " | \($0)" } ?? "")))
    }
    if passage.keepsWrittenOrder { lines.append(CaseSyntax.directive("keep-order", "")) }
    if passage.isJoint { lines.append(CaseSyntax.directive("joint", "")) }
    if let chair = passage.chair { lines.append(CaseSyntax.directive("chair", chair)) }
    if let prompt = passage.rationalePrompt { lines.append(CaseSyntax.directive("why", prompt)) }
    lines += passage.facts.map(CaseSyntax.fact)
    for line in passage.prose {
      if let condition = line.condition {
        lines.append("{\(CaseSyntax.condition(condition))} \(line.text)")
      } else {
        lines.append(line.text)
      }
    }
    if let ending = passage.ending {
      lines += ending.lessons.map { CaseSyntax.directive("lesson", $0) }
      lines += ending.reflections.map { CaseSyntax.directive("reflect", $0) }
    }
    for choice in passage.choices { lines += choiceLines(choice) }
    return lines
  }

  static func choiceLines(_ choice: Choice) -> [String] {
    // A choice whose text itself starts with '{' keeps its condition in braces on the choice line;
    // written under it as '@if', the text's brace would be read as the condition.
    let inline = choice.condition != nil && choice.text.hasPrefix("{")
    let lines = [
      CaseSyntax.choiceHead(
        condition: inline ? choice.condition.map(CaseSyntax.condition) : nil, text: choice.text,
        target: choice.target)
    ]
    var under: [String] = []
    if !inline, let condition = choice.condition { under.append(CaseSyntax.directive("if", CaseSyntax.condition(condition))) }
    if !choice.roles.isEmpty { under.append(CaseSyntax.roles(choice.roles)) }
    under += choice.scores.map {
      CaseSyntax.score(guidanceID: $0.guidanceID, points: $0.points, explanation: $0.explanation)
    }
    if let critical = choice.critical { under.append(CaseSyntax.critical(reason: critical.reason)) }
    under += choice.feedback.map { CaseSyntax.choiceLine(">", $0) }
    if let prompt = choice.rationalePrompt { under.append(CaseSyntax.choiceLine("?", prompt)) }
    under += choice.effects.map { CaseSyntax.choiceLine("~", CaseSyntax.effect($0)) }
    return lines + under.map(CaseSyntax.indented)
  }
}
