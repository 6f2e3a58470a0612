import DCR
import DCRClient
import Foundation
import JOSE
import Testing

@Suite("POST /o/client/token, introspection and revocation over real HTTP")
struct TokenTests {
    @Test("credentials as query parameters, form body or HTTP Basic; 201 (adobe-pass) or 200 (rfc)", arguments: TestBackend.all, ServerProfile.allCases)
    func issue(_ backend: TestBackend, profile: ServerProfile) async throws {
        let server = try await TestServer.start(backend) { $0.profile = profile }
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let replies = [
            try await server.token(query: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)"),
            try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)"),
            try await server.token(form: "grant_type=client_credentials", basic: (client.id, client.secret)),
        ]
        for reply in replies {
            #expect(reply.status == profile.tokenStatus, "\(reply.text)")
            #expect(reply.header("Cache-Control") == "no-store")
            let json = reply.json
            #expect(json["token_type"]?.stringValue == "bearer")
            #expect(json["expires_in"]?.integerValue == 21_600)
            #expect(UUID(uuidString: json["id"]?.stringValue ?? "") != nil)
            let token = try #require(json["access_token"]?.stringValue)
            let jws = try JWS.parse(token)
            #expect(jws.header["typ"]?.stringValue == "at+jwt" && jws.header["alg"]?.stringValue == "RS256")
            let claims = try #require(jws.claims)
            #expect(claims["sub"]?.stringValue == client.id && claims["client_id"]?.stringValue == client.id)
            #expect(claims["scopes"]?.stringValue == "usage:read,reports:read" && claims["scope"]?.stringValue == "usage:read reports:read")
            #expect(claims["jti"]?.stringValue == json["id"]?.stringValue)
            let lint = try Linter(options: LintOptions(profile: .accessToken, keys: await server.server.keys.tokenKeys.current().verification)).lint(token)
            #expect(!lint.fails(at: .error), "\(lint.findings.map(\.message))")
        }
    }

    @Test("the four token errors, with the profile's statuses", arguments: TestBackend.all, ServerProfile.allCases)
    func errors(_ backend: TestBackend, profile: ServerProfile) async throws {
        let server = try await TestServer.start(backend) { $0.profile = profile }
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let missingGrant = try await server.token(form: "client_id=\(client.id)&client_secret=\(client.secret)")
        #expect(missingGrant.status == 400 && missingGrant.json["error"]?.stringValue == "invalid_request")
        let twoMethods = try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)", basic: (client.id, client.secret))
        #expect(twoMethods.json["error"]?.stringValue == "invalid_request")
        for form in ["grant_type=client_credentials&client_id=\(client.id)&client_secret=wrong", "grant_type=client_credentials&client_id=nobody&client_secret=x",
                     "grant_type=client_credentials"] {
            let reply = try await server.token(form: form)
            #expect(reply.json["error"]?.stringValue == "invalid_client", "\(reply.text)")
            #expect(reply.status == (profile == .rfc ? 401 : 400))
            #expect((reply.header("WWW-Authenticate") != nil) == (profile == .rfc))
        }
        let password = try await server.token(form: "grant_type=password&client_id=\(client.id)&client_secret=\(client.secret)")
        #expect(password.status == 400 && password.json["error"]?.stringValue == (profile == .adobePass ? "unauthorized_client" : "unsupported_grant_type"))
        #expect(password.json["error_description"]?.stringValue?.contains("the grant type used is invalid") == true)
        _ = try await server.server.catalog.revoke(client.application.id)
        let revoked = try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)")
        #expect(revoked.status == (profile == .rfc ? 401 : 400) && revoked.json["error"]?.stringValue == "invalid_client")
        #expect(revoked.json["error_description"]?.stringValue?.isEmpty == false)
    }

    @Test("introspection tells the owner; revocation makes the token inactive and refused at the API", arguments: TestBackend.all)
    func introspectAndRevoke(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let other = try await server.client()
        let token = try await server.accessToken(client)
        func introspect(as who: (id: String, secret: String, application: RegisteredApplication)) async throws -> JSONValue {
            try await server.http.send("POST", server.base + "/o/client/introspect", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                       body: Array("token=\(token)&client_id=\(who.id)&client_secret=\(who.secret)".utf8)).json
        }
        let active = try await introspect(as: client)
        #expect(active["active"]?.boolValue == true && active["client_id"]?.stringValue == client.id)
        #expect(try await introspect(as: other)["active"]?.boolValue == false)
        #expect(try await server.get("/cmu/v2", token: token).status == 200)
        let revoke = try await server.http.send("POST", server.base + "/o/client/revoke", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                body: Array("token=\(token)&client_id=\(client.id)&client_secret=\(client.secret)".utf8))
        #expect(revoke.status == 200)
        #expect(try await introspect(as: client)["active"]?.boolValue == false)
        let refused = try await server.get("/cmu/v2", token: token)
        #expect(refused.status == 401 && refused.json["message"]?.stringValue?.contains("revoked") == true)
    }

    @Test("metadata (RFC 8414) and JWKS", arguments: TestBackend.all)
    func discovery(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let metadata = try await server.get("/.well-known/oauth-authorization-server").json
        #expect(metadata["issuer"]?.stringValue == "https://jwstool.local")
        #expect(metadata["token_endpoint"]?.stringValue == server.base + "/o/client/token")
        #expect(metadata["registration_endpoint"]?.stringValue == server.base + "/o/client/register")
        #expect(metadata["grant_types_supported"] == ["client_credentials"])
        let jwks = try KeySet(jwks: try await server.get("/.well-known/jwks.json").json)
        #expect(jwks.keys.count == 2 && jwks.keys.allSatisfy { !$0.isPrivate })
    }
}

