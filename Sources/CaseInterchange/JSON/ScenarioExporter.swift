import CaseAuthoring
public import CaseFormat

/// `casesim export --format json`: a compiled scenario as JSON, for other tools (authoring
/// front-ends, analytics, converters) to read.
///
/// The document is described by `Documentation/scenario.schema.json` (JSON Schema 2020-12). Keys
/// come in a fixed order and every key is always present (`null` or `[]` when empty), so the same
/// scenario always exports to the same bytes. Source locations, comments and the split into
/// included files are not exported.
public enum ScenarioExporter {
  /// The `"format"` value that marks a CaseSim scenario document.
  public static let formatName = "casesim-scenario"
  /// The document version this build writes and reads.
  public static let version = 1

  /// The scenario as pretty-printed JSON text, ending in a newline.
  public static func json(_ scenario: Scenario) -> String { document(scenario).text }

  public static func document(_ scenario: Scenario) -> JSONValue {
    .object([
      .init("format", .string(formatName)),
      .init("version", .int(version)),
      .init("header", header(scenario.header)),
      .init("startPassage", .string(scenario.startPassageID)),
      .init("declarations", .array(ScenarioPrinter.orderedDeclarations(scenario).map(declaration))),
      .init("passages", .array(scenario.orderedPassages.map(passage))),
    ])
  }

  static func header(_ header: ScenarioHeader) -> JSONValue {
    .object([
      .init("id", .string(header.id)),
      .init("title", .string(header.title)),
      .init("summary", .string(header.summary)),
      .init("roles", .strings(header.roles)),
      .init("minutes", .int(header.minutes)),
      .init("contentNote", .string(header.contentNote)),
      .init("intensity", .optional(header.intensity?.rawValue)),
      .init("reviews", .strings(header.reviews)),
      .init("guides", .strings(header.guides)),
      .init("modes", .strings(header.modes.map(\.rawValue))),
      .init("themes", .strings(header.themes)),
      .init("children", .strings(header.children)),
      .init("start", .optional(header.start)),
      .init("lessons", .strings(header.lessons)),
      .init("reflections", .strings(header.reflections)),
    ])
  }

  static func declaration(_ declaration: StateDeclaration) -> JSONValue {
    switch declaration.kind {
    case .flag:
      return .object([
        .init("name", .string(declaration.name)),
        .init("kind", .string("flag")),
        .init("initial", .bool(declaration.initialValue != 0)),
      ])
    case .counter:
      return .object([
        .init("name", .string(declaration.name)),
        .init("kind", .string("counter")),
        .init("initial", .int(declaration.initialValue)),
        .init("min", .int(declaration.range.lowerBound)),
        .init("max", .int(declaration.range.upperBound)),
      ])
    }
  }

  /// A passage; `joint` and `chair` only for a meeting, so a file without one exports as before.
  static func passage(_ passage: Passage) -> JSONValue {
    var meeting: [JSONValue.Member] = []
    if passage.isJoint { meeting.append(.init("joint", .bool(true))) }
    if let chair = passage.chair { meeting.append(.init("chair", .string(chair))) }
    let members: [JSONValue.Member] = [
      .init("id", .string(passage.id)),
      .init("roles", .strings(passage.roles)),
      .init("facts", .array(passage.facts.map(fact))),
      .init("prose", .array(passage.prose.map(prose))),
      .init("ending", passage.ending.map(ending) ?? .null),
      .init("why", .optional(passage.rationalePrompt)),
      .init("keepOrder", .bool(passage.keepsWrittenOrder)),
    ]
    return .object(members + meeting + [.init("choices", .array(passage.choices.map(choice)))])
  }

  /// A fact: its `id` only when it has one, so a file with no named facts exports as before.
  static func fact(_ fact: Fact) -> JSONValue {
    let named: [JSONValue.Member] = fact.id.map { [.init("id", .string($0))] } ?? []
    return .object(named + [.init("when", .optional(fact.when)), .init("text", .string(fact.text))])
  }

