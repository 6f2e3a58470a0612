import Foundation
import JOSE
import Testing

/// The client commands against a server that behaves like the real service where it differs from `jwstool serve`:
/// it publishes no JWKS. A Python stand-in on loopback (`interop/standin_server.py`) records what it is sent.
@Suite("jwstool register and token against a stand-in with no /.well-known")
struct StandInServerTests {
    /// The stand-in as a child process; `requests` reads what it has been sent.
    final class StandIn {
        let process = Process()
        let log: URL
        let baseURL: String

        init(in directory: URL) throws {
            log = directory.appendingPathComponent("requests.jsonl")
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", CLI.projectRoot.appendingPathComponent("Tests/JWSToolTests/interop/standin_server.py").path, log.path]
            process.standardOutput = output
            try process.run()
            baseURL = CLI.firstLine(of: output)
        }

        var requests: [JSONValue] {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
        }

        /// SIGKILL: the test process's blocked signals are inherited, so a SIGTERM might never be delivered.
        func stop() {
            _ = Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test("register without a JWKS (a notice, not a failure); --server with /o; User-Agent and X-Device-Info on register and token; $JWSTOOL_SERVER; errors name the URL")
    func registerAndToken() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standIn = try StandIn(in: directory)
        defer { standIn.stop() }
        #expect(standIn.baseURL.hasPrefix("http://127.0.0.1:"))
        let state = ["--state-dir", directory.appendingPathComponent("state").path]
        let statement = CLI.projectRoot.appendingPathComponent("examples/lint/client-credentials-statement.jwt").path

        let registered = try CLI.run(["register", "--server", standIn.baseURL + "/o/", statement] + state)
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("client_id: standin-client-1"))
        #expect(registered.stderr.contains("gives no JWK Set (404)"), "\(registered.stderr)")

        let token = try CLI.run(["token"] + state, environment: ["JWSTOOL_SERVER": standIn.baseURL + "/o"])
        #expect(token.status == 0, "\(token.stderr)")
        #expect(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "standin-token")

        let requests = standIn.requests
        #expect(requests.map { $0["path"]?.stringValue ?? "" } == ["/.well-known/jwks.json", "/o/client/register", "/o/client/token"], "\(requests)")
        for request in requests {
            #expect(request["user_agent"]?.stringValue == "jwstool/\(try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        for request in requests.dropFirst() {
            let header = try #require(request["device_info"]?.stringValue)
            let device = try JSONValue.parse(try Base64.decode(header))
            #expect(device["osName"]?.stringValue == "Linux" && device["version"] != nil)
        }

        let refused = try CLI.run(["register", "--server", standIn.baseURL, "--redirect-uri", "https://bad.example/cb", "--force", statement] + state)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("invalid_redirect_uri") && refused.stderr.contains(standIn.baseURL + "/o/client/register"), "\(refused.stderr)")
    }

    @Test("registration is idempotent (--force registers again); when the server stops accepting the credentials, token registers the kept statement once more")
    func renewal() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let standIn = try StandIn(in: directory)
        defer { standIn.stop() }
        let options = ["--server", standIn.baseURL, "--state-dir", directory.appendingPathComponent("state").path]
        let statement = CLI.projectRoot.appendingPathComponent("examples/lint/client-credentials-statement.jwt").path

        #expect(try CLI.run(["register", statement] + options).stdout.contains("client_id: standin-client-1"))
        let again = try CLI.run(["register", statement] + options)
        #expect(again.status == 0 && again.stdout.contains("client_id: standin-client-1"), "\(again.stdout)")
        #expect(again.stderr.contains("already registered") && again.stderr.contains("--force registers again"), "\(again.stderr)")
        let forced = try CLI.run(["register", "--force", statement] + options)
        #expect(forced.stdout.contains("client_id: standin-client-2"), "\(forced.stdout)")
        #expect(standIn.requests.filter { $0["path"]?.stringValue == "/o/client/register" }.count == 2)

        _ = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import urllib.request; urllib.request.urlopen(urllib.request.Request('\(standIn.baseURL)/standin/forget', method='POST'))"])
        let token = try CLI.run(["token", "--refresh"] + options)
        #expect(token.status == 0, "\(token.stderr)")
        #expect(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "standin-token")
        #expect(token.stderr.contains("invalid_client") && token.stderr.contains("registering software") && token.stderr.contains("standin-client-3"), "\(token.stderr)")
        #expect(try CLI.run(["register", statement] + options).stdout.contains("client_id: standin-client-3"), "the cache holds the renewed credentials")
    }
}