@Suite("Protected usage-report API over real HTTP")
struct ReportTests {
    @Test("bad tokens: 401, WWW-Authenticate and the enhanced error body", arguments: TestBackend.all, ["", "garbage", "eyJhbGciOiJub25lIn0.e30."])
    func unauthorized(_ backend: TestBackend, token: String) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let reply = try await server.get("/cmu/v2/year", token: token.isEmpty ? nil : token)
        #expect(reply.status == 401)
        #expect(reply.header("WWW-Authenticate")?.hasPrefix(#"Bearer error="invalid_token""#) == true)
        let body = reply.json
        #expect(body["status"]?.integerValue == 401 && body["code"]?.stringValue == "invalid_access_token_client_application")
        #expect(body["action"]?.stringValue == "application-registration" && UUID(uuidString: body["trace"]?.stringValue ?? "") != nil)
    }

    @Test("expired tokens, tokens of revoked applications and of another server are refused", arguments: TestBackend.all)
    func refusedTokens(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend) { $0.tokenLifetime = 1; $0.clockSkew = 0 }
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let token = try await server.accessToken(client)
        try await Task.sleep(for: .milliseconds(2100))
        let expired = try await server.get("/cmu/v2", token: token)
        #expect(expired.status == 401 && expired.json["message"]?.stringValue?.contains("expired") == true, "\(expired.text)")
        let other = try await TestServer.start(backend)
        defer { Task { await other.stop() } }
        let foreign = try await other.accessToken(try await other.client())
        #expect(try await server.get("/cmu/v2", token: foreign).status == 401)
    }

    @Test("reports group recorded usage events by the path's dimensions, in JSON (HAL) and CSV", arguments: TestBackend.all)
    func reports(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let token = try await server.accessToken(client)
        _ = try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=bad")
        // The failed attempt belongs to no application: the cross-application view (the admin token) shows it.
        let report = try await server.get("/cmu/v2/endpoint/status", token: server.adminToken)
        #expect(report.status == 200, "\(report.text)")
        let json = report.json
        #expect(json["_links"]?["self"]?["href"]?.stringValue?.hasPrefix("/cmu/v2/endpoint/status?start=") == true)
        #expect(json["_links"]?["roll-up"]?["href"]?.stringValue == "/cmu/v2/endpoint")
        #expect(json["_links"]?["roll-up"]?["name"]?.stringValue == "status")
        #expect(json["_links"]?["drill-down"]?.elements.contains { $0["href"]?.stringValue == "/cmu/v2/endpoint/status/platform" } == true)
        let rows = json["report"]?.elements ?? []
        let register = rows.first { $0["endpoint"]?.stringValue == "/o/client/register" && $0["status"]?.stringValue == "201" }
        #expect(register?["registrations"]?.stringValue.flatMap { Int($0) } == 1)
        let failed = rows.first { $0["endpoint"]?.stringValue == "/o/client/token" && $0["status"]?.stringValue == "400" }
        #expect(failed?["failed-attempts"]?.stringValue.flatMap { Int($0) } == 1)

        let csv = try await server.get("/cmu/v2/platform/application.csv?metrics=requests,tokens-issued", token: token)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.text.hasPrefix("platform,application,requests,tokens-issued\r\n"))
        #expect(csv.text.contains("tvOS,Test Player,"))
        let accept = try await server.get("/cmu/v2/year", token: token, headers: [("Accept", "text/csv")])
        #expect(accept.text.hasPrefix("year,requests,"))
        let query = try await server.http.send("GET", server.base + "/cmu/v2/year?format=csv&access_token=\(token)")
        #expect(query.status == 200 && query.text.hasPrefix("year,"))

        let filtered = try await server.get("/cmu/v2/endpoint?endpoint=/o/client/token&endpoint!=/o/client/register&status&limit=5", token: token).json
        let filteredRows = filtered["report"]?.elements ?? []
        #expect(!filteredRows.isEmpty && filteredRows.allSatisfy { $0["endpoint"]?.stringValue == "/o/client/token" && $0["status"] != nil })
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let inRange = try await server.get("/cmu/v2/year?start=\(year)&end=\(year)-12-31T23", token: token).json
        #expect(inRange["report"]?.count == 1)
        let empty = try await server.get("/cmu/v2/year?start=2001-01&end=2001-02", token: token).json
        #expect(empty["report"]?.count == 0)
    }

    @Test("report errors: 400 plain text, 404 unknown dimension, 405 for anything but GET", arguments: TestBackend.all)
    func reportErrors(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let token = try await server.accessToken(try await server.client())
        for path in ["/cmu/v2/year?start=yesterday", "/cmu/v2/year?limit=0", "/cmu/v2/year?metrics=bogus", "/cmu/v2/year?colour=red", "/cmu/v2/year/year"] {
            let reply = try await server.get(path, token: token)
            #expect(reply.status == 400, "\(path): \(reply.status) \(reply.text)")
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
        }
        #expect(try await server.get("/cmu/v2/galaxy", token: token).status == 404)
        #expect(try await server.get("/nowhere", token: token).status == 404)
        let post = try await server.http.send("POST", server.base + "/cmu/v2/year", headers: [("Authorization", "Bearer \(token)")])
        #expect(post.status == 405 && post.header("Allow") == "GET")
    }
}

