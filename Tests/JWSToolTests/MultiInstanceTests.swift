import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Two `jwstool serve` processes on one PostgreSQL database, as behind one address, each with a state directory of
/// its own: what one answers, the other knows, signing with the same keys (sealed in the database).
/// The test PostgreSQL server's URL, when one is named.
let testPostgresURL = ProcessInfo.processInfo.environment["JWSTOOL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("two jwstool serve processes on one PostgreSQL database",
       .enabled(if: testPostgresURL != nil, "set JWSTOOL_TEST_POSTGRES_URL (Tools/postgres-cluster.sh start DIR prints one; .ci/run does)"))
struct MultiInstanceTests {
    static let server = testPostgresURL

    /// A key-encryption key file (an oct JWK, as `jwstool key generate --type oct` writes it) in `directory`.
    static func keyEncryptionKey(in directory: URL) throws -> String {
        let prefix = directory.appendingPathComponent("kek").path
        let made = try CLI.run(["key", "generate", "--type", "oct", "--out", prefix])
        #expect(made.status == 0, "\(made.stderr)")
        return prefix + ".jwk"
    }

    /// A new, empty database on the test server; its URL.
    static func freshDatabase() throws -> String {
        let server = try #require(Self.server)
        let name = "serve_\(UInt32.random(in: 0...UInt32.max))"
        let created = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["psql", server, "-qc", "CREATE DATABASE \(name)"])
        #expect(created.status == 0, "\(created.stderr)")
        return String(server[..<(server.lastIndex(of: "/") ?? server.endIndex)]) + "/" + name
    }

    /// Two `jwstool serve` processes on a fresh database, with a key-encryption key made in `directory`.
    static func twoInstances(keysIn directory: URL, _ arguments: [String] = []) throws -> (ServeProcess, ServeProcess) {
        let shared = ["--database", try freshDatabase(), "--key-encryption-key", try keyEncryptionKey(in: directory)] + arguments
        let a = try ServeProcess(arguments: shared)
        do { return (a, try ServeProcess(arguments: shared)) } catch {
            _ = a.stop()
            throw error
        }
    }

    static func send(_ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: 10)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("register on A, token on B, the same report from either; a token revoked on A is refused by B")
    func registerHereUseThere() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (a, b) = try Self.twoInstances(keysIn: directory)
        defer { _ = b.stop(); _ = a.stop() }
        // One JWKS: B publishes the keys A made, and has no admin-token file of its own.
        let jwksA = try await Self.send("GET", a.baseURL + "/.well-known/jwks.json"), jwksB = try await Self.send("GET", b.baseURL + "/.well-known/jwks.json")
        #expect(jwksA.status == 200 && jwksA.body == jwksB.body)
        #expect(!FileManager.default.fileExists(atPath: b.state.appendingPathComponent("admin-token").path))
        let created = try CLI.run(["app", "create", "--name", "Shared Player", "--scope", "usage:read", "--server", a.baseURL,
                                   "--admin-token-file", a.state.appendingPathComponent("admin-token").path])
        #expect(created.status == 0, "\(created.stderr)")
        let client = try #require(await CrashRecoveryTests.register(a.baseURL, statement: created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let form = "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)"
        let issued = try await Self.send("POST", b.baseURL + "/o/client/token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: form)
        #expect(issued.status == 201, "\(issued.body)")
        let token = try #require((try JSONSerialization.jsonObject(with: Data(issued.body.utf8)) as? [String: Any])?["access_token"] as? String)

        // Each instance writes its usage counts within a second; then either answers the same report.
        let admin = ["Authorization": "Bearer \(a.adminToken)", "Accept": "application/json"]
        let report = "/cmu/v2/endpoint?endpoint=/o/client/register&endpoint=/o/client/token&metrics=requests,registrations,tokens-issued"
        var fromA = (status: 0, body: ""), fromB = (status: 0, body: "")
        for _ in 0..<30 {
            fromA = try await Self.send("GET", a.baseURL + report, headers: admin)
            fromB = try await Self.send("GET", b.baseURL + report, headers: admin)
            if fromA.body == fromB.body && fromA.body.contains(#""tokens-issued":"1""#) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(fromA.status == 200 && fromA.body == fromB.body, "\(fromA.body)\n\(fromB.body)")
        #expect(fromA.body.contains(#""registrations":"1""#) && fromA.body.contains(#""tokens-issued":"1""#), "\(fromA.body)")

        let bearer = ["Authorization": "Bearer \(token)"]
        #expect(try await Self.send("GET", b.baseURL + "/o/client/validate", headers: bearer).status == 200)
        let revoked = try await Self.send("POST", a.baseURL + "/o/client/revoke", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                          body: "token=\(token)&client_id=\(client.id)&client_secret=\(client.secret)")
        #expect(revoked.status == 200)
        #expect(try await Self.send("GET", b.baseURL + "/o/client/validate", headers: bearer).status == 401)
    }

    @Test("app keys rotate through A: B accepts the new key's tokens at once and signs with it within 2 s; old tokens stay valid on both")
    func rotateAcrossInstances() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (a, b) = try Self.twoInstances(keysIn: directory)
        defer { _ = b.stop(); _ = a.stop() }
        let admin = ["--admin-token-file", a.state.appendingPathComponent("admin-token").path]
        let created = try CLI.run(["app", "create", "--name", "Rotating Player", "--scope", "usage:read", "--server", a.baseURL] + admin)
        let client = try #require(await CrashRecoveryTests.register(a.baseURL, statement: created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let form = "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)"
        func token(_ server: ServeProcess) async throws -> String {
            let issued = try await Self.send("POST", server.baseURL + "/o/client/token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: form)
            return try #require((try JSONSerialization.jsonObject(with: Data(issued.body.utf8)) as? [String: Any])?["access_token"] as? String)
        }
        let old = try await token(b)
        let rotated = try CLI.run(["app", "keys", "rotate", "--server", a.baseURL] + admin)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let new = try await token(a)
        #expect(try JWSHeaderKid.of(new) != JWSHeaderKid.of(old))
        for server in [a, b] {
            for token in [old, new] {
                #expect(try await Self.send("GET", server.baseURL + "/o/client/validate", headers: ["Authorization": "Bearer \(token)"]).status == 200)
            }
        }
        try await Task.sleep(for: .milliseconds(2200))
        #expect(try JWSHeaderKid.of(try await token(b)) == JWSHeaderKid.of(new))
        let listed = (a: try CLI.run(["app", "keys", "list", "--server", a.baseURL] + admin), b: try CLI.run(["app", "keys", "list", "--server", b.baseURL] + admin))
        #expect(listed.a.status == 0 && listed.a.stdout == listed.b.stdout, "\(listed.a.stdout)\n\(listed.b.stdout)")
    }

    @Test("an instance without the key-encryption key, or with another one, is refused, saying why")
    func keyEncryptionKeyRequired() throws {
        let database = try Self.freshDatabase()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ServeProcess(arguments: ["--database", database, "--key-encryption-key", try Self.keyEncryptionKey(in: directory)])
        defer { _ = first.stop() }
        let state = directory.appendingPathComponent("other").path
        let missing = try CLI.run(["serve", "--port", "0", "--state-dir", state, "--database", database])
        #expect(missing.status == 2 && missing.stderr.contains("needs a key-encryption key"), "\(missing.stderr)")
        let other = directory.appendingPathComponent("other-kek")
        _ = try CLI.run(["key", "generate", "--type", "oct", "--out", other.path])
        let wrong = try CLI.run(["serve", "--port", "0", "--state-dir", state, "--database", database, "--key-encryption-key", other.path + ".jwk"])
        #expect(wrong.status == 2 && wrong.stderr.contains("does not open with this key-encryption key"), "\(wrong.stderr)")
    }

    @Test("kill -9 of one instance under 20 concurrent clients: every client answered 201 gets a token from the other",
          .timeLimit(.minutes(3)))
    func killOneInstance() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (a, b) = try Self.twoInstances(keysIn: directory, ["--rate", "10000", "--burst", "10000"])
        defer { _ = b.stop(); try? FileManager.default.removeItem(at: a.state) }
        let created = try CLI.run(["app", "create", "--name", "Crash Player", "--scope", "usage:read", "--server", a.baseURL,
                                   "--admin-token-file", a.state.appendingPathComponent("admin-token").path])
        let statement = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let registered = await CrashRecoveryTests.registerUntilKilled(a, statement: statement)
        #expect(registered.count >= 20, "only \(registered.count) registrations before the kill")
        var refused = 0
        for client in registered where await CrashRecoveryTests.token(b.baseURL, client) != 201 { refused += 1 }
        #expect(refused == 0, "\(refused) of \(registered.count) registered clients lost")
    }
}
