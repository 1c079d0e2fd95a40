import CaseAuthoring
public import CaseFormat

/// `casesim import FILE.json`: reads a scenario document written by `casesim export` (or by
/// another tool following `Documentation/scenario.schema.json`) and writes it as `.case` text
/// through `ScenarioPrinter`.
///
/// Import is strict: unknown versions, unknown members, wrong types and ids that are not
/// kebab-case are refused with the JSON path of the problem. The printed text is then compiled and
/// compared with the document, so a file is only ever written if it means exactly what the JSON
/// said.
public enum ScenarioImporter {
  /// A document turned into `.case` text.
  public struct Imported: Sendable {
    /// The scenario as canonical `.case` text.
    public var caseText: String
    /// `caseText` loaded and checked: its diagnostics may hold errors the document carried in
    /// (a principle the local guidance does not have, a target that does not exist...).
    public var loaded: LoadedScenario
  }

  /// Decodes the document and prints it as `.case` text to be saved at `casePath`, checked against
  /// `guidance` (nil skips the guidance checks).
  public static func importJSON(_ text: String, casePath: String, guidance: GuidanceLibrary?) throws(InterchangeError)
    -> Imported
  {
    let scenario = try decode(text, path: casePath)
    let caseText = ScenarioPrinter.print(scenario)
    let reparsed = ScenarioParser.parse(caseText, path: casePath)
    if let error = reparsed.diagnostics.first(where: { $0.severity == .error }), let location = error.location {
      let lines = SourceLine.lines(of: caseText)
      let line = lines.indices.contains(location.line - 1) ? lines[location.line - 1].content : ""
      throw InterchangeError.notRepresentable("the line \"\(line)\" would read as: \(error.message)")
    }
    let loaded = ScenarioLoader.load(text: caseText, path: casePath, guidance: guidance)
    if let difference = ScenarioEquivalence.firstDifference(scenario, loaded.scenario) {
      throw InterchangeError.notRepresentable(difference)
    }
    return Imported(caseText: caseText, loaded: loaded)
  }

  /// The scenario a document describes, with locations pointing at `path` (declarations are
  /// numbered in document order, so printing keeps that order).
  public static func decode(_ text: String, path: String) throws(InterchangeError) -> Scenario {
    let root: JSONValue
    do {
      root = try JSONReader.read(text)
    } catch {
      throw InterchangeError.malformedJSON(message: error.message, line: error.line, column: error.column)
    }
    guard case .object = root else {
      throw InterchangeError.unsupported("not a CaseSim scenario document: the JSON is not an object")
    }
    let top = try JSONObjectReader(root, path: "")
    guard (try? top.optionalString("format")) == ScenarioExporter.formatName else {
      throw InterchangeError.unsupported(
        "not a CaseSim scenario document: it needs \"format\": \"\(ScenarioExporter.formatName)\"")
    }
    let version = try? top.int("version")
    guard version == ScenarioExporter.version else {
      let found = version.map { "version \($0)" } ?? "no whole-number \"version\""
      throw InterchangeError.unsupported(
        "the document has \(found); this casesim reads version \(ScenarioExporter.version) (export it again with this casesim, or upgrade)")
    }
    try top.allowOnly(["format", "version", "header", "startPassage", "declarations", "passages"])
    let decoder = Decoder(path: path)
    let header = try decoder.header(try top.requireValue("header"))
    let start = try top.string("startPassage")
    try decoder.requireID(start, at: top.member("startPassage"))
    var declarations: [String: StateDeclaration] = [:]
    for (offset, (value, at)) in try top.array("declarations").enumerated() {
      let declaration = try decoder.declaration(value, at: at, line: offset + 1)
      guard declarations[declaration.name] == nil else {
        throw InterchangeError.invalid(path: at, message: "'\(declaration.name)' is declared twice")
      }
      declarations[declaration.name] = declaration
    }
    var passages: [String: Passage] = [:]
    var order: [String] = []
    for (value, at) in try top.array("passages") {
      let passage = try decoder.passage(value, at: at)
      guard passages[passage.id] == nil else {
        throw InterchangeError.invalid(path: at, message: "passage '\(passage.id)' appears twice")
      }
      passages[passage.id] = passage
      order.append(passage.id)
    }
    // Each fact's place on the story's timeline, read from its WHEN in document order, as the
    // parser reads it from a file.
    var lastPlace: Int?
    for id in order {
      for index in passages[id]!.facts.indices {
        guard let when = passages[id]!.facts[index].when else { continue }
        passages[id]!.facts[index].order = StoryTime.place(when, after: &lastPlace).point
      }
    }
    return Scenario(
      header: header, declarations: declarations, passages: passages, passageOrder: order,
      startPassageID: start, contentHash: "", path: path)
  }

