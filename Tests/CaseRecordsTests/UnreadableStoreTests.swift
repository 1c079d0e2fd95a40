import CaseRecords
import Foundation
import Testing

@testable import CaseRecordsSQLite

@Suite("SQLite record store: files it must refuse")
struct UnreadableStoreTests {
  /// Opens `path`, expecting `unreadable` for that path; returns the reason.
  private func unreadableReason(_ path: String) throws -> String {
    let error = try #require(throws: RecordStoreError.self) {
      _ = try SQLiteRecordStore(path: path)
    }
    guard case .unreadable(let errorPath, let reason) = error else {
      Issue.record("expected unreadable, got \(error)")
      return ""
    }
    #expect(errorPath == path)
    #expect(error.description.hasPrefix("cannot use the records file \(path): "))
    return reason
  }

  @Test("a file of random bytes is refused and left untouched")
  func randomBytes() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("notes.sqlite")
    var generator = SystemRandomNumberGenerator()
    let bytes = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(chmod(path, 0o644) == 0)

    let reason = try unreadableReason(path)
    #expect(reason.contains("not an SQLite database"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    #expect(permissionBits(path) == 0o644)
    #expect(permissionBits(path + "-wal") == nil)
  }

  @Test("a short text file is refused")
  func shortTextFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    try Data("hello\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try unreadableReason(path).contains("not an SQLite database"))
  }

  @Test("a file that passes the header check but is corrupt is refused by SQLite")
  func corruptAfterHeader() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    var bytes = Data("SQLite format 3\0".utf8)
    bytes.append(Data(repeating: 0xA5, count: 4080))
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(try unreadableReason(path).contains("not an SQLite database"))
  }

  @Test("a directory is refused")
  func directoryPath() throws {
    let directory = try TemporaryDirectory()
    #expect(try unreadableReason(directory.path).contains("directory"))
  }

  @Test("a path under a regular file cannot be created")
  func uncreatableParent() throws {
    let directory = try TemporaryDirectory()
    let blocker = directory.file("blocker")
    try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
    let reason = try unreadableReason(blocker + "/sub/casesim.sqlite")
    #expect(reason.contains("cannot create"))
  }

  @Test("an SQLite database of another program is refused")
  func foreignDatabase() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("other.sqlite")
    do {
      let store = try SQLiteRecordStore(path: path)
      // Make it look like someone else's: another application id.
      try store.executeUnchecked("PRAGMA application_id = 42")
    }
    #expect(try unreadableReason(path).contains("another program"))
  }

  @Test("a database with tables but no CaseSim mark is refused, not migrated into")
  func unmarkedDatabase() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("other.sqlite")
    do {
      let store = try SQLiteRecordStore(path: path)
      try store.executeUnchecked(
        """
        PRAGMA application_id = 0;
        DROP TABLE event; DROP TABLE session; DROP TABLE grdb_migrations;
        CREATE TABLE recipes (name TEXT);
        """)
    }
    #expect(try unreadableReason(path).contains("another program"))
  }

  @Test("a CaseSim database from a newer version is refused")
  func newerSchemaByMigration() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    do {
      let store = try SQLiteRecordStore(path: path)
      try store.executeUnchecked("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
    }
    let reason = try unreadableReason(path)
    #expect(reason.contains("newer CaseSim"))
  }

  @Test("a CaseSim database with a newer user_version is refused")
  func newerSchemaByVersion() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("casesim.sqlite")
    do {
      let store = try SQLiteRecordStore(path: path)
      try store.executeUnchecked("PRAGMA user_version = 7")
    }
    let reason = try unreadableReason(path)
    #expect(reason.contains("schema version 7"))
  }

  @Test("damaged rows are reported as unreadable, not a crash")
  func damagedRow() throws {
    let store = try SQLiteRecordStore.inMemory()
    let session = makeSession()
    try store.createSession(session)
    try store.executeUnchecked("UPDATE session SET started_at = 'yesterday'")
    let error = try #require(throws: RecordStoreError.self) {
      _ = try store.session(id: session.id)
    }
    guard case .unreadable(_, let reason) = error else {
      Issue.record("expected unreadable, got \(error)")
      return
    }
    #expect(reason.contains("started_at"))
  }
}
