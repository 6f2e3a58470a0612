import Foundation
import Testing

@Suite("README's first command")
struct QuickstartTests {
    @Test("quickstart.sh runs every step of the main job with the built binary")
    func quickstart() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.projectRoot.appendingPathComponent("quickstart.sh").path, "--no-build"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["JWSTOOL": CLI.binary.path, "JWSTOOL_DEMO_DIR": directory.path, "NO_COLOR": "1"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
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