  /// Turns document objects into model values, checking each string can be written on one line.
  private struct Decoder {
    let path: String

    var nowhere: SourceLocation { SourceLocation(file: path, line: 0, column: 0) }

    func requireID(_ id: String, at path: String) throws(InterchangeError) {
      guard Identifier.isValid(id) else {
        throw InterchangeError.invalid(
          path: path, message: "'\(id)' is not a valid id (lowercase letters, digits and '-', starting with a letter)")
      }
    }

    func ids(_ object: JSONObjectReader, _ key: String) throws(InterchangeError) -> [String] {
      let values = try object.strings(key)
      for (offset, value) in values.enumerated() { try requireID(value, at: "\(object.member(key))[\(offset)]") }
      return values
    }

    /// Text the `.case` file holds on one line, without surrounding spaces (the parser trims them).
    func line(_ text: String, at path: String) throws(InterchangeError) -> String {
      if text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
        throw InterchangeError.invalid(path: path, message: "must be one line: a .case file has no line breaks inside a value")
      }
      if text.trimmingBlanks != text {
        throw InterchangeError.invalid(path: path, message: "must not start or end with spaces or tabs")
      }
      return text
    }

    func text(_ object: JSONObjectReader, _ key: String) throws(InterchangeError) -> String {
      try line(try object.string(key), at: object.member(key))
    }

    func optionalText(_ object: JSONObjectReader, _ key: String) throws(InterchangeError) -> String? {
      guard let value = try object.optionalString(key) else { return nil }
      return try line(value, at: object.member(key))
    }

    func texts(_ object: JSONObjectReader, _ key: String) throws(InterchangeError) -> [String] {
      var result: [String] = []
      for (offset, value) in try object.strings(key).enumerated() {
        result.append(try line(value, at: "\(object.member(key))[\(offset)]"))
      }
      return result
    }

    // MARK: Parts

    func header(_ value: JSONValue) throws(InterchangeError) -> ScenarioHeader {
      let object = try JSONObjectReader(value, path: "header")
      try object.allowOnly([
        "id", "title", "summary", "roles", "minutes", "contentNote", "intensity", "reviews", "guides", "modes", "themes", "children",
        "start", "lessons", "reflections",
      ])
      var header = ScenarioHeader()
      header.id = try text(object, "id")
      try requireID(header.id, at: object.member("id"))
      header.title = try text(object, "title")
      header.summary = try text(object, "summary")
      header.roles = try ids(object, "roles")
      header.minutes = try object.int("minutes")
      guard (1...600).contains(header.minutes) else {
        throw InterchangeError.invalid(path: object.member("minutes"), message: "is a number of minutes from 1 to 600")
      }
      header.contentNote = try text(object, "contentNote")
      // Optional, as in the `.case` header: documents exported before the field had none.
      if let intensity = try object.optionalString("intensity") {
        guard let level = ScenarioIntensity(rawValue: intensity) else {
          throw InterchangeError.invalid(
            path: object.member("intensity"),
            message: "'\(intensity)' is not an intensity (\(ScenarioIntensity.allowedWords))")
        }
        header.intensity = level
      }
      header.reviews = try texts(object, "reviews")
      header.guides = try ids(object, "guides")
      for (offset, mode) in try object.strings("modes").enumerated() {
        guard let playMode = PlayMode(rawValue: mode) else {
          throw InterchangeError.invalid(
            path: "header.modes[\(offset)]", message: "'\(mode)' is not a mode (practice or assessment)")
        }
        header.modes.append(playMode)
      }
      header.themes = try ids(object, "themes")
      if object.has("children") { header.children = try texts(object, "children") }
      header.start = try optionalText(object, "start")
      if let start = header.start { try requireID(start, at: object.member("start")) }
      header.lessons = try texts(object, "lessons")
      header.reflections = try texts(object, "reflections")
      return header
    }

    func declaration(_ value: JSONValue, at path: String, line: Int) throws(InterchangeError) -> StateDeclaration {
      let object = try JSONObjectReader(value, path: path)
      let name = try object.string("name")
      try requireID(name, at: object.member("name"))
      let location = SourceLocation(file: self.path, line: line, column: 1)
      switch try object.string("kind") {
      case "flag":
        try object.allowOnly(["name", "kind", "initial"])
        let initial = object.has("initial") ? try object.bool("initial") : false
        return StateDeclaration(name: name, kind: .flag, initialValue: initial ? 1 : 0, location: location)
      case "counter":
        try object.allowOnly(["name", "kind", "initial", "min", "max"])
        let initial = object.has("initial") ? try object.int("initial") : 0
        let low = object.has("min") ? try object.int("min") : StateDeclaration.defaultCounterRange.lowerBound
        let high = object.has("max") ? try object.int("max") : StateDeclaration.defaultCounterRange.upperBound
        guard low <= high else { throw InterchangeError.invalid(path: path, message: "min \(low) is above max \(high)") }
        guard (low...high).contains(initial) else {
          throw InterchangeError.invalid(path: object.member("initial"), message: "\(initial) is outside \(low)..\(high)")
        }
        return StateDeclaration(name: name, kind: .counter, initialValue: initial, range: low...high, location: location)
      case let other:
        throw InterchangeError.invalid(path: object.member("kind"), message: "'\(other)' is not a kind (flag or counter)")
      }
    }

