/// Tools for scenario authors, built on the format and the engine: pictures of the branching,
/// the canonical formatter and scaffold, and interchange with JSON and Twine.
public enum CaseAuthoring {}
