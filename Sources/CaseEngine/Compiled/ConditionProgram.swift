package import CaseFormat

/// Conditions compiled to a flat list of steps over a packed state: evaluating one touches no
/// string, dictionary or reference count. Roles are decided when the scenario is compiled for a
/// role, so they become constants.
///
/// One register holds the current truth value. `and` and `or` short-circuit by jumping over the
/// right-hand side, exactly as ``Condition/evaluate(flags:counters:role:)`` does.
package struct ConditionProgram: Sendable {
  package enum Step: Sendable, Equatable {
    case flag(field: Int32)
    case compare(field: Int32, Condition.Comparison, Int)
    case constant(Bool)
    case negate
    /// Leaves the register as it is and jumps to the step when it is false.
    case jumpIfFalse(Int32)
    case jumpIfTrue(Int32)
  }

  package private(set) var steps: [Step] = []

  package init() {}

  /// Appends a condition and returns the range of steps that evaluate it.
  ///
  /// - Parameters:
  ///   - flagField: the layout field of a flag name (nil: a name no state holds, read as false).
  ///   - counterField: the same for counters (read as 0).
  ///   - knowledgeField: the flag field of a `ROLE knows FACT` pair (nil: read as false).
  ///   - role: the role conditions are read as; nil for none in particular (`role ==` reads as
  ///     true: for working out which values are read, never for play).
  mutating func append(
    _ condition: Condition, role: String?, flagField: (String) -> Int?, counterField: (String) -> Int?,
    knowledgeField: (KnownFact) -> Int? = { _ in nil }
  ) -> Range<Int32> {
    let start = Int32(steps.count)
    emit(condition, role: role, flagField: flagField, counterField: counterField, knowledgeField: knowledgeField)
    return start..<Int32(steps.count)
  }

  private mutating func emit(
    _ condition: Condition, role: String?, flagField: (String) -> Int?, counterField: (String) -> Int?,
    knowledgeField: (KnownFact) -> Int?
  ) {
    switch condition {
    case .flag(let name):
      if let field = flagField(name) { steps.append(.flag(field: Int32(field))) } else { steps.append(.constant(false)) }
    case .not(let inner):
      emit(inner, role: role, flagField: flagField, counterField: counterField, knowledgeField: knowledgeField)
      steps.append(.negate)
    case .compare(let name, let comparison, let value):
      if let field = counterField(name) {
        steps.append(.compare(field: Int32(field), comparison, value))
      } else {
        steps.append(.constant(comparison.holds(0, value)))
      }
    case .role(let name, let equal):
      steps.append(.constant(role.map { ($0 == name) == equal } ?? true))
    case .knows(let knower, let fact):
      if let field = knowledgeField(KnownFact(role: knower, fact: fact)) {
        steps.append(.flag(field: Int32(field)))
      } else {
        steps.append(.constant(false))
      }
    case .and(let left, let right), .or(let left, let right):
      emit(left, role: role, flagField: flagField, counterField: counterField, knowledgeField: knowledgeField)
      let jump = steps.count
      steps.append(.constant(false))  // replaced below, once the right-hand side's end is known
      emit(right, role: role, flagField: flagField, counterField: counterField, knowledgeField: knowledgeField)
      let end = Int32(steps.count)
      if case .and = condition { steps[jump] = .jumpIfFalse(end) } else { steps[jump] = .jumpIfTrue(end) }
    }
  }

  /// Evaluates the steps in `range` over a packed state; an empty range holds.
  @inline(__always)
  static func holds(
    _ range: Range<Int32>, _ words: UnsafePointer<UInt64>, flags: UnsafeBufferPointer<StateLayout.Field>,
    counters: UnsafeBufferPointer<StateLayout.Field>, steps: UnsafeBufferPointer<Step>
  ) -> Bool {
    var value = true
    var position = Int(range.lowerBound)
    let end = Int(range.upperBound)
    while position < end {
      switch steps[position] {
      case .flag(let field):
        let f = flags[Int(field)]
        value = words[f.word] & f.mask != 0
      case .compare(let field, let comparison, let operand):
        value = comparison.holds(counters[Int(field)].read(words), operand)
      case .constant(let constant): value = constant
      case .negate: value = !value
      case .jumpIfFalse(let target):
        if !value {
          position = Int(target)
          continue
        }
      case .jumpIfTrue(let target):
        if value {
          position = Int(target)
          continue
        }
      }
      position += 1
    }
    return value
  }
}
