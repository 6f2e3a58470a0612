import DCR
import DCRClient
import Foundation
import JOSE
import Testing

@Suite("Admin API, throttling, persistence and concurrency over real HTTP")
struct ServerTests {
    @Test("the admin API needs the admin token; create, list, show, mint, revoke", arguments: TestBackend.all)
    func admin(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let token = String(decoding: try #require(server.state.read(AdminToken.fileName)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let mode = try FileManager.default.attributesOfItem(atPath: server.state.file(AdminToken.fileName))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try await server.http.send("GET", server.base + "/admin/applications").status == 401)
        #expect(try await server.http.send("GET", server.base + "/admin/applications", headers: [("Authorization", "Bearer wrong")]).status == 401)
        let auth = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")]
        let created = try await server.http.send("POST", server.base + "/admin/applications", headers: auth,
                                                 body: Array(#"{"name":"Admin App","version":"2.0","domains":["tv.example.com"],"scopes":["usage:read"]}"#.utf8))
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"]?.stringValue)
        #expect(try await server.http.send("GET", server.base + "/admin/applications", headers: auth).json["applications"]?.count == 1)
        #expect(try await server.http.send("GET", server.base + "/admin/applications/\(id)", headers: auth).json["name"]?.stringValue == "Admin App")
        let minted = try await server.http.send("POST", server.base + "/admin/applications/\(id)/statement", headers: auth).json
        let statement = try #require(minted["software_statement"]?.stringValue)
        let jws = try JWS.parse(statement)
        #expect(jws.header["alg"]?.stringValue == "RS256" && jws.header["kid"] != nil)
        #expect(jws.claims?["sub"]?.stringValue == id && jws.claims?["software_id"]?.stringValue == id && jws.claims?["software_version"]?.stringValue == "2.0")
        #expect(try await server.register(statement).status == 201)
        let revoked = try await server.http.send("POST", server.base + "/admin/applications/\(id)/revoke", headers: auth)
        #expect(revoked.json["status"]?.stringValue == "revoked")
        #expect(try await server.http.send("GET", server.base + "/admin/applications/nope", headers: auth).status == 404)
        let bad = try await server.http.send("POST", server.base + "/admin/applications", headers: auth, body: Array(#"{"name":""}"#.utf8))
        #expect(bad.status == 400)
    }

    @Test("the 12th rapid request from one IP is throttled (one per window + a one-time 10); a window later one passes; another IP (behind a trusted proxy) is unaffected", arguments: TestBackend.all)
    func throttling(_ backend: TestBackend) async throws {
        // Loopback is the trusted proxy here, so X-Forwarded-For stands for other clients. Two-second windows, so
        // that the 13th request still falls in the first one on a loaded machine.
        let server = try await TestServer.start(backend) {
            $0.trustedProxies = [IPNetwork("127.0.0.0/8")!]
            $0.rate = 0.5
        }
        defer { Task { await server.stop() } }
        // Twelve at once, so all arrive within the same second whatever else the machine is doing.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 { group.addTask { try await server.token(form: "grant_type=client_credentials").status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 400 }.count == 11 && statuses.filter { $0 == 429 }.count == 1, "\(statuses)")
        let throttled = try await server.token(form: "grant_type=client_credentials")
        #expect(throttled.status == 429)
        #expect(throttled.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(Int(throttled.header("Retry-After") ?? "") ?? 0 >= 1)
        let otherIP = try await server.token(form: "grant_type=client_credentials", extraHeaders: [("X-Forwarded-For", "203.0.113.9, 10.0.0.1")])
        #expect(otherIP.status == 400)
        try await Task.sleep(for: .milliseconds(2100))
        #expect(try await server.token(form: "grant_type=client_credentials").status == 400)
        let client = try await TestServerClient.unthrottled(server)
        let issued = try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)",
                                            extraHeaders: [("X-Forwarded-For", "198.51.100.7")])
        let token = try #require(issued.json["access_token"]?.stringValue)
        // Throttled requests belong to no application: the client's own view has none, the admin's view has them all.
        let own = try await server.get("/cmu/v2/status?status=429", token: token).json
        #expect(own["report"]?.elements.isEmpty == true, "\(own)")
        let usage = try await server.get("/cmu/v2/status?status=429", token: server.adminToken).json
        #expect(usage["report"]?[index: 0]?["throttled"]?.stringValue.flatMap { Int($0) } ?? 0 >= 2)
    }

    @Test("a registration survives a restart: the old credentials still get tokens", arguments: TestBackend.all)
    func persistence(_ backend: TestBackend) async throws {
        let first = try await TestServer.start(backend)
        let client = try await first.client()
        await first.stop(removingState: false)
        let second = try await TestServer.start(backend, state: first.state)
        defer { Task { await second.stop() } }
        let reply = try await second.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)")
        #expect(reply.status == 201, "\(reply.text)")
    }

    @Test("200 registrations from 20 concurrent clients: 200 distinct clients stored, none lost", arguments: TestBackend.all)
    func concurrency(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend) { $0.rate = 10_000; $0.burst = 10_000 }
        defer { Task { await server.stop() } }
        let (_, statement) = try await server.application()
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<20 {
                group.addTask {
                    var ids: [String] = []
                    for _ in 0..<10 {
                        let reply = try await server.register(statement)
                        guard reply.status == 201, let id = reply.json["client_id"]?.stringValue else { throw DCRError.storage("\(reply.status) \(reply.text)") }
                        ids.append(id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(ids.count == 200 && Set(ids).count == 200)
        #expect(try await server.server.store.clients.count() == 200)
    }
}

/// A client registered on a second, unthrottled path (X-Forwarded-For), for tests that exhaust the default IP's bucket.
enum TestServerClient {
    static func unthrottled(_ server: TestServer) async throws -> (id: String, secret: String, application: RegisteredApplication) {
        let (application, statement) = try await server.application()
        let reply = try await server.register(statement, extraHeaders: [("X-Forwarded-For", "198.51.100.7")])
        let json = reply.json
        guard let id = json["client_id"]?.stringValue, let secret = json["client_secret"]?.stringValue else { throw DCRError.storage(reply.text) }
        return (id, secret, application)
    }
}
