import ArgumentParser

/// sysexits(3) codes the commands use, so scripts can tell kinds of failure apart.
enum Exit {
  /// EX_DATAERR: a scenario or guidance file has errors.
  static let dataError = ExitCode(65)
  /// EX_NOINPUT: a scenario, session or file was not found.
  static let noInput = ExitCode(66)
  /// EX_UNAVAILABLE: a program the command needs (Graphviz's dot) is not installed, or a service
  /// it needs (a learning record store) cannot be reached.
  static let unavailable = ExitCode(69)
  /// EX_NOPERM: a service (a learning record store) refused the credentials given.
  static let noPermission = ExitCode(77)
  /// EX_CANTCREAT: an output file could not be created (or would overwrite one).
  static let cannotCreate = ExitCode(73)
  /// EX_SOFTWARE: an internal failure (a record that cannot be replayed).
  static let software = ExitCode(70)
  /// EX_IOERR: the record store could not be opened or written.
  static let ioError = ExitCode(74)

  /// EX_USAGE for a mistake in what was typed that the message itself explains (a role that is
  /// not in the scenario, with the one probably meant): written as one line on standard error,
  /// with no usage screen after it to bury it.
  static func usage(_ message: String) -> ExitCode {
    Output.error(message)
    return .validationFailure
  }
}
