import CaseAuthoring
import CaseEngine
import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// A small scenario with one of everything the picture shows: an ending of each class, a critical
/// choice, conditional choices, a role-only choice leading to a role-only passage (reachable only
/// as police, so reachable in the union over roles), and an ending no play can reach because its
/// condition (`worry >= 5`) can never hold with `worry` kept within 0..3.
enum GraphFixture {
  static let text = """
    id: graph-fixture
    title: Graph fixture
    summary: A small scenario with one of everything the picture shows.
    roles: social-worker, police
    minutes: 5
    content-note: Test material.
    reviews: A review (2013)
    guides: working-together, practice-lessons
    modes: practice

    flag saw-child
    counter worry = 0 in 0..3

    == start
    You knock. Mum answers and says Jay is asleep upstairs.
    * Ask to see Jay, even asleep -> see-jay
      + see-child-alone 2
      ~ set saw-child
    * Accept that Jay is asleep and arrange to come back next week -> left-alone
      - see-child-alone 2
      ! critical: A child reported hungry was not seen.
    * Check police records for the address -> records
      @role police

    == records
    @role police
    Two call-outs to the address this year.
    * Visit with the social worker -> see-jay
      + share-information-to-safeguard 1

    == see-jay
    Jay is thin and quiet.
    * {saw-child} Share what you saw with the GP and the school today -> shared
      + share-information-to-safeguard 3
    * Tell Mum you will check in next week -> watching
    * {worry >= 5} Call an ambulance -> never
      + share-information-to-safeguard 1
      - see-child-alone 1

    == never
    @ending safe
    This cannot happen: worry never reaches 5.

    == left-alone
    @ending unsafe
    The family has moved.

    == watching
    @ending partly-safe
    The school keeps watch.

    == shared
    @ending safe
    The GP arranges a review.

    """

  /// `casesim graph --format dot` for the fixture, byte for byte.
  static let dot = #"""
    digraph "graph-fixture" {
      graph [label="Graph fixture", labelloc=t, fontname="Helvetica", fontsize=16, nodesep=0.35, ranksep=0.45];
      node [fontname="Helvetica", fontsize=11, shape=box, style="rounded,filled", fillcolor="#ffffff", color="#37474f", fontcolor="#263238"];
      edge [fontname="Helvetica", fontsize=9, color="#455a64", fontcolor="#263238"];

      // Passages, in file order.
      "_entry" [label="", shape=circle, style=filled, width=0.18, fixedsize=true, fillcolor="#263238", color="#263238"];
      "start" [label="start", penwidth=3];
      "records" [label="records\nrole: police"];
      "see-jay" [label="see-jay"];
      "never" [label="never\nending: safe\nunreachable", shape=hexagon, style="filled,dashed", fillcolor="#eeeeee", color="#9e9e9e", fontcolor="#757575"];
      "left-alone" [label="left-alone\nending: unsafe", shape=hexagon, style=filled, fillcolor="#f8d0d0", color="#c62828", fontcolor="#7f0000"];
      "watching" [label="watching\nending: partly safe", shape=hexagon, style=filled, fillcolor="#ffe8b3", color="#b7791f", fontcolor="#5d4037"];
      "shared" [label="shared\nending: safe", shape=hexagon, style=filled, fillcolor="#d4edda", color="#2e7d32", fontcolor="#1b5e20"];

      // Choices, in written order.
      "_entry" -> "start" [arrowsize=0.7];
      "start" -> "see-jay" [label="Ask to see Jay, even asleep\n+2"];
      "start" -> "left-alone" [label="Accept that Jay is asleep and arrange…\n-2 · critical", style=bold, color="#c62828", fontcolor="#c62828", penwidth=2.5];
      "start" -> "records" [label="Check police records for the address\nrole: police"];
      "records" -> "see-jay" [label="Visit with the social worker\n+1"];
      "see-jay" -> "shared" [label="Share what you saw with the GP and the…\n+3 · if saw-child", style=dashed];
      "see-jay" -> "watching" [label="Tell Mum you will check in next week"];
      "see-jay" -> "never" [label="Call an ambulance\n±0 · if worry >= 5", style=dashed, color="#9e9e9e", fontcolor="#9e9e9e"];

      // Key.
      "_legend" [shape=plaintext, margin=0, fontsize=9, label=<
        <table border="0" cellborder="1" cellspacing="0" cellpadding="3">
          <tr><td colspan="2"><b>Key</b></td></tr>
          <tr><td bgcolor="#ffffff"><font color="#263238">passage</font></td><td align="left">a scene with choices; a thick border marks where play begins</td></tr>
          <tr><td bgcolor="#d4edda"><font color="#1b5e20">ending: safe</font></td><td align="left">hexagon: the child is left safe</td></tr>
          <tr><td bgcolor="#ffe8b3"><font color="#5d4037">ending: partly safe</font></td><td align="left">hexagon: the child is left partly safe</td></tr>
          <tr><td bgcolor="#f8d0d0"><font color="#7f0000">ending: unsafe</font></td><td align="left">hexagon: the child is left unsafe</td></tr>
          <tr><td bgcolor="#eeeeee"><font color="#757575">unreachable</font></td><td align="left">no play can arrive here</td></tr>
          <tr><td><font color="#455a64">arrow</font></td><td align="left">a choice: its text, then its net score (+3, -4)</td></tr>
          <tr><td><font color="#c62828">bold red arrow</font></td><td align="left">critical: on its own it leaves the child unsafe</td></tr>
          <tr><td><font color="#455a64">dashed arrow</font></td><td align="left">offered only when its condition (if ...) holds</td></tr>
          <tr><td><font color="#455a64">role: ...</font></td><td align="left">offered only to that role</td></tr>
          <tr><td><font color="#9e9e9e">grey arrow</font></td><td align="left">no play can take the choice</td></tr>
        </table>>];
    }

