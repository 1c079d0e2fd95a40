import CaseRecords
import Testing

@Suite("Record store messages")
struct RecordStoreErrorTests {
  @Test("a message names a file as the records file and a server's store as the record store, by its address")
  func namesTheStore() {
    let file = RecordStoreError.notWritten(path: "/home/sam/.local/share/casesim/casesim.sqlite", reason: "the disk is full")
    #expect(file.description.hasPrefix("could not write to the records file /home/sam/.local/share/casesim/casesim.sqlite: the disk is full"))
    let server = RecordStoreError.notWritten(
      path: "postgres://casesim_trainee@records/casesim", reason: "permission denied for table session")
    #expect(
      server.description.hasPrefix(
        "could not write to the record store postgres://casesim_trainee@records/casesim: permission denied for table session"))
    #expect(
      RecordStoreError.unreadable(path: "postgres://u@h/db", reason: "x").description
        == "cannot use the record store postgres://u@h/db: x")
  }
}
