import CaseRecords
import GRDB

/// The records schema, its migrations, and the checks that a file is one of ours.
///
/// Migrations are forward-only and named ("v1", "v2", ...): a released migration is never
/// edited, a new one is appended. The file is marked with an SQLite `application_id`, so a
/// database from another program is refused instead of being migrated into, and with
/// `user_version` equal to ``version``, which `casesim doctor` and the `sqlite3` tool can show.
enum RecordsSchema {
  /// `PRAGMA application_id` of a CaseSim records database: "CSIM" in ASCII.
  static let applicationID: Int32 = 0x4353_494D
  /// `PRAGMA user_version` after the newest migration this code knows.
  static let version = 5

  /// The migrations, oldest first. Each runs in its own IMMEDIATE transaction.
  static func makeMigrator() -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      // Dates are ISO-8601 UTC text with milliseconds (see TimestampText), which sorts in time
      // order. session_by_trainee serves sessions(trainee:) and latestUnfinishedSession;
      // session_by_start serves the all-trainees listing. The UNIQUE constraint's index on
      // (session_id, sequence) serves events(forSession:) and the next-sequence lookup.
      try db.execute(
        sql: """
          CREATE TABLE session (
            id            TEXT NOT NULL PRIMARY KEY,
            trainee       TEXT NOT NULL,
            scenario_id   TEXT NOT NULL,
            scenario_hash TEXT NOT NULL,
            scenario_path TEXT NOT NULL,
            role          TEXT NOT NULL,
            mode          TEXT NOT NULL,
            started_at    TEXT NOT NULL,
            finished_at   TEXT,
            ending_id     TEXT,
            outcome       TEXT,
            total_score   INTEGER,
            best_total    INTEGER
          );
          CREATE INDEX session_by_trainee ON session (trainee, started_at);
          CREATE INDEX session_by_start ON session (started_at);

          CREATE TABLE event (
            id           INTEGER PRIMARY KEY,
            session_id   TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
            sequence     INTEGER NOT NULL CHECK (sequence >= 1),
            kind         TEXT NOT NULL CHECK (kind IN ('choice', 'undo', 'note')),
            passage_id   TEXT,
            choice_index INTEGER,
            choice_text  TEXT,
            role         TEXT,
            rationale    TEXT,
            text         TEXT,
            decision_ms  INTEGER,
            recorded_at  TEXT NOT NULL,
            score_deltas TEXT NOT NULL DEFAULT '{}',
            UNIQUE (session_id, sequence)
          );

          PRAGMA application_id = \(applicationID);
          PRAGMA user_version = 1;
          """)
    }
    migrator.registerMigration("v2") { db in
      // Option order (shuffled per session, or as written), the grade band, drafts kept apart,
      // and the exact scenario text each session was played on. Sessions from v1 were shown in
      // written order and are not drafts, which the defaults say.
      try db.execute(
        sql: """
          ALTER TABLE session ADD COLUMN option_order TEXT NOT NULL DEFAULT 'written'
            CHECK (option_order IN ('shuffled', 'written'));
          ALTER TABLE session ADD COLUMN order_seed INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE session ADD COLUMN grade TEXT;
          ALTER TABLE session ADD COLUMN is_draft INTEGER NOT NULL DEFAULT 0;

          CREATE TABLE scenario_version (
            hash        TEXT NOT NULL PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            main_path   TEXT NOT NULL,
            files       TEXT NOT NULL
          );

          PRAGMA user_version = 2;
          """)
    }
    migrator.registerMigration("v3") { db in
      try db.execute(sql: v3)
    }
    migrator.registerMigration("v4") { db in
      try db.execute(sql: v4)
    }
    migrator.registerMigration("v5") { db in
      try db.execute(sql: v5)
    }
    return migrator
  }

  /// Participants, and the participant who made each event (team play builds on this).
  ///
  /// A session is played by one or more participants (a name and the role they play; a role may
  /// have two, or none, left to the scenario's default), numbered 1, 2, ... within it. Every
  /// event names its participant and carries that participant's role: the composite foreign key
  /// (session_id, participant, role) -> participant (session_id, ordinal, role) lets no event
  /// claim a person, or a role, its session does not have.
  ///
  /// What v2 recorded reads as a team of one: participant 1 is the session's trainee in the
  /// session's role, and every event is theirs (an event without a role took the session's).
  /// Should an old event carry another role than its session's (CaseSim never wrote one, but a
  /// file may have been edited), the trainee gains a participant in that role rather than the
  /// event being changed or lost. The event table is rebuilt to take the composite key and the
  /// NOT NULL columns (SQLite cannot add them to a table); row ids, and so the order of rows, are
  /// kept. Events of no session (possible only in a file written with foreign keys off) are not
  /// copied: nothing could read them, and they would fail GRDB's foreign-key check of the
  /// migration.
  static let v3 = """
    CREATE TABLE participant (
      session_id TEXT    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      ordinal    INTEGER NOT NULL CHECK (ordinal >= 1),
      name       TEXT    NOT NULL,
      role       TEXT    NOT NULL,
      PRIMARY KEY (session_id, ordinal),
      UNIQUE (session_id, ordinal, role)
    );

    INSERT INTO participant (session_id, ordinal, name, role)
      SELECT id, 1, trainee, role FROM session;
    INSERT INTO participant (session_id, ordinal, name, role)
      SELECT session_id, 1 + row_number() OVER (PARTITION BY session_id ORDER BY first_sequence),
             trainee, role
      FROM (SELECT e.session_id, s.trainee, e.role, min(e.sequence) AS first_sequence
            FROM event e JOIN session s ON s.id = e.session_id
            WHERE e.role IS NOT NULL AND e.role <> s.role
            GROUP BY e.session_id, e.role);

    CREATE TABLE event_v3 (
      id           INTEGER PRIMARY KEY,
      session_id   TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      sequence     INTEGER NOT NULL CHECK (sequence >= 1),
      kind         TEXT NOT NULL CHECK (kind IN ('choice', 'undo', 'note')),
      participant  INTEGER NOT NULL,
      role         TEXT NOT NULL,
      passage_id   TEXT,
      choice_index INTEGER,
      choice_text  TEXT,
      rationale    TEXT,
      text         TEXT,
      decision_ms  INTEGER,
      recorded_at  TEXT NOT NULL,
      score_deltas TEXT NOT NULL DEFAULT '{}',
      UNIQUE (session_id, sequence),
      FOREIGN KEY (session_id, participant, role)
        REFERENCES participant (session_id, ordinal, role)
    );
    INSERT INTO event_v3 (
      id, session_id, sequence, kind, participant, role, passage_id, choice_index, choice_text,
      rationale, text, decision_ms, recorded_at, score_deltas)
      SELECT e.id, e.session_id, e.sequence, e.kind, p.ordinal, p.role, e.passage_id,
             e.choice_index, e.choice_text, e.rationale, e.text, e.decision_ms, e.recorded_at,
             e.score_deltas
      FROM event e
      JOIN session s ON s.id = e.session_id
      JOIN participant p ON p.session_id = e.session_id AND p.role = coalesce(e.role, s.role);
    DROP TABLE event;
    ALTER TABLE event_v3 RENAME TO event;

    PRAGMA user_version = 3;
    """

  /// Retry: going back to decision N to take it again (practice mode), a kind of event of its own
  /// so that the record says what the trainee did rather than a run of undos. The event's
  /// `choice_index` is the decision's number, at least 1. SQLite cannot change a CHECK
  /// constraint, so the event table is rebuilt with every row, row id and column as it was.
  static let v4 = """
    CREATE TABLE event_v4 (
      id           INTEGER PRIMARY KEY,
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
      recorded_at  TEXT NOT NULL,
      score_deltas TEXT NOT NULL DEFAULT '{}',
      UNIQUE (session_id, sequence),
      FOREIGN KEY (session_id, participant, role)
        REFERENCES participant (session_id, ordinal, role),
      CHECK (kind <> 'retry' OR (choice_index IS NOT NULL AND choice_index >= 1))
    );
    INSERT INTO event_v4 (
      id, session_id, sequence, kind, participant, role, passage_id, choice_index, choice_text,
      rationale, text, decision_ms, recorded_at, score_deltas)
      SELECT id, session_id, sequence, kind, participant, role, passage_id, choice_index,
             choice_text, rationale, text, decision_ms, recorded_at, score_deltas
      FROM event;
    DROP TABLE event;
    ALTER TABLE event_v4 RENAME TO event;

    PRAGMA user_version = 4;
    """

  /// Event ids, training groups, and what the outbox has forwarded.
  ///
  /// Every event gains its own id (a UUID, unique in the store), which makes forwarding to a
  /// shared store idempotent and is the xAPI statement id. Events recorded before v5 are given a
  /// random version-4 UUID once, here; it never changes afterwards, so exports stay idempotent.
  /// Sessions gain the training group they were played in (`group_name`: `group` is an SQL
  /// keyword). `forwarded` is the outbox's ledger: per shared store (its address without any
  /// password) and session, the last sequence the shared store acknowledged and whether it has
  /// the ending, so `casesim sync` sends only what is missing. The event table is rebuilt, as in
  /// v4, to make the id NOT NULL and UNIQUE; rows, row ids and columns are kept.
  static let v5 = """
    ALTER TABLE session ADD COLUMN group_name TEXT;
    CREATE INDEX session_by_group ON session (group_name, started_at);

    CREATE TABLE event_v5 (
      id           INTEGER PRIMARY KEY,
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
      recorded_at  TEXT NOT NULL,
      score_deltas TEXT NOT NULL DEFAULT '{}',
      UNIQUE (session_id, sequence),
      FOREIGN KEY (session_id, participant, role)
        REFERENCES participant (session_id, ordinal, role),
      CHECK (kind <> 'retry' OR (choice_index IS NOT NULL AND choice_index >= 1))
    );
    INSERT INTO event_v5 (
      id, event_id, session_id, sequence, kind, participant, role, passage_id, choice_index,
      choice_text, rationale, text, decision_ms, recorded_at, score_deltas)
      SELECT id,
             lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
               || substr(lower(hex(randomblob(2))), 2) || '-'
               || substr('89ab', 1 + (abs(random()) % 4), 1)
               || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
             session_id, sequence, kind, participant, role, passage_id, choice_index,
             choice_text, rationale, text, decision_ms, recorded_at, score_deltas
      FROM event;
    DROP TABLE event;
    ALTER TABLE event_v5 RENAME TO event;

    CREATE TABLE forwarded (
      store       TEXT    NOT NULL,
      session_id  TEXT    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      sequence    INTEGER NOT NULL DEFAULT 0,
      has_ending  INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (store, session_id)
    );

    PRAGMA user_version = 5;
    """

  /// Brings the database at `path` up to the current schema, or explains why it cannot.
  ///
  /// Several processes may open a new file at once. Each migration is its own transaction and
  /// GRDB's migrator decides what to apply before it takes the write lock, so a process that lost
  /// the race fails on work another has just committed ("table session already exists"),
  /// possibly with later migrations still to do. It then carries on from what is applied now;
  /// each retry follows another process's progress, so there are at most as many retries as
  /// migrations, and a failure counts only when nobody made progress.
  static func prepare(_ queue: DatabaseQueue, path: String) throws {
    let migrator = makeMigrator()
    let isCurrent = try queue.read { db -> Bool in
      try checkIdentity(db, migrator: migrator, path: path)
      return try migrator.hasCompletedMigrations(db)
    }
    guard !isCurrent else { return }
    while true {
      let appliedBefore = try queue.read { try migrator.appliedIdentifiers($0) }
      do {
        try migrator.migrate(queue)
        return
      } catch {
        let (complete, appliedNow) = try queue.read { db -> (Bool, Set<String>) in
          try checkIdentity(db, migrator: migrator, path: path)
          return (try migrator.hasCompletedMigrations(db), try migrator.appliedIdentifiers(db))
        }
        if complete { return }
        guard appliedNow.count > appliedBefore.count else { throw error }
      }
    }
  }

  /// For a store opened read-only: it must already be a CaseSim database at the current schema,
  /// since nothing may be migrated or created in it.
  static func checkReadable(_ queue: DatabaseQueue, path: String) throws {
    let migrator = makeMigrator()
    try queue.read { db in
      try checkIdentity(db, migrator: migrator, path: path)
      guard try migrator.hasCompletedMigrations(db) else {
        throw RecordStoreError.unreadable(
          path: path,
          reason: "it is read-only (its owner set it so) and was written by an older CaseSim; make it writable once so it can be brought up to date")
      }
    }
  }

  /// Throws `unreadable` unless the database is empty or a CaseSim database this code can
  /// read.
  private static func checkIdentity(
    _ db: Database, migrator: DatabaseMigrator, path: String
  ) throws {
    let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    if application == applicationID {
      let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      if try userVersion > version || migrator.hasBeenSuperseded(db) {
        throw RecordStoreError.unreadable(
          path: path,
          reason: "it was written by a newer CaseSim (schema version \(userVersion), "
            + "this one knows up to \(version)); upgrade casesim to open it")
      }
      return
    }
    // GRDB creates grdb_migrations outside the first migration's transaction, so another
    // process may see it (empty) before "v1" commits: it does not make the file foreign.
    let objectCount =
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name <> 'grdb_migrations'") ?? 0
    if application != 0 || objectCount > 0 {
      throw RecordStoreError.unreadable(
        path: path, reason: "it is an SQLite database of another program, not CaseSim records")
    }
  }
}
