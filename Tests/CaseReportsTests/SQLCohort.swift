import CaseEngine
import CaseFormat
import CaseScoring
import GRDB
import Testing

@testable import CaseReports

/// The cohort figures computed with SQL on the store's file, independently of the report's code.
struct SQLCohort: Sendable {
  /// One connection for every test, set up once (its temporary tables belong to it).
  static let shared: SQLCohort = {
    do { return try SQLCohort(fixture: CohortFixture.built) } catch { fatalError("cannot query the fixture: \(error)") }
  }()

  let queue: DatabaseQueue
  let fixture: CohortFixture.Built

  init(fixture: CohortFixture.Built) throws {
    self.fixture = fixture
    queue = try DatabaseQueue(path: fixture.path)
    try queue.write { db in
      // The decisions that stand: a recursive fold over each log, keeping the sequence numbers of
      // the standing choices as fixed-width text (a choice appends, an undo drops the last, a
      // retry N keeps the first N-1).
      try db.execute(
        sql: """
          DROP TABLE IF EXISTS temp.standing;
          CREATE TEMP TABLE standing AS
          WITH RECURSIVE fold(session_id, seq, state) AS (
            SELECT id, 0, '' FROM session WHERE is_draft = 0
            UNION ALL
            SELECT f.session_id, e.sequence,
              CASE e.kind
                WHEN 'choice' THEN f.state || printf('%06d,', e.sequence)
                WHEN 'undo' THEN substr(f.state, 1, length(f.state) - 7)
                WHEN 'retry' THEN substr(f.state, 1, (e.choice_index - 1) * 7)
                ELSE f.state END
            FROM fold f JOIN event e ON e.session_id = f.session_id AND e.sequence = f.seq + 1
          ),
          final AS (
            SELECT f.session_id, f.state FROM fold f
            WHERE f.seq = (SELECT coalesce(max(sequence), 0) FROM event e WHERE e.session_id = f.session_id)
          )
          SELECT e.session_id, e.sequence, e.passage_id, e.choice_index, e.rationale, e.decision_ms, e.score_deltas,
                 s.trainee, s.scenario_id
          FROM event e JOIN final f ON f.session_id = e.session_id JOIN session s ON s.id = e.session_id
          WHERE e.kind = 'choice' AND instr(f.state, printf('%06d,', e.sequence)) > 0;

          DROP TABLE IF EXISTS temp.latest;
          CREATE TEMP TABLE latest AS
          SELECT s.* FROM session s
          WHERE s.finished_at IS NOT NULL AND s.is_draft = 0
            AND (SELECT count(DISTINCT role) FROM participant p WHERE p.session_id = s.id) = 1
            AND NOT EXISTS (
              SELECT 1 FROM session t
              WHERE t.trainee = s.trainee AND t.scenario_id = s.scenario_id AND t.finished_at IS NOT NULL
                AND t.is_draft = 0 AND (SELECT count(DISTINCT role) FROM participant p WHERE p.session_id = t.id) = 1
                AND (t.started_at, t.id) > (s.started_at, s.id));

          DROP TABLE IF EXISTS temp.earned;
          CREATE TEMP TABLE earned AS
          SELECT l.id AS session_id, j.key AS principle, sum(j.value) AS points
          FROM latest l JOIN standing st ON st.session_id = l.id, json_each(st.score_deltas) j
          GROUP BY l.id, j.key;

          CREATE TEMP TABLE IF NOT EXISTS scenario_principle (scenario_id TEXT, principle TEXT, position INTEGER);
          CREATE TEMP TABLE IF NOT EXISTS best_principle (scenario_id TEXT, role TEXT, principle TEXT, best INTEGER);
          CREATE TEMP TABLE IF NOT EXISTS best_choice (scenario_id TEXT, passage_id TEXT, choice_index INTEGER);
          CREATE TEMP TABLE IF NOT EXISTS critical_choice (scenario_id TEXT, passage_id TEXT, choice_index INTEGER);
          CREATE TEMP TABLE IF NOT EXISTS role_area (role TEXT, area TEXT, position INTEGER);
          CREATE TEMP TABLE IF NOT EXISTS principle_area (principle TEXT, area TEXT);
          DELETE FROM scenario_principle; DELETE FROM best_principle; DELETE FROM best_choice;
          DELETE FROM critical_choice; DELETE FROM role_area; DELETE FROM principle_area;
          """)
      // Properties of the scenarios and the guidance, from their model.
      let guidance = fixture.guidance
      var principles: Set<String> = []
      for scenario in Set(fixture.scenarios.values.map(\.id)).sorted().compactMap({ fixture.library.scenario(id: $0)?.scenario }) {
        for (n, id) in scenario.guidanceIDsUsed.enumerated() {
          principles.insert(id)
          try db.execute(sql: "INSERT INTO scenario_principle VALUES (?, ?, ?)", arguments: [scenario.id, id, n])
        }
        for role in scenario.header.roles {
          let best = BestAchievable(engine: Engine(scenario: scenario, role: role), guidance: guidance)
          for (id, points) in best.byPrinciple {
            try db.execute(sql: "INSERT INTO best_principle VALUES (?, ?, ?, ?)", arguments: [scenario.id, role, id, points])
          }
          for decision in best.bestPath {
            try db.execute(
              sql: "INSERT INTO best_choice VALUES (?, ?, ?)",
              arguments: [scenario.id, decision.passageID, decision.choiceIndex])
          }
          for (n, area) in guidance.areas(forRole: role).enumerated() {
            try db.execute(sql: "INSERT INTO role_area VALUES (?, ?, ?)", arguments: [role, area.id, n])
          }
        }
        for passage in scenario.orderedPassages {
          for choice in passage.choices where choice.isCritical {
            try db.execute(
              sql: "INSERT INTO critical_choice VALUES (?, ?, ?)", arguments: [scenario.id, passage.id, choice.index])
          }
        }
      }
      for id in principles {
        for area in guidance.entry(id)?.areas ?? [] {
          try db.execute(sql: "INSERT INTO principle_area VALUES (?, ?)", arguments: [id, area])
        }
      }
    }
  }