    """#

  /// `casesim graph --format mermaid` for the fixture, byte for byte.
  static let mermaid = #"""
    ---
    title: 'Graph fixture'
    ---
    flowchart TB
      %% Passages, in file order.
      entry((" "))
      p_start["start"]
      p_records["records<br/>role: police"]
      p_see_jay["see-jay"]
      p_never{{"never<br/>ending: safe<br/>unreachable"}}
      p_left_alone{{"left-alone<br/>ending: unsafe"}}
      p_watching{{"watching<br/>ending: partly safe"}}
      p_shared{{"shared<br/>ending: safe"}}

      %% Choices, in written order.
      entry --> p_start
      p_start -->|"Ask to see Jay, even asleep<br/>+2"| p_see_jay
      p_start ==>|"Accept that Jay is asleep and arrange…<br/>-2 · critical"| p_left_alone
      p_start -->|"Check police records for the address<br/>role: police"| p_records
      p_records -->|"Visit with the social worker<br/>+1"| p_see_jay
      p_see_jay -.->|"Share what you saw with the GP and the…<br/>+3 · if saw-child"| p_shared
      p_see_jay -->|"Tell Mum you will check in next week"| p_watching
      p_see_jay -.->|"Call an ambulance<br/>±0 · if worry #62;= 5"| p_never

      %% Key.
      subgraph legend ["Key"]
        legend_1["passage<br/>a scene with choices; a thick border marks where play begins"]
        legend_2{{"ending: safe<br/>the child is left safe"}}
        legend_3{{"ending: partly safe<br/>the child is left partly safe"}}
        legend_4{{"ending: unsafe<br/>the child is left unsafe"}}
        legend_5["unreachable<br/>no play can arrive here"]
        legend_6["arrow — a choice: its text, then its net score #40;+3, -4#41;<br/>bold red arrow — critical: on its own it leaves the child unsafe<br/>dashed arrow — offered only when its condition #40;if ...#41; holds<br/>role: ... — offered only to that role<br/>grey arrow — no play can take the choice"]
      end

