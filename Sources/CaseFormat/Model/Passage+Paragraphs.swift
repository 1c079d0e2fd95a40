extension Passage {
  /// The passage's prose as paragraphs: consecutive lines `shows` keeps, joined with single
  /// spaces; a paragraph break (or the end) closes each. Play keeps the lines whose condition
  /// holds; the writing checks keep every line, or those with no condition.
  public func paragraphs(showing shows: (ProseLine) -> Bool) -> [String] {
    var paragraphs: [String] = []
    var current: [String] = []
    for line in prose {
      if line.isParagraphBreak {
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        current = []
      } else if shows(line) {
        current.append(line.text)
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
    return paragraphs
  }
}
