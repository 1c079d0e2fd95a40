// Fuzz target `check`: the whole `casesim check` pipeline on one file, then `casesim fmt`.
//
// Load with the library's guidance (includes refused), the semantic checks over the state space
// (a small state limit keeps each run short), warning suppression and the diagnostic renderer;
// then the formatter. Invariants, each trapping on violation:
// - every diagnostic is positioned inside the input (or the guide it names);
// - formatting a file that has no errors succeeds, keeps its meaning (the formatted text loads to
//   an equivalent scenario with the same diagnostics) and is idempotent;
// - formatted text is reported canonical by `isCanonical`.
import CaseAuthoring
import CaseFormat
import FuzzSupport

let guidance = Fuzz.guidance
let guideTexts: [String: String] = {
  var texts: [String: String] = [:]
  for path in guidance.library.catalogs.map(\.path) {
    if case .success(let text) = ScenarioLoader.readText(path) { texts[path] = text }
  }
  return texts
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let path = "fuzz/input.case"
  guard let text = Fuzz.text(start, count, path: path) else { return 0 }
  let files = guideTexts.merging([path: text]) { _, new in new }

  var loaded = ScenarioLoader.load(text: text, path: path, guidance: guidance.library, read: Fuzz.refuseIncludes)
  let hadErrors = loaded.diagnostics.hasErrors
  if !hadErrors {
    loaded.diagnostics += SemanticChecker.check(loaded.scenario, guidance: guidance.library, stateLimit: 20_000)
  }
  Fuzz.requirePositions(loaded.diagnostics, in: files)
  loaded.diagnostics = WarningSuppression.apply(loaded.diagnostics, to: loaded)
  var sources = guidance.sources
  sources.merge(loaded.sources)
  _ = DiagnosticRenderer(sources: sources, colour: true).render(loaded.diagnostics.sortedForDisplay)

  // The same bytes as a guide file.
  let guidePath = "fuzz/input.guide"
  let (_, guideDiagnostics) = GuideParser.parse(text, path: guidePath)
  Fuzz.requirePositions(guideDiagnostics, in: [guidePath: text])

  switch ScenarioFormatter.format(text, path: path) {
  case .failure(.hasErrors(let errors)):
    if !hadErrors { Fuzz.violation("fmt-errors", "fmt found errors that check did not: \(errors)") }
  case .failure(.wouldChangeMeaning(let why)):
    if !hadErrors { Fuzz.violation("fmt-refused", "fmt refused a file without errors: \(why)") }
  case .success(let formatted):
    // Idempotent: the canonical text formats to itself.
    switch ScenarioFormatter.format(formatted, path: path) {
    case .success(let again):
      if again != formatted { Fuzz.violation("fmt-idempotent", "formatting is not idempotent") }
    case .failure(let failure):
      Fuzz.violation("fmt-idempotent", "the formatted text cannot be formatted again: \(failure)")
    }
    if !ScenarioFormatter.isCanonical(formatted, path: path) {
      Fuzz.violation("fmt-idempotent", "the formatted text is not reported canonical")
    }
    // Meaning-preserving: the same scenario, and the same problems, as the original.
    let reloaded = ScenarioLoader.load(
      text: formatted, path: path, guidance: guidance.library, read: Fuzz.refuseIncludes)
    Fuzz.requirePositions(reloaded.diagnostics, in: guideTexts.merging([path: formatted]) { _, new in new })
    if let difference = ScenarioEquivalence.firstDifference(loaded.scenario, reloaded.scenario) {
      Fuzz.violation("fmt-meaning", "formatting changed the scenario: \(difference)")
    }
    // Checked as the original was: the semantic checks too, when loading found no error.
    var recheck = reloaded.diagnostics
    if !hadErrors && !recheck.hasErrors {
      recheck += SemanticChecker.check(reloaded.scenario, guidance: guidance.library, stateLimit: 20_000)
    }
    let codes = { (d: [Diagnostic]) in d.filter { $0.severity == .error }.map(\.code.rawValue).sorted() }
    if codes(recheck) != codes(loaded.diagnostics) {
      Fuzz.violation("fmt-meaning", "formatting changed the errors: \(codes(loaded.diagnostics)) became \(codes(recheck))")
    }
  }
  return 0
}
