public import CaseFormat

/// Where an author's preview begins: a passage, with flags and counters set as asked
/// (`casesim play FILE --from PASSAGE --set FLAG --counter NAME=N`).
///
/// It is applied to the scenario itself, moving its start and its initial values, so the engine,
/// the state space and the debrief all begin at this point and agree with one another, as in any
/// other session.
public struct PreviewStart: Sendable, Codable, Equatable {
  public var passageID: String
  public var flags: [String: Bool]
  public var counters: [String: Int]

  public init(passageID: String, flags: [String: Bool] = [:], counters: [String: Int] = [:]) {
    self.passageID = passageID
    self.flags = flags
    self.counters = counters
  }

  /// Why a preview cannot start as asked, in words with the fix.
  public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// The scenario as it plays from here.
  public func applied(to scenario: Scenario) throws(Problem) -> Scenario {
    guard scenario.passages[passageID] != nil else {
      let suggestion = Suggestions.closest(to: passageID, among: scenario.passageOrder)
      throw Problem(description: "no passage '\(passageID)' in '\(scenario.id)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")")
    }
    var preview = scenario
    preview.startPassageID = passageID
    for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
      guard scenario.declarations[name]?.kind == .flag else {
        throw Problem(description: Self.undeclared(name, kind: .flag, in: scenario))
      }
      preview.declarations[name]?.initialValue = value ? 1 : 0
    }
    for (name, value) in counters.sorted(by: { $0.key < $1.key }) {
      guard let declaration = scenario.declarations[name], declaration.kind == .counter else {
        throw Problem(description: Self.undeclared(name, kind: .counter, in: scenario))
      }
      guard declaration.range.contains(value) else {
        throw Problem(
          description: "counter '\(name)' is kept within \(declaration.range.lowerBound)..\(declaration.range.upperBound); \(value) is outside it")
      }
      preview.declarations[name]?.initialValue = value
    }
    return preview
  }

  private static func undeclared(_ name: String, kind: StateDeclaration.Kind, in scenario: Scenario) -> String {
    let names = scenario.declarations.values.filter { $0.kind == kind }.map(\.name).sorted()
    let suggestion = Suggestions.closest(to: name, among: names)
    let listed = names.isEmpty ? "it declares none" : "its \(kind.rawValue)s are \(names.joined(separator: ", "))"
    return "'\(name)' is not a \(kind.rawValue) of '\(scenario.id)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); \(listed)"
  }

  /// The start in words: "'see-jay' with seen set and worry at 2".
  public var summary: String {
    let settings =
      flags.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value ? "set" : "clear")" }
      + counters.sorted { $0.key < $1.key }.map { "\($0.key) at \($0.value)" }
    return "'\(passageID)'" + (settings.isEmpty ? "" : " with " + settings.joined(separator: ", "))
  }
}
