import Foundation
import Testing

/// The web UI in a real browser: Debian's headless Chromium driven by Selenium (`browser/*.py`), against a real
/// `jwstool serve`. Screenshots of each page go to `.build/test-output/browser/` (README's come from there).
@Suite("the web UI in headless Chromium")
struct WebUIBrowserTests {
    /// Whether Chromium, its driver and Selenium are installed (`.ci/run` installs them).
    static let isAvailable: Bool = {
        let tools = ["/usr/bin/chromium", "/usr/bin/chromedriver"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        guard tools, let probe = try? CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import selenium"]) else { return false }
        return probe.status == 0
    }()

    static let screenshots = CLI.projectRoot.appendingPathComponent(".build/test-output/browser")

    /// Runs `browser/SCRIPT` with the server's URL, the repository and the screenshot folder; its report.
    static func run(_ script: String, against server: ServeProcess, _ arguments: [String] = []) throws -> CLI.Output {
        let path = CLI.projectRoot.appendingPathComponent("Tests/JWSToolTests/browser/\(script)").path
        return try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"),
                               ["python3", path, server.baseURL, CLI.projectRoot.path, screenshots.path] + arguments)
    }

    @Test("Chromium and Selenium are there to test with",
          .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil || isAvailable,
                   "no browser here: install chromium, chromium-driver and python3 -m pip install selenium"))
    func browserAvailable() {
        #expect(Self.isAvailable, "install chromium, chromium-driver and selenium (.ci/run does)")
    }

    @Test("inspector: a picked file → header, payload and lint findings; a key → verified; a tampered token → the reason",
          .enabled(if: isAvailable, "no browser here"), .timeLimit(.minutes(3)))
    func inspector() throws {
        let server = try ServeProcess()
        defer { _ = server.stop() }
        let report = try Self.run("inspector.py", against: server)
        #expect(report.status == 0, "\(report.stdout)\n\(report.stderr)")
        for name in ["inspector-form", "inspector-statement", "inspector-verified", "inspector-tampered"] {
            #expect(FileManager.default.fileExists(atPath: Self.screenshots.appendingPathComponent("\(name).png").path), "no screenshot \(name)")
        }
    }
}
