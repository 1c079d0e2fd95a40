import Foundation

/// Runs the trainee's own pager (`$PAGER`) on a text, in the terminal's foreground.
///
/// Foundation's `Process` starts its child in a session of its own, with no controlling
/// terminal, so a pager such as `less` cannot open `/dev/tty` for its keys and pours the text out
/// unpaged. The pager is started here with `posix_spawn` instead: it shares casesim's session and
/// process group, reads the text from a pipe on its standard input and its keys from the terminal,
/// and writes to the terminal, as a pager started by a shell does.
public enum TerminalPager {
  /// Runs `command` through `/bin/sh -c` with `text` on its standard input and waits for it.
  /// Returns its exit status, or nil when it could not be started or was ended by a signal.
  public static func run(_ command: String, text: String, environment: [String: String]) -> Int32? {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    let (readEnd, writeEnd) = (ends[0], ends[1])
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addclose(&actions, writeEnd)

    let words: [String] = ["/bin/sh", "-c", command]
    let arguments: [UnsafeMutablePointer<CChar>?] = words.map { (word: String) in strdup(word) } + [nil]
    let pairs: [String] = environment.map { "\($0.key)=\($0.value)" }
    let variables: [UnsafeMutablePointer<CChar>?] = pairs.map { (pair: String) in strdup(pair) } + [nil]
    defer {
      for pointer in arguments { free(pointer) }
      for pointer in variables { free(pointer) }
    }
    var child: pid_t = 0
    let started = posix_spawn(&child, "/bin/sh", &actions, nil, arguments, variables)
    close(readEnd)
    guard started == 0 else {
      close(writeEnd)
      return nil
    }
    // A pager quit early (q on the first page) closes the pipe: the rest of the text is not
    // wanted, and writing into the closed pipe must fail with EPIPE, not kill casesim.
    let previous = signal(SIGPIPE, SIG_IGN)
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        break
      }
      bytes = bytes.dropFirst(written)
    }
    close(writeEnd)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    signal(SIGPIPE, previous)
    // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
    guard status & 0x7f == 0 else { return nil }
    return (status >> 8) & 0xff
  }
}
