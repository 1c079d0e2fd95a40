@testable import CaseAuthoring
@testable import CaseFormat
import CaseTestSupport
import Foundation
import Testing

/// The grammar is written once, in the parser and its syntax tree: the tools that work on the
/// text take a construct from the tree, so adding one that holds only text (like `@why` or
/// `@lesson`) touches the vocabulary, the parser, the model and the docs, not the formatter, the
/// equivalence check or the Twine writer.
@Suite("One grammar: tools work from the syntax tree")
struct OneGrammarTests {
  /// The directives that hold only text: what a new prose-level construct would be like.
  static let textDirectives = CaseVocabulary.directives.filter { $0.continues && $0.name != "fact" }.map(\.name)

  /// The files that must not know any such construct by name.
  static let grammarFreeSources = [
    "Sources/CaseAuthoring/Formatting/CanonicalLine.swift",
    "Sources/CaseAuthoring/Formatting/CanonicalLayout.swift",
    "Sources/CaseAuthoring/Formatting/ScenarioFormatter.swift",
    "Sources/CaseAuthoring/Formatting/ScenarioEquivalence.swift",
    "Sources/CaseInterchange/Twine/TweeScenarioWriter.swift",
  ]

  @Test("the text-only directives are there to test")
  func thereAreTextDirectives() {
    #expect(Set(Self.textDirectives).isSuperset(of: ["lesson", "reflect", "why"]))
  }

  @Test("the formatter, the equivalence check and the Twine writer name no text-only construct", arguments: grammarFreeSources)
  func toolsDoNotNameTextConstructs(file: String) throws {
    let source = try String(contentsOfFile: Fixtures.repositoryRoot + "/" + file, encoding: .utf8)
    for name in Self.textDirectives {
      for spelling in ["\"\(name)\"", "\"@\(name)\"", "\"@\(name) ", "case .\(name)"] {
        #expect(!source.contains(spelling), "\(file) names '\(name)' (\(spelling)): it should take it from the syntax tree")
      }
    }
    // The model's fields for those constructs are not named either: the equivalence check walks
    // the model, whatever its fields.
    for field in ["rationalePrompt", "lessons", "reflections", "keepsWrittenOrder"] {
      for spelling in [".\(field)", "\(field):", "`\(field)`"] {
        #expect(!source.contains(spelling), "\(file) names the model's '\(field)'")
      }
    }
  }

  @Test("every text-only directive is formatted, compared and kept by the general rule", arguments: textDirectives)
  func textDirectiveFormats(name: String) throws {
    let ending = name == "why" ? "" : "@ending safe | Done\n"
    let messy = Fixtures.header() + "== start\n\(ending)@\(name)    Some   words   here.   \n   going on.\nText.\n"
    let formatted = try ScenarioFormatter.format(messy, path: "t.case").get()
    #expect(formatted.contains("\n@\(name) Some   words   here.\n  going on.\n"))
    let before = Fixtures.load(messy, path: "t.case").scenario
    let after = Fixtures.load(formatted, path: "t.case").scenario
    #expect(ScenarioEquivalence.areEquivalent(before, after))
  }

  @Test("the equivalence check sees a change in any field of the model and names where it is")
  func equivalenceNamesTheDifference() throws {
    let text = Fixtures.header() + "== start\n@why Why so?\nText.\n* Go -> end\n  > Well done.\n== end\n@ending safe | Done\n@lesson L.\nEnd.\n"
    let base = Fixtures.load(text, path: "e.case").scenario
    var why = base
    why.passages["start"]?.rationalePrompt = "Why not?"
    #expect(ScenarioEquivalence.firstDifference(base, why) == "passage 'start': its rationale prompt differs at \"Why so?\"")
    var feedback = base
    feedback.passages["start"]?.choices[0].feedback = ["Good."]
    #expect(ScenarioEquivalence.firstDifference(base, feedback)?.hasPrefix("passage 'start', choice 1: its feedback differs") == true)
    var lesson = base
    lesson.passages["end"]?.ending?.lessons.append("Another.")
    #expect(ScenarioEquivalence.firstDifference(base, lesson)?.hasPrefix("passage 'end': its ending, lessons differs") == true)
    // Where a thing was written is not its meaning.
    var moved = base
    moved.passages["start"]?.location.line += 10
    moved.path = "elsewhere.case"
    moved.contentHash = "different"
    #expect(ScenarioEquivalence.firstDifference(base, moved) == nil)
  }

