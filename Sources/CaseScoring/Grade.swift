public import CaseFormat

/// The grade band of a finished session: what an agency reads first.
///
/// A critical decision (one that on its own leaves the child unsafe) caps the grade at unsafe
/// practice however many points the rest earned: points cannot buy back a child left at risk.
public enum Grade: String, Sendable, Equatable, Codable, CaseIterable {
  case safePractice = "safe-practice"
  case developing
  case unsafe

  /// The share of the score range (worst 0, best 1) at or above which, with no critical decision
  /// and a safe ending, practice is graded safe.
  public static let safePracticeShare = 0.8
  /// Below this share practice is graded unsafe even without a critical decision.
  public static let developingShare = 0.5

  /// - Parameters:
  ///   - share: the session's total as a share of the score range; nil when the range is empty.
  ///   - criticalTaken: how many critical decisions stand.
  ///   - outcome: the ending's outcome class.
  public init(share: Double?, criticalTaken: Int, outcome: Outcome?) {
    let share = share ?? 1
    if criticalTaken > 0 || share < Self.developingShare {
      self = .unsafe
    } else if share >= Self.safePracticeShare, outcome == .safe {
      self = .safePractice
    } else {
      self = .developing
    }
  }

  public var label: String {
    switch self {
    case .safePractice: "Safe practice"
    case .developing: "Developing"
    case .unsafe: "Unsafe practice"
    }
  }

  /// Why the session got this band, in a sentence for the debrief.
  public static func explanation(share: Double?, criticalTaken: Int, outcome: Outcome?) -> String {
    let percent = share.map { "\(Int(($0 * 100).rounded()))%" } ?? "all"
    if criticalTaken > 0 {
      return "You took \(criticalTaken == 1 ? "a critical decision" : "\(criticalTaken) critical decisions"), which on its own leaves the child unsafe; that caps the grade, whatever the points."
    }
    if let share, share < developingShare {
      return "Your decisions earned \(percent) of the score range; below \(Int(developingShare * 100))% is graded unsafe practice."
    }
    if let share, share >= safePracticeShare, outcome == .safe {
      return "No critical decision, \(percent) of the score range, and the child ended safe."
    }
    if outcome != .safe {
      return "No critical decision and \(percent) of the score range, but the child did not end safe; safe practice needs a safe ending and at least \(Int(safePracticeShare * 100))%."
    }
    return "No critical decision and \(percent) of the score range; safe practice needs at least \(Int(safePracticeShare * 100))%."
  }
}
