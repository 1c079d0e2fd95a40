// Fuzz target `json`: the JSON importer (`casesim import scenario.json`).
//
// Invariants, each trapping on violation:
// - malformed JSON is reported at a line and column inside the input;
// - a document that imports prints .case text that exports back to a document that imports to the
//   same text and an equivalent scenario (export and import are inverse);
// - every diagnostic of the imported scenario is positioned inside the .case text.
import CaseAuthoring
import CaseInterchange
import CaseFormat
import Foundation
import FuzzSupport

let guidance = Fuzz.guidance

/// Writes the export (what `casesim export --format json` prints) of every scenario in the
/// folders of `$CASESIM_FUZZ_SCENARIOS` (separated by ':') into `$CASESIM_FUZZ_SEED_DIR`, once,
/// before libFuzzer reads its corpus. Scripts/fuzz.sh sets both.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  guard let seeds = Fuzz.seedDirectory,
    let scenarios = ProcessInfo.processInfo.environment["CASESIM_FUZZ_SCENARIOS"]
  else { return 0 }
  try? FileManager.default.createDirectory(atPath: seeds, withIntermediateDirectories: true)
  for folder in scenarios.split(separator: ":").map(String.init) {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".case") }
    for name in names.sorted() {
      let loaded = ScenarioLoader.load(path: folder + "/" + name, guidance: guidance.library)
      let json = ScenarioExporter.json(loaded.scenario)
      let seed = seeds + "/export-" + (name as NSString).deletingPathExtension
      try? Data(json.utf8).write(to: URL(fileURLWithPath: seed + ".json"))
      // The same document without layout, so that more of it fits in -max_len.
      try? Data(compact(json).utf8).write(to: URL(fileURLWithPath: seed + "-compact.json"))
    }
  }
  return 0
}

/// JSON text without the whitespace between tokens.
func compact(_ json: String) -> String {
  var out = ""
  var inString = false
  var escaped = false
  for c in json {
    if inString {
      out.append(c)
      if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
    } else if c == "\"" {
      inString = true
      out.append(c)
    } else if !(c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\r\n") {
      out.append(c)
    }
  }
  return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let path = "fuzz/scenario.json"
  guard let text = Fuzz.text(start, count, path: path) else { return 0 }
  let casePath = "fuzz/imported.case"
  let imported: ScenarioImporter.Imported
  do {
    imported = try ScenarioImporter.importJSON(text, casePath: casePath, guidance: guidance.library)
  } catch {
    if case .malformedJSON(let message, let line, let column) = error {
      let at = Diagnostic.error(.notText, message, at: SourceLocation(file: path, line: line, column: column))
      Fuzz.requirePositions([at], in: [path: text], context: "(malformed JSON)", invariant: "json-position")
    }
    _ = error.description
    return 0
  }
  Fuzz.requirePositions(imported.loaded.diagnostics, in: [casePath: imported.caseText])

  // Export and import again: the same text, the same scenario.
  let exported = ScenarioExporter.json(imported.loaded.scenario)
  do {
    let again = try ScenarioImporter.importJSON(exported, casePath: casePath, guidance: guidance.library)
    if again.caseText != imported.caseText {
      Fuzz.violation("json-roundtrip", "export then import changed the .case text")
    }
    if let difference = ScenarioEquivalence.firstDifference(imported.loaded.scenario, again.loaded.scenario) {
      Fuzz.violation("json-roundtrip", "export then import changed the scenario: \(difference)")
    }
  } catch {
    Fuzz.violation("json-roundtrip", "casesim cannot import its own export of an imported document: \(error)")
  }
  return 0
}
