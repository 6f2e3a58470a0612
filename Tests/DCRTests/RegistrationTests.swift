import DCRClient
import DCR
import Foundation
import JOSE
import Testing

@Suite("POST /o/client/register over real HTTP")
struct RegistrationTests {
    @Test("201 with the service's members plus RFC 7591's, never cached; the secret is stored only as a digest", arguments: TestBackend.all, ServerProfile.allCases)
    func success(_ backend: TestBackend, profile: ServerProfile) async throws {
        let server = try await TestServer.start(backend) { $0.profile = profile }
        defer { Task { await server.stop() } }
        let (application, statement) = try await server.application()
        let reply = try await server.register(statement, redirectURI: "https://app.example.com/callback")
        #expect(reply.status == 201, "\(reply.text)")
        #expect(reply.header("Cache-Control") == "no-store")
        let json = reply.json
        #expect(json.memberNames.starts(with: ["client_id", "client_secret", "client_id_issued_at", "client_secret_expires_at", "redirect_uris", "grant_types", "scopes"]))
        #expect(UUID(uuidString: json["client_id"]?.stringValue ?? "") != nil)
        let secret = try #require(json["client_secret"]?.stringValue)
        // adobe-pass: a UUID, as real traffic shows; rfc: 256 random bits.
        if profile == .adobePass { #expect(UUID(uuidString: secret) != nil && secret == secret.lowercased()) } else { #expect(try Base64URL.decode(secret).count == 32) }
        let issuedAt = try #require(json["client_id_issued_at"]?.integerValue)
        #expect(profile == .adobePass ? issuedAt > 1_000_000_000_000 : issuedAt < 10_000_000_000)
        #expect(json["client_secret_expires_at"]?.integerValue == 0)
        #expect(json["grant_types"] == ["client_credentials"])
        #expect(json["scopes"] == ["usage:read", "reports:read"])
        #expect(json["redirect_uris"] == ["https://app.example.com/callback"])
        #expect(json["software_id"]?.stringValue == application.id)
        let stored = try await server.storedBytes()
        #expect(stored.range(of: Data(secret.utf8)) == nil)
        #expect(stored.range(of: Data(SecretDigest.digest(secret).utf8)) != nil)
    }

    @Test("malformed requests are invalid_request, with nothing stored", arguments: TestBackend.all)
    func invalidRequests(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (_, statement) = try await server.application()
        let cases: [(HTTPReplyMaker, String)] = [
            ({ try await server.register(statement, contentType: "text/plain") }, "Content-Type"),
            ({ try await server.register(statement, device: "not base64!") }, "X-Device-Info"),
            ({ try await server.register(statement, device: Base64.encode(Array("[1]".utf8))) }, "must be a JSON object"),
            ({ try await server.http.send("POST", server.base + "/o/client/register", headers: [("Content-Type", "application/json"), ("X-Device-Info", TestServer.deviceHeader)], body: Array("{\"software_statement\":".utf8)) }, "not valid JSON"),
            ({ try await server.http.send("POST", server.base + "/o/client/register", headers: [("Content-Type", "application/json"), ("X-Device-Info", TestServer.deviceHeader)], body: Array("{\"a\":1,\"a\":2}".utf8)) }, "duplicate"),
            ({ try await server.http.send("POST", server.base + "/o/client/register", headers: [("Content-Type", "application/json"), ("X-Device-Info", TestServer.deviceHeader)], body: Array("{}".utf8)) }, "software_statement is required"),
        ]
        for (send, reason) in cases {
            let reply = try await send()
            #expect(reply.status == 400)
            #expect(reply.json["error"]?.stringValue == "invalid_request", "\(reply.text)")
            #expect(reply.json["error_description"]?.stringValue?.contains(reason) == true, "\(reply.text)")
        }
        let huge = Array(#"{"software_statement":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 70_000) + Array(#""}"#.utf8)
        let tooLarge = try await server.http.send("POST", server.base + "/o/client/register", headers: [("Content-Type", "application/json"), ("X-Device-Info", TestServer.deviceHeader)], body: huge)
        #expect(tooLarge.status == 413)
        #expect(try await server.server.store.clients.count() == 0)
    }

    typealias HTTPReplyMaker = @Sendable () async throws -> HTTPReply

    @Test("bad statements are invalid_software_statement with the reason", arguments: TestBackend.all)
    func invalidStatements(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (application, statement) = try await server.application()
        let now = Int64(NumericDate.now.secondsSinceEpoch)
        let attacker = try Key.generate(.rsa(bits: 2048))
        var segments = statement.split(separator: ".").map(String.init)
        segments[1] = Base64URL.encode(Array(#"{"sub":"x","iss":"https://jwstool.local"}"#.utf8))
        let cases: [(String, String)] = [
            ("not a token", "malformed"),
            (segments.joined(separator: "."), "signature"),
            // Signed with another key, which names itself by its thumbprint: no trusted key has that kid.
            (try server.statement(claims: ["iss": "https://jwstool.local", "sub": .string(application.id), "iat": .integer(now)], key: attacker), "no key has kid"),
            (try server.statement(claims: ["iss": "https://jwstool.local", "sub": .string(application.id), "iat": .integer(now), "client_secret": "leak"]), "statement-forbidden-member"),
            (try server.statement(claims: ["iss": "https://jwstool.local", "sub": .string(application.id), "iat": .integer(now), "exp": .integer(now - 3600)]), "expired"),
            (try JWSSigner().sign(Array(#"{"iss":"https://jwstool.local"}"#.utf8), with: [.init(key: server.server.keys.statementKey, algorithm: .rs256)]).serialized(as: .flattened), "compact"),
        ]
        for (text, reason) in cases {
            let reply = try await server.register(text)
            #expect(reply.status == 400)
            #expect(reply.json["error"]?.stringValue == "invalid_software_statement", "\(reply.text)")
            #expect(reply.json["error_description"]?.stringValue?.contains(reason) == true, "\(reason): \(reply.text)")
        }
    }

    @Test("unknown issuer, unknown or revoked application are unapproved_software_statement", arguments: TestBackend.all)
    func unapproved(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let now = Int64(NumericDate.now.secondsSinceEpoch)
        let foreign = try server.statement(claims: ["iss": "https://other.example", "sub": "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b", "iat": .integer(now)])
        let unknown = try server.statement(claims: ["iss": "https://jwstool.local", "sub": "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b", "iat": .integer(now)])
        let (application, statement) = try await server.application()
        _ = try await server.server.catalog.revoke(application.id)
        for (text, reason) in [(foreign, "not trusted"), (unknown, "no registered application"), (statement, "revoked")] {
            let reply = try await server.register(text)
            #expect(reply.status == 400)
            #expect(reply.json["error"]?.stringValue == "unapproved_software_statement", "\(reply.text)")
            #expect(reply.json["error_description"]?.stringValue?.contains(reason) == true, "\(reply.text)")
        }
    }

    @Test("a redirect URI outside the application's domains is invalid_redirect_uri", arguments: TestBackend.all, [
        "https://evil.com/cb", "http://app.example.com/cb", "https://example.com.evil.com/cb", "https://app.example.com/cb#frag", "javascript:alert(1)",
    ])
    func redirectURI(_ backend: TestBackend, uri: String) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (_, statement) = try await server.application()
        let reply = try await server.register(statement, redirectURI: uri)
        #expect(reply.status == 400)
        #expect(reply.json["error"]?.stringValue == "invalid_redirect_uri", "\(reply.text)")
    }

    @Test("an app's own scheme matches a domain in reverse-DNS form: the register page's sample redirect URIs register", arguments: TestBackend.all, [
        ("adobepass://com.programmer", true), ("app://com.programmer.adobe", true), ("com.programmer.tv:/oauth", true),
        ("https://tv.programmer.com/cb", true), ("app://com.programmer.adobe#sdasdsadas", false), ("app://com.evil", false),
        ("app://programmer", false), ("javascript://com.programmer", false), ("data://com.programmer", false),
        ("http://programmer.com/cb", false), ("adobepass://com.evilprogrammer", false),
    ])
    func customSchemes(_ backend: TestBackend, sample: (uri: String, allowed: Bool)) async throws {
        let (uri, allowed) = sample
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (_, statement) = try await server.application(domains: ["programmer.com"])
        let reply = try await server.register(statement, redirectURI: uri)
        #expect(reply.status == (allowed ? 201 : 400), "\(reply.text)")
        if !allowed { #expect(reply.json["error"]?.stringValue == "invalid_redirect_uri") }
    }

    @Test("statement values override request values (RFC 7591 §3.1.1)", arguments: TestBackend.all)
    func statementWins(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (application, _) = try await server.application()
        let now = Int64(NumericDate.now.secondsSinceEpoch)
        let statement = try server.statement(claims: ["iss": "https://jwstool.local", "sub": .string(application.id), "software_id": .string(application.id),
                                                      "iat": .integer(now), "redirect_uris": ["https://tv.example.com/done"]])
        let reply = try await server.register(statement, redirectURI: "https://other.example.com/ignored")
        #expect(reply.status == 201, "\(reply.text)")
        #expect(reply.json["redirect_uris"] == ["https://tv.example.com/done"])
    }

    @Test("a trusted foreign issuer's statements register; its application can then be revoked", arguments: TestBackend.all)
    func foreignIssuer(_ backend: TestBackend) async throws {
        let issuerKey = try Key.generate(.ec(.p256))
        let publicKey = try issuerKey.publicKey
        let server = try await TestServer.start(backend) { $0.trustedIssuers = ["https://partner.example": KeySet([publicKey])] }
        defer { Task { await server.stop() } }
        let id = "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b"
        let statement = try server.statement(claims: ["iss": "https://partner.example", "software_id": .string(id), "sub": .string(id),
                                                      "iat": .integer(Int64(NumericDate.now.secondsSinceEpoch)), "client_name": "Partner App"], key: issuerKey)
        let reply = try await server.register(statement)
        #expect(reply.status == 201, "\(reply.text)")
        #expect(try await server.server.catalog.require(id).name == "Partner App")
        _ = try await server.server.catalog.revoke(id)
        #expect(try await server.register(statement).json["error"]?.stringValue == "unapproved_software_statement")
    }

    @Test("a MACed statement registers from an issuer trusted with an oct key; HS256 never passes for the server's own issuer", arguments: TestBackend.all)
    func macedStatement(_ backend: TestBackend) async throws {
        let secret = Key(secret: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 11 &+ 5) })
        let server = try await TestServer.start(backend) { $0.trustedIssuers = ["https://partner.example": KeySet([secret])] }
        defer { Task { await server.stop() } }
        let id = "0b7e6f1a-2c3d-4e5f-8a9b-1c2d3e4f5a6b"
        let now = Int64(NumericDate.now.secondsSinceEpoch)
        let maced = try JWSSigner().signJWT(["iss": "https://partner.example", "software_id": .string(id), "sub": .string(id), "iat": .integer(now)],
                                            key: secret, algorithm: .hs256, header: [("typ", "JWT")])
        let reply = try await server.register(maced)
        #expect(reply.status == 201, "\(reply.text)")
        let own = try JWSSigner().signJWT(["iss": .string(ServerConfiguration.defaultIssuer), "software_id": .string(id), "sub": .string(id),
                                           "iat": .integer(now)], key: secret, algorithm: .hs256, header: [("typ", "JWT")])
        let refused = try await server.register(own)
        #expect(refused.status == 400 && refused.json["error"]?.stringValue == "invalid_software_statement", "\(refused.text)")
    }
}