    func passage(_ value: JSONValue, at path: String) throws(InterchangeError) -> Passage {
      let object = try JSONObjectReader(value, path: path)
      try object.allowOnly(["id", "roles", "facts", "prose", "ending", "why", "keepOrder", "joint", "chair", "choices"])
      let id = try object.string("id")
      try requireID(id, at: object.member("id"))
      var passage = Passage(id: id, location: nowhere)
      passage.roles = try ids(object, "roles")
      for (fact, at) in try object.array("facts") {
        let factObject = try JSONObjectReader(fact, path: at)
        try factObject.allowOnly(["id", "when", "text"])
        let id = try optionalText(factObject, "id")
        if let id { try requireID(id, at: factObject.member("id")) }
        passage.facts.append(Fact(id: id, when: try optionalText(factObject, "when"), text: try text(factObject, "text")))
      }
      for (line, at) in try object.array("prose") {
        let lineObject = try JSONObjectReader(line, path: at)
        if lineObject.has("paragraphBreak") {
          try lineObject.allowOnly(["paragraphBreak"])
          guard try lineObject.bool("paragraphBreak") else {
            throw InterchangeError.invalid(path: lineObject.member("paragraphBreak"), message: "is true when present")
          }
          passage.prose.append(ProseLine(text: "", location: nowhere))
        } else {
          try lineObject.allowOnly(["text", "condition"])
          let condition = lineObject.has("condition") ? try self.condition(try lineObject.requireValue("condition"), at: lineObject.member("condition")) : nil
          let words = try text(lineObject, "text")
          guard !words.isEmpty else {
            throw InterchangeError.invalid(path: lineObject.member("text"), message: "is empty; a paragraph break is written {\"paragraphBreak\": true}")
          }
          passage.prose.append(ProseLine(text: words, condition: condition, location: nowhere))
        }
      }
      if object.has("ending") {
        let ending = try JSONObjectReader(try object.requireValue("ending"), path: object.member("ending"))
        try ending.allowOnly(["outcome", "title", "lessons", "reflections"])
        let outcomeText = try ending.string("outcome")
        guard let outcome = Outcome(rawValue: outcomeText) else {
          throw InterchangeError.invalid(
            path: ending.member("outcome"), message: "'\(outcomeText)' is not an outcome (safe, partly-safe or unsafe)")
        }
        passage.ending = Ending(
          outcome: outcome, title: try optionalText(ending, "title"), lessons: try texts(ending, "lessons"),
          reflections: try texts(ending, "reflections"))
      }
      passage.rationalePrompt = try optionalText(object, "why")
      if object.has("keepOrder") { passage.keepsWrittenOrder = try object.bool("keepOrder") }
      if object.has("joint") { passage.isJoint = try object.bool("joint") }
      if object.has("chair") {
        let chair = try object.string("chair")
        try requireID(chair, at: object.member("chair"))
        passage.chair = chair
      }
      for (offset, (choice, at)) in try object.array("choices").enumerated() {
        passage.choices.append(try self.choice(choice, at: at, position: offset + 1))
      }
      return passage
    }

    func choice(_ value: JSONValue, at path: String, position: Int) throws(InterchangeError) -> Choice {
      let object = try JSONObjectReader(value, path: path)
      try object.allowOnly([
        "index", "text", "target", "condition", "roles", "scores", "feedback", "critical", "prompt", "effects",
      ])
      if object.has("index") {
        let index = try object.int("index")
        guard index == position else {
          throw InterchangeError.invalid(
            path: object.member("index"),
            message: "is \(index) but this is choice \(position); choices are numbered in order from 1")
        }
      }
      let target = try object.string("target")
      try requireID(target, at: object.member("target"))
      var choice = Choice(
        index: position, text: try text(object, "text"), target: target, targetLocation: nowhere, location: nowhere)
      if object.has("condition") {
        choice.condition = try condition(try object.requireValue("condition"), at: object.member("condition"))
      }
      choice.roles = try ids(object, "roles")
      for (score, at) in try object.array("scores") {
        let scoreObject = try JSONObjectReader(score, path: at)
        try scoreObject.allowOnly(["guidance", "points", "explanation"])
        let guidance = try scoreObject.string("guidance")
        try requireID(guidance, at: scoreObject.member("guidance"))
        let points = try scoreObject.int("points")
        guard let magnitude = Int(exactly: points.magnitude), SourceLimits.weightRange.contains(magnitude) else {
          throw InterchangeError.invalid(
            path: scoreObject.member("points"), message: "is a weight from 1 to 5, or -1 to -5 to take points away")
        }
        choice.scores.append(
          ScoreWeight(
            guidanceID: guidance, points: points,
            explanation: try optionalText(scoreObject, "explanation"), location: nowhere))
      }
      choice.feedback = try texts(object, "feedback")
      if object.has("critical") {
        let critical = try JSONObjectReader(try object.requireValue("critical"), path: object.member("critical"))
        try critical.allowOnly(["reason"])
        choice.critical = CriticalMark(reason: try optionalText(critical, "reason"), location: nowhere)
      }
      choice.rationalePrompt = try optionalText(object, "prompt")
      for (effect, at) in try object.array("effects") { choice.effects.append(try self.effect(effect, at: at)) }
      return choice
    }

