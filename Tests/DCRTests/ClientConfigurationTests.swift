@testable import DCR
import DCRClient
import Foundation
import JOSE
import Testing

/// RFC 7592 client configuration over real HTTP: read, replace and delete a registration with its registration access
/// token; every refusal the same 401, whether the client exists or not.
@Suite("RFC 7592 client configuration")
struct ClientConfigurationTests {
    /// The rfc profile, with throttling out of the way of these request-heavy tests.
    static let rfc: @Sendable (inout ServerConfiguration) -> Void = {
        $0.profile = .rfc
        $0.rate = 10_000
        $0.burst = 10_000
    }

    /// A registered client with its registration access token and URI.
    struct Registration {
        let id: String, secret: String, token: String, uri: String, application: RegisteredApplication, statement: String
    }

    static func register(_ server: TestServer, redirect: String? = "https://app.example.com/cb") async throws -> Registration {
        let (application, statement) = try await server.application()
        let reply = try await server.register(statement, redirectURI: redirect)
        let json = reply.json
        guard reply.status == 201 || reply.status == 200, let id = json["client_id"]?.stringValue, let secret = json["client_secret"]?.stringValue,
              let token = json["registration_access_token"]?.stringValue, let uri = json["registration_client_uri"]?.stringValue else {
            throw DCRError.storage("registration failed: \(reply.status) \(reply.text)")
        }
        return Registration(id: id, secret: secret, token: token, uri: uri, application: application, statement: statement)
    }

    static func send(_ server: TestServer, _ method: String, _ uri: String, token: String?, body: JSONValue? = nil) async throws -> HTTPReply {
        var headers = token.map { [("Authorization", "Bearer \($0)")] } ?? []
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try await server.http.send(method, uri, headers: headers, body: body?.serialized(), waitingOutThrottling: false)
    }

    @Test("registration carries the token and the URI with the rfc profile (or --client-configuration), not with adobe-pass",
          arguments: TestBackend.all)
    func registrationResponse(_ backend: TestBackend) async throws {
        let rfc = try await TestServer.start(backend, Self.rfc)
        defer { Task { await rfc.stop() } }
        let client = try await Self.register(rfc)
        #expect(client.uri == rfc.base + "/o/client/register/" + client.id && client.token.count >= 43)
        let stored = try #require(try await rfc.server.store.clients.record(of: client.id))
        let bytes = try await rfc.storedBytes()
        #expect(stored.registrationTokenDigest == SecretDigest.digest(client.token) && bytes.range(of: Data(client.token.utf8)) == nil,
                "only the digest is stored")

