import CaseFormat

/// The format's identifier rule (scenario, passage, flag, counter, role and guidance ids): a
/// lowercase ASCII letter, then lowercase letters, digits and hyphens, not ending in a hyphen.
/// It is CaseFormat's own rule, offered here under the name the authoring tools use.
public enum KebabCase {
  public static func isValid(_ text: String) -> Bool { Identifier.isValid(text) }
}