/// The two endpoints the throttling page lists without documenting them.
@Suite("/o/client/scopes and /o/client/validate (inferred from the throttling page)")
struct ScopesAndValidateTests {
    @Test("scopes lists the token's scopes; validate describes a valid token and refuses others with the protected APIs' 401", arguments: TestBackend.all, ServerProfile.allCases)
    func scopesAndValidate(_ backend: TestBackend, profile: ServerProfile) async throws {
        let server = try await TestServer.start(backend) { $0.profile = profile }
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let token = try await server.accessToken(client)
        for method in ["GET", "POST"] {
            let scopes = try await server.http.send(method, server.base + "/o/client/scopes", headers: [("Authorization", "Bearer \(token)")],
                                                    waitingOutThrottling: false)
            #expect(scopes.status == 200, "\(scopes.text)")
            #expect(scopes.json["scopes"] == ["usage:read", "reports:read"])
        }
        let valid = try await server.http.send("GET", server.base + "/o/client/validate", headers: [("Authorization", "Bearer \(token)")],
                                               waitingOutThrottling: false)
        #expect(valid.status == 200 && valid.json["valid"] == true && valid.json["client_id"]?.stringValue == client.id, "\(valid.text)")
        #expect((valid.json["expires_at"]?.integerValue ?? 0) > Int64(NumericDate.now.secondsSinceEpoch))
        for header in [[], [("Authorization", "Bearer not-a-token")]] {
            let refused = try await server.http.send("POST", server.base + "/o/client/validate", headers: header, waitingOutThrottling: false)
            #expect(refused.status == 401, "\(refused.text)")
            #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        }
    }
}
