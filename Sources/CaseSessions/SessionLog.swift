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
    for record: SessionRecord, store: any LocalRecordStore, library: ScenarioLibrary
  ) -> Scenario? {
    scenario(for: record, version: try? store.scenarioVersion(hash: record.scenarioHash), library: library)
  }

  /// The same, from the scenario text kept under the record's hash (read from any store), if any.
  public static func scenario(
    for record: SessionRecord, version: ScenarioVersion?, library: ScenarioLibrary
  ) -> Scenario? {
    keptScenario(version, hash: record.scenarioHash, guidance: library.guidance.library)
      ?? library.scenario(id: record.scenarioID, recordedPath: record.scenarioPath)
  }

  /// The scenario a kept text holds, if it loads and is exactly the version with `hash` (a text
  /// kept under a hash it no longer gives is not that version).
  public static func keptScenario(_ version: ScenarioVersion?, hash: String, guidance: GuidanceLibrary) -> Scenario? {
    guard let version else { return nil }
    let loaded = ScenarioLoader.load(files: version.files, path: version.mainPath, guidance: guidance)
    return loaded.isPlayable && loaded.scenario.contentHash == hash ? loaded.scenario : nil
  }

  /// The engine a recorded session is played by: its participants' roles (one, for a solo
  /// session).
  public static func engine(for record: SessionRecord, scenario: Scenario) -> Engine {
    Engine(scenario: scenario, team: RecordedPlay.team(of: record.participants))
  }

  /// True when the record is of a team (more than one role played).
  public static func isTeam(_ record: SessionRecord) -> Bool { RecordedPlay.team(of: record.participants).count > 1 }

  /// The team debrief of a recorded team session: who knew what, when, recomputed from its events.
  public static func teamDebrief(
    record: SessionRecord, events: [EventRecord], scenario: Scenario, guidance: GuidanceLibrary? = nil
  ) throws(RecordProblem) -> TeamDebrief {
    let play = try RecordedPlay(record: record, events: events, engine: engine(for: record, scenario: scenario))
    let members = play.participants.sorted { $0.ordinal < $1.ordinal }.map {
      TeamDebrief.Member(name: $0.name, role: $0.role, ordinal: $0.ordinal)
    }
    do {
      return try TeamDebrief(
        engine: play.engine, sessionID: record.id, mode: play.mode, members: members,
        decisions: zip(play.decisions, play.deciders).map {
          ($0, TeamDebrief.Member(name: $1.name, role: $1.role, ordinal: $1.ordinal))
        },
        range: TeamSpace(engine: play.engine).scoreRange(), guidance: guidance)
    } catch {
      throw .decisionDoesNotFit(sequence: 0, error)
    }
  }

  /// The path a recorded session took against the branches it did not take.
  public static func path(record: SessionRecord, events: [EventRecord], scenario: Scenario) throws(RecordProblem)
    -> PathTaken
  {
    guard !isTeam(record) else { throw .teamHasNoSinglePath }
    let play = try RecordedPlay(record: record, events: events, engine: engine(for: record, scenario: scenario))
    do {
      return try PathTaken(engine: play.engine, decisions: play.standingDecisions, order: play.order)
    } catch {
      throw .decisionDoesNotFit(sequence: 0, error)
    }
  }

  /// The debrief of a recorded session, recomputed from its events.
  public static func debrief(
    record: SessionRecord, events: [EventRecord], scenario: Scenario, guidance: GuidanceLibrary,
    best: BestAchievable? = nil
  ) throws(RecordProblem) -> Debrief {
    let play = try RecordedPlay(record: record, events: events, engine: engine(for: record, scenario: scenario))
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
