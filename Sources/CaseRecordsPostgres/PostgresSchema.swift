/// The records schema on PostgreSQL: the same tables, columns and constraints as the SQLite
/// store's current schema (see `RecordsSchema` in CaseRecordsSQLite), with PostgreSQL's types.
///
/// Migrations are versioned and forward-only, as in SQLite: a released one is never edited, a
/// new one is appended. `casesim_migration` records which have run. Every migration runs in one
/// transaction holding an advisory lock, so several CaseSims starting against a new database at
/// once apply each migration exactly once. A database whose ledger names a migration this code
/// does not know was written by a newer CaseSim and is refused, never written to.
///
/// Times are `timestamptz`, written and read as whole milliseconds since 1970 (the precision
/// every store keeps), so a record read back equals the record written. `session.last_sequence`
/// is the session's last event number: an append takes the next one with an UPDATE, whose row
/// lock serialises concurrent writers to one session (SQLite relies on its database-wide write
/// lock for the same guarantee).
enum PostgresSchema {
  /// The advisory lock key migrations hold ("CSIM").
  static let migrationLock: Int64 = 0x4353_494D

  /// The migrations, oldest first, by version.
  static let migrations: [(version: Int, sql: [String])] = [
    (
      1,
      [
        """
        CREATE TABLE session (
          id             TEXT PRIMARY KEY,
          trainee        TEXT NOT NULL,
          scenario_id    TEXT NOT NULL,
          scenario_hash  TEXT NOT NULL,
          scenario_path  TEXT NOT NULL,
          role           TEXT NOT NULL,
          mode           TEXT NOT NULL,
          started_at     TIMESTAMPTZ NOT NULL,
          finished_at    TIMESTAMPTZ,
          ending_id      TEXT,
          outcome        TEXT,
          total_score    INTEGER,
          best_total     INTEGER,
          option_order   TEXT NOT NULL DEFAULT 'written' CHECK (option_order IN ('shuffled', 'written')),
          order_seed     BIGINT NOT NULL DEFAULT 0,
          grade          TEXT,
          is_draft       BOOLEAN NOT NULL DEFAULT false,
          group_name     TEXT,
          last_sequence  INTEGER NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
          created_order  BIGSERIAL NOT NULL
        )
        """,
        "CREATE INDEX session_by_trainee ON session (trainee, started_at)",
        "CREATE INDEX session_by_start ON session (started_at)",
        "CREATE INDEX session_by_group ON session (group_name, started_at)",
        """
        CREATE TABLE participant (
          session_id TEXT    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
          ordinal    INTEGER NOT NULL CHECK (ordinal >= 1),
          name       TEXT    NOT NULL,
          role       TEXT    NOT NULL,
          PRIMARY KEY (session_id, ordinal),
          UNIQUE (session_id, ordinal, role)
        )
        """,
        """
        CREATE TABLE event (
          id           BIGSERIAL PRIMARY KEY,
          event_id     TEXT NOT NULL UNIQUE,
          session_id   TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
          sequence     INTEGER NOT NULL CHECK (sequence >= 1),
          kind         TEXT NOT NULL CHECK (kind IN ('choice', 'undo', 'note', 'retry')),
          participant  INTEGER NOT NULL,
          role         TEXT NOT NULL,
          passage_id   TEXT,
          choice_index INTEGER,
          choice_text  TEXT,
          rationale    TEXT,
          text         TEXT,
          decision_ms  INTEGER,
          recorded_at  TIMESTAMPTZ NOT NULL,
          score_deltas TEXT NOT NULL DEFAULT '{}',
          UNIQUE (session_id, sequence),
          FOREIGN KEY (session_id, participant, role)
            REFERENCES participant (session_id, ordinal, role) ON DELETE CASCADE,
          CHECK (kind <> 'retry' OR (choice_index IS NOT NULL AND choice_index >= 1))
        )
        """,
        """
        CREATE TABLE scenario_version (
          hash        TEXT PRIMARY KEY,
          scenario_id TEXT NOT NULL,
          main_path   TEXT NOT NULL,
          files       TEXT NOT NULL
        )
        """,
      ]
    )
  ]

  /// The newest version this code knows.
  static var version: Int { migrations.last?.version ?? 0 }

  static let ledger = """
    CREATE TABLE IF NOT EXISTS casesim_migration (
      version    INTEGER PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """
}
