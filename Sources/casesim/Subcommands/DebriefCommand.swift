import ArgumentParser
import CaseRecords
import CaseScoring
import CaseSessions
import Foundation

/// `casesim debrief SESSION`: recompute and print a session's debrief from its record.
struct DebriefCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debrief", abstract: "Show the debrief of a recorded session.")

  @Argument(help: ArgumentHelp("A session id or its first characters.", valueName: "session"))
  var session: String

  @Flag(help: "Print Markdown instead of terminal text.")
  var markdown = false

  @Flag(
    help: ArgumentHelp(
      "Print the path the session took against the branches it did not take, instead of the debrief ('graph --session' draws it)."))
  var path = false

  @Flag(help: ArgumentHelp("For a team's session: print the swim-lane picture of who knew what, when, as SVG."))
  var svg = false

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if path && markdown { throw ValidationError("--path prints text; leave out --markdown") }
    if svg && (path || markdown) { throw ValidationError("--svg prints the picture alone; leave out --path and --markdown") }
  }

  func run() throws {
    let environment = Environment(options: global)
    let store = try environment.openStore()
    let record = try environment.resolveSession(session, in: store)
    let renderer = DebriefRenderer(width: 80, colour: environment.colourAllowed && !markdown)
    if path {
      guard !SessionLog.isTeam(record) else {
        throw ValidationError(
          "a team's session has a track for each role, not one path; its debrief shows who knew what, when (add --svg for the swim lanes)")
      }
      let (_, taken) = try SessionScenario(environment: environment).path(for: record, store: store)
      Output.print(renderer.path(taken))
      return
    }
    let (scenario, guidance) = try SessionScenario(environment: environment).load(for: record, store: store)
    if SessionLog.isTeam(record) {
      let team: TeamDebrief
      do {
        team = try SessionLog.teamDebrief(
          record: record, events: store.events(forSession: record.id), scenario: scenario, guidance: guidance)
      } catch {
        Output.error("the session's record cannot be replayed on the scenario: \(error)")
        throw Exit.software
      }
      let renderer = TeamDebriefRenderer(width: 80)
      Output.print(svg ? renderer.svg(team) : markdown ? renderer.markdown(team) : renderer.text(team))
      return
    }
    guard !svg else {
      throw ValidationError("--svg draws a team's timeline; this session was played by one trainee ('graph --session' draws its path)")
    }
    let debrief: Debrief
    do {
      debrief = try SessionLog.debrief(
        record: record, events: store.events(forSession: record.id), scenario: scenario,
        guidance: guidance)
    } catch {
      Output.error("the session's record cannot be replayed on the scenario: \(error)")
      throw Exit.software
    }
    Output.print(markdown ? renderer.markdown(debrief) : renderer.text(debrief))
  }
}
