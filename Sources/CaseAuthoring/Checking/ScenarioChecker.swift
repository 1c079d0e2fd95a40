public import CaseFormat

/// Everything `casesim check` says about one scenario file: the compiler's diagnostics, then (when
/// it compiled) the semantic checks, with warnings the author silenced removed.
public enum ScenarioChecker {
  public static func check(path: String, guidance: GuidanceLibrary) -> LoadedScenario {
    var loaded = ScenarioLoader.load(path: path, guidance: guidance)
    if !loaded.diagnostics.hasErrors {
      loaded.diagnostics += SemanticChecker.check(loaded.scenario, guidance: guidance)
    }
    loaded.diagnostics = WarningSuppression.apply(loaded.diagnostics, sources: loaded.sources)
    return loaded
  }
}
