public import CaseFormat

/// Everything `casesim check` says about one scenario file: the compiler's diagnostics, then (when
/// it compiled) the semantic checks, with warnings the author silenced removed.
public enum ScenarioChecker {
  /// Checks the file at `path`, exploring up to `stateLimit` states and `transitionLimit`
  /// transitions per role (nil: the default for the scenario's size, see `StateSpace.Bounds`).
  public static func check(
    path: String, guidance: GuidanceLibrary, stateLimit: Int? = nil, transitionLimit: Int? = nil
  ) -> LoadedScenario {
    var loaded = ScenarioLoader.load(path: path, guidance: guidance)
    if !loaded.diagnostics.hasErrors {
      loaded.diagnostics += SemanticChecker.check(
        loaded.scenario, guidance: guidance, stateLimit: stateLimit, transitionLimit: transitionLimit)
    }
    loaded.diagnostics = WarningSuppression.apply(loaded.diagnostics, to: loaded)
    return loaded
  }
}
