import ArgumentParser
import CaseAuthoring

/// The writing-quality checks of `check`: the reading-ease target, and spelling with Hunspell
/// (which program, which dictionary, or none).
struct WritingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Warn about passages whose Flesch reading ease is below this (default \(Int(WritingChecks.defaultReadingEase)); 0 turns the check off).",
      valueName: "n"))
  var readingEase: Double = WritingChecks.defaultReadingEase

  @Flag(help: "Do not check spelling.")
  var noSpelling = false

  @Option(
    help: ArgumentHelp(
      "Hunspell's dictionary: a name ('hunspell -D' lists them) or the path of a .dic file without '.dic' (default \(Speller.Settings.defaultDictionary)).",
      valueName: "name"))
  var dictionary: String = Speller.Settings.defaultDictionary

  @Option(help: ArgumentHelp("The Hunspell program to run (default: 'hunspell' on PATH).", valueName: "path"))
  var hunspell: String = "hunspell"

  func validate() throws {
    if !(0...100).contains(readingEase) { throw ValidationError("--reading-ease must be from 0 to 100") }
  }

  /// The spell checker for the whole run (and every run of `--watch`, which keeps what it learnt).
  func speller(searchPath: String?) -> Speller? {
    noSpelling ? nil : Speller(settings: .init(hunspell: hunspell, dictionary: dictionary, searchPath: searchPath))
  }

  func checks(speller: Speller?, libraryRoot: String?) -> WritingChecks {
    WritingChecks(readingEaseTarget: readingEase > 0 ? readingEase : nil, speller: speller, libraryRoot: libraryRoot)
  }
}