  func int(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
    try queue.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
  }

  func double(_ sql: String, _ arguments: StatementArguments = []) throws -> Double {
    try queue.read { try Double.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
  }

  func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
    try queue.read { try Row.fetchAll($0, sql: sql, arguments: arguments) }
  }

  /// The expected figures of one scenario, nil when fewer than `minimum` trainees played it.
  func figures(scenario id: String, minimum: Int) throws -> ScenarioFigures? {
    let s: StatementArguments = [id]
    let trainees = try int("SELECT count(DISTINCT trainee) FROM session WHERE is_draft = 0 AND scenario_id = ?", s)
    guard trainees >= minimum else { return nil }
    let scenario = try #require(fixture.library.scenario(id: id)?.scenario)
    func shown<F>(_ population: Int, _ make: () throws -> F) rethrows -> Suppressible<F> {
      population >= minimum ? .shown(try make()) : .suppressed(reason: "fewer than \(minimum) trainees")
    }
    let finishedWhere = "is_draft = 0 AND scenario_id = ? AND finished_at IS NOT NULL"

    // Results.
    let finishedTrainees = try int("SELECT count(DISTINCT trainee) FROM session WHERE \(finishedWhere)", s)
    let results = try shown(finishedTrainees) {
      var grades = ["safe-practice": 0, "developing": 0, "unsafe": 0]
      for row in try rows("SELECT grade, count(*) AS n FROM session WHERE \(finishedWhere) GROUP BY grade", s) {
        grades[row["grade"]] = row["n"]
      }
      return ScenarioFigures.Results(
        trainees: finishedTrainees, grades: grades,
        minimumScore: try int("SELECT min(total_score) FROM session WHERE \(finishedWhere)", s),
        medianScore: try double(
          """
          SELECT avg(total_score) FROM (
            SELECT total_score, row_number() OVER (ORDER BY total_score) AS rn, count(*) OVER () AS c
            FROM session WHERE \(finishedWhere))
          WHERE rn IN ((c + 1) / 2, (c + 2) / 2)
          """, s),
        maximumScore: try int("SELECT max(total_score) FROM session WHERE \(finishedWhere)", s),
        bestTotal: try int("SELECT max(best_total) FROM session WHERE \(finishedWhere)", s),
        scoreCounts: try rows(
          "SELECT total_score, count(*) AS n FROM session WHERE \(finishedWhere) GROUP BY total_score ORDER BY total_score", s
        ).map { ScenarioFigures.ScoreCount(score: $0["total_score"], sessions: $0["n"]) })
    }

    // Principles and areas met, in each trainee's latest finished solo session.
    let principleRows = try rows(
      """
      SELECT sp.principle,
        (SELECT count(*) FROM latest l WHERE l.scenario_id = sp.scenario_id) AS population,
        (SELECT count(*) FROM latest l
         WHERE l.scenario_id = sp.scenario_id
           AND coalesce((SELECT points FROM earned e WHERE e.session_id = l.id AND e.principle = sp.principle), 0)
             >= coalesce((SELECT best FROM best_principle b WHERE b.scenario_id = l.scenario_id AND b.role = l.role
                          AND b.principle = sp.principle), 0)) AS met
      FROM scenario_principle sp WHERE sp.scenario_id = ? ORDER BY sp.position
      """, s)
    let principles = principleRows.map { row in
      let id: String = row["principle"]
      return ScenarioFigures.MetRow(
        id: id, title: fixture.guidance.entry(id)?.title ?? id, figures: metShare(row, minimum: minimum))
    }
    let areaRows = try rows(
      """
      WITH areas AS (
        SELECT DISTINCT ra.area, ra.role, ra.position FROM role_area ra
        WHERE ra.role IN (SELECT role FROM latest WHERE scenario_id = ?1)
          AND ra.area IN (SELECT pa.area FROM principle_area pa JOIN scenario_principle sp ON sp.principle = pa.principle
                          WHERE sp.scenario_id = ?1)
      )
      SELECT a.area,
        (SELECT count(*) FROM latest l JOIN role_area r ON r.role = l.role AND r.area = a.area WHERE l.scenario_id = ?1)
          AS population,
        (SELECT count(*) FROM latest l JOIN role_area r ON r.role = l.role AND r.area = a.area
         WHERE l.scenario_id = ?1
           AND coalesce((SELECT sum(e.points) FROM earned e JOIN principle_area pa ON pa.principle = e.principle
                         WHERE e.session_id = l.id AND pa.area = a.area), 0)
             >= coalesce((SELECT sum(b.best) FROM best_principle b JOIN principle_area pa ON pa.principle = b.principle
                          WHERE b.scenario_id = l.scenario_id AND b.role = l.role AND pa.area = a.area), 0)) AS met
      FROM areas a ORDER BY a.role, a.position
      """, s)
    let areas = areaRows.map { row in
      let id: String = row["area"]
      return ScenarioFigures.MetRow(id: id, title: fixture.guidance.entry(id)?.title ?? id, figures: metShare(row, minimum: minimum))
    }

    // Critical decisions.
    let critical = try rows(
      """
      SELECT st.passage_id, st.choice_index, count(DISTINCT st.session_id) AS sessions, count(DISTINCT st.trainee) AS trainees
      FROM standing st JOIN critical_choice c
        ON c.scenario_id = st.scenario_id AND c.passage_id = st.passage_id AND c.choice_index = st.choice_index
      WHERE st.scenario_id = ?
      GROUP BY st.passage_id, st.choice_index ORDER BY sessions DESC, st.passage_id, st.choice_index
      """, s
    ).map { row in
      let passage: String = row["passage_id"]
      let index: Int = row["choice_index"]
      return ScenarioFigures.CriticalDecision(
        passage: passage, choice: index, text: choiceText(scenario, passage, index), sessions: row["sessions"],
        trainees: row["trainees"])
    }

    // Decision points, in the scenario's order.
    let taken = Set(try rows("SELECT DISTINCT passage_id FROM standing WHERE scenario_id = ?", s).map { (row: Row) -> String in row["passage_id"] })
    let points = try scenario.passageOrder.filter(taken.contains).map { passage in
      let p: StatementArguments = [id, passage]
      let population = try int("SELECT count(DISTINCT trainee) FROM standing WHERE scenario_id = ? AND passage_id = ?", p)
      return ScenarioFigures.DecisionPoint(
        passage: passage,
        figures: try shown(population) {
          let strongest = Set(
            try rows("SELECT choice_index FROM best_choice WHERE scenario_id = ? AND passage_id = ?", p).map {
              (row: Row) -> Int in row["choice_index"]
            })
          let options = try (scenario.passages[passage]?.choices ?? []).map { choice in
            ScenarioFigures.OptionCount(
              choice: choice.index, text: choice.text,
              decisions: try int(
                "SELECT count(*) FROM standing WHERE scenario_id = ? AND passage_id = ? AND choice_index = ?",
                [id, passage, choice.index] as StatementArguments),
              isStrongest: strongest.contains(choice.index))
          }
          return ScenarioFigures.Distribution(
            decisions: try int("SELECT count(*) FROM standing WHERE scenario_id = ? AND passage_id = ?", p),
            trainees: population,
            tookStrongest: strongest.isEmpty
              ? nil
              : try int(
                """
                SELECT count(*) FROM standing st WHERE st.scenario_id = ? AND st.passage_id = ?
                  AND EXISTS (SELECT 1 FROM best_choice b WHERE b.scenario_id = st.scenario_id
                              AND b.passage_id = st.passage_id AND b.choice_index = st.choice_index)
                """, p),
            options: options)
        })
    }

    // Time to decide.
    let timedTrainees = try int(
      "SELECT count(DISTINCT trainee) FROM standing WHERE scenario_id = ? AND decision_ms IS NOT NULL", s)
    let time = try shown(timedTrainees) {
      ScenarioFigures.DecisionTime(
        decisions: try int("SELECT count(*) FROM standing WHERE scenario_id = ? AND decision_ms IS NOT NULL", s),
        trainees: timedTrainees,
        medianMilliseconds: try double(
          """
          SELECT avg(decision_ms) FROM (
            SELECT decision_ms, row_number() OVER (ORDER BY decision_ms) AS rn, count(*) OVER () AS c
            FROM standing WHERE scenario_id = ? AND decision_ms IS NOT NULL)
          WHERE rn IN ((c + 1) / 2, (c + 2) / 2)
          """, s))
    }

    // Reasons: asked (an answer recorded), empty, one word (spaces, tabs and newlines separate words).
    let reasonTrainees = try int(
      "SELECT count(DISTINCT trainee) FROM standing WHERE scenario_id = ? AND rationale IS NOT NULL", s)
    let rationales = try shown(reasonTrainees) {
      let row = try #require(
        try rows(
          """
          SELECT count(*) AS asked,
            sum(r = '') AS empty, sum(r <> '' AND instr(r, ' ') = 0) AS one_word
          FROM (SELECT trim(replace(replace(rationale, char(9), ' '), char(10), ' ')) AS r
                FROM standing WHERE scenario_id = ? AND rationale IS NOT NULL)
          """, s
        ).first)
      let asked: Int = row["asked"]
      let empty: Int = row["empty"]
      let oneWord: Int = row["one_word"]
      return ScenarioFigures.Rationales(
        asked: asked, trainees: reasonTrainees, empty: empty, oneWord: oneWord,
        shortShare: Double(empty + oneWord) / Double(asked))
    }

