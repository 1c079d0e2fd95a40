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
  static let version = 2

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
    return migrator
  }

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
