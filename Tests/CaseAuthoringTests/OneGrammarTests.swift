import CaseAuthoring
import CaseFormat
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
}
