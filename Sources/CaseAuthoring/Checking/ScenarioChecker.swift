public import CaseFormat
import Foundation

/// Everything `casesim check` says about scenario files: the compiler's diagnostics, then (when a
/// scenario compiled) the semantic checks and the writing-quality checks, with warnings the
/// author silenced removed.
public enum ScenarioChecker {
  /// What checking several scenarios found: each scenario with its diagnostics, and the notes
  /// about the run as a whole (spelling skipped, and why), to be said once.
  public struct Checked: Sendable {
    public var scenarios: [LoadedScenario]
    public var notes: [Diagnostic]
  }

  /// Checks the file at `path`, exploring up to `stateLimit` states and `transitionLimit`
  /// transitions per role (nil: the default for the scenario's size, see `StateSpace.Bounds`).
  /// Notes about the run are added to the scenario's diagnostics.
  public static func check(
    path: String, guidance: GuidanceLibrary, stateLimit: Int? = nil, transitionLimit: Int? = nil,
    writing: WritingChecks = WritingChecks()
  ) -> LoadedScenario {
    let checked = check(paths: [path], guidance: guidance, stateLimit: stateLimit, transitionLimit: transitionLimit, writing: writing)
    var loaded = checked.scenarios[0]
    loaded.diagnostics += checked.notes
    return loaded
  }

  /// Checks the files at `paths` (on all cores), running the spell checker once for all of them.
  public static func check(
    paths: [String], guidance: GuidanceLibrary, stateLimit: Int? = nil, transitionLimit: Int? = nil,
    writing: WritingChecks = WritingChecks()
  ) -> Checked {
    let loaded = paths.concurrentMap { ScenarioLoader.load(path: $0, guidance: guidance) }
    return check(loaded, guidance: guidance, stateLimit: stateLimit, transitionLimit: transitionLimit, writing: writing)
  }

  /// Checks scenarios already loaded (the language server's open documents, as typed).
  public static func check(
    _ scenarios: [LoadedScenario], guidance: GuidanceLibrary, stateLimit: Int? = nil, transitionLimit: Int? = nil,
    writing: WritingChecks = WritingChecks()
  ) -> Checked {
    let spelling = writing.speller != nil
    // Each word list read once for the run, however many scenarios share it (the library's).
    let listFiles = scenarios.map { WordList.files(libraryRoot: writing.libraryRoot, besideScenario: $0.scenario.path) }
    let wordLists = spelling ? Dictionary(uniqueKeysWithValues: Set(listFiles).map { ($0, WordList.load(files: $0)) }) : [:]
    let firstPass = Array(zip(scenarios, listFiles)).concurrentMap { loaded, files -> (scenario: LoadedScenario, words: [WrittenWord]) in
      var loaded = loaded
      guard !loaded.diagnostics.hasErrors else { return (loaded, []) }
      loaded.diagnostics += SemanticChecker.check(
        loaded.scenario, guidance: guidance, stateLimit: stateLimit, transitionLimit: transitionLimit)
      loaded.diagnostics += writing.readingDiagnostics(loaded.scenario)
      guard spelling else { return (loaded, []) }
      return (loaded, SpellingCheck.candidates(loaded, wordList: wordLists[files] ?? WordList([])))
    }
    var notes: [Diagnostic] = []
    var verdicts: [String: Speller.Verdict] = [:]
    if let speller = writing.speller {
      let words = Set(firstPass.flatMap { $0.words.map(\.word) })
      switch speller.verdicts(for: words) {
      case .success(let found): verdicts = found
      case .failure(let unavailable):
        notes.append(
          Diagnostic(
            .note, .spellingSkipped, "spelling was not checked: \(unavailable.reason)", at: nil))
      }
    }
    let dictionary = (writing.speller?.settings.dictionary ?? "") as NSString
    let checked = firstPass.map { pass in
      var loaded = pass.scenario
      loaded.diagnostics += SpellingCheck.diagnostics(pass.words, verdicts: verdicts, dictionary: dictionary.lastPathComponent)
      loaded.diagnostics = WarningSuppression.apply(loaded.diagnostics, to: loaded)
      return loaded
    }
    return Checked(scenarios: checked, notes: notes)
  }
}
