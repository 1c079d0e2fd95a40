import CaseAuthoring
import Testing

@Suite("CaseAuthoring module")
struct CaseAuthoringModuleTests {
  @Test("the module links") func links() { _ = CaseAuthoring.self }
}
