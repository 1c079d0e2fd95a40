import CaseFormat
import CaseAuthoring
import Foundation

/// The story format a Twine story was written for, which decides what counts as code in its
/// passages: `(set:)` is a Harlowe macro but plain text in SugarCube, `{name}` is a Chapbook
/// insert but plain text elsewhere. With no `StoryData` the format is unknown and the importer
/// recognises the code of every common format, so nothing executable slips into the prose.
enum TweeStoryFormat: Sendable, Equatable {
  case harlowe, sugarCube, chapbook, snowman, other, unknown

  init(name: String?) {
    switch name?.lowercased().trimmingCharacters(in: .whitespaces) {
    case nil, "": self = .unknown
    case "harlowe": self = .harlowe
    case "sugarcube": self = .sugarCube
    case "chapbook": self = .chapbook
    case "snowman": self = .snowman
    default: self = .other
    }
  }

  /// `(name: ...)` macros and the hooks `[...]` attached to them.
  var hasHarloweMacros: Bool { self == .harlowe || self == .unknown || self == .other }
  /// `<<name ...>>` macros, `/% %/` comments and `[img[...]]` images.
  var hasSugarCubeMacros: Bool { self == .sugarCube || self == .unknown || self == .other }
  /// `<% %>` templates.
  var hasSnowmanTemplates: Bool { self == .snowman || self == .unknown || self == .other }
  /// `/* */` comments.
  var hasBlockComments: Bool { self != .chapbook && self != .snowman }
  /// `{inserts}`, `[modifier]` lines and the vars section.
  var hasChapbookMarkup: Bool { self == .chapbook }
  /// `$name` in the prose prints a variable.
  var printsNakedVariables: Bool { self == .harlowe || self == .sugarCube || self == .unknown || self == .other }

  /// How the format is named in messages.
  var displayName: String {
    switch self {
    case .harlowe: "Harlowe"
    case .sugarCube: "SugarCube"
    case .chapbook: "Chapbook"
    case .snowman: "Snowman"
    case .other, .unknown: "story-format"
    }
  }
}