    func condition(_ value: JSONValue, at path: String) throws(InterchangeError) -> Condition {
      let object = try JSONObjectReader(value, path: path)
      let op = try object.string("op")
      func arguments() throws(InterchangeError) -> [Condition] {
        var result: [Condition] = []
        for (argument, at) in try object.array("args") { result.append(try condition(argument, at: at)) }
        return result
      }
      switch op {
      case "flag":
        try object.allowOnly(["op", "flag"])
        let name = try object.string("flag")
        try requireID(name, at: object.member("flag"))
        return .flag(name)
      case "not":
        try object.allowOnly(["op", "args"])
        let args = try arguments()
        guard args.count == 1 else { throw InterchangeError.invalid(path: object.member("args"), message: "'not' takes exactly one condition") }
        return .not(args[0])
      case "and", "or":
        try object.allowOnly(["op", "args"])
        let args = try arguments()
        guard args.count >= 2 else { throw InterchangeError.invalid(path: object.member("args"), message: "'\(op)' takes two or more conditions") }
        return args.dropFirst().reduce(args[0]) { op == "and" ? .and($0, $1) : .or($0, $1) }
      case "compare":
        try object.allowOnly(["op", "counter", "comparison", "value"])
        let name = try object.string("counter")
        try requireID(name, at: object.member("counter"))
        let symbol = try object.string("comparison")
        guard let comparison = Condition.Comparison(rawValue: symbol) else {
          throw InterchangeError.invalid(
            path: object.member("comparison"), message: "'\(symbol)' is not a comparison (==, !=, <, <=, > or >=)")
        }
        return .compare(name, comparison, try object.int("value"))
      case "role":
        try object.allowOnly(["op", "comparison", "role"])
        let role = try object.string("role")
        try requireID(role, at: object.member("role"))
        let symbol = try object.string("comparison")
        guard symbol == "==" || symbol == "!=" else {
          throw InterchangeError.invalid(path: object.member("comparison"), message: "a role is compared with == or !=")
        }
        return .role(role, equal: symbol == "==")
      case "knows":
        try object.allowOnly(["op", "role", "fact"])
        let role = try object.string("role")
        try requireID(role, at: object.member("role"))
        let fact = try object.string("fact")
        try requireID(fact, at: object.member("fact"))
        return .knows(role: role, fact: fact)
      default:
        throw InterchangeError.invalid(
          path: object.member("op"), message: "'\(op)' is not a condition (flag, not, and, or, compare, role or knows)")
      }
    }

    func effect(_ value: JSONValue, at path: String) throws(InterchangeError) -> Effect {
      let object = try JSONObjectReader(value, path: path)
      let op = try object.string("op")
      switch op {
      case "set", "clear":
        try object.allowOnly(["op", "flag"])
        let name = try object.string("flag")
        try requireID(name, at: object.member("flag"))
        return op == "set" ? .set(name) : .clear(name)
      case "add", "assign":
        try object.allowOnly(["op", "counter", "value"])
        let name = try object.string("counter")
        try requireID(name, at: object.member("counter"))
        let amount = try object.int("value")
        return op == "add" ? .add(name, amount) : .assign(name, amount)
      case "share":
        try object.allowOnly(["op", "fact", "with"])
        let fact = try object.string("fact")
        try requireID(fact, at: object.member("fact"))
        let roles = try object.strings("with")
        guard !roles.isEmpty else {
          throw InterchangeError.invalid(path: object.member("with"), message: "'with' names the roles, or is [\"everyone\"]")
        }
        if roles == ["everyone"] { return .share(fact, with: []) }
        for role in roles { try requireID(role, at: object.member("with")) }
        return .share(fact, with: roles)
      default:
        throw InterchangeError.invalid(
          path: object.member("op"), message: "'\(op)' is not an effect (set, clear, add, assign or share)")
      }
    }
  }
}
