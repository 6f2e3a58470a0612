import ArgumentParser
import JWSToolKit
import DCR
import DCRServer
import Foundation
import JOSE
import Logging

/// `jwstool serve`: the DCR server over HTTP, for integration tests of other applications.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.serve.name,
        abstract: CompanionCommands.serve.abstract,
        discussion: """
            State (database, keys, admin token) lives in the state directory and survives restarts. The admin token \
            for /admin/applications is in its admin-token file (mode 0600). With --database (or $JWSTOOL_DATABASE_URL) \
            applications, clients, tokens, revocations and usage live in PostgreSQL instead, shared by every instance \
            that names the same database. SIGINT or SIGTERM stops the server gracefully.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @OptionGroup var state: StateOptions
    @Option(help: ArgumentHelp("A PostgreSQL database shared by several instances: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=disable|prefer|require] (default: $JWSTOOL_DATABASE_URL, else the SQLite file in the state directory).", valueName: "url"))
    var database: String?
    @Option(help: ArgumentHelp("With --database: the file (an oct JWK, or base64url text) of the 32-byte key that seals the signing keys in the database (default: $JWSTOOL_KEY_ENCRYPTION_KEY, base64url). Every instance needs the same one.", valueName: "file"), completion: .file())
    var keyEncryptionKey: String?
    @Option(help: ArgumentHelp("The issuer name of minted statements and access tokens (recorded in the state directory, where app create and the embedded server find it); default: the recorded one, else https://jwstool.local.", valueName: "issuer"))
    var issuer: String?
    @Option(help: "adobe-pass (as the real service) or rfc (RFC 6749/7591 to the letter).") var profile: ServerProfile = .adobePass
    @Option(help: "Access-token lifetime in seconds.") var tokenLifetime = 21_600
    @Option(help: "Access-token algorithm: RS256, ES256 or EdDSA.") var tokenAlg: Algorithm = .rs256
    @Option(help: "Clock skew allowed on access tokens' exp, nbf and iat, in seconds.") var clockSkew: Double = 30
    @Option(help: "Throttling: requests per second per client IP on /o/client/* (one per 1/rate-second window).") var rate: Double = 1
    @Option(help: "Throttling: a one-time allowance per client IP on top of the rate (never given back).") var burst: Double = 10
    @Option(help: ArgumentHelp("The base URL clients reach this server at, for discovery metadata (default: the listening address).", valueName: "url"))
    var publicURL: String?
    @Option(help: "Seconds a new connection has to send its first request head.") var headerTimeout: Int64 = 10
    @Option(help: "Seconds a request has to send its whole body.") var bodyTimeout: Int64 = 30
    @Option(help: "Seconds an idle keep-alive connection stays open.") var idleTimeout: Int64 = 60
    @Option(help: "Connections served at once; more wait until one closes.") var maxConnections = 1024
    @Option(help: ArgumentHelp("Keep usage this many days (at least 1); periods that ended earlier are deleted.", valueName: "days"))
    var usageRetention: Double = 90
    @Flag(help: "Print the banner as one JSON line on standard output ({\"url\", \"host\", \"port\", \"issuer\", \"profile\", \"state\", \"admin_token_file\", \"database\"}), for scripts.")
    var json = false
    @Option(help: ArgumentHelp("Write the bound port to this file once listening (replacing it), for scripts that start the server with --port 0.", valueName: "file"), completion: .file())
    var portFile: String?
    @Flag(inversion: .prefixedNo, help: "RFC 7592 client configuration: registration access tokens and GET/PUT/DELETE of a client's registration (default: on with --profile rfc, off with adobe-pass).")
    var clientConfiguration: Bool? = nil
    @Flag(name: .customLong("no-usage"), help: "Record no usage (the reports stay empty): for privacy, or to measure what recording costs.")
    var noUsage = false
    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp("A proxy (CIDR or address) whose X-Forwarded-For is believed (repeatable; default none: the peer is the client).", valueName: "cidr"))
    var trustedProxies: [String] = []
    @Option(name: .customLong("trust"), help: ArgumentHelp("Trust an issuer's statements: ISSUER=FILE (a JWK Set, a JWK or a PEM key; an oct key admits HS256/384/512 statements), or a JWK Set file with an \"issuer\" member (repeatable).", valueName: "issuer=jwks"), completion: .file())
    var trusted: [String] = []

    /// The flags' bounds, checked before anything is created in the state directory.
    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535 (0 picks a free port), got \(port)") }
        guard usageRetention.isFinite, usageRetention >= 1, usageRetention <= 36_500 else {
            throw ValidationError("--usage-retention must be from 1 to 36500 days")
        }
        for (name, seconds) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)]
        where !(1...86_400).contains(seconds) {
            throw ValidationError("\(name) must be from 1 to 86400 seconds")
        }
        guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections must be from 1 to 1000000") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(state: state.state, issuer: issuer, profile: profile, tokenLifetime: tokenLifetime,
                                                rate: rate, burst: burst, tokenAlgorithm: tokenAlg, clockSkew: clockSkew)
        configuration.trustedIssuers = try TrustedIssuerFiles.load(trusted)
        configuration.publicURL = publicURL
        configuration.usageRetention = usageRetention * 86_400
        configuration.recordsUsage = !noUsage
        configuration.clientConfiguration = clientConfiguration
        configuration.trustedProxies = try trustedProxies.map { value in
            guard let network = IPNetwork(value) else { throw CLIFailure(.usage, "--trusted-proxy \(value): not an IP address or CIDR network") }
            return network
        }
        var store: PostgresStore? = nil
        if let url = database ?? ProcessInfo.processInfo.environment["JWSTOOL_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                if let keyEncryptionKey {
                    configuration.keyEncryptionKey = try KeyEncryptionKey.load(file: keyEncryptionKey)
                } else if let text = ProcessInfo.processInfo.environment[KeyEncryptionKey.environmentVariable], !text.isEmpty {
                    configuration.keyEncryptionKey = try KeyEncryptionKey.parse(Array(text.utf8))
                }
                store = try await PostgresStore.connect(try DatabaseURL(url))
            } catch { throw CLIFailure(error) }
        } else if keyEncryptionKey != nil {
            throw CLIFailure(.usage, "--key-encryption-key seals keys in a shared database: give --database too")
        }
        defer { store?.close() }
        let server: AuthorizationServer
        do { server = try await AuthorizationServer(configuration, store: store) } catch { throw CLIFailure(error) }
        var logger = Logger(label: "jwstool.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["JWSTOOL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let host = self.host
        let settings = server.configuration
        let limits = ConnectionLimits(headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout),
                                      idleTimeout: .seconds(idleTimeout), maximumConnections: maxConnections)
        if !LoopbackHost.contains(host) {
            Terminal.note("""
                jwstool serve: warning: --host \(host) listens beyond this machine; the admin API (/admin/applications) and the \
                usage reports are then reachable from the network, guarded only by the admin token — put TLS in front of it
                """)
        }
        let (json, portFile, storeLocation) = (self.json, self.portFile, server.store.location)
        // On a shared database the admin token is the first instance's; its file is in that instance's state directory.
        let adminTokenFile: String? = server.adminTokenIsLocal ? settings.state.file(AdminToken.fileName) : nil
        let application = DCRHTTPServer.application(for: server, host: host, port: port, limits: limits, logger: logger) { bound in
            let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
            if let portFile {
                do { try Files.write(Array("\(bound)\n".utf8), to: portFile, mode: Files.publicMode, overwrite: true) } catch {
                    Terminal.error("--port-file \(portFile): \(error)")
                }
            }
            if json {
                print(JSONValue.object([
                    ("url", .string(url)), ("host", .string(host)), ("port", .integer(Int64(bound))), ("issuer", .string(settings.issuer)),
                    ("profile", .string(settings.profile.rawValue)), ("state", .string(settings.state.path)),
                    ("admin_token_file", adminTokenFile.map(JSONValue.string) ?? .null), ("database", .string(storeLocation)),
                ]).compact)
                Terminal.flushOutput()
            } else {
                Terminal.note("""
                    jwstool serve: listening on \(url) (issuer \(settings.issuer), profile \(settings.profile.rawValue))
                      state:       \(settings.state.path)
                      admin token: \(adminTokenFile ?? "the first instance's on this database (its state directory's admin-token)")
                      database:    \(storeLocation)
                      web UI:      \(url)\(DCRRoute.uiPrefix)/ (dashboard, sign in with the admin token), \(url)\(DCRRoute.inspector.path)
                    """)
            }
        }
        // Usage is written at most a second after each request; what is pending when the server stops is written then.
        let outcome: Result<Void, any Error>
        do { try await application.runService(); outcome = .success(()) } catch { outcome = .failure(error) }
        do { try await server.usage.flush() } catch { logger.error("could not write the last usage counts", metadata: ["reason": "\(error)"]) }
        try outcome.get()
    }
}

extension ServerProfile: ExpressibleByArgument {}

/// `--trust` values: a JWK Set bound to the issuer whose statements it verifies.
enum TrustedIssuerFiles {
    static func load(_ values: [String]) throws -> [String: KeySet] {
        var trusted: [String: KeySet] = [:]
        for value in values {
            var issuer: String? = nil
            var path = value
            if let equals = value.firstIndex(of: "="), !FileManager.default.fileExists(atPath: value) {
                issuer = String(value[..<equals])
                path = String(value[value.index(after: equals)...])
            }
            let bytes = try Files.read(path, what: "trusted keys")
            guard let name = issuer ?? (try? JSONValue.parse(bytes))?["issuer"]?.stringValue, !name.isEmpty else {
                throw CLIFailure(.usage, "trusted keys \(path): bind them to their issuer: --trust ISSUER=\(path)")
            }
            // A JWK Set, a single JWK, or a PEM/DER key or certificate: whatever a key file may hold.
            do { trusted[name, default: KeySet()].keys += try KeyFile.keys(from: bytes) } catch {
                throw CLIFailure(input: "trusted keys \(path)", error)
            }
        }
        return trusted
    }
}
