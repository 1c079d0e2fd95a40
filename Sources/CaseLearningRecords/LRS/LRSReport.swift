/// What a learning record store made of the statements sent to it.
public struct LRSReport: Sendable, Equatable {
  /// A statement the LRS refused, with what it said.
  public struct Refusal: Sendable, Equatable {
    public var statementID: String
    /// The HTTP status (a 4xx).
    public var status: Int
    /// The LRS's message (its response body, shortened), untrusted text.
    public var message: String

    public init(statementID: String, status: Int, message: String) {
      self.statementID = statementID
      self.status = status
      self.message = message
    }
  }

  /// Statements the LRS took: stored now, or already held (an LRS answers a statement it already
  /// has with success too, or with 409 Conflict; both mean it is there).
  public var accepted = 0
  /// Of ``accepted``, those answered 409 Conflict: the LRS holds a statement with that id whose
  /// content differs (an export made with another base IRI or key, say). It keeps its own copy.
  public var alreadyHeldDifferently = 0
  public var refused: [Refusal] = []
  /// How many requests were sent again after a network error or a 5xx answer.
  public var retries = 0

  public init() {}
}
