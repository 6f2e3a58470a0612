import DCR
import DCRClient
import Foundation
import JOSE
import Testing

/// Requests an attacker would send, over real HTTP on loopback: the server stays up, trusts no header it should not,
/// and stores nothing of the attacker's choosing.
@Suite("Hostile requests to jwstool serve")
struct HostileRequestTests {
    static func unsignedToken(payload: String) -> String {
        Base64URL.encode(Array(#"{"alg":"RS256","typ":"at+jwt"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + ".AAAA"
    }

    @Test("time claims of any magnitude in a bearer token are refused and the server stays up", arguments: TestBackend.all)
    func hugeTimeClaims(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        for value in ["-1e19", "1e19", "1e308", "-1e308", "-0", "1700000000000"] {
            let token = Self.unsignedToken(payload: #"{"exp":\#(value),"iat":\#(value),"nbf":\#(value),"jti":"x","client_id":"y"}"#)
            let reply = try await server.get("/cmu/v2/day", token: token)
            #expect(reply.status == 401)
            // Claims of an unauthenticated token are never evaluated: the reason is the signature.
            #expect(reply.text.contains("signature"), "\(reply.text)")
        }
        let client = try await server.client()
        let valid = try await server.accessToken(client)
        #expect(try await server.get("/cmu/v2", token: valid).status == 200)
        await server.stop()
    }

    @Test("a statement with a huge time claim signed by the server's own key gets a clear refusal", arguments: TestBackend.all)
    func hugeClaimInStatement(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let (application, _) = try await server.application()
        let statement = try server.statement(claims: .object([
            ("iss", .string(server.server.configuration.issuer)), ("sub", .string(application.id)),
            ("software_id", .string(application.id)), ("iat", .number(1e19)), ("exp", .number(-1e308)),
        ]))
        let reply = try await server.register(statement)
        #expect(reply.status == 400)
        #expect(reply.text.contains("out of range for a NumericDate"), "\(reply.text)")
        await server.stop()
    }

    @Test("X-Forwarded-For is ignored unless the peer is a trusted proxy, and the stored address is a parsed IP", arguments: TestBackend.all)
    func forwardedFor(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend) { $0.burst = 2; $0.rate = 0.001 }
        var statuses: [Int] = []
        for index in 0..<6 {
            let reply = try await server.token(form: "grant_type=client_credentials", extraHeaders: [("X-Forwarded-For", "198.51.100.\(index)")])
            statuses.append(reply.status)
        }
        #expect(statuses.filter { $0 == 429 }.count == 3, "\(statuses)")
        let long = String(repeating: "A", count: 2000)
        _ = try await server.get("/nothing-here", headers: [("X-Forwarded-For", long)])
        let addresses = server.server.usage.recentAddresses()
        #expect(addresses.allSatisfy { $0 == "127.0.0.1" }, "\(addresses)")
        await server.stop()

        let proxied = try await TestServer.start(backend) { $0.burst = 0; $0.rate = 0.001; $0.trustedProxies = [IPNetwork("127.0.0.0/8")!] }
        let first = try await proxied.token(form: "grant_type=client_credentials", extraHeaders: [("X-Forwarded-For", "203.0.113.7")])
        let second = try await proxied.token(form: "grant_type=client_credentials", extraHeaders: [("X-Forwarded-For", "203.0.113.8")])
        let again = try await proxied.token(form: "grant_type=client_credentials", extraHeaders: [("X-Forwarded-For", "203.0.113.7")])
        #expect(first.status != 429 && second.status != 429 && again.status == 429)
        _ = try await proxied.get("/x", headers: [("X-Forwarded-For", "garbage, 203.0.113.9")])
        #expect(proxied.server.usage.recentAddresses().contains("203.0.113.9"))
        await proxied.stop()
    }

    @Test("address parsing and proxy resolution", arguments: [
        ("10.0.0.0/8", "10.1.2.3", true), ("10.0.0.0/8", "11.0.0.1", false), ("2001:db8::/32", "2001:db8:1::5", true),
        ("127.0.0.1", "::ffff:127.0.0.1", true), ("192.168.0.0/33", "192.168.0.1", false),
    ])
    func networks(cidr: String, address: String, contained: Bool) throws {
        let network = IPNetwork(cidr)
        let ip = try #require(IPAddress(address))
        #expect((network?.contains(ip) ?? false) == contained)
        #expect(IPAddress("1.2.3.4\0") == nil && IPAddress("1.2.3") == nil && IPAddress("javascript:alert(1)") == nil)
    }

    @Test("discovery metadata comes from the configured URL, never from Host or X-Forwarded-Proto", arguments: TestBackend.all)
    func metadataIgnoresHost(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let reply = try await server.get("/.well-known/oauth-authorization-server",
                                         headers: [("Host", "evil.example"), ("X-Forwarded-Proto", "javascript")])
        let endpoint = try #require(reply.json["registration_endpoint"]?.stringValue)
        #expect(endpoint == server.base + "/o/client/register")
        await server.stop()

        let configured = try await TestServer.start(backend) { $0.publicURL = "https://dcr.example.com" }
        let metadata = try await configured.get("/.well-known/oauth-authorization-server", headers: [("Host", "evil.example")])
        #expect(metadata.json["token_endpoint"]?.stringValue == "https://dcr.example.com/o/client/token")
        await configured.stop()
    }

    @Test("credentials and ids with control characters are refused; NUL does not truncate an id", arguments: TestBackend.all)
    func controlCharacters(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let client = try await server.client()
        for form in ["grant_type=client_credentials&client_id=\(client.id)%00anything&client_secret=\(client.secret)",
                     "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)%00",
                     "grant_type=client_credentials&client_id=\(client.id)%0A&client_secret=\(client.secret)"] {
            let reply = try await server.token(form: form)
            #expect(reply.status == 400 || reply.status == 401)
            #expect(reply.json["error"]?.stringValue == "invalid_client", "\(reply.text)")
        }
        #expect(try await server.server.catalog.find(client.application.id + "\0zzz") == nil)
        await #expect(throws: DCRError.self) {
            try await server.server.catalog.create(NewApplication(name: "Player\u{202E}gpj.exe", version: "1", platforms: [], domains: [], scopes: []))
        }
        await server.stop()
    }

    @Test("a trusted foreign issuer registers only applications of its own, in any spelling of a local id", arguments: TestBackend.all)
    func foreignIssuerConfined(_ backend: TestBackend) async throws {
        let foreignKey = try Key.generate(.ec(.p256))
        let foreignIssuer = "https://foreign.example"
        let foreignKeys = KeySet([try foreignKey.publicKey])
        let server = try await TestServer.start(backend) { $0.trustedIssuers = [foreignIssuer: foreignKeys] }
        let (local, _) = try await server.application()
        for spelling in [local.id, local.id.uppercased(), local.id.capitalized] {
            for member in ["sub", "software_id"] {
                let statement = try server.statement(claims: .object([
                    ("iss", .string(foreignIssuer)), (member, .string(spelling)), ("iat", .integer(Int64(NumericDate.now.secondsSinceEpoch))),
                ]), key: foreignKey)
                let reply = try await server.register(statement)
                #expect(reply.status == 400, "\(member)=\(spelling): \(reply.text)")
                #expect(reply.json["error"]?.stringValue == "unapproved_software_statement")
            }
        }
        // Its own application registers (adopted on first sight), and the local issuer cannot name it in turn.
        let own = "6a0f0c2e-4b1d-4c39-9a53-0d5e8f1b2c3d"
        let foreign = try server.statement(claims: .object([
            ("iss", .string(foreignIssuer)), ("software_id", .string(own)), ("iat", .integer(Int64(NumericDate.now.secondsSinceEpoch))),
        ]), key: foreignKey)
        #expect(try await server.register(foreign).status == 201)
        let hijack = try server.statement(claims: .object([
            ("iss", .string(server.server.configuration.issuer)), ("sub", .string(own)), ("software_id", .string(own)),
            ("iat", .integer(Int64(NumericDate.now.secondsSinceEpoch))),
        ]))
        #expect(try await server.register(hijack).json["error"]?.stringValue == "unapproved_software_statement")
        await server.stop()
    }

    @Test("CSV reports neutralise cells a spreadsheet would run as formulas", arguments: TestBackend.all)
    func csvInjection(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let device: JSONValue = ["model": "=HYPERLINK(\"http://evil\")", "version": "1", "osName": "+cmd", "osVersion": "-1", "connectionType": "@x"]
        let (application, statement) = try await server.application()
        let registered = try await server.register(statement, device: DeviceInfo.header(for: device))
        #expect(registered.status == 201)
        let id = try #require(registered.json["client_id"]?.stringValue), secret = try #require(registered.json["client_secret"]?.stringValue)
        let token = try await server.accessToken((id, secret, application))
        let csv = try await server.get("/cmu/v2/platform?format=csv", token: token)
        #expect(csv.status == 200)
        let cells = csv.text.split(whereSeparator: { $0 == "," || $0 == "\r\n" || $0 == "\n" })
        #expect(!cells.contains { $0.first.map { "=+-@".contains($0) } == true }, "\(csv.text)")
        await server.stop()
    }

    @Test("usage older than the retention is deleted at start; recent usage is kept", arguments: TestBackend.all)
    func usageRetention(_ backend: TestBackend) async throws {
        let first = try await TestServer.start(backend)
        let now = NumericDate.now.secondsSinceEpoch
        try await first.server.usage.record(UsageEvent(time: now - 100 * 86_400, endpoint: "other", method: "GET", status: 404, ip: "192.0.2.1"))
        try await first.server.usage.record(UsageEvent(time: now - 10 * 86_400, endpoint: "other", method: "GET", status: 404, ip: "192.0.2.2"))
        #expect(try await first.server.usage.storedRows() == 2)
        await first.stop(removingState: false)
        let second = try await TestServer.start(backend, { $0.usageRetention = 30 * 86_400 }, state: first.state)
        let start = CalendarFields(epochSeconds: Int64(now) - 120 * 86_400).iso8601
        let report = try await second.get("/cmu/v2/year/month/day?start=\(start)", token: second.adminToken).json["report"]?.elements ?? []
        let expected = CalendarFields(epochSeconds: Int64(now) - 10 * 86_400)
        #expect(report.count == 1 && report.first?["day"] == .string(String(expected.day)), "\(report)")
        await second.stop()
    }

    @Test("reports are scoped: a client reads its own application's usage; every application needs usage:read:all or the admin token", arguments: TestBackend.all)
    func reportScoping(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        func client(scopes: [String]) async throws -> String {
            let (application, statement) = try await server.application(name: "App \(scopes.joined(separator: " "))", scopes: scopes)
            let registered = try await server.register(statement, extraHeaders: [])
            let id = try #require(registered.json["client_id"]?.stringValue), secret = try #require(registered.json["client_secret"]?.stringValue)
            return try await server.accessToken((id, secret, application))
        }
        let first = try await client(scopes: ["usage:read"])
        let second = try await client(scopes: ["usage:read", "other"])
        _ = try await server.get("/cmu/v2", token: second)
        let own = try await server.get("/cmu/v2/application", token: first)
        #expect(own.status == 200)
        let names = own.json["report"]?.elements.compactMap { $0["application"]?.stringValue } ?? []
        #expect(names == ["App usage:read"], "\(names)")

        let everything = try await client(scopes: ["usage:read:all"])
        let all = try await server.get("/cmu/v2/application", token: everything).json["report"]?.elements.count ?? 0
        let admin = try await server.get("/cmu/v2/application", token: server.adminToken)
        #expect(admin.status == 200 && all >= 3 && admin.json["report"]?.elements.count == all)

        let none = try await client(scopes: ["config:client"])
        let refused = try await server.get("/cmu/v2", token: none)
        #expect(refused.status == 403)
        #expect(refused.json["status"]?.integerValue == 403 && refused.json["code"]?.stringValue == "insufficient_scope")
        #expect(refused.header("WWW-Authenticate")?.contains(#"error="insufficient_scope""#) == true)
        await server.stop()
    }

    @Test("requests without a client are counted in aggregate rows, not a row each, and reports still count them all", arguments: TestBackend.all)
    func aggregatedUsage(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let before = try await server.server.usage.storedRows()
        for index in 0..<300 {
            _ = try await server.http.send(index % 2 == 0 ? "GET" : "PROPFIND", server.base + "/probe/\(index)?q=\(index)", headers: [])
        }
        let rows = try await server.server.usage.storedRows() - before
        #expect(rows <= 6, "\(rows) rows for 300 requests")
        let report = try await server.get("/cmu/v2/endpoint?endpoint=other", token: server.adminToken)
        #expect(report.json["report"]?[index: 0]?["requests"]?.stringValue.flatMap { Int($0) } ?? 0 >= 300, "\(report.text)")
        let methods = try await server.get("/cmu/v2/endpoint/status?endpoint=other", token: server.adminToken)
        #expect(!methods.text.contains("probe"))
        await server.stop()
    }

    @Test("HEAD and OPTIONS on the report API answer 405 with Allow: GET; HEAD elsewhere is GET without the body", arguments: TestBackend.all)
    func reportMethods(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        for method in ["HEAD", "OPTIONS"] {
            let reply = try await server.http.send(method, server.base + "/cmu/v2/day", headers: [])
            #expect(reply.status == 405, "\(method)")
            #expect(reply.header("Allow") == "GET")
        }
        // HEAD over a raw connection: what the server sends is exactly the headers, nothing after them.
        for path in ["/.well-known/jwks.json", "/.well-known/oauth-authorization-server"] {
            let get = try await server.get(path)
            let connection = try RawConnection(server.base)
            connection.send("HEAD \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let head = await connection.readUntilClosed(within: 30).text
            let parts = head.components(separatedBy: "\r\n\r\n")
            #expect(head.hasPrefix("HTTP/1.1 200"), "\(path): \(head)")
            #expect(parts.count == 2 && parts[1].isEmpty, "\(path): a body followed the headers")
            #expect(head.lowercased().contains("content-length: \(get.body.count)\r\n"), "\(head)")
        }
        await server.stop()
    }
}
