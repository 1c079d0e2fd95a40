import CaseFormat
import CaseAuthoring
import Foundation

/// Turns Twine names (free text: spaces, capitals, accents, punctuation) into the kebab-case ids
/// a `.case` file needs, and keeps them unique.
///
/// Twine passage names are what trainers see on the story map, so the ids stay as close to them
/// as possible: "Call Mum" becomes `call-mum`, "Kayden's words" `kaydens-words`, "Übung 1"
/// `ubung-1`. Two names that end up the same get `-2`, `-3`... so no passage is lost.
struct TweeIdentifier {
  /// Ids are kept short enough to read in a choice line.
  static let maximumLength = 48

  private var used: Set<String> = []
  private var nextSuffix: [String: Int] = [:]

  /// The kebab-case form of `name`, or `fallback` when nothing usable is left. `prefix` is put in
  /// front when the name starts with a digit (ids start with a letter).
  static func kebab(_ name: String, fallback: String, prefix: String) -> String {
    var out = ""
    var previousWasLowercaseOrDigit = false
    var pendingHyphen = false
    for character in foldedToASCII(name.prefix(4 * maximumLength)) {
      if character == "'" {
        continue
      }
      if character.isASCII, character.isLetter || character.isNumber {
        if character.isUppercase, previousWasLowercaseOrDigit { pendingHyphen = true }
        if pendingHyphen, !out.isEmpty { out.append("-") }
        pendingHyphen = false
        out.append(Character(character.lowercased()))
        previousWasLowercaseOrDigit = character.isLowercase || character.isNumber
      } else {
        pendingHyphen = true
        previousWasLowercaseOrDigit = false
      }
    }
    if out.isEmpty { return fallback }
    if let first = out.first, !first.isLetter { out = prefix + "-" + out }
    return shortened(out)
  }

  /// Cuts an id to the maximum length at a hyphen where possible; never ends with a hyphen.
  static func shortened(_ id: String) -> String {
    var result = id
    if result.count > maximumLength {
      result = String(result.prefix(maximumLength))
      if let hyphen = result.lastIndex(of: "-"), result.distance(from: result.startIndex, to: hyphen) > maximumLength / 2 {
        result = String(result[..<hyphen])
      }
    }
    while result.hasSuffix("-") { result.removeLast() }
    return result
  }

  /// Reserves and returns a unique id based on `base` (already kebab-case).
  mutating func allocate(_ base: String) -> String {
    if used.insert(base).inserted { return base }
    var suffix = nextSuffix[base] ?? 2
    let stem = String(base.prefix(Self.maximumLength - 6))
    while true {
      let candidate = "\(stem)-\(suffix)"
      suffix += 1
      if used.insert(candidate).inserted {
        nextSuffix[base] = suffix
        return candidate
      }
    }
  }

  /// Latin letters with their accents removed (é -> e, ß -> ss), so European names keep their
  /// words; other scripts are left as they are and drop out of the id.
  private static func foldedToASCII(_ text: Substring) -> [Character] {
    var out: [Character] = []
    for character in text {
      if character.isASCII {
        out.append(character)
        continue
      }
      switch character {
      case "ß": out += ["s", "s"]
      case "æ", "Æ": out += ["a", "e"]
      case "œ", "Œ": out += ["o", "e"]
      case "ø", "Ø": out.append("o")
      case "ł", "Ł": out.append("l")
      case "đ", "Đ", "ð", "Ð": out.append("d")
      case "þ", "Þ": out += ["t", "h"]
      case "’", "‘": out.append("'")
      default:
        let decomposed = String(character).decomposedStringWithCanonicalMapping
        let base = decomposed.unicodeScalars.filter { $0.isASCII }
        if let scalar = base.first, decomposed.unicodeScalars.count > 1 {
          out.append(Character(scalar))
        } else {
          out.append(" ")
        }
      }
    }
    return out
  }
}
