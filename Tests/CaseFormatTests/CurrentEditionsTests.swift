import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The guidance a trainee is scored against must be the guidance in force: a principle cited to a
/// withdrawn edition teaches what practice no longer is. Each rule names a document, the edition
/// in force, and what a citation of it must say.
@Suite("Guidance cites the editions in force")
struct CurrentEditionsTests {
  /// A document and the edition of it every citation must name.
  struct Edition {
    let document: String
    let current: String
  }

  static let editions = [
    Edition(document: "Working Together to Safeguard Children", current: "2023"),
    Edition(document: "Information sharing: advice for practitioners", current: "2024"),
    Edition(document: "Achieving Best Evidence", current: "2022"),
    Edition(document: "Keeping Children Safe in Education", current: "2025"),
  ]

  /// The parts of a `cite:` line, one source each (sources are separated by semicolons).
  static func sources(_ citation: String) -> [String] {
    citation.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// Which of `editions` a citation names with another year than the one in force, as
  /// "document (year)".
  static func withdrawnCitations(in citation: String) -> [String] {
    var found: [String] = []
    for source in sources(citation) {
      for edition in editions where source.localizedCaseInsensitiveContains(edition.document) {
        let years = source.matches(of: /\b(19|20)\d\d\b/).map { String(source[$0.range]) }
        if !years.contains(edition.current) { found.append("\(edition.document) (\(years.joined(separator: ", ")))") }
      }
    }
    return found
  }

  @Test("no principle or competency area cites a withdrawn edition of Working Together, the information-sharing advice, ABE or KCSIE")
  func everyCitationIsCurrent() throws {
    let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
    let entries = library.guidance.library.allEntries
    #expect(entries.count > 50)
    for entry in entries {
      let withdrawn = Self.withdrawnCitations(in: entry.citation)
      #expect(withdrawn.isEmpty, "\(entry.id) cites \(withdrawn.joined(separator: "; ")): \(entry.citation)")
    }
    for catalog in library.guidance.library.catalogs {
      let withdrawn = Self.withdrawnCitations(in: "\(catalog.title) (\(catalog.year))")
      #expect(withdrawn.isEmpty, "catalog \(catalog.id) is titled for \(withdrawn.joined(separator: "; "))")
    }
  }

  @Test("the check itself notices a withdrawn edition, and passes the current one")
  func theCheckCanFail() {
    #expect(
      Self.withdrawnCitations(in: "Working Together to Safeguard Children (HM Government, 2018)")
        == ["Working Together to Safeguard Children (2018)"])
    #expect(
      Self.withdrawnCitations(
        in:
          "Information sharing: advice for practitioners providing safeguarding services (HM Government, 2018); Data Protection Act 2018"
      ).count == 1)
    #expect(Self.withdrawnCitations(in: "Achieving Best Evidence in Criminal Proceedings (Ministry of Justice, 2011)").count == 1)
    #expect(Self.withdrawnCitations(in: "Working Together to Safeguard Children (HM Government, 2023)").isEmpty)
    #expect(Self.withdrawnCitations(in: "Data Protection Act 2018 (UK Parliament, 2018)").isEmpty)
  }
}
