import Foundation
import JOSE
import Testing

@Suite("README")
struct ReadmeTests {
    @Test("the table of lint rules is generated from the registry and current")
    func lintRuleTable() throws {
        let readme = try String(contentsOf: Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- lint-rules:begin -->\n"))
        let end = try #require(readme.range(of: "\n<!-- lint-rules:end -->"))
        let table = String(readme[start.upperBound..<end.lowerBound])
        #expect(table == LintRule.markdownTable, "regenerate the table: jwstool lint --list --markdown")
    }
}
