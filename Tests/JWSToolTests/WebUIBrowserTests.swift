import Foundation
import Testing

/// The web UI in a real browser: Debian's headless Chromium driven by Selenium (`browser/*.py`), against a real
/// `jwstool serve`. Screenshots of each page go to `.build/test-output/browser/` (README's come from there). One browser
/// at a time: Chromium is heavy beside the rest of the suite on two cores.
@Suite("the web UI in headless Chromium", .serialized)
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

    @Test("dashboard: a wrong admin token is refused; create → listed; the downloaded statement verifies with the JWKS; revoke → it no longer registers; the chart has the report's points",
          .enabled(if: isAvailable, "no browser here"), .timeLimit(.minutes(3)))
    func dashboard() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two weeks of recorded usage (through the server's own recording path), for the chart to draw.
        let state = directory.appendingPathComponent("server-state")
        let seeded = try CLI.execute(CLI.binary.deletingLastPathComponent().appendingPathComponent("usagebench"), ["seed", state.path, "3000", "14", "20"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let server = try ServeProcess(state: state)
        defer { _ = server.stop() }
        let downloads = directory.appendingPathComponent("downloads")
        let report = try Self.run("dashboard.py", against: server, [server.adminToken, downloads.path])
        #expect(report.status == 0, "\(report.stdout)\n\(report.stderr)")
        for name in ["dashboard-signin-refused", "dashboard-applications", "dashboard-application", "dashboard-usage"] {
            #expect(FileManager.default.fileExists(atPath: Self.screenshots.appendingPathComponent("\(name).png").path), "no screenshot \(name)")
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: downloads.path)) ?? []
        let statement = try #require(files.first { $0.hasSuffix("-statement.jwt") }.map { downloads.appendingPathComponent($0).path }, "\(files)")
        let verified = try CLI.run(["verify", "--jwks-url", server.baseURL + "/.well-known/jwks.json", statement])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("client-state").path]
        let registered = try CLI.run(["register", statement, "--server", server.baseURL], environment: env)
        #expect(registered.status == 3 && registered.stderr.contains("unapproved_software_statement"), "\(registered.stderr)")
    }
}
