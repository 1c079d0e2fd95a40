public import CaseFormat
public import Foundation

/// One xAPI 1.0.3 statement, as CaseSim sends it: who (an agent, or a team as a group), did what
/// (a verb), to what (an activity), with what result, in what context, and when.
///
/// The statement is kept as values so that code and tests can ask about it (its id, registration,
/// parent) and written through ``json``, which orders members the same way every time.
public struct XAPIStatement: Sendable, Equatable {
  /// A UUID fixed by what the statement is about, so that sending it again is harmless.
  public var id: String
  public var actor: Actor
  public var verb: XAPIVocabulary.Verb
  public var object: Activity
  public var result: Result?
  public var context: Context
  /// When it happened, to the millisecond.
  public var timestamp: Date

  public init(
    id: String, actor: Actor, verb: XAPIVocabulary.Verb, object: Activity, result: Result?, context: Context,
    timestamp: Date
  ) {
    self.id = id
    self.actor = actor
    self.verb = verb
    self.object = object
    self.result = result
    self.context = context
    self.timestamp = timestamp
  }

  /// A person, named by an account (never an e-mail address), or a team of them.
  public enum Actor: Sendable, Equatable {
    /// `account.name` is the person's name, or their pseudonym.
    case agent(accountName: String, homePage: String)
    /// An anonymous group: the team of a joint session, with its members.
    case group(members: [Actor])

    var json: JSONValue {
      switch self {
      case .agent(let name, let homePage):
        .object([
          .init("objectType", .string("Agent")),
          .init("account", .object([.init("homePage", .string(homePage)), .init("name", .string(name))])),
        ])
      case .group(let members):
        .object([.init("objectType", .string("Group")), .init("member", .array(members.map(\.json)))])
      }
    }
  }

  /// An activity and, optionally, its definition.
  public struct Activity: Sendable, Equatable {
    public var id: String
    public var type: String?
    /// `en-GB` text.
    public var name: String?
    public var description: String?
    /// For a decision: `choice`; nil for other activities.
    public var interactionType: String?
    /// The options (id, `en-GB` description) of a choice interaction.
    public var choices: [(id: String, description: String)]?

    public init(
      id: String, type: String? = nil, name: String? = nil, description: String? = nil, interactionType: String? = nil,
      choices: [(id: String, description: String)]? = nil
    ) {
      self.id = id
      self.type = type
      self.name = name
      self.description = description
      self.interactionType = interactionType
      self.choices = choices
    }

    public static func == (left: Activity, right: Activity) -> Bool { left.json == right.json }

    var json: JSONValue {
      let definition: JSONValue? =
        type == nil && name == nil && description == nil && interactionType == nil
        ? nil
        : .object([
          "type": type.map(JSONValue.string),
          "name": name.map(XAPIStatement.languageMap),
          "description": description.map(XAPIStatement.languageMap),
          "interactionType": interactionType.map(JSONValue.string),
          "choices": choices.map { list in
            .array(list.map { .object([.init("id", .string($0.id)), .init("description", languageMap($0.description))]) })
          },
        ])
      return .object(["objectType": .string("Activity"), "id": .string(id), "definition": definition])
    }
  }

  /// A score: `raw` always; `min` and `max` when the range is known; `scaled` (in [-1, 1]) when
  /// it can be worked out from them.
  public struct Score: Sendable, Equatable {
    public var raw: Int
    public var min: Int?
    public var max: Int?
    public var scaled: Double?

    public init(raw: Int, min: Int? = nil, max: Int? = nil, scaled: Double? = nil) {
      self.raw = raw
      self.min = min
      self.max = max
      self.scaled = scaled
    }

    var json: JSONValue {
      .object([
        "scaled": scaled.map { .number(XAPIStatement.decimal($0)) },
        "raw": .int(raw), "min": min.map(JSONValue.int), "max": max.map(JSONValue.int),
      ])
    }
  }

  public struct Result: Sendable, Equatable {
    public var score: Score?
    public var success: Bool?
    public var completion: Bool?
    public var response: String?
    /// ISO 8601 duration (see ``XAPITime/duration(milliseconds:)``).
    public var duration: String?
    /// Extension IRI -> value.
    public var extensions: [(String, JSONValue)]

    public init(
      score: Score? = nil, success: Bool? = nil, completion: Bool? = nil, response: String? = nil,
      duration: String? = nil, extensions: [(String, JSONValue)] = []
    ) {
      self.score = score
      self.success = success
      self.completion = completion
      self.response = response
      self.duration = duration
      self.extensions = extensions
    }

    public static func == (left: Result, right: Result) -> Bool { left.json == right.json }

    var json: JSONValue {
      .object([
        "score": score?.json, "success": success.map(JSONValue.bool), "completion": completion.map(JSONValue.bool),
        "response": response.map(JSONValue.string), "duration": duration.map(JSONValue.string),
        "extensions": XAPIStatement.extensionsJSON(extensions),
      ])
    }
  }

  public struct Context: Sendable, Equatable {
    /// The session's id: every statement of one session shares it.
    public var registration: String
    /// The scenario version (its content hash).
    public var revision: String?
    public var parent: [Activity]
    public var grouping: [Activity]
    public var extensions: [(String, JSONValue)]

    public init(
      registration: String, revision: String?, parent: [Activity], grouping: [Activity],
      extensions: [(String, JSONValue)]
    ) {
      self.registration = registration
      self.revision = revision
      self.parent = parent
      self.grouping = grouping
      self.extensions = extensions
    }

    public static func == (left: Context, right: Context) -> Bool { left.json == right.json }

    var json: JSONValue {
      let activities: JSONValue = .object([
        "parent": parent.isEmpty ? nil : .array(parent.map(\.json)),
        "grouping": grouping.isEmpty ? nil : .array(grouping.map(\.json)),
      ])
      return .object([
        "registration": .string(registration),
        "revision": revision.map(JSONValue.string),
        "platform": .string("CaseSim"),
        "language": .string(XAPIStatement.language),
        "contextActivities": activities == .object([]) ? nil : activities,
        "extensions": XAPIStatement.extensionsJSON(extensions),
      ])
    }
  }

  /// The statement as JSON, members in a fixed order.
  public var json: JSONValue {
    .object([
      "id": .string(id),
      "actor": actor.json,
      "verb": .object([
        .init("id", .string(verb.iri)), .init("display", Self.languageMap(verb.rawValue)),
      ]),
      "object": object.json,
      "result": result?.json,
      "context": context.json,
      "timestamp": .string(XAPITime.timestamp(timestamp)),
    ])
  }

  /// The language of CaseSim's text (RFC 5646).
  public static let language = "en-GB"

  static func languageMap(_ text: String) -> JSONValue { .object([.init(language, .string(text))]) }

  static func extensionsJSON(_ extensions: [(String, JSONValue)]) -> JSONValue? {
    extensions.isEmpty ? nil : .object(extensions.map { JSONValue.Member($0.0, $0.1) })
  }

  /// A decimal with at most four places, as JSON writes it.
  static func decimal(_ value: Double) -> String {
    let rounded = (value * 10_000).rounded() / 10_000
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
