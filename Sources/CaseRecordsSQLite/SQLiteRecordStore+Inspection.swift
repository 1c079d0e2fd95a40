import GRDB

/// Access to the raw connection for checks that the protocol does not cover.
///
/// Internal on purpose: tests use it (through `@testable import`) to verify the durability
/// settings on the store's own connection, and to simulate files written by other programs or
/// by a newer CaseSim. `casesim doctor` may later want a public, read-only form of `pragma`.
extension SQLiteRecordStore {
  /// The current value of a PRAGMA on this store's connection, as text; nil for a name that
  /// is not a plain identifier.
  func pragma(_ name: String) throws -> String? {
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) else {
      return nil
    }
    return try dbQueue.read { db in
      try String.fetchOne(db, sql: "PRAGMA \(name)")
    }
  }

  /// Runs SQL statements outside the store's own rules, in one transaction.
  func executeUnchecked(_ sql: String) throws {
    try dbQueue.write { db in
      try db.execute(sql: sql)
    }
  }
}
