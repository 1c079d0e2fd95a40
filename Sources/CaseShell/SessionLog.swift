public import CaseEngine
public import CaseFormat
public import CaseRecords
public import CaseScoring

/// Reads a session's stored events in the engine's and the debrief's terms. Everything shown
/// about a session (resume, debrief, history) is derived from its record through here.
public enum SessionLog {
  /// The events that move play: choices and undos, in order.
  public static func playEvents(_ events: [EventRecord]) -> [PlayEvent] {
    events.compactMap { event in
      switch event.kind {
      case .choice:
        guard let passage = event.passageID, let index = event.choiceIndex else { return nil }
        return .choose(TakenDecision(passageID: passage, choiceIndex: index))
      case .undo: return .undo
      case .note: return nil
      }
    }
  }

  /// The standing decisions (after undos) with the rationale and timing recorded for each.
  public static func decisionInputs(_ events: [EventRecord]) -> [DecisionInput] {
    var stack: [DecisionInput] = []
    for event in events {
      switch event.kind {
      case .choice:
        guard let passage = event.passageID, let index = event.choiceIndex else { continue }
        stack.append(
          DecisionInput(
            decision: TakenDecision(passageID: passage, choiceIndex: index),
            rationale: event.rationale, milliseconds: event.decisionMilliseconds))
      case .undo: _ = stack.popLast()
      case .note: break
      }
    }
    return stack
  }

  public static func notes(_ events: [EventRecord]) -> [String] {
    events.filter { $0.kind == .note }.compactMap(\.text)
  }

  /// The scenario a session was played on, exactly: the text kept with the record under the
  /// session's content hash (so history, resume and debrief never drift when the file is edited).
  /// Sessions recorded before versions were kept fall back to the library by id, else the
  /// recorded path. Nil when none of these gives a playable scenario.
  public static func scenario(
    for record: SessionRecord, store: any RecordStore, library: ScenarioLibrary
  ) -> Scenario? {
    if let version = try? store.scenarioVersion(hash: record.scenarioHash) {
      let loaded = ScenarioLoader.load(
        files: version.files, path: version.mainPath, guidance: library.guidance.library)
      if loaded.isPlayable, loaded.scenario.contentHash == record.scenarioHash { return loaded.scenario }
    }
    return library.scenario(id: record.scenarioID, recordedPath: record.scenarioPath)
  }

  /// The debrief of a recorded session, recomputed from its events.
  public static func debrief(
    record: SessionRecord, events: [EventRecord], scenario: Scenario, guidance: GuidanceLibrary,
    best: BestAchievable? = nil
  ) throws(PlayError) -> Debrief {
    let engine = Engine(scenario: scenario, role: record.role)
    return try Debrief(
      engine: engine, guidance: guidance,
      best: best ?? BestAchievable(engine: engine, guidance: guidance), sessionID: record.id,
      trainee: record.trainee, mode: PlayMode(rawValue: record.mode) ?? .practice,
      decisions: decisionInputs(events), notes: notes(events),
      undoCount: events.filter { $0.kind == .undo }.count)
  }
}
