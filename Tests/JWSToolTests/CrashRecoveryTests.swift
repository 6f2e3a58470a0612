import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `jwstool serve` killed with SIGKILL in the middle of concurrent registrations and token requests, then restarted on
/// the same state directory: every registration that was answered 201 is still there, and the database is intact.
@Suite("Crash recovery of jwstool serve")
struct CrashRecoveryTests {
    struct Credentials: Sendable { let id: String, secret: String }

    static let device = Data(#"{"model":"AppleTV6,2","version":"1.0","osName":"tvOS","osVersion":"17.2","connectionType":"ethernet"}"#.utf8).base64EncodedString()

    static func post(_ url: String, body: Data, contentType: String) async -> (status: Int, body: Data)? {
        guard let target = URL(string: url) else { return nil }
        var request = URLRequest(url: target, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(device, forHTTPHeaderField: "X-Device-Info")
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, data)
    }

    static func register(_ base: String, statement: String) async -> Credentials? {
        let body = try? JSONSerialization.data(withJSONObject: ["software_statement": statement])
        guard let body, let reply = await post(base + "/o/client/register", body: body, contentType: "application/json"), reply.status == 201,
              let json = try? JSONSerialization.jsonObject(with: reply.body) as? [String: Any],
              let id = json["client_id"] as? String, let secret = json["client_secret"] as? String else { return nil }
        return Credentials(id: id, secret: secret)
    }

    static func token(_ base: String, _ client: Credentials) async -> Int? {
        let form = "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)"
        return await post(base + "/o/client/token", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")?.status
    }

    @Test("kill -9 during 20 concurrent clients: every 201 registration still gets a token, integrity_check is ok",
          .timeLimit(.minutes(3)))
    func killDuringLoad() async throws {
        let fast = ["--rate", "10000", "--burst", "10000"]
        let first = try ServeProcess(arguments: fast)
        let created = try CLI.run(["app", "create", "--name", "Crash Player", "--scope", "usage:read", "--server", first.baseURL,
                                   "--admin-token-file", first.state.appendingPathComponent("admin-token").path])
        #expect(created.status == 0, "\(created.stderr)")
        let statement = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let registered = await Self.registerUntilKilled(first, statement: statement)
        #expect(registered.count >= 20, "only \(registered.count) registrations before the kill")

        let second = try ServeProcess(arguments: fast, state: first.state)
        defer { _ = second.stop() }
        var refused: [String] = []
        for client in registered where await Self.token(second.baseURL, client) != 201 { refused.append(client.id) }
        #expect(refused.isEmpty, "\(refused.count) of \(registered.count) registered clients lost")

        let database = first.state.appendingPathComponent("jwstool.sqlite").path
        let check = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"),
                                    ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", database])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(check.stdout) \(check.stderr)")
    }

    /// 20 clients, each registering with `statement` and fetching a token in a loop on `server`, while `server` is
    /// killed (SIGKILL) after 1.5 s; the credentials of every registration that got its 201.
    static func registerUntilKilled(_ server: ServeProcess, statement: String) async -> [Credentials] {
        let base = server.baseURL
        return await withTaskGroup(of: [Credentials].self) { group in
            for _ in 0..<20 {
                group.addTask {
                    var mine: [Credentials] = []
                    while let client = await register(base, statement: statement) {
                        mine.append(client)
                        guard await token(base, client) != nil else { break }
                    }
                    return mine
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(1500))
                server.kill()
                return []
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }
}
