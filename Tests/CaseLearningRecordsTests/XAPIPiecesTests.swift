import CaseLearningRecords
import CaseTestSupport
import Foundation
import Testing

/// The small parts: durations, timestamps, name-based UUIDs and the pseudonym key file.
@Suite("xAPI formats, ids and the pseudonym key")
struct XAPIPiecesTests {
  @Test(
    "durations in ISO 8601, to the hundredth of a second",
    arguments: [
      (41_275, "PT41.27S"), (0, "PT0S"), (500, "PT0.5S"), (1_005, "PT1S"), (60_000, "PT1M"), (3_723_450, "PT1H2M3.45S"),
      (90_061_000, "P1DT1H1M1S"), (86_400_000, "P1D"), (-5, "PT0S"), (7, "PT0S"), (10, "PT0.01S"),
    ])
  func duration(milliseconds: Int, expected: String) {
    #expect(XAPITime.duration(milliseconds: milliseconds) == expected)
  }

  @Test("timestamps in UTC to the millisecond")
  func timestamp() {
    #expect(XAPITime.timestamp(Date(timeIntervalSince1970: 1_790_000_000.512)) == "2026-09-21T14:13:20.512Z")
    #expect(XAPITime.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(XAPITime.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
  }

  @Test("version-5 UUIDs match RFC 4122's algorithm (Python's uuid5 gives the same)")
  func nameBased() throws {
    let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
    #expect(NameBasedUUID.make(namespace: dns, name: "www.example.com") == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    #expect(NameBasedUUID.make(name: "urn:a") == NameBasedUUID.make(name: "urn:a"))
    #expect(NameBasedUUID.make(name: "urn:a") != NameBasedUUID.make(name: "urn:b"))
    #expect(NameBasedUUID.isUUID("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"))
    #expect(!NameBasedUUID.isUUID("0f1e2d3c"))
  }

  @Test("the key is made once, 0600 in a 0700 folder, and read back; a file that is not a key is refused")
  func keyFile() throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/config/casesim/pseudonym.key"
    let (first, warning) = try Pseudonymiser.keptAt(path)
    #expect(warning == nil)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: directory + "/config/casesim")
    #expect((folder[.posixPermissions] as? Int) == 0o700)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.count == 65 && text.hasSuffix("\n"))
    let (second, _) = try Pseudonymiser.keptAt(path)
    #expect(first.pseudonym(for: "Alex") == second.pseudonym(for: "Alex"), "the kept key is reused")
    #expect(first.pseudonym(for: "Alex").hasPrefix("p-") && first.pseudonym(for: "Alex").count == 34)

    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(try Pseudonymiser.keptAt(path).warning?.contains("chmod 600") == true)

    let notKey = directory + "/not.key"
    try "hello\n".write(toFile: notKey, atomically: true, encoding: .utf8)
    #expect(throws: PseudonymKeyError.notAKey(path: notKey)) { try Pseudonymiser.keptAt(notKey) }
  }
}
