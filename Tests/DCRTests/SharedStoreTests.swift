@testable import DCR
import Foundation
import JOSE
import Testing

/// Two servers on one PostgreSQL database, as two `jwstool serve` instances behind one address would be: what one
/// stores, the other sees on its next request.
@Suite("several servers on one PostgreSQL database")
struct SharedStoreTests {
    @Test("PostgreSQL is there to test against",
          .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil || PostgresForTests.isAvailable,
                   "no PostgreSQL here: the DCR suite ran on SQLite only (install Debian's postgresql, or set JWSTOOL_TEST_POSTGRES_URL)"))
    func postgresAvailable() throws {
        // In CI a missing PostgreSQL fails here instead of quietly testing SQLite alone; elsewhere the suite then
        // runs on SQLite only (install Debian's postgresql, or set JWSTOOL_TEST_POSTGRES_URL).
        #expect(PostgresForTests.isAvailable, "no PostgreSQL: install postgresql or set \(PostgresForTests.environmentVariable)")
        #expect(TestBackend.all.contains(.postgres))
    }

    @Test("register on A, token on B, protected call on either; a revocation on A is refused by B on its next request",
          .enabled(if: PostgresForTests.isAvailable, "no PostgreSQL here"))
    func registerHereUseThere() async throws {
        let a = try await TestServer.start(.postgres)
        let b = try await TestServer.start(.postgres, sharing: a)
        defer { Task { await b.stop(); await a.stop() } }
        // B has a state directory of its own: the keys and the admin token it uses are A's, from the database.
        let signing = (a: await a.server.keys.tokenKeys.current().signing, b: await b.server.keys.tokenKeys.current().signing)
        #expect(signing.b.id == signing.a.id && b.server.keys.statementKey.id == a.server.keys.statementKey.id)
        #expect(a.server.adminTokenIsLocal && !b.server.adminTokenIsLocal && b.server.adminToken.accepts(a.adminToken))
        #expect(!FileManager.default.fileExists(atPath: b.state.file(AdminToken.fileName)), "B made an admin-token file that is not the admin token")
        // In the database, the private keys only sealed and the admin token only as its digest.
        let postgres = try #require(a.server.store as? PostgresStore)
        let secrets = try await postgres.rows("SELECT name, value FROM server_secrets").map { try $0.decode((String, String).self) }
        #expect(Set(secrets.map(\.0)) == ["statement-key", "token-key", "admin-token-digest", "ui-session-key"])
        for (name, value) in secrets {
            #expect(name == "admin-token-digest" ? value == SecretDigest.digest(a.adminToken) : value.hasPrefix("v1.") && !value.contains("\"d\""))
        }
        let client = try await a.client()
        let token = try await b.accessToken(client)
        for server in [a, b] {
            let valid = try await server.http.send("GET", server.base + "/o/client/validate", headers: [("Authorization", "Bearer \(token)")],
                                                   waitingOutThrottling: false)
            #expect(valid.status == 200 && valid.json["client_id"]?.stringValue == client.id, "\(valid.text)")
        }
        let revoked = try await a.http.send("POST", a.base + "/o/client/revoke",
                                            headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                            body: Array("token=\(token)&client_id=\(client.id)&client_secret=\(client.secret)".utf8))
        #expect(revoked.status == 200, "\(revoked.text)")
        let refused = try await b.http.send("GET", b.base + "/o/client/validate", headers: [("Authorization", "Bearer \(token)")],
                                            waitingOutThrottling: false)
        #expect(refused.status == 401 && refused.text.contains("revoked"), "\(refused.text)")

        // An application revoked through B's dashboard stops A's tokens for it too.
        let second = try await b.accessToken(client)
        _ = try await b.server.catalog.revoke(client.application.id)
        let stopped = try await a.http.send("GET", a.base + "/o/client/validate", headers: [("Authorization", "Bearer \(second)")],
                                            waitingOutThrottling: false)
        #expect(stopped.status == 401, "\(stopped.text)")
        #expect(try await a.server.store.clients.count() == 1 && b.server.store.location == a.server.store.location)
    }

    @Test("a dashboard session opened on A is good on B (one session key, sealed in the database)",
          .enabled(if: PostgresForTests.isAvailable, "no PostgreSQL here"))
    func sharedSessions() async throws {
        let a = try await TestServer.start(.postgres)
        let b = try await TestServer.start(.postgres, sharing: a)
        defer { Task { await b.stop(); await a.stop() } }
        #expect(try a.server.sessionKey.thumbprint() == b.server.sessionKey.thumbprint())
        let (cookie, csrf) = try await DashboardTests.signIn(a)
        let page = try await DashboardTests.send(b, "GET", "/ui/", cookie: cookie)
        #expect(page.status == 200 && page.body.contains(csrf))
        let created = try await DashboardTests.send(b, "POST", "/ui/applications", cookie: cookie,
                                                    form: [("csrf", csrf), ("name", "Made on B"), ("version", "1.0")])
        #expect(created.status == 303 && created.location?.hasPrefix("/ui/applications/") == true)
        #expect(try await a.server.catalog.list().contains { $0.name == "Made on B" })
    }

    @Test("a rapid run of requests from one address spread over A and B is throttled exactly as one server throttles it",
          .enabled(if: PostgresForTests.isAvailable, "no PostgreSQL here"))
    func sharedThrottling() async throws {
        // Ten-second windows, so that the whole run falls in the first one however loaded the machine is: one server
        // admits the window's request and the allowance of 10, and throttles the other 5 (the scenario table's rule,
        // which ThrottlingScenarioTests checks at exact times on both stores).
        let slow: @Sendable (inout ServerConfiguration) -> Void = { $0.rate = 0.1 }
        let a = try await TestServer.start(.postgres, slow)
        let b = try await TestServer.start(.postgres, slow, sharing: a)
        defer { Task { await b.stop(); await a.stop() } }
        let started = Date()
        var statuses: [Int] = []
        for index in 0..<16 {
            let server = index % 2 == 0 ? a : b
            statuses.append(try await server.http.send("POST", server.base + "/o/client/token", headers: [], waitingOutThrottling: false).status)
        }
        try #require(Date().timeIntervalSince(started) < 10, "the run took longer than a window")
        #expect(statuses.filter { $0 == 429 }.count == 5, "\(statuses)")
        #expect(statuses.prefix(11).allSatisfy { $0 != 429 } && statuses.suffix(5).allSatisfy { $0 == 429 }, "\(statuses)")
    }

    @Test("when the database stops answering, a request gets 503 with Retry-After within seconds, not a wait",
          .enabled(if: PostgresForTests.isAvailable, "no PostgreSQL here"), .timeLimit(.minutes(3)))
    func databaseGone() async throws {
        // A cluster of its own, to stop under the server.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jwstool-tests-gone-\(UUID().uuidString)").path
        let url = try DatabaseURL(try PostgresForTests.cluster("start", directory))
        defer {
            _ = try? PostgresForTests.cluster("stop", directory)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let server = try await TestServer.start(.postgres, store: try await PostgresStore.connect(url))
        _ = try PostgresForTests.cluster("stop", directory)
        let sent = Date()
        let reply = try await server.http.send("POST", server.base + "/o/client/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                               body: Array("grant_type=client_credentials&client_id=x&client_secret=y".utf8), waitingOutThrottling: false)
        #expect(reply.status == 503 && reply.header("Retry-After") == "5", "\(reply.text)")
        #expect(Date().timeIntervalSince(sent) < 20)
        #expect(!reply.text.contains("postgres://"), "the database's address is for the log, not the client")
        // Stopping waits for the last usage batch, which the request deadline bounds too.
        let stopping = Date()
        await server.stop()
        #expect(Date().timeIntervalSince(stopping) < 35, "the background flush and the last one each wait at most 10 s")
    }

    @Test("instances starting at the same moment migrate the schema once", .enabled(if: PostgresForTests.isAvailable, "no PostgreSQL here"))
    func concurrentMigrations() async throws {
        let server = try PostgresForTests.shared.serverURL()
        let name = "dcr_migrations_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try await PostgresForTests.administration(server)
        _ = try await admin.rows("CREATE DATABASE \(name)", deadline: PostgresStore.maintenanceDeadline)
        admin.close()
        let url = try DatabaseURL("postgres://\(server.user)@\(server.host):\(server.port)/\(name)")
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<6 {
                group.addTask { try await PostgresStore.connect(url, migrating: true, maximumConnections: PostgresForTests.connectionsPerStore) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        defer { stores.forEach { $0.close() } }
        #expect(try await PostgresSchema.applied(stores[0]) == PostgresSchema.migrations.map(\.name))
    }
}
