@testable import DCR
import DCRClient
@testable import DCRServer
import Foundation
import JOSE
import Testing

/// The dashboard over real HTTP (raw requests, so redirects and cookies are seen as sent): sign-in, the session
/// cookie's flags, CSRF on every state-changing form, the security headers, and no secret in any page.
@Suite("the dashboard over HTTP")
struct DashboardTests {
    struct Answer {
        let status: Int
        let headers: [(String, String)]
        let body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var location: String? { header("Location") }
    }

    /// One request on a fresh connection, read until the server closes it.
    static func send(_ server: TestServer, _ method: String, _ path: String, cookie: String? = nil, form: [(String, String)]? = nil) async throws -> Answer {
        let connection = try RawConnection(server.base)
        let body = form.map { $0.map { "\($0.0)=\($0.1.formURLEncoded)" }.joined(separator: "&") } ?? ""
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let cookie { request += "Cookie: \(DashboardSession.cookieName)=\(cookie)\r\n" }
        if form != nil { request += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n" }
        connection.send(request + "\r\n" + body)
        let (text, _) = await connection.readUntilClosed(within: 30)
        let (head, rest) = text.range(of: "\r\n\r\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        let lines = head.components(separatedBy: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Answer(status: status, headers: headers, body: rest)
    }

    /// Signs in; the session cookie's value and the CSRF token of its forms.
    static func signIn(_ server: TestServer) async throws -> (cookie: String, csrf: String) {
        let answer = try await send(server, "POST", "/ui/signin", form: [("admin_token", server.adminToken)])
        let setCookie = try #require(answer.header("Set-Cookie"))
        let cookie = String(setCookie.dropFirst(DashboardSession.cookieName.count + 1).prefix { $0 != ";" })
        let page = try await send(server, "GET", "/ui/", cookie: cookie)
        let csrf = try #require(page.body.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression).map {
            String(page.body[$0].dropFirst(#"name="csrf" value=""#.count).dropLast())
        })
        return (cookie, csrf)
    }

    @Test("sign-in: a wrong token is 401 with no cookie; the right one sets an HttpOnly, SameSite=Strict, /ui, 8-hour cookie",
          arguments: TestBackend.all)
    func signIn(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let unsigned = try await Self.send(server, "GET", "/ui/")
        #expect(unsigned.status == 303 && unsigned.location == "/ui/signin")
        let wrong = try await Self.send(server, "POST", "/ui/signin", form: [("admin_token", "wrong")])
        #expect(wrong.status == 401 && wrong.header("Set-Cookie") == nil && wrong.body.contains("Refused"))
        let right = try await Self.send(server, "POST", "/ui/signin", form: [("admin_token", server.adminToken)])
        let cookie = try #require(right.header("Set-Cookie"))
        #expect(right.status == 303 && right.location == "/ui/")
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/ui", "Max-Age=28800"] { #expect(cookie.contains(flag), "\(cookie)") }
        #expect(!cookie.contains("Secure"), "no Secure flag on a plain-http server")
        // Behind https (its public URL), the cookie is Secure.
        let behindTLS = try await TestServer.start(backend) { $0.publicURL = "https://dcr.example.com" }
        defer { Task { await behindTLS.stop() } }
        #expect(try await Self.send(behindTLS, "POST", "/ui/signin", form: [("admin_token", behindTLS.adminToken)]).header("Set-Cookie")?.contains("Secure") == true)
    }

    @Test("every state-changing form needs the session's CSRF token; a forged, foreign or expired session is no session",
          arguments: TestBackend.all)
    func csrf(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (cookie, csrf) = try await Self.signIn(server)
        let (application, _) = try await server.application()
        let forms = ["/ui/applications", "/ui/applications/\(application.id)/statement", "/ui/applications/\(application.id)/revoke", "/ui/signout"]
        let other = try await Self.signIn(server)
        for path in forms {
            for token in [nil, "", "x", other.csrf] {
                let answer = try await Self.send(server, "POST", path, cookie: cookie, form: [("name", "Forged")] + (token.map { [("csrf", $0)] } ?? []))
                #expect(answer.status == 403, "\(path) with csrf \(token ?? "none"): \(answer.status)")
            }
        }
        #expect(try await server.server.catalog.require(application.id).status == .active, "nothing changed")
        #expect(try await server.server.catalog.list().count == 1)
        // A cookie not signed by this server, or expired, or signed for something else: sent to sign in.
        let expired = try DashboardSession.open(with: server.server.sessionKey, now: NumericDate(NumericDate.now.secondsSinceEpoch - 9 * 3600)).cookie
        let foreign = try DashboardSession.open(with: try Key.generate(.oct(bytes: 32))).cookie
        let statementSigned = try await server.server.catalog.mintStatement(for: application.id)
        for fake in [expired, foreign, statementSigned, cookie + "x", "none"] {
            let answer = try await Self.send(server, "POST", "/ui/applications/\(application.id)/revoke", cookie: fake, form: [("csrf", csrf)])
            #expect(answer.status == 303 && answer.location == "/ui/signin", "\(fake.prefix(20))")
        }
        // With the token: it works.
        let revoked = try await Self.send(server, "POST", "/ui/applications/\(application.id)/revoke", cookie: cookie, form: [("csrf", csrf)])
        #expect(revoked.status == 303 && revoked.location == "/ui/applications/\(application.id)")
        #expect(try await server.server.catalog.require(application.id).status == .revoked)
    }

    @Test("the pages carry the security headers and never a secret; a statement downloads as a file that registers",
          arguments: TestBackend.all)
    func pages(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let client = try await server.client()
        _ = try await server.accessToken(client)
        let (cookie, csrf) = try await Self.signIn(server)
        let id = client.application.id
        let pages = [
            try await Self.send(server, "GET", "/ui/signin"),
            try await Self.send(server, "GET", "/ui/", cookie: cookie),
            try await Self.send(server, "GET", "/ui/applications/\(id)", cookie: cookie),
            try await Self.send(server, "GET", "/ui/usage?by=application&per=hour", cookie: cookie),
            try await Self.send(server, "GET", "/ui/applications/nope", cookie: cookie),
        ]
        #expect(pages.map(\.status) == [200, 200, 200, 200, 404])
        #expect(pages[2].body.contains(client.id) && pages[2].body.contains("Last token"), "the client is listed with its last use")
        let signing = await server.server.keys.tokenKeys.current().signing
        let secrets = [server.adminToken, client.secret, csrf.isEmpty ? "-" : cookie] + [signing, server.server.keys.statementKey, server.server.sessionKey]
            .compactMap { (try? $0.jwk(includePrivate: true))?[$0.type.isSymmetric ? "k" : "d"]?.stringValue }
        #expect(secrets.count == 6)
        for page in pages {
            #expect(page.header("Content-Security-Policy")?.hasPrefix("default-src 'self';") == true)
            #expect(page.header("X-Content-Type-Options") == "nosniff" && page.header("Referrer-Policy") == "no-referrer")
            for secret in secrets { #expect(!page.body.contains(secret)) }
        }
        let first = try await Self.send(server, "POST", "/ui/applications/\(id)/statement", cookie: cookie, form: [("csrf", csrf)])
        let second = try await Self.send(server, "POST", "/ui/applications/\(id)/statement", cookie: cookie, form: [("csrf", csrf)])
        #expect(first.status == 200 && first.header("Content-Disposition")?.hasPrefix("attachment; filename=\"test-player-statement.jwt\"") == true)
        #expect(first.header("Content-Type") == "application/jwt" && first.header("Cache-Control") == "no-store")
        // Each download is minted then (the service's statements carry iat, so two in one second are the same bytes).
        #expect(second.status == 200 && (try? JWS.parse(second.body.trimmingCharacters(in: .whitespacesAndNewlines))) != nil)
        #expect(try await server.register(first.body.trimmingCharacters(in: .whitespacesAndNewlines)).status == 201, "and it registers")
    }
}
