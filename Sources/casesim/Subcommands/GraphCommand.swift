import ArgumentParser
import CaseAuthoring
import CaseFormat
import CaseRecords
import CaseScoring
import CaseSessions
import Foundation

/// `casesim graph ID|PATH`: a picture of a scenario's branching, for slides and reviews.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw a scenario's branching as Graphviz DOT, Mermaid or SVG.",
    discussion: """
      Passages are boxes labelled with their id; endings are hexagons coloured by outcome (green safe, amber partly safe, red unsafe). Choices are arrows labelled with their text and net score: critical choices bold red, conditional choices dashed, role-only choices with the role. Passages and choices no play can reach are grey. A key is included.

      dot and mermaid print text and need nothing installed. svg runs Graphviz's 'dot' program (found on PATH) and exits 69 if it is not installed.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid, svg
  }

  @Argument(help: ArgumentHelp("A scenario id or a .case path (not with --session).", valueName: "id-or-path"))
  var scenario: String?

  @Option(
    help: ArgumentHelp(
      "Draw the scenario a recorded session was played on, with the session's path highlighted (a session id or its first characters).",
      valueName: "session"))
  var session: String?

  @Option(
    help: ArgumentHelp(
      "Graphviz DOT text, Mermaid flowchart text, or an SVG picture (needs Graphviz).", valueName: "format"))
  var format: Format = .dot

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  @Flag(help: "Show the first line of each passage's prose under its id.")
  var labels = false

  @Flag(name: .customLong("no-legend"), help: "Leave out the key.")
  var noLegend = false

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    switch (scenario, session) {
    case (nil, nil): throw ValidationError("name a scenario (an id or a .case path), or a session with --session")
    case (.some, .some): throw ValidationError("--session draws the scenario its session was played on; leave out the scenario")
    default: break
    }
  }

  func run() throws {
    let environment = Environment(options: global)
    // Before any work: an SVG is impossible without Graphviz, and the fix is to install it.
    var graphviz: Graphviz?
    if format == .svg {
      graphviz = Graphviz.locate(searchPath: environment.variables["PATH"])
      guard graphviz != nil else {
        Output.error(GraphvizError.notInstalled.description)
        throw Exit.unavailable
      }
    }
    let drawn: Scenario
    var path: [ScenarioGraph.PathChoice] = []
    if let session {
      // A recorded session's scenario, exactly as it was played (kept with the record), which
      // was playable then; its standing decisions are the path.
      let store = try environment.openStore()
      let record = try environment.resolveSession(session, in: store)
      let (scenario, taken) = try SessionScenario(environment: environment).path(for: record, store: store)
      path = taken.steps.compactMap { step in
        step.taken.map { ScenarioGraph.PathChoice(number: step.number, from: step.passageID, choiceIndex: $0.choiceIndex) }
      }
      drawn = scenario
    } else {
      let resolved = try ScenarioResolver(environment: environment).load(scenario ?? "")
      let loaded = resolved.scenario
      // The checks `check` makes over the state space too: a scenario with errors is not drawn.
      let semantic = SemanticChecker.check(loaded.scenario, guidance: resolved.guidance).filter { $0.severity == .error }
      if !semantic.isEmpty {
        let renderer = DiagnosticRenderer(sources: loaded.sources)
        FileHandle.standardError.write(Data(renderer.render(semantic.sortedForDisplay).utf8))
        Output.error("the scenario has errors and is not drawn; fix them (casesim check \(loaded.scenario.path)) and draw it again")
        throw Exit.dataError
      }
      drawn = loaded.scenario
    }
    let graph = ScenarioGraph(scenario: drawn).highlighting(path)
    if !graph.reachabilityIsExact {
      FileHandle.standardError.write(
        Data(
          "casesim: warning: the scenario has too many states to explore fully; only passages no choice leads to are greyed out\n"
            .utf8))
    }
    let text: String
    switch (format, graphviz) {
    case (.mermaid, _): text = graph.mermaid(labels: labels, legend: !noLegend)
    case (.svg, let graphviz?):
      do {
        let rendering = try graphviz.svg(fromDOT: graph.dot(labels: labels, legend: !noLegend))
        if !rendering.warnings.isEmpty {
          FileHandle.standardError.write(Data(UntrustedText.escaped(rendering.warnings).utf8))
        }
        text = rendering.svg
      } catch {
        Output.error(UntrustedText.escaped(error.description))
        throw Exit.software
      }
    default: text = graph.dot(labels: labels, legend: !noLegend)
    }
    try Output.deliver(text, to: output, personal: session != nil)
  }
}
