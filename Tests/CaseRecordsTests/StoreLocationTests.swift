import CaseRecords
import Testing

@Suite("StoreLocation.resolve")
struct StoreLocationTests {
  private let everything = [
    "CASESIM_STORE": "/env/store.sqlite",
    "XDG_DATA_HOME": "/xdg/data",
    "HOME": "/home/alex",
  ]

  @Test("an explicit --store path wins over everything")
  func explicitWins() {
    #expect(
      StoreLocation.resolve(explicit: "./class.sqlite", environment: everything)
        == "./class.sqlite")
  }

  @Test("CASESIM_STORE comes next")
  func environmentVariable() {
    #expect(
      StoreLocation.resolve(explicit: nil, environment: everything) == "/env/store.sqlite")
  }

  @Test("then XDG_DATA_HOME")
  func xdgDataHome() {
    var environment = everything
    environment["CASESIM_STORE"] = nil
    #expect(
      StoreLocation.resolve(explicit: nil, environment: environment)
        == "/xdg/data/casesim/casesim.sqlite")
    environment["XDG_DATA_HOME"] = "/xdg/data/"
    #expect(
      StoreLocation.resolve(explicit: nil, environment: environment)
        == "/xdg/data/casesim/casesim.sqlite")
  }

  @Test("then HOME/.local/share")
  func home() {
    #expect(
      StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/alex"])
        == "/home/alex/.local/share/casesim/casesim.sqlite")
  }

  @Test("empty values count as unset, and a relative XDG_DATA_HOME is ignored")
  func emptyAndRelative() {
    let environment = [
      "CASESIM_STORE": "", "XDG_DATA_HOME": "relative/data", "HOME": "/home/sam",
    ]
    #expect(
      StoreLocation.resolve(explicit: "", environment: environment)
        == "/home/sam/.local/share/casesim/casesim.sqlite")
    #expect(
      StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "", "HOME": "/h"])
        == "/h/.local/share/casesim/casesim.sqlite")
  }

  @Test("without HOME it still gives an absolute or relative path under the share directory")
  func noHome() {
    let path = StoreLocation.resolve(explicit: nil, environment: [:])
    #expect(path.hasSuffix("/.local/share/casesim/casesim.sqlite"))
  }
}
