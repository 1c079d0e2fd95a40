package import CaseFormat

/// A scenario compiled for one role into a dense form for the machine: passages and choices are
/// numbers, a state is a few packed words (``StateLayout``), conditions are flat programs
/// (``ConditionProgram``) and effects write fields in place. Random play-testing, the state space
/// and everything built on it run over this form; the readable ``Scenario`` stays the model for
/// play, records and debriefs, and every compiled choice points back at its readable ``Choice``.
///
/// Compiling is linear in the size of the scenario. The compiled rules are the engine's rules:
/// choices for other roles are left out, unknown names read as false or 0, counters are clamped
/// to their declared range after saturating arithmetic (tests compare the two forms state by
/// state).
package struct CompiledScenario: Sendable {
  /// A choice for this role, in the passage's written order.
  package struct CompiledChoice: Sendable {
    package var passage: Int32
    /// Position in the readable passage's `choices` (0-based).
    package var position: Int32
    /// The target passage's number; -1 when no passage has the target's name.
    package var target: Int32
    var condition: Range<Int32>
    var effects: Range<Int32>
    /// The sum of the choice's weights.
    package var points: Int
    package var isCritical: Bool
    /// A number shared by no other choice when the choice scores (has weights), else -1: play
    /// counts a choice's points once.
    package var scoringSlot: Int32
  }

  /// A change to a packed state.
  enum CompiledEffect: Sendable {
    case set(flag: Int32)
    case clear(flag: Int32)
    /// Adds, saturating, then clamps to `lower...upper`.
    case add(counter: Int32, Int, lower: Int, upper: Int)
    case assign(counter: Int32, Int)
  }

  package let scenario: Scenario
  package let role: String
  /// Passage names by number, in file order (and last, the start passage's name if no passage
  /// has it: an empty ending, so play and analysis stop where they start, as the engine does).
  package let passageIDs: [String]
  package let passageNumbers: [String: Int]
  package let start: Int
  package let isEnding: [Bool]
  /// Passages shown to this role (`@role` lists it or is absent).
  package let isForRole: [Bool]
  package let flagNames: [String]
  /// The `ROLE knows FACT` pairs some condition asks, each a one-bit field after the flags
  /// (``StateLayout/flags`` holds the flags, then these); knowledge no condition asks cannot
  /// change the future, so it is not part of the packed state.
  package let knowledgeNames: [KnownFact]
  /// For each passage, the fields of the knowledge bits this role gains on entering it (the
  /// named facts it tells, where some condition asks about them); empty for a passage not for
  /// the role.
  package let learned: [[Int]]
  package let counterNames: [String]
  package let layout: StateLayout
  /// The packed state before any decision.
  package let initialWords: [UInt64]
  /// Choice numbers of passage `p` are `choiceStart[p]..<choiceStart[p + 1]`.
  package let choiceStart: [Int32]
  package let choices: [CompiledChoice]
  /// How many choices score.
  package let scoringSlotCount: Int
  /// Passage `p`'s conditional prose lines are `proseStart[p]..<proseStart[p + 1]` in `proseLines`.
  package let proseStart: [Int32]
  /// A conditional prose line: where it is written and its condition's steps.
  package let proseLines: [(location: SourceLocation, condition: Range<Int32>)]
  let program: ConditionProgram
  let effects: [CompiledEffect]
  /// The readable choices of each passage, shared with the scenario (no copy).
  let readableChoices: [[Choice]]

  package init(scenario: Scenario, role: String) {
    self.init(scenario: scenario, role: role, everyRole: false)
  }

  /// The scenario with every role's choices and prose at once, and no knowledge learned on
  /// entering a passage: the role-agnostic graph the team's liveness is worked out on
  /// (``Liveness/init(everyRoleOf:)``). Not for play: `role ==` reads as true.
  package init(everyRoleOf scenario: Scenario) {
    self.init(scenario: scenario, role: "", everyRole: true)
  }

  private init(scenario: Scenario, role: String, everyRole: Bool) {
    self.scenario = scenario
    self.role = role
    func isFor(_ roles: [String]) -> Bool { everyRole || roles.isEmpty || roles.contains(role) }
    var ids = scenario.passageOrder.filter { scenario.passages[$0] != nil }
    // Passages missing from the written order (none in a loaded scenario) go last, sorted.
    if ids.count < scenario.passages.count {
      let ordered = Set(ids)
      ids += scenario.passages.keys.filter { !ordered.contains($0) }.sorted()
    }
    // A start passage that does not exist (a file with errors) becomes a passage of its own with
    // nothing in it that play cannot leave: the engine calls such a play finished where it starts.
    if scenario.passages[scenario.startPassageID] == nil { ids.append(scenario.startPassageID) }
    var numbers: [String: Int] = [:]
    numbers.reserveCapacity(ids.count)
    for (number, id) in ids.enumerated() { numbers[id] = number }
    let passages = ids.map { scenario.passages[$0] }
    let start = numbers[scenario.startPassageID]!

    // Names: the declared ones first, then any name a condition or effect uses undeclared.
    var flagNames: [String] = []
    var flagNumbers: [String: Int] = [:]
    var counterNames: [String] = []
    var counterNumbers: [String: Int] = [:]
    func flag(_ name: String) {
      if flagNumbers[name] == nil {
        flagNumbers[name] = flagNames.count
        flagNames.append(name)
      }
    }
    func counter(_ name: String) {
      if counterNumbers[name] == nil {
        counterNumbers[name] = counterNames.count
        counterNames.append(name)
      }
    }
    var knowledgeNames: [KnownFact] = []
    var knowledgeNumbers: [KnownFact: Int] = [:]
    func collect(_ condition: Condition) {
      switch condition {
      case .flag(let name): flag(name)
      case .compare(let name, _, _): counter(name)
      case .not(let inner): collect(inner)
      case .and(let a, let b), .or(let a, let b):
        collect(a)
        collect(b)
      case .knows(let role, let fact):
        let known = KnownFact(role: role, fact: fact)
        if knowledgeNumbers[known] == nil {
          knowledgeNumbers[known] = knowledgeNames.count
          knowledgeNames.append(known)
        }
      case .role: break
      }
    }
    for declaration in scenario.declarations.values.sorted(by: { $0.location < $1.location }) {
      if declaration.kind == .flag { flag(declaration.name) } else { counter(declaration.name) }
    }
    for case let passage? in passages {
      for line in passage.prose { if let condition = line.condition { collect(condition) } }
      for choice in passage.choices {
        if let condition = choice.condition { collect(condition) }
        for effect in choice.effects {
          switch effect {
          case .set(let name), .clear(let name): flag(name)
          case .add(let name, _), .assign(let name, _): counter(name)
          case .share: break
          }
        }
      }
    }
    // A counter's field holds its declared range (and its starting value, should that lie
    // outside); a name never declared as a counter starts at 0 and is not clamped.
    let initialCounters = counterNames.map { name -> Int in
      guard let declaration = scenario.declarations[name], declaration.kind == .counter else { return 0 }
      return declaration.initialValue
    }
    let clampRanges = counterNames.map { scenario.declarations[$0]?.range ?? Int.min...Int.max }
    let fieldRanges = zip(clampRanges, initialCounters).map { range, initial in
      min(range.lowerBound, initial)...max(range.upperBound, initial)
    }
    let layout = StateLayout(
      passageCount: ids.count, flagCount: flagNames.count + knowledgeNames.count, counterRanges: fieldRanges)
    // The knowledge bits a role gains on entering each passage written for it (its named facts).
    let knowledgeField = { (known: KnownFact) in knowledgeNumbers[known].map { flagNames.count + $0 } }
    let learned: [[Int]] = passages.map { passage in
      guard let passage, !everyRole, isFor(passage.roles) else { return [] }
      return passage.facts.compactMap { fact in fact.id.flatMap { knowledgeField(KnownFact(role: role, fact: $0)) } }
    }
    var initial = [UInt64](repeating: 0, count: layout.wordCount)
    initial.withUnsafeMutableBufferPointer { words in
      let base = words.baseAddress!
      for (number, name) in flagNames.enumerated() where (scenario.declarations[name].map { $0.kind == .flag && $0.initialValue != 0 } ?? false) {
        layout.flags[number].write(1, base)
      }
      for (number, value) in initialCounters.enumerated() { layout.counters[number].write(value, base) }
      for field in learned[start] { layout.flags[field].write(1, base) }
      layout.passage.write(start, base)
    }

    var program = ConditionProgram()
    var effects: [CompiledEffect] = []
    var choices: [CompiledChoice] = []
    var choiceStart: [Int32] = [0]
    var proseStart: [Int32] = [0]
    var proseLines: [(location: SourceLocation, condition: Range<Int32>)] = []
    var slots: Int32 = 0
    let flagField = { (name: String) in flagNumbers[name] }
    let counterField = { (name: String) in counterNumbers[name] }
    for (number, found) in passages.enumerated() {
      guard let passage = found else {
        proseStart.append(Int32(proseLines.count))
        choiceStart.append(Int32(choices.count))
        continue
      }
      let forRole = isFor(passage.roles)
      if forRole {
        for line in passage.prose {
          guard let condition = line.condition else { continue }
          let steps = program.append(
            condition, role: everyRole ? nil : role, flagField: flagField, counterField: counterField,
            knowledgeField: knowledgeField)
          proseLines.append((line.location, steps))
        }
      }
      proseStart.append(Int32(proseLines.count))
      for (position, choice) in passage.choices.enumerated()
      where isFor(choice.roles) {
        let condition = choice.condition.map {
          program.append(
            $0, role: everyRole ? nil : role, flagField: flagField, counterField: counterField,
            knowledgeField: knowledgeField)
        } ?? 0..<0
        let firstEffect = Int32(effects.count)
        for effect in choice.effects {
          switch effect {
          case .set(let name): effects.append(.set(flag: Int32(flagNumbers[name]!)))
          case .clear(let name): effects.append(.clear(flag: Int32(flagNumbers[name]!)))
          case .add(let name, let amount):
            let counter = counterNumbers[name]!
            let range = clampRanges[counter]
            effects.append(.add(counter: Int32(counter), amount, lower: range.lowerBound, upper: range.upperBound))
          case .assign(let name, let value):
            let counter = counterNumbers[name]!
            let range = clampRanges[counter]
            effects.append(.assign(counter: Int32(counter), min(max(value, range.lowerBound), range.upperBound)))
          case .share(let fact, let roles):
            for recipient in scenario.recipients(of: roles) {
              if let field = knowledgeField(KnownFact(role: recipient, fact: fact)) {
                effects.append(.set(flag: Int32(field)))
              }
            }
          }
        }
        // Entering the target: the role learns the facts it tells.
        if let target = numbers[choice.target] {
          for field in learned[target] { effects.append(.set(flag: Int32(field))) }
        }
        choices.append(
          CompiledChoice(
            passage: Int32(number), position: Int32(position), target: scenario.passages[choice.target] == nil ? -1 : Int32(numbers[choice.target]!),
            condition: condition, effects: firstEffect..<Int32(effects.count), points: choice.totalPoints,
            isCritical: choice.isCritical, scoringSlot: choice.scores.isEmpty ? -1 : slots))
        if !choice.scores.isEmpty { slots += 1 }
      }
      choiceStart.append(Int32(choices.count))
    }

    passageIDs = ids
    passageNumbers = numbers
    self.start = start
    isEnding = passages.map { $0?.isEnding ?? true }
    isForRole = passages.map { $0.map { isFor($0.roles) } ?? true }
    self.flagNames = flagNames
    self.knowledgeNames = knowledgeNames
    self.learned = learned
    self.counterNames = counterNames
    self.layout = layout
    initialWords = initial
    self.choiceStart = choiceStart
    self.choices = choices
    scoringSlotCount = Int(slots)
    self.proseStart = proseStart
    self.proseLines = proseLines
    self.program = program
    self.effects = effects
    readableChoices = passages.map { $0?.choices ?? [] }
  }

  /// The readable choice behind a compiled one.
  package func choice(_ number: Int) -> Choice {
    let compiled = choices[number]
    return readableChoices[Int(compiled.passage)][Int(compiled.position)]
  }

  /// The compiled choices of a passage.
  package func choices(of passage: Int) -> Range<Int> { Int(choiceStart[passage])..<Int(choiceStart[passage + 1]) }

  // MARK: Working on packed states

  /// Raw access for the hot loops of play-testing and exploration: every buffer a step needs,
  /// borrowed once rather than looked up per state.
  struct Buffers {
    let choices: UnsafeBufferPointer<CompiledChoice>
    let choiceStart: UnsafeBufferPointer<Int32>
    let steps: UnsafeBufferPointer<ConditionProgram.Step>
    let effects: UnsafeBufferPointer<CompiledEffect>
    let flags: UnsafeBufferPointer<StateLayout.Field>
    let counters: UnsafeBufferPointer<StateLayout.Field>
    let isEnding: UnsafeBufferPointer<Bool>

    @inline(__always)
    func holds(_ choice: Int, _ words: UnsafePointer<UInt64>) -> Bool {
      let range = choices[choice].condition
      return range.isEmpty || ConditionProgram.holds(range, words, flags: flags, counters: counters, steps: steps)
    }

    @inline(__always)
    func holds(condition range: Range<Int32>, _ words: UnsafePointer<UInt64>) -> Bool {
      range.isEmpty || ConditionProgram.holds(range, words, flags: flags, counters: counters, steps: steps)
    }

    /// Applies a choice's effects to a packed state in place (not the move to its target).
    @inline(__always)
    func applyEffects(of choice: Int, _ words: UnsafeMutablePointer<UInt64>) {
      let range = choices[choice].effects
      var position = Int(range.lowerBound)
      while position < Int(range.upperBound) {
        switch effects[position] {
        case .set(let flag):
          let field = flags[Int(flag)]
          words[field.word] |= field.mask
        case .clear(let flag):
          let field = flags[Int(flag)]
          words[field.word] &= ~field.mask
        case .add(let counter, let amount, let lower, let upper):
          let field = counters[Int(counter)]
          let (sum, overflow) = field.read(words).addingReportingOverflow(amount)
          let saturated = overflow ? (amount > 0 ? Int.max : Int.min) : sum
          field.write(min(max(saturated, lower), upper), words)
        case .assign(let counter, let value):
          counters[Int(counter)].write(value, words)
        }
        position += 1
      }
    }
  }

  func withBuffers<Result>(_ body: (Buffers) throws -> Result) rethrows -> Result {
    try choices.withUnsafeBufferPointer { choices in
      try choiceStart.withUnsafeBufferPointer { choiceStart in
        try program.steps.withUnsafeBufferPointer { steps in
          try effects.withUnsafeBufferPointer { effects in
            try layout.flags.withUnsafeBufferPointer { flags in
              try layout.counters.withUnsafeBufferPointer { counters in
                try isEnding.withUnsafeBufferPointer { isEnding in
                  try body(
                    Buffers(
                      choices: choices, choiceStart: choiceStart, steps: steps, effects: effects, flags: flags,
                      counters: counters, isEnding: isEnding))
                }
              }
            }
          }
        }
      }
    }
  }

  // MARK: Between the two forms

  /// The packed form of a readable state (names the scenario does not know are ignored).
  package func pack(_ key: StateKey) -> [UInt64]? {
    guard let passage = passageNumbers[key.passageID] else { return nil }
    var words = [UInt64](repeating: 0, count: layout.wordCount)
    words.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      layout.passage.write(passage, base)
      for (number, name) in flagNames.enumerated() where key.flags[name] == true { layout.flags[number].write(1, base) }
      for (number, known) in knowledgeNames.enumerated() where key.knowledge.contains(known) {
        layout.flags[flagNames.count + number].write(1, base)
      }
      for (number, name) in counterNames.enumerated() {
        let field = layout.counters[number]
        let value = key.counters[name] ?? 0
        field.write(min(max(value, field.lower), field.upper), base)
      }
    }
    return words
  }

  /// The readable form of a packed state: every flag and counter the scenario names, with its value.
  package func unpack(_ words: UnsafePointer<UInt64>) -> StateKey {
    var flags: [String: Bool] = [:]
    var counters: [String: Int] = [:]
    for (number, name) in flagNames.enumerated() { flags[name] = layout.flags[number].read(words) != 0 }
    for (number, name) in counterNames.enumerated() { counters[name] = layout.counters[number].read(words) }
    let knowledge = Set(
      knowledgeNames.enumerated().filter { layout.flags[flagNames.count + $0.offset].read(words) != 0 }.map(\.element))
    return StateKey(
      passageID: passageIDs[layout.passage.read(words)], flags: flags, counters: counters, knowledge: knowledge)
  }
}
