import CaseEngine
import CaseFormat
import Foundation

/// The author's last preview (`play FILE --from ...`): where it started and the decisions taken,
/// kept in `$XDG_STATE_HOME/casesim/last-preview.json` (0600) so that `check --watch` can play
/// them again on every save and show where the edited scenario now leads.
struct LastPreview: Codable {
  var path: String
  var role: String
  var start: PreviewStart
  var decisions: [TakenDecision]

  static func file(_ environment: Environment) -> String {
    environment.stateDirectory + "/last-preview.json"
  }

  static func load(_ environment: Environment) -> LastPreview? {
    guard case .success(let data) = SourceFile.read(file(environment), limit: 16 * 1024 * 1024) else { return nil }
    return try? JSONDecoder().decode(LastPreview.self, from: data)
  }

  /// Keeps it; a preview that cannot be kept (a read-only state folder) is no reason to fail.
  func save(_ environment: Environment) {
    guard let data = try? JSONEncoder().encode(self) else { return }
    PrivateFile.write(data, to: Self.file(environment))
  }

  /// The decisions played again on `scenario` (as it is now, from the same start), in words.
  func replayed(on scenario: Scenario) -> String {
    var lines = ["preview from \(start.summary), replayed on the saved file:"]
    let preview: Scenario
    do {
      preview = try start.applied(to: scenario)
    } catch {
      return (lines + ["  it cannot start any more: \(error.description)"]).joined(separator: "\n") + "\n"
    }
    let engine = Engine(scenario: preview, role: role)
    var state = engine.start()
    for (number, decision) in decisions.enumerated() {
      let choice = engine.choice(for: decision)
      let label = choice.map { "'\(UntrustedText.escaped($0.text))'" } ?? "choice \(decision.choiceIndex)"
      guard state.passageID == decision.passageID else {
        lines.append("  decision \(number + 1) was taken at '\(decision.passageID)', but play is now at '\(state.passageID)': the preview stops here")
        return lines.joined(separator: "\n") + "\n"
      }
      do {
        state = try engine.choose(decision.choiceIndex, in: state)
        lines.append("  at '\(decision.passageID)': \(label)")
      } catch {
        lines.append("  at '\(decision.passageID)': \(label) is no longer on offer; the preview stops here")
        return lines.joined(separator: "\n") + "\n"
      }
    }
    if let ending = engine.passage(state)?.ending {
      let title = ending.title.map { ": \(UntrustedText.escaped($0))" } ?? ""
      lines.append("  reached ending '\(state.passageID)' (\(ending.outcome.rawValue)\(title))")
    } else {
      lines.append("  now at '\(state.passageID)', \(engine.visibleChoices(state).count) choices on offer")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