    // Repeated attempts: first and latest finished attempt of trainees who finished twice or more.
    let attempts = try rows(
      """
      SELECT DISTINCT trainee,
        first_value(total_score) OVER w AS first, last_value(total_score) OVER w AS latest, count(*) OVER w AS n
      FROM session WHERE \(finishedWhere)
      WINDOW w AS (PARTITION BY trainee ORDER BY started_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
      """, s
    ).filter { (row: Row) -> Bool in (row["n"] as Int? ?? 0) >= 2 }
    let repeated = shown(attempts.count) {
      let firsts = attempts.map { (row: Row) -> Int in row["first"] }
      let latests = attempts.map { (row: Row) -> Int in row["latest"] }
      let pairs = Array(zip(firsts, latests))
      return ScenarioFigures.RepeatedAttempts(
        trainees: attempts.count, firstMeanScore: Double(firsts.reduce(0, +)) / Double(firsts.count),
        latestMeanScore: Double(latests.reduce(0, +)) / Double(latests.count),
        improved: pairs.filter { $0.1 > $0.0 }.count, unchanged: pairs.filter { $0.1 == $0.0 }.count,
        declined: pairs.filter { $0.1 < $0.0 }.count)
    }

    return ScenarioFigures(
      trainees: trainees,
      sessionsStarted: try int("SELECT count(*) FROM session WHERE is_draft = 0 AND scenario_id = ?", s),
      sessionsFinished: try int("SELECT count(*) FROM session WHERE \(finishedWhere)", s), results: results,
      principles: principles, areas: areas, criticalDecisions: critical, decisionPoints: points, decisionTime: time,
      rationales: rationales, repeatedAttempts: repeated)
  }

  func metShare(_ row: Row, minimum: Int) -> Suppressible<ScenarioFigures.MetShare> {
    let population: Int = row["population"]
    let met: Int = row["met"]
    return population >= minimum
      ? .shown(ScenarioFigures.MetShare(trainees: population, met: met, share: Double(met) / Double(population)))
      : .suppressed(reason: "fewer than \(minimum) trainees")
  }

  func choiceText(_ scenario: Scenario, _ passage: String, _ index: Int) -> String {
    scenario.passages[passage]?.choices.first { $0.index == index }?.text ?? ""
  }
}
