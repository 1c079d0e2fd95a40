import CaseTestSupport
import Foundation
import Testing

/// Names as people type them, at the shell's prompt and on the command line: roles as shown,
/// the options of play, and the guidance catalog's ids.
@Suite("Names a person would type: roles, options, guidance ids", .serialized)
struct RoleNamesCLITests {
  @Test("at the prompt: 'play ID police' plays as police-officer; --mode and --order are options, not roles")
  func shellPlay() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let police = try CaseSimProcess.run([], input: "play the-strategy-discussion police\nback\nquit\n", sandbox: sandbox)
    #expect(police.stdout.contains("Role: police officer."), "\(police.stdout.suffix(1500))")
    let words = try CaseSimProcess.run([], input: "play the-strategy-discussion health visitor --mode assessment\nback\nquit\n", sandbox: sandbox)
    #expect(words.stdout.contains("Role: health visitor."), "\(words.stdout.suffix(1500))")
    #expect(words.stdout.contains("Mode: assessment"))
    let ambiguous = try CaseSimProcess.run([], input: "play the-strategy-discussion s\nquit\n", sandbox: sandbox)
    #expect(ambiguous.stdout.contains("'s' could be 'social-worker' or 'school-dsl' in 'the-strategy-discussion'"))
    let badMode = try CaseSimProcess.run([], input: "play hungry-in-class --mode exam\nquit\n", sandbox: sandbox)
    #expect(badMode.stdout.contains("'--mode' takes practice or assessment"))
    let badOption = try CaseSimProcess.run([], input: "play hungry-in-class --mdoe assessment\nquit\n", sandbox: sandbox)
    #expect(badOption.stdout.contains("'--mdoe' is not an option of play; it takes --mode, --order, --role and --team. Did you mean '--mode'?"))
    #expect([police, words, ambiguous, badMode, badOption].allSatisfy { $0.status == 0 })
  }

  @Test("on the command line: --role takes the shown name; an unknown role lists the roles, exit 64")
  func commandLine() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let played = try CaseSimProcess.run(["play", "the-strategy-discussion", "--role", "School DSL"], input: "back\n", sandbox: sandbox)
    #expect(played.stdout.contains("Role: school dsl."), "\(played.stdout.suffix(800))\n\(played.stderr)")
    let unknown = try CaseSimProcess.run(["analyze", "the-strategy-discussion", "--role", "polise-officer"], sandbox: sandbox)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("its roles are 'social-worker', 'police-officer', 'health-visitor' and 'school-dsl'. Did you mean 'police-officer'?"))
  }

  @Test("on the command line, as in the shell: the role after the id; a misspelt role is one usage line with a did-you-mean, exit 64")
  func commandLinePositionalRole() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let played = try CaseSimProcess.run(["play", "the-strategy-discussion", "police"], input: "back\n", sandbox: sandbox)
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stdout.contains("Role: police officer."), "\(played.stdout.suffix(800))\n\(played.stderr)")
    let words = try CaseSimProcess.run(
      ["play", "the-strategy-discussion", "health", "visitor", "--mode", "assessment"], input: "back\n", sandbox: sandbox)
    #expect(words.stdout.contains("Role: health visitor.") && words.stdout.contains("Mode: assessment"), "\(words.stderr)")
    for (typed, meant) in [("polce", "police-officer"), ("dls", "school-dsl")] {
      for arguments in [["play", "the-strategy-discussion", typed], ["play", "the-strategy-discussion", "--role", typed]] {
        let refused = try CaseSimProcess.run(arguments, input: "", sandbox: sandbox)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("Did you mean '\(meant)'?"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("Usage:"), "one line, no usage screen after it: \(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
      }
    }
    let twice = try CaseSimProcess.run(["play", "the-strategy-discussion", "police", "--role", "dsl"], input: "", sandbox: sandbox)
    #expect(twice.status == 64 && twice.stderr.contains("give the role once"))
    let help = try CaseSimProcess.run(["play", "--help"], sandbox: sandbox)
    #expect(help.stdout.contains("[<role> ...]") && help.stdout.contains("--role <role>"), "\(help.stdout)")
  }

  @Test("'guides' at the prompt lists every principle's id, which 'guidance ID' then reads")
  func guidesAtThePrompt() throws {
    let sandbox = CaseSimProcess.Sandbox()
    let shown = try CaseSimProcess.run([], input: "guides\nguidance see-child-alone\nquit\n", sandbox: sandbox)
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("\n  see-child-alone\n"), "\(shown.stdout.prefix(3000))")
    #expect(shown.stdout.contains("Type 'guidance ID' to read one."))
    #expect(!shown.stdout.contains("is not a command"))
    let cli = try CaseSimProcess.run(["guides"], sandbox: sandbox)
    #expect(cli.stdout.contains("\n  see-child-alone\n"))
  }
}
