import Foundation

/// The IRIs CaseSim's xAPI statements use: ADL's verbs and activity types, and CaseSim's own
/// activities and extensions under one base IRI.
///
/// The default base, `https://casesim.example/xapi`, is in the `.example` domain that RFC 2606
/// reserves, so it can never name somebody else's resource; an agency that wants IRIs under a
/// domain it controls passes its own base (`--iri-base`). Documentation/xapi.md lists every IRI.
public struct XAPIVocabulary: Sendable, Equatable {
  /// CaseSim's base IRI when none is given.
  public static let defaultBase = "https://casesim.example/xapi"

  /// The base, without a trailing slash.
  public let base: String

  public init(base: String = XAPIVocabulary.defaultBase) {
    var trimmed = base
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.base = trimmed
  }

  // MARK: ADL's verbs and activity types

  /// A verb from ADL's vocabulary.
  public enum Verb: String, Sendable, CaseIterable {
    case answered, completed, passed, failed

    public var iri: String { "http://adlnet.gov/expapi/verbs/" + rawValue }
  }

  public static let interactionType = "http://adlnet.gov/expapi/activities/cmi.interaction"
  /// "An attempted task or series of tasks in an artificial context that mimics reality" (ADL).
  public static let simulationType = "http://adlnet.gov/expapi/activities/simulation"
  /// What "determines whether competency has been achieved" (ADL): a guidance principle.
  public static let objectiveType = "http://adlnet.gov/expapi/activities/objective"

  // MARK: CaseSim's activities

  /// A scenario, whatever its version: the parent of each decision and the object of a session's
  /// ending statements (its version goes in `context.revision`).
  public func scenario(_ scenarioID: String) -> String {
    base + "/activities/scenarios/" + Self.segment(scenarioID)
  }

  /// One decision point (a passage) of one version of a scenario. The version is in the IRI
  /// because an activity id must always mean the same activity, and editing a passage's options
  /// makes it another question.
  public func decision(scenarioID: String, version: String, passageID: String) -> String {
    scenario(scenarioID) + "/versions/" + Self.segment(version) + "/passages/" + Self.segment(passageID)
  }

  /// A guidance principle (the `grouping` of a decision that scored on it).
  public func principle(_ principleID: String) -> String {
    base + "/activities/guidance/" + Self.segment(principleID)
  }

  /// The `homePage` of every actor's account: people are named within CaseSim's records.
  public var accountHomePage: String { base + "/people" }

  // MARK: CaseSim's extensions

  /// The keys CaseSim puts in `context.extensions` and `result.extensions`.
  public enum Extension: String, Sendable, CaseIterable {
    /// Context: the scenario role the decision or session was played as (e.g. `social-worker`).
    case role
    /// Context: the trainee's explanation of a decision, when one was asked for and given (left
    /// out of pseudonymised exports: free text can name people).
    case rationale
    /// Context: true when a rationale was given (also in pseudonymised exports).
    case rationaleGiven = "rationale-given"
    /// Context: false when the decision was later taken back with undo or retry (practice).
    case decisionStands = "decision-stands"
    /// Context: "practice" or "assessment".
    case mode
    /// Context: the decision's 1-based place in the session's log.
    case sequence
    /// Result: points per guidance principle, `{"principle-id": points}`.
    case principlePoints = "principle-points"
    /// Result: the session's grade band ("safe-practice", "developing", "unsafe").
    case grade
    /// Result: the ending reached (its passage id) and its outcome class.
    case ending
    case outcome
  }

  public func iri(_ extensionKey: Extension) -> String { base + "/extensions/" + extensionKey.rawValue }

  /// A path segment: ids are already plain (letters, digits, '-', '_', '.'), but anything else is
  /// percent-encoded so that an IRI is always well formed.
  static func segment(_ text: String) -> String {
    var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "_"
  }
}
