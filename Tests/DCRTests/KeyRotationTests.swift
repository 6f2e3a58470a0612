@testable import DCR
import DCRClient
import Foundation
import JOSE
import Testing

/// `POST /admin/keys/rotate` (`jwstool app keys rotate`): a new access-token key signs from then on; the old one stays
/// published, and its tokens valid, until they expire — on one server, after a restart, and across servers on one
/// PostgreSQL database.
@Suite("rotating the access-token key")
struct KeyRotationTests {
    static func kid(_ token: String) throws -> String? { try JWS.parse(token).header.keyID }

    static func rotate(_ server: TestServer, adminToken: String? = nil) async throws -> HTTPReply {
        try await server.http.send("POST", server.base + DCRRoute.keys(.rotate), headers: [("Authorization", "Bearer \(adminToken ?? server.adminToken)")],
                                   waitingOutThrottling: false)
    }

    static func validate(_ server: TestServer, _ token: String) async throws -> HTTPReply {
        try await server.http.send("GET", server.base + DCRRoute.validate.path, headers: [("Authorization", "Bearer \(token)")], waitingOutThrottling: false)
    }

    static func publishedKeyIDs(_ server: TestServer) async throws -> Set<String> {
        Set(try await server.get(DCRRoute.jwks.path).json["keys"]?.elements.compactMap { $0["kid"]?.stringValue } ?? [])
    }

    @Test("new tokens carry the new key; the old key's tokens stay valid and both keys are published, also after a restart",
          arguments: TestBackend.all)
    func rotate(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let client = try await server.client()
        let before = try await server.accessToken(client)
        let oldKid = try #require(try Self.kid(before))

        #expect(try await Self.rotate(server, adminToken: "wrong").status == 401)
        let started = NumericDate.now.secondsSinceEpoch
        let rotated = try await Self.rotate(server)
        #expect(rotated.status == 200, "\(rotated.text)")
        let keys = rotated.json["token_keys"]?.elements ?? []
        let newKid = try #require(keys.first?["kid"]?.stringValue)
        #expect(newKid != oldKid && keys.first?["status"]?.stringValue == "signing")
        #expect(keys.count == 2 && keys[1]["kid"]?.stringValue == oldKid && keys[1]["status"]?.stringValue == "retired")
        // Published for the token lifetime and the clock skew, plus the time other instances take to notice.
        let until = try #require(keys[1]["published_until"]?.numberValue)
        #expect(abs(until - (started + 21_600 + 30 + TokenKeyRing.refreshInterval)) < 5, "\(until - started)")
        #expect(!rotated.text.contains("\"d\""), "no key material in the answer")

        let after = try await server.accessToken(client)
        #expect(try Self.kid(after) == newKid)
        for token in [before, after] { #expect(try await Self.validate(server, token).status == 200) }
        #expect(try await Self.publishedKeyIDs(server) == [oldKid, newKid, server.server.keys.statementKey.id ?? ""])

        // A restart over the same state (and store) keeps both.
        await server.stop(removingState: false)
        let restarted = try await TestServer.start(backend, state: server.state)
        defer { Task { await restarted.stop() } }
        #expect(try Self.kid(try await restarted.accessToken(client)) == newKid)
        #expect(try await Self.validate(restarted, before).status == 200, "the retired key's token is still accepted")
        // Its revocation is checked with the retired key too.
        let revoked = try await restarted.http.send("POST", restarted.base + DCRRoute.revoke.path,
                                                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                    body: Array("token=\(before)&client_id=\(client.id)&client_secret=\(client.secret)".utf8))
        #expect(revoked.status == 200)
        #expect(try await Self.validate(restarted, before).status == 401)
    }

    @Test("a retired key is no longer published or accepted once its tokens have expired", arguments: TestBackend.all)
    func retiredKeyExpires(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend) {
            $0.tokenLifetime = 1
            $0.clockSkew = 0
        }
        defer { Task { await server.stop() } }
        let oldKid = try #require(await server.server.keys.tokenKeys.current().signing.id)
        let (keys, retired) = try await server.server.keys.tokenKeys.rotate()
        #expect(retired.key.id == oldKid && retired.publishedUntil - retired.retiredAt == 1 + TokenKeyRing.refreshInterval)
        #expect(keys.knows(oldKid))
        // Past its time, and past one refresh.
        try await Task.sleep(for: .seconds(1 + 2 * TokenKeyRing.refreshInterval + 0.5))
        #expect(try await !Self.publishedKeyIDs(server).contains(oldKid))
        #expect(await !server.server.keys.tokenKeys.current().knows(oldKid))
        // The next rotation drops it from the store as well.
        let (_, second) = try await server.server.keys.tokenKeys.rotate()
        let stored = try await server.server.keys.tokenKeys.storage.load()
        #expect(stored.retired.map(\.key.id) == [second.key.id])
    }

    @Test("a rotation on A: B accepts the new key's tokens at once, signs with it within the refresh interval, and the old tokens stay valid on both",
          .enabled(if: PostgresForTests.isAvailable, "no PostgreSQL here"))
    func acrossServers() async throws {
        let a = try await TestServer.start(.postgres)
        let b = try await TestServer.start(.postgres, sharing: a)
        defer { Task { await b.stop(); await a.stop() } }
        let client = try await a.client()
        let old = try await b.accessToken(client)
        let oldKid = try #require(try Self.kid(old))

        #expect(try await Self.rotate(a).status == 200)
        let new = try await a.accessToken(client)
        let newKid = try #require(try Self.kid(new))
        #expect(newKid != oldKid)
        for server in [a, b] {
            for (token, kid) in [(old, oldKid), (new, newKid)] { #expect(try await Self.validate(server, token).status == 200, "a token of \(kid)") }
        }
        try await Task.sleep(for: .seconds(TokenKeyRing.refreshInterval + 0.2))
        #expect(try Self.kid(try await b.accessToken(client)) == newKid)
        #expect(try await Self.publishedKeyIDs(a) == Self.publishedKeyIDs(b))

        // Two rotations at the same moment: both happen, neither key is lost.
        async let first = a.server.keys.tokenKeys.rotate()
        async let second = b.server.keys.tokenKeys.rotate()
        let retired = try await [first.retired.key.id, second.retired.key.id]
        let stored = try await a.server.keys.tokenKeys.storage.load()
        #expect(Set(stored.retired.compactMap(\.key.id)) == Set([oldKid, newKid] + retired.compactMap { $0 }))
        #expect(Set(retired).count == 2 && stored.retired.count == 3)
        // In the database the signing key is sealed and the retired ones are public halves.
        let postgres = try #require(a.server.store as? PostgresStore)
        let value = try #require(try await postgres.rows("SELECT value FROM server_secrets WHERE name = 'token-key'").first?.decode(String.self))
        let document = try JSONValue.parse(value)
        #expect(document["signing"]?.stringValue?.hasPrefix("v1.") == true && !value.contains("\"d\""))
    }
}
