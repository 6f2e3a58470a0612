@testable import DCR
import DCRClient
@testable import DCRServer
import Foundation
import JOSE
import Testing

/// The web UI over real HTTP: what every page carries, what it shows of hostile input, what it never shows. (The
/// browser tests in JWSToolTests drive the same pages in Chromium.)
@Suite("the web UI's pages over HTTP")
struct WebUITests {
    static func form(_ fields: [(String, String)]) -> [UInt8] {
        Array(fields.map { "\($0.0)=\($0.1.formURLEncoded)" }.joined(separator: "&").utf8)
    }

    static func inspect(_ server: TestServer, _ fields: [(String, String)]) async throws -> HTTPReply {
        try await server.http.send("POST", server.base + DCRRoute.inspector.path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                   body: form(fields), waitingOutThrottling: false)
    }

    static func expectSecurityHeaders(_ reply: HTTPReply, _ what: String) {
        #expect(reply.header("Content-Security-Policy")?.hasPrefix("default-src 'self';") == true, "\(what)")
        #expect(reply.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(what)")
        #expect(reply.header("X-Content-Type-Options") == "nosniff" && reply.header("Referrer-Policy") == "no-referrer", "\(what)")
    }

    @Test("every page and file carries the CSP, nosniff and no-referrer; pages are not cached; the files are the binary's own")
    func headers() async throws {
        let server = try await TestServer.start(.sqlite)
        defer { Task { await server.stop() } }
        let replies = [
            ("GET inspect", try await server.get(DCRRoute.inspector.path)),
            ("POST inspect", try await Self.inspect(server, [("token", "x")])),
            ("POST inspect, nothing pasted", try await Self.inspect(server, [("token", " ")])),
            ("stylesheet", try await server.get(DCRRoute.uiAssets.path + "/style.css")),
            ("script", try await server.get(DCRRoute.uiAssets.path + "/ui.js")),
            ("unknown file", try await server.get(DCRRoute.uiAssets.path + "/page.mustache")),
        ]
        for (what, reply) in replies { Self.expectSecurityHeaders(reply, what) }
        #expect(replies[0].1.status == 200 && replies[0].1.header("Content-Type") == "text/html; charset=utf-8")
        #expect(replies[0].1.header("Cache-Control") == "no-store" && replies[1].1.header("Cache-Control") == "no-store")
        #expect(replies[2].1.status == 400 && replies[2].1.text.contains("Paste a token first"))
        #expect(replies[3].1.header("Content-Type") == "text/css; charset=utf-8" && replies[3].1.text == EmbeddedFiles.files["style.css"])
        #expect(replies[4].1.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(replies[5].1.status == 404, "templates are not served as files")
        // No inline script or style anywhere: the CSP would refuse them.
        let page = replies[0].1.text
        #expect(!page.contains("<script>") && !page.contains("style=") && page.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil,
                "inline script or style in the page")
    }

    @Test("hostile input is shown escaped, never as markup; an unknown profile is 400; an oversized paste is 413")
    func hostileInput() async throws {
        let server = try await TestServer.start(.sqlite)
        defer { Task { await server.stop() } }
        let header = Base64URL.encode(Array(#"{"alg":"HS256","kid":"<script>alert(1)</script>"}"#.utf8))
        let payload = Base64URL.encode(Array(#"{"sub":"\"><img src=x onerror=alert(1)>","exp":1e308,"nul":"a\u0000b"}"#.utf8))
        let reply = try await Self.inspect(server, [("token", "\(header).\(payload).c2ln"), ("keys", "<b>not a key</b>")])
        #expect(reply.status == 200)
        #expect(!reply.text.contains("<script>alert") && reply.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!reply.text.contains("<img src=x") && !reply.text.contains("<b>not a key"))
        #expect(reply.text.contains("role=\"alert\""), "the unreadable key is reported")
        let profile = try await Self.inspect(server, [("token", "x"), ("profile", "<i>")])
        #expect(profile.status == 400 && profile.text.contains("no lint profile called") && !profile.text.contains("<i>"))
        let huge = try await Self.inspect(server, [("token", String(repeating: "A", count: TokenInspection.maximumBytes + 100 * 1024))])
        #expect(huge.status == 413 && huge.text.contains("larger than"))
        Self.expectSecurityHeaders(huge, "413")
    }

    @Test("the server's own keys verify its tokens and statements; no secret is ever in a page")
    func ownKeysAndNoSecrets() async throws {
        let server = try await TestServer.start(.sqlite)
        defer { Task { await server.stop() } }
        let client = try await server.client()
        let token = try await server.accessToken(client)
        let (_, statement) = try await server.application()
        let reply = try await Self.inspect(server, [("token", token + "\n" + statement), ("server_keys", "on"), ("profile", "")])
        #expect(reply.status == 200)
        #expect(reply.text.components(separatedBy: "data-verdict=\"verified\"").count == 3, "both verified: \(reply.text)")
        #expect(reply.text.contains("profile <strong>access-token</strong>") || reply.text.contains("Profile <strong>access-token</strong>"))
        let signing = await server.server.keys.tokenKeys.current().signing
        let secrets = [server.adminToken, client.secret] + [signing, server.server.keys.statementKey].compactMap { key in
            (try? key.jwk(includePrivate: true))?["d"]?.stringValue
        }
        #expect(secrets.count == 4)
        for page in [reply.text, try await server.get(DCRRoute.inspector.path).text] {
            for secret in secrets { #expect(!page.contains(secret)) }
        }
    }

    @Test("a JSON serialization, a wrapped token and a broken one get what jwstool lint gives them")
    func lintShapes() async throws {
        let server = try await TestServer.start(.sqlite)
        defer { Task { await server.stop() } }
        let key = try Key.generate(.ec(.p256))
        let compact = try JWSSigner().signJWT(["sub": "x", "iat": 1_700_000_000], key: key, algorithm: .es256)
        let parts = compact.split(separator: ".").map(String.init)
        let general = JSONValue.object([
            ("payload", .string(parts[1])),
            ("signatures", [.object([("protected", .string(parts[0])), ("signature", .string(parts[2]))])]),
        ]).pretty
        let wrapped = stride(from: 0, to: compact.count, by: 64).map { offset in
            String(compact.dropFirst(offset).prefix(64))
        }.joined(separator: "\n")
        let jwk = try key.publicKey.jwk().compact
        // A wrapped token stays one token, and — as with jwstool verify — its line breaks fail it, saying so.
        for (what, text, verdict) in [("JSON serialization", general, "verified"), ("wrapped", wrapped, "failed"),
                                      ("broken", parts[0] + ".!!!." + parts[2], "failed")] {
            let reply = try await Self.inspect(server, [("token", text), ("keys", jwk)])
            #expect(reply.status == 200, "\(what)")
            #expect(reply.text.components(separatedBy: "class=\"token\"").count == 2, "\(what): one token")
            #expect(reply.text.contains("data-verdict=\"\(verdict)\""), "\(what): \(verdict)")
        }
        let wrappedReply = try await Self.inspect(server, [("token", wrapped)])
        #expect(wrappedReply.text.contains("data-rule=\"token-whitespace\""), "the wrap is reported")
        #expect(try await Self.inspect(server, [("token", wrapped), ("keys", jwk)]).text.contains("was the token wrapped"))
    }

    @Test("a private key or secret pasted as the key verifies, and is not written back into the page")
    func pastedSecretsNotEchoed() async throws {
        let server = try await TestServer.start(.sqlite)
        defer { Task { await server.stop() } }
        let ec = try Key.generate(.ec(.p256))
        let hmac = try Key.generate(.oct(bytes: 32))
        for (key, algorithm, member) in [(ec, Algorithm.es256, "d"), (hmac, .hs256, "k")] {
            let token = try JWSSigner().signJWT(["sub": "x"], key: key, algorithm: algorithm)
            let jwk = try key.jwk(includePrivate: true)
            let secret = try #require(jwk[member]?.stringValue)
            let reply = try await Self.inspect(server, [("token", token), ("keys", jwk.compact)])
            #expect(reply.text.contains("data-verdict=\"verified\""), "\(algorithm)")
            #expect(!reply.text.contains(secret), "\(algorithm): the secret came back")
            #expect(reply.text.contains("is not shown again"))
        }
        let unreadable = try await Self.inspect(server, [("token", "x.y.z"), ("keys", "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----")])
        #expect(!unreadable.text.contains("not base64"), "an unreadable private key is not shown back either")
    }
}
