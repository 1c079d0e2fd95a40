import Foundation

/// How numbers read in the human formats (text, HTML, Markdown); JSON and CSV keep raw values.
enum ReportNumbers {
  /// A share as a whole percentage ("67%").
  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

  /// A count of `whole` with its percentage ("4 of 6, 67%").
  static func part(_ count: Int, of whole: Int) -> String {
    whole == 0 ? "\(count) of 0" : "\(count) of \(whole), \(percent(Double(count) / Double(whole)))"
  }

  /// Milliseconds as seconds with one decimal ("12.5 s").
  static func seconds(_ milliseconds: Double) -> String { String(format: "%.1f s", milliseconds / 1000) }

  /// A mean or median with at most two decimals, without trailing zeros ("3", "3.5", "3.25").
  static func decimal(_ value: Double) -> String {
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// Grade bands in the order an agency reads them, with their labels.
  static let gradeBands: [(id: String, label: String)] = [
    ("safe-practice", "Safe practice"), ("developing", "Developing"), ("unsafe", "Unsafe practice"),
  ]
}
