
/// Where a decision stands after the trainee chose an option or gave a reason.
///
/// A decision is one intent spread over up to three answers (the option, a reason, one nudge for
/// a fuller reason), and is committed to the record only when complete: a trainee who leaves
/// while asked why has taken nothing.
public enum DecisionStep: Sendable, Equatable {
  /// Ask for a reason with this question (it never hints whether the choice was good).
  case askReason(question: String)
  /// The reason was empty or one word: ask once for more; an empty answer keeps the first.
  case askMore
  /// The decision is recorded and play has moved on.
  case taken(DecisionTaken)
}