  /// A construct the format does not have, added here as the parser would add it: `@aside TEXT`,
  /// a line of text that may go on over indented lines. The test teaches the parser's output (the
  /// tree) about it and grows the model by a field, and shows that the formatter and the
  /// equivalence check take both as they are: nothing in them had to change.
  @Test("a new prose-level construct is formatted and compared with no change to the formatter or the equivalence check")
  func newProseConstructNeedsNoToolChange() throws {
    let text = Fixtures.header() + "== start\n@aside    Some   words   here.   \n     going on.\nText.\n"
    var tree = ScenarioParser.syntax(of: text, path: "t.case")
    // Today's parser rejects the line as an unknown directive...
    #expect(tree.diagnostics.map(\.code) == [.unknownDirective])
    let asideIndex = try #require(tree.lines.firstIndex { $0.source.content.hasPrefix("@aside") })
    #expect(tree.lines[asideIndex].kind == .rejected)
    // ...and a parser that knows `@aside` says what the line is and where its parts are, as it
    // does for `@why`: a directive with its keyword and its text, and a continuation line.
    let aside = tree.lines[asideIndex].source
    let textStart = aside.indent + "@aside".count + 4
    tree.lines[asideIndex].kind = .directive("aside")
    tree.lines[asideIndex].tokens = [
      SyntaxToken(.keyword, aside.indent..<(aside.indent + 6)),
      SyntaxToken(.text, textStart..<(aside.indent + aside.content.count)),
    ]
    let going = tree.lines[asideIndex + 1].source
    tree.lines[asideIndex + 1].kind = .continuation("aside")
    tree.lines[asideIndex + 1].tokens = [SyntaxToken(.text, going.indent..<(going.indent + going.content.count))]
    tree.diagnostics = []
    let lowered = ScenarioLowering.lower(tree)

    // The formatter lays it out by the general rule: one space after the keyword, the text as
    // written, the continuation indented by two.
    let formatted = CanonicalLayout.render(try CanonicalLine.lines(of: lowered))
    #expect(formatted.contains("\n@aside Some   words   here.\n  going on.\nText.\n"), "\(formatted)")

    // The model grows a field for it; the equivalence check's walk compares that field with no
    // change, and still takes where things were written as no difference.
    struct PassageWithAsides {
      var id: String
      var asides: [String]
      var location: CaseFormat.SourceLocation
    }
    let here = CaseFormat.SourceLocation(file: "t.case", line: 3, column: 1)
    let base = PassageWithAsides(id: "start", asides: ["Some words here. going on."], location: here)
    var changed = base
    changed.asides = ["Other words."]
    var moved = base
    moved.location.line += 10
    let leaves = { (value: PassageWithAsides) in MeaningWalk(value, skipping: []).leaves }
    #expect(leaves(base) != leaves(changed))
    #expect(leaves(base).contains { $0.path == [.field("asides"), .index(0)] && $0.isText })
    #expect(leaves(base) == leaves(moved))
    #expect(ScenarioEquivalence.describe([.field("asides")]).contains("asides"))
  }

  @Test("the tree holds the form of each line; lowering it to the model says what only meaning can")
  func parsingAndLoweringAreTwoSteps() {
    let text = Fixtures.header() + "counter evidence = 9 in 0..4\n== start\n* {evidence > 1} Go -> end\n  @if evidence < 3\n== end\n@ending partly safe | Done\nEnd.\n"
    let tree = ScenarioParser.syntax(of: text, path: "t.case")
    // The form is right: the tree has no complaint, and keeps each condition parsed.
    #expect(tree.diagnostics.isEmpty)
    let conditions = tree.lines.compactMap { $0.expression?.condition }
    #expect(conditions.count == 2)
    // What the values mean is lowering's to say: a counter starting outside its range and an
    // outcome that is not one, each once.
    let lowered = ScenarioLowering.lower(tree)
    #expect(lowered.diagnostics.map(\.code) == [.badCondition, .badOutcome])
    #expect(lowered.declarations.first?.initialValue == 4)
    let choice = lowered.passages.first?.choices.first
    #expect(choice?.condition == .and(conditions[0], conditions[1]))
    #expect(choice?.conditionSpan?.start.column == 3)
    #expect(lowered.passages.last?.ending?.outcome == .partlySafe)
    // The one-step parse is the two steps.
    let parsed = ScenarioParser.parse(text, path: "t.case")
    #expect(parsed.diagnostics == lowered.diagnostics)
    #expect(parsed.passages == lowered.passages)
  }
}
