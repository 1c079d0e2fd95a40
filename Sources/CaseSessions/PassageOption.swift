/// One option as displayed: the trainee chooses it by `number`; the record keeps `choiceIndex`,
/// its index as written, so records and debriefs never depend on the shuffled position.
public struct PassageOption: Sendable, Equatable {
  /// 1-based position as shown.
  public var number: Int
  public var text: String
  /// 1-based index as written in the passage.
  public var choiceIndex: Int
  /// The question asked for a reason if this option is chosen, or nil when none is asked.
  public var reasonQuestion: String?
}
