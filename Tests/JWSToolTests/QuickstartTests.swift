import Foundation
import Testing

@Suite("README's first command")
struct QuickstartTests {
    @Test("quickstart.sh runs every step of the main job with the built binary")
    func quickstart() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.execute(URL(fileURLWithPath: "/bin/bash"), [CLI.projectRoot.appendingPathComponent("quickstart.sh").path, "--no-build"],
                                     environment: ["JWSTOOL": CLI.binary.path, "JWSTOOL_DEMO_DIR": directory.path])
        let text = result.stdout + result.stderr
        #expect(result.status == 0, "\(text)")
        #expect(text.contains("OK \(directory.path)/statement.jwt"))
        #expect(text.contains("OK examples/software-statement.jwt"))
        #expect(text.contains("FAIL token: signature:"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test(".ci/run runs exactly the README's test command")
    func ciRunsReadmeCommand() throws {
        let readme = try String(contentsOf: CLI.projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("\n    swift test\n"))
        let ci = try String(contentsOf: CLI.projectRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("README.md"))
    }
}
