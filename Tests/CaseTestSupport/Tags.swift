import Testing

extension Tag {
  /// Tests that take seconds rather than milliseconds: the end-to-end suites that start the real
  /// binary, the pseudo-terminal session, the kill -9 and SIGHUP loops, and analyses of the whole
  /// library or of a 10,000-passage scenario.
  ///
  /// Swift 6.3's `swift test` cannot skip by tag, so every tagged test also lives where a name
  /// filter finds it: in the `EndToEndTests` target, or in a suite whose name ends in `SlowTests`.
  /// A new slow test goes in such a suite too. The README gives the fast set's command.
  @Tag package static var slow: Self
}
