import Foundation

extension Benchmark {
  /// What one run of a program cost.
  struct RunCost {
    var wall: Duration
    /// User plus system CPU seconds the kernel charged to the program (from wait4).
    var cpuSeconds: Double

    var milliseconds: Double {
      Double(wall.components.seconds) * 1000 + Double(wall.components.attoseconds) / 1e15
    }
  }

  struct ToolFailed: Error, CustomStringConvertible {
    var tool: String
    var status: Int32
    var description: String { "\(tool) failed (status \(status))" }
  }

  /// Runs a program to its end, with `input` on its standard input and its output discarded, and
  /// throws unless it exits with status 0. Spawned and waited for directly (posix_spawn, wait4):
  /// Foundation's `Process` adds tens of milliseconds of its own to every run, which would hide
  /// what is being measured.
  ///
  /// - Parameter environment: the program's environment (nil: this process's).
  static func runTimed(
    _ tool: String, _ arguments: [String], input: String = "", environment: [String: String]? = nil
  ) throws -> RunCost {
    let inputPath = NSTemporaryDirectory() + "casesim-bench-input-\(getpid())"
    try input.write(toFile: inputPath, atomically: true, encoding: .utf8)
    defer { unlink(inputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp ?? [] { free(pointer) }
    }
    let start = ContinuousClock.now
    var child: pid_t = 0
    let spawned = envp.map { posix_spawn(&child, tool, &actions, nil, argv, $0) }
      ?? posix_spawn(&child, tool, &actions, nil, argv, environ)
    guard spawned == 0 else { throw ToolFailed(tool: tool, status: spawned) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = ContinuousClock.now - start
    // Exited normally with status 0: (status & 0x7f) == 0 and the exit code in bits 8-15.
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { throw ToolFailed(tool: tool, status: status) }
    return RunCost(wall: wall, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
  }

  static func seconds(_ time: timeval) -> Double {
    Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
  }
}
