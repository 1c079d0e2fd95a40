/// Reading records for a report or an export: what a store that cannot be read becomes.
enum StoreReading {
  /// Runs `read`, turning a store that cannot be read (a damaged record, a dropped connection)
  /// into a message saying so and exit 74, as every command that reads records in bulk does.
  static func reading<Value>(_ read: () async throws -> Value) async throws -> Value {
    do {
      return try await read()
    } catch {
      Output.error("cannot read the record store: \(error)")
      throw Exit.ioError
    }
  }
}
