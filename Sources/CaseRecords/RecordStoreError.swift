/// Why a record store refused a request.
///
/// Each case names something the trainee (or their trainer) can act on, and `description` says
/// it in a short lowercase sentence fit for the shell to print after "error: ".
public enum RecordStoreError: Error, Equatable, CustomStringConvertible {
  /// No session has this id, or none starts with this prefix.
  case sessionNotFound(String)
  /// The prefix starts more than one session's id; `matches` lists them, sorted.
  case ambiguousSession(String, matches: [String])
  /// The session has reached an ending, so its log is closed.
  case sessionFinished(String)
  /// A new session's participants are not a team: none at all, or ordinals that are not
  /// distinct and at least 1. `reason` says which.
  case invalidParticipants(session: String, reason: String)
  /// An event names a participant the session does not have (or names none, in a session with
  /// several participants, where the store cannot know who made it).
  case participantNotInSession(session: String, participant: Int?)
  /// An event's role is not the role its participant plays.
  case roleNotParticipants(session: String, participant: Int, role: String, participantRole: String)
  /// An event's id is already held by another session's event: ids are unique in a store.
  case eventIDTaken(id: String, session: String)
  /// A shared store could not be reached, or failed part-way (the network, the server): nothing
  /// of the request was kept there, and nothing recorded locally is lost.
  case unreachable(store: String, reason: String)
  /// The store cannot be used: it cannot be opened or created, is not a CaseSim database, or
  /// was written by a newer CaseSim.
  case unreadable(path: String, reason: String)
  /// A write could not be made (the file is read-only, the disk is full...); nothing of it was
  /// kept, and everything written before it still is.
  case notWritten(path: String, reason: String)

  /// The shortest prefix `resolveSession` accepts, like git's abbreviated hashes.
  public static let minimumPrefixLength = 4

  /// `resolveSession`'s rule once the exact id has missed, kept by every store: a prefix
  /// shorter than ``minimumPrefixLength`` is refused before any search.
  package static func requirePrefixLength(_ idOrPrefix: String) throws {
    guard idOrPrefix.count >= minimumPrefixLength else { throw Self.sessionNotFound(idOrPrefix) }
  }

  /// The rest of the rule: of the sessions whose ids start with the prefix (ASCII case ignored),
  /// there must be exactly one.
  package static func onlyMatch(_ matches: [SessionRecord], of idOrPrefix: String) throws -> SessionRecord {
    switch matches.count {
    case 0: throw Self.sessionNotFound(idOrPrefix)
    case 1: return matches[0]
    default: throw Self.ambiguousSession(idOrPrefix, matches: matches.map(\.id).sorted())
    }
  }

  /// The store a message is about, as a trainer would name it: a file by its path, a server's
  /// store by its address (a `scheme://` one, such as `postgres://`).
  private static func store(_ path: String) -> String {
    path.contains("://") ? "the record store \(path)" : "the records file \(path)"
  }

  public var description: String {
    switch self {
    case .sessionNotFound(let id) where id.count < Self.minimumPrefixLength:
      return "no session has the id '\(id)'; give the full id or at least "
        + "\(Self.minimumPrefixLength) characters of it"
    case .sessionNotFound(let id):
      return "no session matches '\(id)'"
    case .ambiguousSession(let prefix, let matches):
      let shown = matches.prefix(5).joined(separator: ", ")
      let more = matches.count > 5 ? ", ..." : ""
      return "'\(prefix)' matches \(matches.count) sessions (\(shown)\(more)); "
        + "give more characters of the id"
    case .sessionFinished(let id):
      return "session \(id) is finished; start a new session to play again"
    case .invalidParticipants(let id, let reason):
      return "session \(id) cannot be recorded: \(reason)"
    case .participantNotInSession(let id, nil):
      return "session \(id) has several participants, so each event must say which one made it; nothing was recorded"
    case .participantNotInSession(let id, let participant?):
      return "session \(id) has no participant \(participant); nothing was recorded"
    case .roleNotParticipants(let id, let participant, let role, let participantRole):
      return "participant \(participant) of session \(id) plays \(participantRole), not \(role); nothing was recorded"
    case .eventIDTaken(let id, let session):
      return "event id \(id) already belongs to an event of session \(session); nothing was recorded"
    case .unreachable(let store, let reason):
      return "the record store \(store) could not be reached: \(reason)"
    case .unreadable(let path, let reason):
      return "cannot use \(Self.store(path)): \(reason)"
    case .notWritten(let path, let reason):
      return "could not write to \(Self.store(path)): \(reason); nothing of this was saved, and everything saved before is safe"
    }
  }
}
