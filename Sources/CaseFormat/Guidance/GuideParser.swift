/// Reads `.guide` files: a header (`catalog`, `title`, `publisher`, `year`, optional `kind`) and
/// entries that start with `== id` and carry `title:`, `cite:`, `areas:` and statement prose.
public enum GuideParser {
  static let headerKeys = ["catalog", "title", "publisher", "year", "kind", "roles"]
  static let entryKeys = ["title", "cite", "areas"]

  public static func parse(_ text: String, path: String) -> (GuidanceCatalog, [Diagnostic]) {
    parse(SourceText(text), path: path)
  }

  /// Parses text already split into lines (the loader keeps the same split for diagnostics).
  static func parse(_ source: SourceText, path: String) -> (GuidanceCatalog, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var header: [String: (String, SourceLocation)] = [:]
    var entries: [GuidanceEntry] = []
    var current: (id: String, location: SourceLocation, fields: [String: String], statement: [String])?
    var isCompetencies = false

    func location(_ line: SourceLine, _ index: Int) -> SourceLocation {
      SourceLocation(file: path, line: line.number, column: index + 1)
    }
    func finishEntry() {
      guard let entry = current else { return }
      current = nil
      let requiredKeys = isCompetencies ? ["title"] : ["title", "cite", "areas"]
      for key in requiredKeys where entry.fields[key] == nil {
        diagnostics.append(
          .error(
            .missingField, "entry '\(entry.id)' has no '\(key):' line", at: entry.location,
            length: entry.id.count))
      }
      if !isCompetencies && entry.statement.isEmpty {
        diagnostics.append(
          .error(
            .missingField, "entry '\(entry.id)' has no statement; write it as prose under the fields",
            at: entry.location, length: entry.id.count))
      }
      let areas = (entry.fields["areas"] ?? "").split(separator: ",").map { String($0).trimmed }
        .filter { !$0.isEmpty }
      entries.append(
        GuidanceEntry(
          id: entry.id, title: entry.fields["title"] ?? entry.id, citation: entry.fields["cite"] ?? "",
          areas: areas, statement: entry.statement.joined(separator: " "),
          catalogID: header["catalog"]?.0 ?? "", location: entry.location))
    }

    for (offset, range) in source.lines.enumerated() {
      let line = source.line(offset)
      if range.count > SourceLimits.maximumLineBytes {
        diagnostics.append(.error(.lineTooLong, "line is too long", at: location(line, 0)))
        continue
      }
      if line.isBlank || line.isComment { continue }
      if let column = line.firstUnsafeColumn {
        diagnostics.append(
          .warning(
            .controlCharacter, "text contains a terminal control, bidirectional or invisible character; it will be shown escaped",
            at: location(line, column - 1)))
      }
      let content = line.content
      if content.hasPrefix("==") {
        finishEntry()
        var id = String(content.drop { $0 == "=" }).trimmed
        let idIndex = line.indent + (content.count - content.drop { $0 == "=" }.count)
          + content.drop { $0 == "=" }.prefix { $0 == " " }.count
        if !Identifier.isValid(id) {
          diagnostics.append(
            .error(
              .badID, "'\(id)' is not a valid guidance id (lowercase letters, digits and '-')",
              at: location(line, idIndex), length: max(1, id.count)))
          if id.isEmpty { id = "?" }
        }
        current = (id, location(line, idIndex), [:], [])
        continue
      }
      let colon = content.firstIndex(of: ":")
      let key = colon.map { String(content[..<$0]) } ?? ""
      let isField = colon != nil && !key.isEmpty && key.allSatisfy { $0.isLetter || $0 == "-" }
      if var entry = current {
        if isField, entry.statement.isEmpty, let colon {
          guard entryKeys.contains(key) else {
            diagnostics.append(
              .error(
                .unknownHeader, "unknown field '\(key)' in a guidance entry",
                at: location(line, line.indent), length: key.count,
                suggestion: Suggestions.closest(to: key, among: entryKeys)))
            continue
          }
          entry.fields[key] = String(content[content.index(after: colon)...]).trimmed
        } else {
          entry.statement.append(content.trimmed)
        }
        current = entry
      } else if isField, let colon {
        guard headerKeys.contains(key) else {
          diagnostics.append(
            .error(
              .unknownHeader, "unknown catalog header field '\(key)'",
              at: location(line, line.indent), length: key.count,
              suggestion: Suggestions.closest(to: key, among: headerKeys)))
          continue
        }
        let value = String(content[content.index(after: colon)...]).trimmed
        // The value's own column (any blanks after the colon skipped); an empty value is pointed
        // at just past the end of the line, where it is missing.
        var valueIndex = line.indent + key.count + 1
        while valueIndex < line.count, line.isBlank(at: valueIndex) { valueIndex += 1 }
        header[key] = (value, location(line, valueIndex))
        if key == "kind" {
          if value == "competencies" {
            isCompetencies = true
          } else if value != "guidance" {
            diagnostics.append(
              .error(
                .badHeader, "kind must be 'guidance' or 'competencies'",
                at: header[key]?.1, length: max(1, value.count)))
          }
        }
      } else {
        diagnostics.append(
          .error(
            .misplacedLine, "text before the first entry; start an entry with '== id'",
            at: location(line, line.indent)))
      }
    }
    finishEntry()

    let first = SourceLocation(file: path, line: 1, column: 1)
    for key in ["catalog", "title", "publisher", "year"] where header[key] == nil {
      diagnostics.append(.error(.missingHeader, "the catalog has no '\(key):' field", at: first))
    }
    var year = 0
    if let (value, location) = header["year"] {
      if let parsed = Int(value), (1900...2100).contains(parsed) {
        year = parsed
      } else {
        diagnostics.append(
          .error(.badHeader, "year must be a four-digit year", at: location, length: max(1, value.count)))
      }
    }
    let id = header["catalog"]?.0 ?? ""
    if let (value, location) = header["catalog"], !Identifier.isValid(value) {
      diagnostics.append(
        .error(.badID, "'\(value)' is not a valid catalog id", at: location, length: max(1, value.count)))
    }
    var roles: [String] = []
    if let (value, location) = header["roles"] {
      roles = value.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
      if !isCompetencies {
        diagnostics.append(
          .error(
            .badHeader, "'roles:' names the professions a competency framework belongs to; it needs 'kind: competencies'",
            at: location, length: max(1, value.count)))
      }
      for role in roles where !Identifier.isValid(role) {
        diagnostics.append(
          .error(.badID, "'\(role)' is not a valid role id (lowercase letters, digits and '-')", at: location, length: max(1, value.count)))
      }
    }
    for i in entries.indices { entries[i].catalogID = id }
    let catalog = GuidanceCatalog(
      id: id, title: header["title"]?.0 ?? "", publisher: header["publisher"]?.0 ?? "",
      year: year, isCompetencies: isCompetencies, roles: roles, entries: entries, path: path)
    return (catalog, diagnostics)
  }
}
