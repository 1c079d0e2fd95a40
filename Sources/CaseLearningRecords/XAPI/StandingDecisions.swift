public import CaseRecords

/// Which of a session's choices still stand at the end of its log.
///
/// In practice mode `undo` takes back the latest decision and `retry N` decision N and every one
/// after it. A decision taken back is still something the trainee did, so the export keeps it
/// (with `decision-stands: false`) rather than voiding it: an LRS reader sees both the first
/// thought and the second. This is the same rule as the session fold (`RecordedPlay`), over the
/// log alone, so it needs no scenario.
public enum StandingDecisions {
  /// The sequence numbers of the choice events that stand.
  public static func sequences(in events: [EventRecord]) -> Set<Int> {
    var standing: [Int] = []
    for event in events.sorted(by: { $0.sequence < $1.sequence }) {
      switch event.kind {
      case .choice: standing.append(event.sequence)
      case .undo: _ = standing.popLast()
      case .retry:
        if let number = event.choiceIndex, number >= 1, number <= standing.count {
          standing.removeSubrange((number - 1)...)
        }
      case .note: break
      }
    }
    return Set(standing)
  }
}