  static func prose(_ line: ProseLine) -> JSONValue {
    if line.isParagraphBreak { return .object([.init("paragraphBreak", .bool(true))]) }
    return .object([.init("text", .string(line.text)), .init("condition", line.condition.map(condition) ?? .null)])
  }

  static func ending(_ ending: Ending) -> JSONValue {
    .object([
      .init("outcome", .string(ending.outcome.rawValue)),
      .init("title", .optional(ending.title)),
      .init("lessons", .strings(ending.lessons)),
      .init("reflections", .strings(ending.reflections)),
    ])
  }

  static func choice(_ choice: Choice) -> JSONValue {
    .object([
      .init("index", .int(choice.index)),
      .init("text", .string(choice.text)),
      .init("target", .string(choice.target)),
      .init("condition", choice.condition.map(condition) ?? .null),
      .init("roles", .strings(choice.roles)),
      .init(
        "scores",
        .array(
          choice.scores.map {
            .object([
              .init("guidance", .string($0.guidanceID)), .init("points", .int($0.points)),
              .init("explanation", .optional($0.explanation)),
            ])
          })),
      .init("feedback", .strings(choice.feedback)),
      .init("critical", choice.critical.map { .object([.init("reason", .optional($0.reason))]) } ?? .null),
      .init("prompt", .optional(choice.rationalePrompt)),
      .init("effects", .array(choice.effects.map(effect))),
    ])
  }

  /// A condition as a tree of `{"op": ...}` objects. A chain `a and b and c` becomes one `and`
  /// with three arguments; the parser groups chains to the left, so folding the arguments from
  /// the left gives back exactly the same tree.
  public static func condition(_ condition: Condition) -> JSONValue {
    switch condition {
    case .flag(let name):
      return .object([.init("op", .string("flag")), .init("flag", .string(name))])
    case .not(let inner):
      return .object([.init("op", .string("not")), .init("args", .array([self.condition(inner)]))])
    case .compare(let name, let comparison, let value):
      return .object([
        .init("op", .string("compare")), .init("counter", .string(name)),
        .init("comparison", .string(comparison.rawValue)), .init("value", .int(value)),
      ])
    case .role(let role, let equal):
      return .object([
        .init("op", .string("role")), .init("comparison", .string(equal ? "==" : "!=")), .init("role", .string(role)),
      ])
    case .knows(let role, let fact):
      return .object([.init("op", .string("knows")), .init("role", .string(role)), .init("fact", .string(fact))])
    case .and, .or:
      let op = if case .and = condition { "and" } else { "or" }
      return .object([.init("op", .string(op)), .init("args", .array(leftChain(condition).map(self.condition)))])
    }
  }

  /// The operands of a left-grouped chain of the same operator: `(a and b) and c` gives a, b, c.
  private static func leftChain(_ condition: Condition) -> [Condition] {
    var operands: [Condition] = []
    var node = condition
    while true {
      switch (condition, node) {
      case (.and, .and(let lhs, let rhs)), (.or, .or(let lhs, let rhs)):
        operands.append(rhs)
        node = lhs
        continue
      default:
        operands.append(node)
      }
      break
    }
    return operands.reversed()
  }

  public static func effect(_ effect: Effect) -> JSONValue {
    switch effect {
    case .set(let name): .object([.init("op", .string("set")), .init("flag", .string(name))])
    case .clear(let name): .object([.init("op", .string("clear")), .init("flag", .string(name))])
    case .add(let name, let value):
      .object([.init("op", .string("add")), .init("counter", .string(name)), .init("value", .int(value))])
    case .assign(let name, let value):
      .object([.init("op", .string("assign")), .init("counter", .string(name)), .init("value", .int(value))])
    case .share(let fact, let roles):
      .object([.init("op", .string("share")), .init("fact", .string(fact)), .init("with", .strings(roles.isEmpty ? ["everyone"] : roles))])
    }
  }
}
