import CaseEngine
public import CaseFormat
public import CaseRecords
public import CaseScoring

/// A stored session in the terms of what is shown about it: the scenario it was played on and
/// its debrief. Everything shown about a session (resume, debrief, history) is derived from its
/// record; the events are read through ``RecordedPlay``, the one decoder.
public enum SessionLog {
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

  /// The path a recorded session took against the branches it did not take.
  public static func path(record: SessionRecord, events: [EventRecord], scenario: Scenario) throws(RecordProblem)
    -> PathTaken
  {
    let play = try RecordedPlay(
      record: record, events: events, engine: Engine(scenario: scenario, role: record.role))
    do {
      return try PathTaken(engine: play.engine, decisions: play.standingDecisions)
    } catch {
      throw .decisionDoesNotFit(sequence: 0, error)
    }
  }

  /// The debrief of a recorded session, recomputed from its events.
  public static func debrief(
    record: SessionRecord, events: [EventRecord], scenario: Scenario, guidance: GuidanceLibrary,
    best: BestAchievable? = nil
  ) throws(RecordProblem) -> Debrief {
    let play = try RecordedPlay(
      record: record, events: events, engine: Engine(scenario: scenario, role: record.role))
    do {
      return try Debrief(
        engine: play.engine, guidance: guidance,
        best: best ?? BestAchievable(engine: play.engine, guidance: guidance), sessionID: record.id,
        trainee: record.trainee, mode: play.mode, decisions: play.decisions, notes: play.notes,
        undoCount: play.undoCount, retried: play.retried)
    } catch {
      // The fold has already taken every decision, so this is a scenario that changed under it.
      throw .decisionDoesNotFit(sequence: 0, error)
    }
  }
}
