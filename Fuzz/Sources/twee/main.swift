// Fuzz target `twee`: the Twine importer (`casesim import story.twee`).
//
// Invariants, each trapping on violation:
// - every diagnostic is positioned inside the .twee input;
// - errors come only with no output, and output only without errors;
// - the .case text written for input without errors loads without errors against the library's
//   guidance (TweeImporter's promise), fits the file limit a scenario file may have, and is in the
//   canonical layout `casesim fmt` would give it.
import CaseAuthoring
import CaseInterchange
import CaseFormat
import FuzzSupport

let guidance = Fuzz.guidance

@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let path = "fuzz/story.twee"
  guard let text = Fuzz.text(start, count, path: path) else { return 0 }
  let (caseText, diagnostics) = TweeImporter.convert(text: text, path: path)
  Fuzz.requirePositions(diagnostics, in: [path: text])
  var sources = SourceStore()
  sources.add(path: path, text: text)
  _ = DiagnosticRenderer(sources: sources).render(diagnostics.sortedForDisplay)
  if diagnostics.hasErrors {
    if !caseText.isEmpty { Fuzz.violation("twee-output", "the import reported errors and still wrote .case text") }
    return 0
  }
  if caseText.isEmpty { Fuzz.violation("twee-output", "the import reported no error and wrote nothing") }

  let casePath = "fuzz/imported.case"
  let loaded = ScenarioLoader.load(text: caseText, path: casePath, guidance: guidance.library, read: Fuzz.refuseIncludes)
  Fuzz.requirePositions(loaded.diagnostics, in: [casePath: caseText])
  if loaded.diagnostics.hasErrors {
    let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.description)
    Fuzz.violation("twee-loads", "well-formed Twee imported to .case text that does not load: \(errors)")
  }
  if caseText.utf8.count > SourceLimits.maximumFileBytes {
    Fuzz.violation("twee-size", "the import wrote \(caseText.utf8.count) bytes, more than a .case file may have")
  }
  switch ScenarioFormatter.format(caseText, path: casePath) {
  case .success(let formatted):
    if formatted != caseText { Fuzz.violation("twee-canonical", "the imported .case text is not in the canonical layout") }
  case .failure(let failure):
    Fuzz.violation("twee-canonical", "the imported .case text cannot be formatted: \(failure)")
  }
  return 0
}
