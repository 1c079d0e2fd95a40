extension String {
  /// Without trailing spaces and tabs (the only blanks the format knows).
  package var trimmingTrailingBlanks: String {
    var s = Substring(self)
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return String(s)
  }

  /// Without leading and trailing spaces and tabs.
  package var trimmingBlanks: String {
    var s = Substring(self)
    while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return String(s)
  }
}
