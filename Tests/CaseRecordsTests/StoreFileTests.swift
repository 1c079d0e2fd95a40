import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

@Suite("SQLite record store: file, modes and durability settings")
struct StoreFileTests {
  @Test("parent directories are created 0700, the file and its sidecars 0600")
  func privateModes() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("data/casesim/casesim.sqlite")
    let store = try SQLiteRecordStore(path: path)
    let session = makeSession()
    try store.createSession(session)
    try store.append(makeChoice(session: session.id, index: 1))

    #expect(permissionBits(directory.file("data")) == 0o700)
    #expect(permissionBits(directory.file("data/casesim")) == 0o700)
    #expect(permissionBits(path) == 0o600)
    // While the store is open in WAL mode, both sidecars exist.
    #expect(permissionBits(path + "-wal") == 0o600)
    #expect(permissionBits(path + "-shm") == 0o600)
    #expect(store.path == path)
  }

  @Test("an existing database keeps the mode its owner set; a loose one is reported, never changed")
  func existingFileTightened() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    do {
      let store = try SQLiteRecordStore(path: path)
      try store.createSession(makeSession())
    }
    #expect(chmod(path, 0o644) == 0)
    if permissionBits(path + "-wal") != nil {
      #expect(chmod(path + "-wal", 0o666) == 0)
    }
    #expect(permissionBits(path) == 0o644)

    let store = try SQLiteRecordStore(path: path)
    #expect(try store.sessions(trainee: nil, includeDrafts: true).count == 1)
    #expect(permissionBits(path) == 0o644)
    #expect(store.modeWarning?.contains("mode 644") == true)

    // Read-only by its owner: opened read-only, readable, never made writable, writes refused.
    #expect(chmod(path, 0o444) == 0)
    let readOnly = try SQLiteRecordStore(path: path)
    #expect(try readOnly.sessions(trainee: nil, includeDrafts: true).count == 1)
    #expect(throws: RecordStoreError.self) { try readOnly.createSession(makeSession()) }
    #expect(permissionBits(path) == 0o444)
    let fresh = try SQLiteRecordStore(path: directory.file("new.sqlite"))
    #expect(fresh.modeWarning == nil)
  }

  @Test("the connection uses WAL, synchronous FULL, foreign keys and a busy timeout >= 5 s")
  func durabilitySettings() throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteRecordStore(path: directory.file("casesim.sqlite"))
    #expect(try store.pragma("journal_mode") == "wal")
    // 2 is FULL (0 OFF, 1 NORMAL, 3 EXTRA).
    #expect(try store.pragma("synchronous") == "2")
    #expect(try store.pragma("foreign_keys") == "1")
    let busyTimeout = try #require(try store.pragma("busy_timeout").flatMap { Int($0) })
    #expect(busyTimeout >= 5000)
  }

  @Test("the file is marked as a CaseSim database at the current schema version, 5")
  func schemaMarkers() throws {
    let directory = try TemporaryDirectory()
    let store = try SQLiteRecordStore(path: directory.file("casesim.sqlite"))
    #expect(try store.pragma("application_id") == String(RecordsSchema.applicationID))
    #expect(try store.pragma("user_version") == "5")
  }

  @Test("the event table refuses rows for sessions that do not exist")
  func foreignKeysEnforced() throws {
    let store = try SQLiteRecordStore.inMemory()
    #expect(throws: (any Error).self) {
      try store.executeUnchecked(
        """
        INSERT INTO event (session_id, sequence, kind, recorded_at)
        VALUES ('nope', 1, 'note', '2026-01-01T00:00:00.000Z')
        """)
    }
  }

  @Test("an in-memory store works without a file")
  func inMemoryStore() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    try store.append(makeChoice(session: session.id, index: 1))
    #expect(try store.events(forSession: session.id).count == 1)
    #expect(store.path == ":memory:")
    // Each in-memory store is private.
    #expect(try SQLiteRecordStore.inMemory().sessions(trainee: nil, includeDrafts: true).isEmpty)
  }
}
