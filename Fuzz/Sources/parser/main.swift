// Fuzz target `parser`: the scenario parser and compiler alone (the guide parser is fuzzed by
// `check`, which loads guides too). It must stay fast: at least 5,000 runs a second.
//
// Bytes are decoded as a scenario file would be, parsed and compiled by ScenarioLoader with every
// include refused (nothing touches the disk) and no guidance, so it stays fast. Invariants: no
// crash, and every diagnostic is positioned inside the input. Run with Scripts/fuzz.sh parser.
import CaseFormat
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  // An absolute path in a folder that does not exist: the loader canonicalises it (and the
  // folder, for includes) on every run, and a short path that resolves nowhere is the cheapest.
  let path = "/casesim-fuzz/input.case"
  guard let text = Fuzz.text(start, count, path: path) else { return 0 }
  let loaded = ScenarioLoader.load(text: text, path: path, guidance: nil, read: Fuzz.refuseIncludes)
  Fuzz.requirePositions(loaded.diagnostics, in: [path: text])
  if loaded.files != [path: text] { Fuzz.violation("loader-files", "the loader kept files it was never given") }
  return 0
}
