import CaseFormat
import CaseLearningRecords
import CaseRecords
import CaseTestSupport
import Foundation
import Testing

/// Every statement the builder makes validates against the committed xAPI 1.0.3 schema, and the
/// schema (with its script) refuses statements that break the specification's rules.
@Suite("xAPI statements against the xAPI 1.0.3 schema")
struct XAPISchemaTests {
  static var statements: [XAPIStatement] { XAPIStatementBuilder().statements(for: XAPIStatementBuilderTests.records()) }

  @Test("every statement validates, as a JSON array and as JSON Lines, plain and pseudonymised, solo and team")
  func exportsValidate() throws {
    let pseudonymiser = try #require(Pseudonymiser(key: Data(repeating: 9, count: 32)))
    var team = XAPIStatementBuilderTests.records(grade: "unsafe")
    team.sessions[0].record.participants.append(.init(ordinal: 2, name: "Sam", role: "police"))
    var unknown = XAPIStatementBuilderTests.records()
    unknown.scenarios = [:]
    let problems = try XAPIValidation.problems([
      "array.json": XAPIStatement.text(Self.statements, layout: .json),
      "lines.jsonl": XAPIStatement.text(Self.statements, layout: .jsonl),
      "pseudonymised.json": XAPIStatement.text(
        XAPIStatementBuilder(pseudonymiser: pseudonymiser).statements(for: XAPIStatementBuilderTests.records()),
        layout: .json),
      "team.json": XAPIStatement.text(XAPIStatementBuilder().statements(for: team), layout: .json),
      "unknown-version.json": XAPIStatement.text(XAPIStatementBuilder().statements(for: unknown), layout: .json),
    ])
    #expect(problems.count == 5)
    for (name, found) in problems { #expect(found.isEmpty, "\(name): \(found)") }
  }

  /// Broken copies of a good decision statement, each breaking one rule.
  static func brokenStatements() throws -> [String: String] {
    let good = try #require(statements.dropFirst().first)
    func text(_ change: (inout XAPIStatement) -> Void) -> String {
      var statement = good
      change(&statement)
      return statement.json.compactText
    }
    let compact = good.json.compactText
    guard case .object(let members) = good.json else { throw CancellationError() }
    return [
      "raw-above-max": text { $0.result?.score = .init(raw: 5, min: 0, max: 3) },
      "min-not-below-max": text { $0.result?.score = .init(raw: 3, min: 3, max: 3) },
      "scaled-above-one": text { $0.result?.score = .init(raw: 1, scaled: 1.5) },
      "id-not-uuid": text { $0.id = "decision-1" },
      "duration-not-iso": text { $0.result?.duration = "41 seconds" },
      "duration-alternative-format": text { $0.result?.duration = "P0000-00-00T00:00:41" },
      "unknown-interaction-type": text { $0.object.interactionType = "multiple-choice" },
      "activity-id-not-iri": text { $0.object.id = "a decision" },
      "extension-key-not-iri": text { $0.context.extensions.append(("role", .string("police"))) },
      "registration-not-uuid": text { $0.context.registration = "session-1" },
      "duplicate-choice-ids": text { $0.object.choices = [("1", "See the child"), ("1", "Wait")] },
      "language-tag": text { $0.object.name = nil; $0.object.description = nil }.replacingOccurrences(
        of: "\"en-GB\"", with: "\"en GB\""),
      "no-actor": JSONValue.object(members.filter { $0.key != "actor" }).compactText,
      "two-identifiers": compact.replacingOccurrences(
        of: "\"account\":{", with: "\"mbox\":\"mailto:alex@agency.example\",\"account\":{"),
      "unknown-context-activity-key": compact.replacingOccurrences(of: "\"grouping\":", with: "\"groupings\":"),
      "timestamp-unknown-offset": compact.replacingOccurrences(of: "Z\"}", with: "-00:00\"}"),
      "unknown-property": compact.replacingOccurrences(of: "{\"id\":", with: "{\"score\":3,\"id\":"),
    ]
  }

  @Test("the schema and its script refuse each broken statement, and the good one passes")
  func brokenStatementsAreRefused() throws {
    let broken = try Self.brokenStatements()
    let good = try #require(Self.statements.dropFirst().first)
    var documents = broken
    documents["good"] = good.json.compactText
    let problems = try XAPIValidation.problems(documents)
    #expect(problems["good"] == [])
    for name in broken.keys.sorted() {
      #expect(problems[name]?.isEmpty == false, "\(name) was accepted")
    }
  }
}
