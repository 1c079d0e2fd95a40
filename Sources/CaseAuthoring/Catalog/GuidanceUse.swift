public import CaseFormat

/// Every scenario decision that scores against a principle: what `casesim guidance ID` lists so a
/// trainer can see how a principle is taught across the library.
public struct GuidanceUse: Sendable, Equatable {
  public var scenarioID: String
  public var passageID: String
  public var choiceIndex: Int
  public var choiceText: String
  public var points: Int
  public var explanation: String?
  public var location: SourceLocation

  public static func uses(of principleID: String, in scenarios: [Scenario]) -> [GuidanceUse] {
    scenarios.sorted { $0.id < $1.id }.flatMap { scenario in
      scenario.orderedPassages.flatMap { passage in
        passage.choices.flatMap { choice in
          choice.scores.filter { $0.guidanceID == principleID }.map { score in
            GuidanceUse(
              scenarioID: scenario.id, passageID: passage.id, choiceIndex: choice.index,
              choiceText: choice.text, points: score.points, explanation: score.explanation,
              location: score.location)
          }
        }
      }
    }
  }
}
