public import CaseFormat

/// Compares scenarios by meaning: what a trainee would play and a debrief would show, ignoring
/// where things were written (every source location, the file's path) and the content hash.
///
/// `fmt` uses it to prove a rewrite changed nothing, `import` to prove the `.case` text it wrote
/// says exactly what the JSON said, and the tests to check both.
///
/// The comparison walks the model by reflection, so a field added to the model is compared
/// without a change here: only what is not meaning is named, by its type (`SourceLocation`,
/// `SourceSpan`) or as the scenario's own record of where it was read (`path`, `contentHash`).
public enum ScenarioEquivalence {
  /// The scenario's fields that say where and from what bytes it was read, not what it means.
  private static let provenance: Set<String> = ["path", "contentHash"]

  /// True when the two scenarios mean the same.
  public static func areEquivalent(_ a: Scenario, _ b: Scenario) -> Bool {
    firstDifference(a, b) == nil
  }

  /// The model's own equality with every source location taken as equal and the record of where
  /// it was read cleared: quick, so `fmt` and the language server pay little for the proof on
  /// large files. It can say "different" where only where-things-were-written differs (a location
  /// present in one and absent in the other), so a "different" is checked field by field.
  private static func equalIgnoringLocations(_ a: Scenario, _ b: Scenario) -> Bool {
    var (a, b) = (a, b)
    (a.path, a.contentHash, b.path, b.contentHash) = ("", "", "", "")
    return SourceLocation.$comparingMeaningOnly.withValue(true) { a == b }
  }

  /// The first way the two differ in meaning, in words a trainer can act on; nil when equivalent.
  public static func firstDifference(_ a: Scenario, _ b: Scenario) -> String? {
    if equalIgnoringLocations(a, b) { return nil }
    // Field by field, by reflection (slow on large files, so only when the quick test failed).
    let left = MeaningWalk(a, skipping: provenance).leaves
    let right = MeaningWalk(b, skipping: provenance).leaves
    for index in 0..<max(left.count, right.count) {
      let l = index < left.count ? left[index] : nil
      let r = index < right.count ? right[index] : nil
      guard l != r else { continue }
      // Where one has a part the other lacks, name the shorter path: that is where they part.
      let path = [l?.path, r?.path].compactMap { $0 }.min { $0.count < $1.count } ?? []
      // The text that differs, where it is text, so the trainer can find it.
      let shown = [l, r].compactMap { $0 }.first { $0.path == path && $0.isText }.map { " at \"\($0.value.prefix(80))\"" } ?? ""
      return describe(path) + shown
    }
    return nil
  }

  /// A path through the model in a trainer's words: "passage 'ask', choice 2: its feedback
  /// differs".
  static func describe(_ path: [MeaningWalk.Step]) -> String {
    var steps = path[...]
    var subject = ""
    var detail: [String] = []
    switch steps.first {
    case .field("passages"):
      steps = steps.dropFirst()
      guard case .key(let id) = steps.first else { return "the passages differ" }
      subject = "passage '\(id)'"
      steps = steps.dropFirst()
      if case .field("choices") = steps.first, case .index(let number)? = steps.dropFirst().first {
        subject += ", choice \(number + 1)"
        steps = steps.dropFirst(2)
      }
    case .field("declarations"):
      steps = steps.dropFirst()
      if case .key(let name) = steps.first { return "the declaration of '\(name)' differs" }
      return "the declarations differ"
    case .field("header"):
      steps = steps.dropFirst()
      subject = "the header"
    case .field("passageOrder"):
      return "the passages differ, or are in a different order"
    case .field("startPassageID"):
      return "play starts at a different passage"
    default:
      break
    }
    for step in steps {
      if case .field(let name) = step { detail.append(words(name)) }
    }
    let what = detail.isEmpty ? "" : "its " + detail.joined(separator: ", ") + " "
    return subject.isEmpty ? "the scenarios differ: \(what)differ" : "\(subject): \(what)differs"
  }

  /// A field's name as words: `contentNote` is "content note".
  private static func words(_ name: String) -> String {
    var result = ""
    for character in name {
      if character.isUppercase {
        result += " " + character.lowercased()
      } else {
        result.append(character)
      }
    }
    return result
  }
}

/// The leaves of a model value in a fixed order, each with its path: what two values are
/// compared by. Source locations are left out wherever they are; dictionaries and sets are
/// walked in sorted order, so two equal values give the same leaves.
struct MeaningWalk {
  enum Step: Equatable, Sendable {
    case field(String)
    case key(String)
    case index(Int)
  }

  struct Leaf: Equatable {
    var path: [Step]
    var value: String
    /// True when the value is a string of the model (text as written), not a count or a case.
    var isText = false
  }

  private(set) var leaves: [Leaf] = []
  private let skipped: Set<String>

  init(_ value: Any, skipping: Set<String>) {
    skipped = skipping
    walk(value, path: [], top: true)
  }

  private mutating func walk(_ value: Any, path: [Step], top: Bool = false) {
    if value is SourceLocation || type(of: value) == Optional<SourceLocation>.self { return }
    // A span (how much of a line a condition covers) is where something is written too.
    if value is SourceSpan || type(of: value) == Optional<SourceSpan>.self { return }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .struct, .class:
      for child in mirror.children {
        guard let label = child.label, !(top && skipped.contains(label)) else { continue }
        walk(child.value, path: path + [.field(label)])
      }
    case .optional:
      if let some = mirror.children.first {
        walk(some.value, path: path)
      } else {
        leaves.append(Leaf(path: path, value: "nil"))
      }
    case .collection:
      // The elements before their count, so a difference is named by the element where it is.
      for (index, child) in mirror.children.enumerated() { walk(child.value, path: path + [.index(index)]) }
      leaves.append(Leaf(path: path, value: "[\(mirror.children.count)]"))
    case .dictionary:
      let entries = mirror.children.compactMap { child -> (key: String, value: Any)? in
        let pair = Array(Mirror(reflecting: child.value).children)
        guard pair.count == 2 else { return nil }
        return (String(describing: pair[0].value), pair[1].value)
      }.sorted { $0.key < $1.key }
      for entry in entries where !(entry.value is SourceLocation) {
        leaves.append(Leaf(path: path + [.key(entry.key)], value: "key"))
        walk(entry.value, path: path + [.key(entry.key)])
      }
    case .set:
      let members = mirror.children.map { String(describing: $0.value) }.sorted()
      leaves.append(Leaf(path: path, value: members.joined(separator: "\u{1F}")))
    case .enum:
      // A case with a payload: its name, then the payload's own leaves.
      leaves.append(Leaf(path: path, value: "case " + (mirror.children.first?.label ?? String(describing: value))))
      for child in mirror.children { walk(child.value, path: path + [.field(child.label ?? "")]) }
    case .tuple:
      for (index, child) in mirror.children.enumerated() { walk(child.value, path: path + [.index(index)]) }
    default:
      leaves.append(Leaf(path: path, value: String(describing: value), isText: value is String))
    }
  }
}
