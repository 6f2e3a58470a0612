import Foundation
import Testing

@Suite("README's first command")
struct QuickstartTests {
    @Test("quickstart.sh runs every step of the main job on the embedded server, and again on the same state",
          .timeLimit(.minutes(3)))
    func quickstart() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for run in 1...2 {
            let result = try CLI.execute(URL(fileURLWithPath: "/bin/bash"), [CLI.projectRoot.appendingPathComponent("quickstart.sh").path, "--no-build"],
                                         environment: ["JWSTOOL": CLI.binary.path, "JWSTOOL_DEMO_DIR": directory.path])
            let text = result.stdout + result.stderr
            #expect(result.status == 0, "run \(run): \(text)")
            for expected in ["==> 7. Call", "OK \(directory.path)/statement.jwt", "client_id: ", "\"typ\": \"at+jwt\"", "\"_links\"", "\"tokens-issued\""] {
                #expect(text.contains(expected), "run \(run) lacks \(expected)")
            }
            #expect(!text.contains("\u{1B}["))
        }
    }

    @Test(".ci/run runs exactly the README's test command")
    func ciRunsReadmeCommand() throws {
        let readme = try String(contentsOf: CLI.projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("\n    swift test\n"))
        let ci = try String(contentsOf: CLI.projectRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("README.md"))
    }
}
