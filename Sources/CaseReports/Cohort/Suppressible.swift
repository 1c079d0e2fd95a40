/// A group figure, or the statement that it is withheld because too few trainees are behind it.
///
/// Small-cell suppression: a figure drawn from fewer than the report's minimum number of distinct
/// trainees could identify them, so it is never shown, not even as a count; every format says
/// instead "fewer than N trainees". In JSON a withheld figure is the object
/// `{"suppressed": "fewer than N trainees"}` in place of the figure's own object.
public enum Suppressible<Figure: Sendable & Equatable & Encodable>: Sendable, Equatable, Encodable {
  case shown(Figure)
  case suppressed(reason: String)

  /// `figure()` when at least `minimum` distinct trainees are behind it, else the reason it is
  /// withheld. The figure is not even computed for a small group.
  static func of(trainees: Int, minimum: Int, _ figure: () -> Figure) -> Self {
    trainees >= minimum ? .shown(figure()) : .suppressed(reason: reason(minimum: minimum))
  }

  /// The words every format uses for a withheld figure.
  public static func reason(minimum: Int) -> String { "fewer than \(minimum) trainees" }

  /// The figure, when shown.
  public var figure: Figure? {
    if case .shown(let figure) = self { return figure }
    return nil
  }

  private enum Keys: String, CodingKey { case suppressed }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .shown(let figure): try figure.encode(to: encoder)
    case .suppressed(let reason):
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(reason, forKey: .suppressed)
    }
  }
}