      %% Styles.
      classDef passage fill:#ffffff,stroke:#37474f,color:#263238
      classDef safe fill:#d4edda,stroke:#2e7d32,color:#1b5e20
      classDef partlySafe fill:#ffe8b3,stroke:#b7791f,color:#5d4037
      classDef unsafe fill:#f8d0d0,stroke:#c62828,color:#7f0000
      classDef unreachable fill:#eeeeee,stroke:#9e9e9e,color:#757575,stroke-dasharray:4 3
      classDef missing fill:#ffffff,stroke:#c62828,color:#c62828,stroke-dasharray:4 3
      classDef start stroke-width:3px
      classDef entry fill:#263238,stroke:#263238
      class entry entry
      class p_start,p_records,p_see_jay,legend_1,legend_6 passage
      class p_shared,legend_2 safe
      class p_watching,legend_3 partlySafe
      class p_left_alone,legend_4 unsafe
      class p_never,legend_5 unreachable
      class p_start start
      linkStyle 2 stroke:#c62828,stroke-width:3px,color:#c62828
      linkStyle 7 stroke:#9e9e9e,color:#9e9e9e

    """#
}

// MARK: - Golden output

@Suite("ScenarioGraph: DOT and Mermaid for a fixture")
struct GraphGoldenTests {
  private func fixtureGraph() throws -> ScenarioGraph {
    let loaded = Fixtures.load(GraphFixture.text, path: "graph-fixture.case")
    try #require(loaded.isPlayable, "the fixture has errors: \(loaded.diagnostics.map(\.message))")
    return ScenarioGraph(scenario: loaded.scenario)
  }

  @Test("DOT output is exactly the golden text")
  func dotGolden() throws {
    let dot = try fixtureGraph().dot()
    #expect(dot == GraphFixture.dot, "DOT changed; diff:\n\(lineDiff(dot, GraphFixture.dot))")
  }

  @Test("Mermaid output is exactly the golden text")
  func mermaidGolden() throws {
    let mermaid = try fixtureGraph().mermaid()
    #expect(mermaid == GraphFixture.mermaid, "Mermaid changed; diff:\n\(lineDiff(mermaid, GraphFixture.mermaid))")
  }

  // Determinism across runs is checked where it can fail: the golden texts above are fixed
  // bytes, and TrainerToolPromiseTests.graphDeterministic compares two separate processes (each
  // with its own hash seed, so an order taken from a Set or Dictionary would differ). Two calls
  // in one process share the seed and would agree even then.

  @Test("the model marks what the picture shows")
  func model() throws {
    let graph = try fixtureGraph()
    #expect(graph.nodes.map(\.passageID) == ["start", "records", "see-jay", "never", "left-alone", "watching", "shared"])
    #expect(graph.nodes.filter { !$0.isReachable }.map(\.passageID) == ["never"])
    #expect(graph.startNode?.passageID == "start")
    #expect(graph.reachabilityIsExact)
    let critical = try #require(graph.edges.first { $0.isCritical })
    #expect(critical.to == "left-alone" && critical.netScore == -2)
    #expect(graph.edges.filter { !$0.isTakeable }.map(\.to) == ["never"])
    #expect(graph.edges.first { $0.to == "records" }?.roles == ["police"])
  }

  @Test("--labels adds the start of each passage's prose, shortened")
  func labels() throws {
    let graph = try fixtureGraph()
    let dot = graph.dot(labels: true)
    #expect(dot.contains(#""start" [label="start\nYou knock. Mum answers and says Jay is…", penwidth=3];"#))
    #expect(dot.contains(#""never" [label="never\nending: safe\nunreachable\nThis cannot happen: worry never reaches…""#))
    let mermaid = graph.mermaid(labels: true)
    #expect(mermaid.contains(#"p_see_jay["see-jay<br/>Jay is thin and quiet."]"#))
    #expect(!graph.dot().contains("You knock"))
  }

  @Test("legend: false leaves the key out of both languages")
  func noLegend() throws {
    let graph = try fixtureGraph()
    #expect(!graph.dot(legend: false).contains("_legend"))
    #expect(graph.dot().contains("_legend"))
    #expect(!graph.mermaid(legend: false).contains("subgraph legend"))
    #expect(graph.mermaid().contains("subgraph legend"))
  }

  @Test("a choice to a passage that does not exist still gets its arrow, to a 'missing passage' box")
  func missingTarget() throws {
    let text = GraphFixture.text.replacingOccurrences(of: "-> watching", with: "-> watchign")
    let loaded = Fixtures.load(text, path: "graph-fixture.case")
    #expect(loaded.diagnostics.contains { $0.code == .unknownTarget })
    let graph = ScenarioGraph(scenario: loaded.scenario)
    #expect(graph.edges.count == 7)
    let missing = try #require(graph.nodes.last)
    #expect(missing.passageID == "watchign" && missing.isMissing)
    #expect(graph.dot().contains(#""watchign" [label="watchign\nmissing passage", style="rounded,dashed""#))
    #expect(graph.mermaid().contains(#"p_watchign["watchign<br/>missing passage"]"#))
    #expect(graph.mermaid().contains("class p_watchign missing"))
  }

  @Test("when the state space is too big, nothing play might reach is greyed out")
  func truncatedReachability() throws {
    let loaded = Fixtures.load(GraphFixture.text, path: "graph-fixture.case")
    let graph = ScenarioGraph(scenario: loaded.scenario, stateLimit: 1)
    #expect(!graph.reachabilityIsExact)
    // Structurally every passage is reachable, so none is drawn grey.
    #expect(graph.nodes.allSatisfy { $0.isReachable })
    #expect(graph.edges.allSatisfy { $0.isTakeable })
  }
}

// MARK: - Hostile text

@Suite("ScenarioGraph: untrusted text cannot escape its label")
struct GraphEscapingTests {
  /// Choice text and a title written to break out of labels in both languages, with terminal
  /// control characters (ESC, BEL) and a right-to-left override.
  static let hostile = """
    id: hostile
    title: Evil "title" \\ with \u{1B}[31mred\u{07}
    summary: Hostile text.
    roles: social-worker
    minutes: 5
    content-note: Test material.
    reviews: A review (2013)
    guides: working-together, practice-lessons
    modes: practice

    == start
    Say "hi" [now] | {x} #1 <b>bold</b> \u{1B}]0;pwned\u{07} direction LR
    * Close "quote"]; evil [shape=box] -> end
    * Pipe | bracket ] brace } paren ) -> end-two
    * #35; &amp; <script>x</script> -> end
    * Back\\slash \\N \\" \u{202E}rev `tick` -> end
    * direction LR %%{init: {"x": 1}}%% -> end

    == end
    @ending safe
    Done.

    == end-two
    @ending unsafe
    Done.
    """

  private func graph() throws -> ScenarioGraph {
    let loaded = Fixtures.load(Self.hostile, path: "hostile.case")
    try #require(loaded.isPlayable, "the hostile fixture has errors: \(loaded.diagnostics.map(\.message))")
    return ScenarioGraph(scenario: loaded.scenario)
  }

  @Test("DOT escapes quotes and backslashes and carries no control characters")
  func dot() throws {
    let dot = try graph().dot(labels: true)
    #expect(!dot.unicodeScalars.contains(where: UntrustedText.isUnsafe))
    #expect(dot.contains(#"graph [label="Evil \"title\" \\ with ^[[31mred^G", "#))
    #expect(dot.contains(#""start" -> "end" [label="Close \"quote\"]; evil [shape=box]"];"#))
    #expect(dot.contains(#"[label="Back\\slash \\N \\\" \\u{202E}rev `tick`"];"#))
    #expect(dot.contains(#"[label="start\nSay \"hi\" [now] | {x} #1 <b>bold</b>…", penwidth=3];"#))
    // Each edge statement is one line whose quotes all pair up: nothing closed a string early.
    for line in dot.split(separator: "\n") where line.contains(" -> ") {
      let unescapedQuotes = line.replacing("\\\\", with: "").replacing("\\\"", with: "").filter { $0 == "\"" }
      #expect(unescapedQuotes.count % 2 == 0, "unbalanced quotes in: \(line)")
      #expect(line.hasSuffix("];"))
    }
  }

  @Test("Mermaid turns every meaningful character into an entity code")
  func mermaid() throws {
    let mermaid = try graph().mermaid(labels: true)
    #expect(!mermaid.unicodeScalars.contains(where: UntrustedText.isUnsafe))
    #expect(mermaid.contains(##"p_start -->|"Close #34;quote#34;#93;; evil #91;shape=box#93;"| p_end"##))
    #expect(mermaid.contains(##"p_start -->|"Pipe #124; bracket #93; brace #125; paren #41;"| p_end_two"##))
    #expect(mermaid.contains(##"p_start -->|"#35;35; #38;amp; #60;script#62;x#60;/script#62;"| p_end"##))
    #expect(mermaid.contains(##"p_start -->|"Back\slash \N \#34; \u#123;202E#125;rev #96;tick#96;"| p_end"##))
    #expect(mermaid.contains(##"p_start -->|"direction#32;LR %%#123;init: #123;#34;x#34;: 1#125;#125;%%"| p_end"##))
    #expect(mermaid.contains(#"title: 'Evil "title" \ with ^[[31mred^G'"#))
    // No raw quote, bracket, brace, pipe, angle bracket or backtick survives inside a label.
    for line in mermaid.split(separator: "\n") where line.contains("p_start -") {
      let label = try #require(line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().first)
      #expect(label.first == "\"" && label.last == "\"")
      #expect(!label.dropFirst().dropLast().contains(where: { "\"[]{}()<>|`".contains($0) }), "raw character in: \(line)")
    }
    // Mermaid reads "direction LR" anywhere on a line as a statement; it must not appear.
    #expect(mermaid.range(of: #"direction\s+(TB|BT|RL|LR)"#, options: .regularExpression) == nil)
  }

  @Test("newlines and tabs in raw text become spaces or DOT line breaks, never raw line ends")
  func newlines() {
    #expect(GraphText.cleaned("one\n two\t\tthree\n") == "one two three")
    // A carriage return is a control character: made visible, as everywhere CaseSim shows text.
    #expect(GraphText.cleaned("a\rb") == "a^Mb")
    #expect(GraphText.dotEscaped("a\nb\"c\\d\te") == #"a\nb\"c\\d e"#)
    #expect(GraphText.mermaidEscaped("a\nb|c") == "a b#124;c")
  }

  @Test("shortening cuts at a word near the limit and says so with an ellipsis")
  func shortening() {
    #expect(GraphText.shortened("short") == "short")
    let long = "Ask the pastoral lead what Amy said, in her own words, today"
    let short = GraphText.shortened(long)
    #expect(short == "Ask the pastoral lead what Amy said, in…")
    #expect(short.count <= 40)
    #expect(GraphText.shortened(String(repeating: "x", count: 50)).count == 40)
    #expect(GraphText.score(3) == "+3" && GraphText.score(-4) == "-4" && GraphText.score(0) == "±0")
  }
}

// MARK: - The shipped library

@Suite("ScenarioGraph: every shipped scenario")
struct GraphLibraryTests {
  static let library = ScenarioLibrary(root: Fixtures.repositoryRoot)
  /// Each shipped scenario with its graph, built once: exploring the state spaces is the slow part.
  static let graphs: [(scenario: Scenario, graph: ScenarioGraph)] = library.scenarios.map {
    ($0.scenario, ScenarioGraph(scenario: $0.scenario))
  }

  @Test("one node per passage and one edge per choice, in both languages")
  func everyScenario() throws {
    try #require(!Self.library.scenarios.isEmpty, "no scenarios found in \(Self.library.scenariosDirectory)")
    for loaded in Self.library.scenarios {
      try #require(loaded.isPlayable, "\(loaded.scenario.path) has errors")
    }
    for (scenario, graph) in Self.graphs {
      let choices = scenario.orderedPassages.reduce(0) { $0 + $1.choices.count }
      #expect(graph.nodes.count == scenario.passages.count, "\(scenario.id)")
      #expect(graph.edges.count == choices, "\(scenario.id)")

      let dot = graph.dot(labels: true)
      let dotLines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      let dotNodes = dotLines.filter { $0.hasPrefix("\"") && !$0.contains(" -> ") && !$0.hasPrefix("\"_") }
      let dotEdges = dotLines.filter { $0.contains(" -> ") && !$0.hasPrefix("\"_entry\"") }
      #expect(dotNodes.count == scenario.passages.count, "\(scenario.id)")
      #expect(dotEdges.count == choices, "\(scenario.id)")
      for id in scenario.passageOrder {
        #expect(dotNodes.contains { $0.hasPrefix("\"\(id)\" [") }, "\(scenario.id): no node for \(id)")
      }

      let mermaid = graph.mermaid(labels: true)
      let mermaidLines = mermaid.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      let mermaidNodes = mermaidLines.filter { $0.hasPrefix("p_") && !$0.contains("|") }
      let mermaidEdges = mermaidLines.filter { $0.hasPrefix("p_") && $0.contains("|") }
      #expect(mermaidNodes.count == scenario.passages.count, "\(scenario.id)")
      #expect(mermaidEdges.count == choices, "\(scenario.id)")
    }
  }
}

// MARK: - Graphviz

@Suite("Graphviz: SVG through the dot program")
struct GraphvizTests {
  /// The search path the tests run with; CI installs Graphviz (apt-get install graphviz).
  static let path = ProcessInfo.processInfo.environment["PATH"]
  static let installed = Graphviz.locate(searchPath: path) != nil

  @Test("with an empty search path, 'dot' is not found and the error says how to install it")
  func notInstalled() throws {
    #expect(Graphviz.locate(searchPath: "") == nil)
    #expect(Graphviz.locate(searchPath: nil) == nil)
    let empty = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: empty) }
    #expect(Graphviz.locate(searchPath: empty) == nil)
    #expect(throws: GraphvizError.notInstalled) {
      try Graphviz.svg(fromDOT: "digraph { a -> b }", searchPath: empty)
    }
    let message = GraphvizError.notInstalled.description
    #expect(message.contains("apt-get install graphviz"))
    #expect(message.contains("brew install graphviz"))
    #expect(message.contains("--format dot"))
  }

  @Test("a non-executable file called dot is not taken for Graphviz")
  func notExecutable() throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = FileManager.default.createFile(atPath: directory + "/dot", contents: Data("not a program".utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory + "/dot")
    #expect(Graphviz.locate(searchPath: directory) == nil)
  }

  @Test("a failing dot is reported with its status and message")
  func failingDot() throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let fake = directory + "/dot"
    _ = FileManager.default.createFile(
      atPath: fake, contents: Data("#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 3\n".utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let graphviz = try #require(Graphviz.locate(searchPath: "/nonexistent:" + directory))
    #expect(graphviz.executablePath == fake)
    #expect(throws: GraphvizError.failed(status: 3, message: "syntax error in line 1\n")) {
      try graphviz.svg(fromDOT: "digraph { a -> b }")
    }
  }

  @Test("a dot that writes a lot to stderr and stdout does not deadlock", .timeLimit(.minutes(5)))
  func drainsBothPipes() throws {
    let directory = Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let fake = directory + "/dot"
    // 1 MiB on stderr before any stdout: reading stdout alone to the end would hang here. Only
    // shell builtins, so the script runs whatever PATH the tests have.
    let script = """
      #!/bin/sh
      i=0; while [ $i -lt 1024 ]; do printf '%1024s' '' >&2; i=$((i+1)); done
      i=0; while [ $i -lt 1024 ]; do printf '%1024s' ''; i=$((i+1)); done

      """
    _ = FileManager.default.createFile(atPath: fake, contents: Data(script.utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let rendering = try Graphviz(executablePath: fake).svg(fromDOT: "digraph {}")
    #expect(rendering.svg.count == 1_048_576)
    #expect(rendering.warnings.count == 1_048_576)
  }

  @Test(
    "dot accepts the DOT for every shipped scenario, the fixture and the hostile text, and makes SVG",
    .enabled(
      if: installed,
      "Graphviz's 'dot' is not on PATH, so real SVG rendering was NOT tested; install it (apt-get install graphviz) to run this test"
    ))
  func realRendering() throws {
    let graphviz = try #require(Graphviz.locate(searchPath: Self.path))
    var graphs = GraphLibraryTests.graphs
    try #require(!graphs.isEmpty)
    for (text, path) in [(GraphFixture.text, "graph-fixture.case"), (GraphEscapingTests.hostile, "hostile.case")] {
      let scenario = Fixtures.load(text, path: path).scenario
      graphs.append((scenario, ScenarioGraph(scenario: scenario)))
    }
    for (scenario, graph) in graphs {
      for labels in [false, true] {
        let rendering = try graphviz.svg(fromDOT: graph.dot(labels: labels))
        #expect(rendering.svg.contains("<svg"), "\(scenario.id)")
        #expect(rendering.svg.contains("</svg>"), "\(scenario.id)")
        #expect(!rendering.warnings.contains("syntax error"), "\(scenario.id): \(rendering.warnings)")
        // Graphviz writes each node's id as its SVG <title>, with "-" as "&#45;".
        for id in scenario.passageOrder {
          let title = "<title>\(id.replacing("-", with: "&#45;"))</title>"
          #expect(rendering.svg.contains(title), "\(scenario.id): no node \(id) in the SVG")
        }
      }
    }
  }

  @Test(
    "hostile text reaches the SVG as text, escaped for XML",
    .enabled(
      if: installed,
      "Graphviz's 'dot' is not on PATH, so real SVG rendering was NOT tested; install it (apt-get install graphviz) to run this test"
    ))
  func hostileSVG() throws {
    let scenario = Fixtures.load(GraphEscapingTests.hostile, path: "hostile.case").scenario
    let svg = try Graphviz.svg(fromDOT: ScenarioGraph(scenario: scenario).dot(), searchPath: Self.path).svg
    #expect(svg.contains("Close &quot;quote&quot;]; evil [shape=box]"))
    #expect(svg.contains("&lt;script&gt;x&lt;/script&gt;"))
    #expect(svg.contains(#"Back\slash \N \&quot; \u{202E}rev `tick`"#))
    #expect(!svg.contains("<script"))
    #expect(!svg.unicodeScalars.contains(where: UntrustedText.isUnsafe))
  }
}

/// The lines that differ between two texts, for readable failures of the golden tests.
private func lineDiff(_ actual: String, _ expected: String) -> String {
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  var out: [String] = []
  for index in 0..<max(a.count, e.count) {
    let left = index < a.count ? String(a[index]) : "<none>"
    let right = index < e.count ? String(e[index]) : "<none>"
    if left != right { out.append("line \(index + 1):\n  got:      \(left)\n  expected: \(right)") }
  }
  return out.joined(separator: "\n")
}
