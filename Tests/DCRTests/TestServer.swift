@testable import DCR
import DCRClient
import DCRServer
import Foundation
import JOSE
import Logging

/// A real DCR server on a loopback port over a fresh state directory, and a real HTTP client for it.
final class TestServer: Sendable {
    let state: StateDirectory
    let server: AuthorizationServer
    let embedded: EmbeddedServer
    let http = DCRHTTPClient()

    var base: String { embedded.baseURL }

    /// - Parameter sharing: another server whose store this one uses (over its own state directory), as a second
    ///   instance on one PostgreSQL database.
    static func start(_ backend: TestBackend, _ configure: @Sendable (inout ServerConfiguration) -> Void = { _ in }, state: StateDirectory? = nil,
                      sharing: TestServer? = nil, store: (any DCRStore)? = nil, limits: ConnectionLimits = .standard) async throws -> TestServer {
        let state = state ?? StateDirectory(path: FileManager.default.temporaryDirectory.appendingPathComponent("dcr-tests-\(UUID().uuidString)").path)
        var configuration = ServerConfiguration(state: state)
        configuration.keyEncryptionKey = TestBackend.keyEncryptionKey
        configure(&configuration)
        var chosen = store
        if chosen == nil { chosen = try await backend.store(for: sharing?.state ?? state) }
        let server = try await AuthorizationServer(configuration, store: chosen)
        let embedded = try await EmbeddedServer.start(server, limits: limits, logger: Logger(label: "dcr-tests"))
        return TestServer(state: state, server: server, embedded: embedded)
    }

    private init(state: StateDirectory, server: AuthorizationServer, embedded: EmbeddedServer) {
        self.state = state
        self.server = server
        self.embedded = embedded
    }

    /// Every byte the store holds: the SQLite file and its write-ahead log, or every row of the PostgreSQL tables as
    /// text — for checks that a secret is not among them.
    func storedBytes() async throws -> Data {
        if let postgres = server.store as? PostgresStore {
            var text = ""
            for table in ["applications", "clients", "issued_tokens"] {
                for row in try await postgres.rows("SELECT row_to_json(t)::text FROM \(table) t") { text += try row.decode(String.self) + "\n" }
            }
            return Data(text.utf8)
        }
        let database = try Data(contentsOf: URL(fileURLWithPath: state.file(SQLiteStore.fileName)))
        return database + ((try? Data(contentsOf: URL(fileURLWithPath: state.file(SQLiteStore.fileName + "-wal")))) ?? Data())
    }

    func stop(removingState: Bool = true) async {
        await embedded.stop()
        (server.store as? PostgresStore)?.close()
        if removingState { try? FileManager.default.removeItem(atPath: state.path) }
    }

    /// The server's admin token, as an operator reads it from the state directory.
    var adminToken: String {
        String(decoding: state.read(AdminToken.fileName) ?? [], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let device: JSONValue = ["model": "AppleTV6,2", "version": "1.0", "osName": "tvOS", "osVersion": "17.2", "connectionType": "ethernet"]
    static var deviceHeader: String { DeviceInfo.header(for: device) }

    /// An active application allowing example.com redirects, and a fresh statement for it.
    func application(name: String = "Test Player", scopes: [String] = ["usage:read", "reports:read"],
                     domains: [String] = ["example.com"]) async throws -> (RegisteredApplication, String) {
        let application = try await server.catalog.create(NewApplication(name: name, version: "3.1.0", platforms: ["tvos"], domains: domains, scopes: scopes))
        return (application, try await server.catalog.mintStatement(for: application.id))
    }

    /// A statement with arbitrary claims, signed by the server's statement key (or another key).
    func statement(claims: JSONValue, key: Key? = nil) throws -> String {
        let signingKey = key ?? server.keys.statementKey
        return try JWSSigner().signJWT(claims, key: signingKey, algorithm: Algorithm.defaultAlgorithm(for: signingKey.type) ?? .rs256)
    }

    func register(_ statement: String, redirectURI: String? = nil, device: String? = TestServer.deviceHeader,
                  contentType: String = "application/json", extraHeaders: [(String, String)] = []) async throws -> HTTPReply {
        var members: [(String, JSONValue)] = [("software_statement", .string(statement))]
        if let redirectURI { members.append(("redirect_uri", .string(redirectURI))) }
        var headers = [("Content-Type", contentType)] + extraHeaders
        if let device { headers.append(("X-Device-Info", device)) }
        return try await http.send("POST", base + "/o/client/register", headers: headers, body: JSONValue.object(members).serialized(), waitingOutThrottling: false)
    }

    /// Registers a new application's statement and returns the client credentials.
    func client() async throws -> (id: String, secret: String, application: RegisteredApplication) {
        let (application, statement) = try await self.application()
        let reply = try await register(statement)
        let json = try JSONValue.parse(reply.body)
        guard let id = json["client_id"]?.stringValue, let secret = json["client_secret"]?.stringValue else {
            throw DCRError.storage("registration failed: \(reply.status) \(reply.text)")
        }
        return (id, secret, application)
    }

    func token(query: String? = nil, form: String? = nil, basic: (String, String)? = nil, extraHeaders: [(String, String)] = []) async throws -> HTTPReply {
        var headers = extraHeaders
        if let basic { headers.append(("Authorization", "Basic " + Base64.encode(Array("\(basic.0):\(basic.1)".utf8)))) }
        if form != nil { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
        return try await http.send("POST", base + "/o/client/token" + (query.map { "?" + $0 } ?? ""), headers: headers,
                                   body: form.map { Array($0.utf8) }, waitingOutThrottling: false)
    }

    func accessToken(_ client: (id: String, secret: String, application: RegisteredApplication)) async throws -> String {
        let reply = try await token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=\(client.secret)")
        guard let token = try JSONValue.parse(reply.body)["access_token"]?.stringValue else { throw DCRError.storage("token failed: \(reply.text)") }
        return token
    }

    func get(_ path: String, token: String? = nil, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await http.send("GET", base + path, headers: headers + (token.map { [("Authorization", "Bearer \($0)")] } ?? []))
    }
}

extension HTTPReply {
    var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
}
