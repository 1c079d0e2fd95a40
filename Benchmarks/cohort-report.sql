-- The cohort report's main figures in plain SQL, for `casesim-bench --only cohort`: the reference
-- the report is timed against. One file for both command-line tools: it runs unchanged in
-- `sqlite3 FILE ".read Benchmarks/cohort-report.sql"` and in `psql -f Benchmarks/cohort-report.sql`
-- on a copy of the same records (only portable SQL: window functions, CASE, no JSON).
--
-- Covered: completions, grade bands, score distribution (min, median, max, counts), the choice
-- distribution at every decision point, median time to decide, and empty or one-word reasons,
-- per scenario, over non-draft sessions. Not covered (they need the scenario and guidance model,
-- which SQL does not have): principles and areas met, critical decisions, strongest options.

-- The decisions that stand. Walking a session's log, the number of standing decisions (depth)
-- goes up by one at a choice, down by one at an undo, and is N-1 just after a "retry N". Between
-- retries it is the retry's N-1 plus a running sum, which window functions compute. A choice
-- stands when the depth never falls below its own depth later in the log.
CREATE TEMP TABLE standing AS
WITH steps AS (
  SELECT e.session_id, e.sequence, e.kind, e.passage_id, e.choice_index, e.rationale, e.decision_ms,
    sum(CASE WHEN e.kind = 'retry' THEN 1 ELSE 0 END)
      OVER (PARTITION BY e.session_id ORDER BY e.sequence) AS segment
  FROM event e JOIN session s ON s.id = e.session_id
  WHERE NOT s.is_draft
),
depths AS (
  SELECT steps.*,
    max(CASE WHEN kind = 'retry' THEN choice_index - 1 ELSE 0 END) OVER (PARTITION BY session_id, segment)
    + sum(CASE kind WHEN 'choice' THEN 1 WHEN 'undo' THEN -1 ELSE 0 END)
        OVER (PARTITION BY session_id, segment ORDER BY sequence) AS depth
  FROM steps
),
marked AS (
  SELECT depths.*,
    min(depth) OVER (PARTITION BY session_id ORDER BY sequence ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
      AS later_low
  FROM depths
)
SELECT m.session_id, m.passage_id, m.choice_index, m.rationale, m.decision_ms, s.trainee, s.scenario_id
FROM marked m JOIN session s ON s.id = m.session_id
WHERE m.kind = 'choice' AND (m.later_low IS NULL OR m.later_low >= m.depth);

-- Completions: distinct trainees, sessions started and finished.
SELECT scenario_id, count(DISTINCT trainee) AS trainees, count(*) AS started,
  sum(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS finished
FROM session WHERE NOT is_draft
GROUP BY scenario_id ORDER BY scenario_id;

-- Grade bands of finished sessions.
SELECT scenario_id, grade, count(*) AS sessions
FROM session WHERE NOT is_draft AND finished_at IS NOT NULL
GROUP BY scenario_id, grade ORDER BY scenario_id, grade;

-- Score distribution: lowest, median, highest, best achievable, and each total with its count.
SELECT scenario_id, count(DISTINCT trainee) AS trainees, min(total_score) AS lowest,
  avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN total_score END) AS median, max(total_score) AS highest,
  max(best_total) AS best
FROM (
  SELECT scenario_id, trainee, total_score, best_total,
    row_number() OVER (PARTITION BY scenario_id ORDER BY total_score) AS rn,
    count(*) OVER (PARTITION BY scenario_id) AS c
  FROM session WHERE NOT is_draft AND finished_at IS NOT NULL
) AS finished
GROUP BY scenario_id ORDER BY scenario_id;

SELECT scenario_id, total_score, count(*) AS sessions
FROM session WHERE NOT is_draft AND finished_at IS NOT NULL
GROUP BY scenario_id, total_score ORDER BY scenario_id, total_score;

-- The choice distribution at every decision point: decisions and trainees per passage, and
-- decisions per option taken.
SELECT scenario_id, passage_id, count(*) AS decisions, count(DISTINCT trainee) AS trainees
FROM standing GROUP BY scenario_id, passage_id ORDER BY scenario_id, passage_id;

SELECT scenario_id, passage_id, choice_index, count(*) AS decisions
FROM standing GROUP BY scenario_id, passage_id, choice_index ORDER BY scenario_id, passage_id, choice_index;

-- Median time to decide.
SELECT scenario_id, count(*) AS decisions, count(DISTINCT trainee) AS trainees,
  avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN decision_ms END) AS median_ms
FROM (
  SELECT scenario_id, trainee, decision_ms,
    row_number() OVER (PARTITION BY scenario_id ORDER BY decision_ms) AS rn,
    count(*) OVER (PARTITION BY scenario_id) AS c
  FROM standing WHERE decision_ms IS NOT NULL
) AS timed
GROUP BY scenario_id ORDER BY scenario_id;

-- Reasons asked, and those given empty or as one word (tabs and line breaks separate words).
SELECT scenario_id, count(*) AS asked, count(DISTINCT trainee) AS trainees,
  sum(CASE WHEN r = '' THEN 1 ELSE 0 END) AS empty,
  sum(CASE WHEN r <> '' AND r NOT LIKE '% %' THEN 1 ELSE 0 END) AS one_word
FROM (
  SELECT scenario_id, trainee, trim(replace(replace(replace(rationale, '	', ' '), '
', ' '), '', ' ')) AS r
  FROM standing WHERE rationale IS NOT NULL
) AS reasons
GROUP BY scenario_id ORDER BY scenario_id;