        let service = try await TestServer.start(backend)
        defer { Task { await service.stop() } }
        let (_, statement) = try await service.application()
        let plain = try await service.register(statement).json
        #expect(plain["client_id"] != nil && plain["registration_access_token"] == nil && plain["registration_client_uri"] == nil)
        #expect(try await Self.send(service, "GET", service.base + "/o/client/register/x", token: "y").status == 404, "no such route in adobe-pass")
        let flagged = try await TestServer.start(backend) {
            $0.clientConfiguration = true
            $0.rate = 10_000
        }
        defer { Task { await flagged.stop() } }
        #expect(try await Self.register(flagged).uri.hasPrefix(flagged.base))
    }

    @Test("GET reads it; a wrong, missing or other client's token, and an unknown client, all get the same 401", arguments: TestBackend.all)
    func read(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend, Self.rfc)
        defer { Task { await server.stop() } }
        let a = try await Self.register(server), b = try await Self.register(server)
        let read = try await Self.send(server, "GET", a.uri, token: a.token)
        #expect(read.status == 200 && read.header("Cache-Control") == "no-store", "\(read.text)")
        let json = read.json
        #expect(json["client_id"]?.stringValue == a.id && json["registration_access_token"]?.stringValue == a.token)
        #expect(json["registration_client_uri"]?.stringValue == a.uri && json["software_id"]?.stringValue == a.application.id)
        #expect(json["redirect_uris"]?.elements.compactMap(\.stringValue) == ["https://app.example.com/cb"] && json["client_secret"] == nil)
        let refusals = [
            try await Self.send(server, "GET", a.uri, token: "wrong"),
            try await Self.send(server, "GET", a.uri, token: nil),
            try await Self.send(server, "GET", a.uri, token: b.token),
            try await Self.send(server, "GET", server.base + "/o/client/register/no-such-client", token: a.token),
            try await Self.send(server, "GET", a.uri, token: a.secret),
        ]
        for reply in refusals {
            #expect(reply.status == 401 && reply.header("WWW-Authenticate")?.contains("invalid_token") == true, "\(reply.text)")
            #expect(reply.json["message"]?.stringValue == refusals[0].json["message"]?.stringValue, "no hint whether the client exists")
        }
    }

    @Test("PUT re-validates like a registration, keeps the statement authoritative and rotates the token", arguments: TestBackend.all)
    func update(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend, Self.rfc)
        defer { Task { await server.stop() } }
        let client = try await Self.register(server)
        let body: JSONValue = .object([
            ("client_id", .string(client.id)), ("redirect_uris", ["https://other.example.com/back"]),
            ("software_id", "5f6c2a8e-0000-4000-8000-000000000000"), ("scope", "usage:read:all admin"), ("software_version", "99"),
        ])
        let updated = try await Self.send(server, "PUT", client.uri, token: client.token, body: body)
        #expect(updated.status == 200, "\(updated.text)")
        let json = updated.json
        let fresh = try #require(json["registration_access_token"]?.stringValue)
        #expect(fresh != client.token, "a new registration access token")
        #expect(json["redirect_uris"]?.elements.compactMap(\.stringValue) == ["https://other.example.com/back"])
        #expect(json["software_id"]?.stringValue == client.application.id, "the statement's software id, not the request's")
        #expect(json["scope"]?.stringValue == client.application.scopes.joined(separator: " "), "the application's scopes, not the request's")
        #expect(json["software_version"]?.stringValue == "3.1.0", "the statement's version")
        #expect(try await Self.send(server, "GET", client.uri, token: client.token).status == 401, "the old token no longer works")
        #expect(try await Self.send(server, "GET", client.uri, token: fresh).json["redirect_uris"]?.elements.count == 1)
        // The client's credentials still work.
        #expect(try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)").status == 200)

        func refused(_ body: JSONValue, _ code: String) async throws {
            let reply = try await Self.send(server, "PUT", client.uri, token: fresh, body: body)
            #expect(reply.status == 400 && reply.json["error"]?.stringValue == code, "\(body.compact): \(reply.text)")
        }
        try await refused(.object([("client_id", "someone-else")]), "invalid_request")
        try await refused(.object([("client_id", .string(client.id)), ("redirect_uris", ["https://evil.com/cb"])]), "invalid_redirect_uri")
        try await refused(.object([("client_id", .string(client.id)), ("registration_access_token", .string(fresh))]), "invalid_request")
        try await refused(.object([("client_id", .string(client.id)), ("client_secret", "not-the-secret")]), "invalid_request")
        let (other, otherStatement) = try await server.application(name: "Other Player")
        #expect(other.id != client.application.id)
        try await refused(.object([("client_id", .string(client.id)), ("software_statement", .string(otherStatement))]), "invalid_software_statement")
        // A revoked application's client cannot update itself either.
        _ = try await server.server.catalog.revoke(client.application.id)
        try await refused(.object([("client_id", .string(client.id))]), "unapproved_software_statement")
    }

    @Test("DELETE removes the client: its token, credentials and access tokens are refused afterwards", arguments: TestBackend.all)
    func delete(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend, Self.rfc)
        defer { Task { await server.stop() } }
        let client = try await Self.register(server), other = try await Self.register(server)
        let access = try await server.accessToken((client.id, client.secret, client.application))
        #expect(try await Self.send(server, "DELETE", client.uri, token: other.token).status == 401, "another client's token deletes nothing")
        let deleted = try await Self.send(server, "DELETE", client.uri, token: client.token)
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        #expect(try await Self.send(server, "GET", client.uri, token: client.token).status == 401)
        #expect(try await Self.send(server, "DELETE", client.uri, token: client.token).status == 401)
        let token = try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)")
        #expect(token.status == 401 && token.json["error"]?.stringValue == "invalid_client")
        #expect(try await server.get("/o/client/validate", token: access).status == 401, "its access tokens stop working")
        #expect(try await server.server.store.clients.record(of: client.id) == nil)
        #expect(try await Self.send(server, "GET", other.uri, token: other.token).status == 200, "the other client is untouched")
    }
}
