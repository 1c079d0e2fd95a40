import CaseFormat
import CaseAuthoring
import Foundation

/// The parts of a Twine `[[...]]` link, read the way the Twine 2 editor reads them (so the
/// importer finds exactly the links Twine's story map draws):
///
/// - `[[Text->Target]]`: the rightmost `->` divides;
/// - `[[Target<-Text]]`: the leftmost `<-` divides;
/// - `[[Text|Target]]`: the rightmost `|` divides;
/// - `[[Target]]`: the text is the target;
/// - a SugarCube setter `[[Text|Target][$x to true]]` follows the first `][`.
struct TweeLink: Sendable, Equatable {
  var text: String
  var target: String
  /// The setter expression, if the link has one.
  var setter: String?

  /// Reads the inside of `[[` ... `]]`.
  init(content: String) {
    var body = content
    if let split = body.range(of: "][") {
      setter = String(body[split.upperBound...])
      body = String(body[..<split.lowerBound])
    } else {
      setter = nil
    }
    if let arrow = body.range(of: "->", options: .backwards) {
      text = String(body[..<arrow.lowerBound])
      target = String(body[arrow.upperBound...])
    } else if let arrow = body.range(of: "<-") {
      target = String(body[..<arrow.lowerBound])
      text = String(body[arrow.upperBound...])
    } else if let bar = body.range(of: "|", options: .backwards) {
      text = String(body[..<bar.lowerBound])
      target = String(body[bar.upperBound...])
    } else {
      text = body
      target = body
    }
    // A label written over several lines is shown as one: a line break left in it would end the
    // line of `.case` text it is written into, and what follows could read as structure.
    text = String(text.map { $0.isNewline ? " " : $0 })
  }

  /// True for links that lead to a passage (and so become choices).
  var isChoice: Bool {
    !isExternal && !target.trimmingCharacters(in: .whitespaces).isEmpty
  }

  /// True for links to web pages (`https://...`), which Twine also does not treat as passages.
  var isExternal: Bool {
    let trimmed = target.trimmingCharacters(in: .whitespaces)
    guard let colon = trimmed.range(of: "://") else { return false }
    let scheme = trimmed[..<colon.lowerBound]
    return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
  }
}
