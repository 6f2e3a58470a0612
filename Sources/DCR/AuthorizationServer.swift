import Foundation
import JOSE

/// How a DCR server is set up (`jwstool serve` flags, or the embedded default).
public struct ServerConfiguration: Sendable {
    public var state: StateDirectory
    /// The `iss` of minted statements and access tokens, and the name in the RFC 8414 metadata.
    public var issuer: String
    public var profile: ServerProfile
    /// Access-token lifetime in seconds (the service: 21600).
    public var tokenLifetime: Int
    /// Throttling per client IP on `/o/client/*` (``RequestThrottle``): one request per `1 / rate` seconds plus a
    /// one-time allowance of `burst` requests.
    public var rate: Double
    public var burst: Double
    /// RS256 (the service), ES256 or EdDSA.
    public var tokenAlgorithm: Algorithm
    /// Foreign issuers whose statements are trusted, each bound to its own keys.
    public var trustedIssuers: [String: KeySet]
    /// Clock skew allowed when checking access tokens' exp, nbf and iat, in seconds.
    public var clockSkew: Double
    /// The base URL clients reach the server at (`https://dcr.example.com`), for discovery metadata. Never taken from
    /// a request's `Host` or `X-Forwarded-*`; when nil, the address the server is bound to.
    public var publicURL: String?
    /// Proxies whose `X-Forwarded-For` is believed; from anyone else the TCP peer is the client.
    public var trustedProxies: [IPNetwork]
    /// How long usage events are kept, in seconds (default 90 days); older ones are deleted at start and hourly.
    public var usageRetention: Double = 90 * 86_400
    /// Whether handled requests are recorded for the usage reports (default yes; without, reports stay empty).
    public var recordsUsage = true
    /// Seals the signing keys in a shared store (required with one; unused with SQLite, whose keys are files).
    public var keyEncryptionKey: KeyEncryptionKey?
    /// RFC 7592 client configuration (registration access tokens, `GET`/`PUT`/`DELETE` of a registration): nil follows
    /// the profile — on for `rfc`, off for `adobe-pass`, whose documentation does not describe it.
    public var clientConfiguration: Bool? = nil

    /// Whether RFC 7592 client configuration is on.
    public var managesClients: Bool { clientConfiguration ?? (profile == .rfc) }

    public static let defaultIssuer = "https://jwstool.local"

    /// The file in the state directory that remembers the issuer a server last ran with.
    public static let issuerFile = "issuer"

    /// - Parameter issuer: the issuer name; nil: the one recorded in the state directory by the last server that ran
    ///   there with `--issuer` (so `app create` mints statements that server accepts), else ``defaultIssuer``.
    public init(state: StateDirectory, issuer: String? = nil, profile: ServerProfile = .adobePass,
                tokenLifetime: Int = 21_600, rate: Double = 1, burst: Double = 10, tokenAlgorithm: Algorithm = .rs256,
                trustedIssuers: [String: KeySet] = [:], clockSkew: Double = 30, publicURL: String? = nil, trustedProxies: [IPNetwork] = []) {
        self.state = state
        let recorded = state.read(ServerConfiguration.issuerFile).flatMap { String(validating: $0, as: UTF8.self) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        self.issuer = issuer ?? recorded.flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfiguration.defaultIssuer
        self.profile = profile
        self.tokenLifetime = tokenLifetime
        self.rate = rate
        self.burst = burst
        self.tokenAlgorithm = tokenAlgorithm
        self.trustedIssuers = trustedIssuers
        self.clockSkew = clockSkew
        self.publicURL = publicURL
        self.trustedProxies = trustedProxies
    }
}

/// Everything a DCR server does, without HTTP: registration, tokens, protected-API checks, throttling, reports and
/// the dashboard, over one state directory.
public final class AuthorizationServer: Sendable {
    public let configuration: ServerConfiguration
    public let store: any DCRStore
    public let keys: ServerKeys
    public let adminToken: AdminToken
    /// Whether the admin token is the one in this state directory's file (false: another server on the shared store
    /// made it first; its state directory has it).
    public let adminTokenIsLocal: Bool
    /// Signs the web UI's session cookies (``SessionKey``).
    public let sessionKey: Key
    public let catalog: ApplicationCatalog
    public let registration: RegistrationService
    /// RFC 7592 client configuration; nil when off (``ServerConfiguration/managesClients``).
    public let clientConfiguration: ClientConfigurationService?
    public let tokens: TokenService
    public let bearer: BearerValidator
    public let limiter: any RequestThrottling
    public let reports: ReportEngine
    public let usage: UsageLog

    /// A server over `store`, or over the SQLite file in the state directory when nil.
    public init(_ configuration: ServerConfiguration, store: (any DCRStore)? = nil) async throws(DCRError) {
        guard configuration.tokenLifetime > 0, configuration.tokenLifetime <= 366 * 86_400 else {
            throw DCRError.badRequest("the token lifetime must be from 1 second to a year")
        }
        guard configuration.rate.isFinite, configuration.rate > 0, configuration.burst.isFinite, configuration.burst >= 0 else {
            throw DCRError.badRequest("the throttling rate must be positive and the burst non-negative")
        }
        guard configuration.usageRetention.isFinite, configuration.usageRetention >= 3600 else {
            throw DCRError.badRequest("usage events must be kept at least an hour")
        }
        guard configuration.clockSkew.isFinite, (0...86_400).contains(configuration.clockSkew) else {
            throw DCRError.badRequest("the clock skew must be from 0 to 86400 seconds")
        }
        if let publicURL = configuration.publicURL {
            guard let url = URLComponents(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host?.isEmpty == false, url.query == nil, url.fragment == nil else {
                throw DCRError.badRequest("the public URL must be an http or https URL without query or fragment, got \(publicURL)")
            }
        }
        self.configuration = configuration
        if let store { self.store = store } else { self.store = try SQLiteStore(state: configuration.state) }
        let store = self.store
        // A rotated-out token key stays published while the tokens it signed may still be accepted.
        let retiredKeysKept = Double(configuration.tokenLifetime) + configuration.clockSkew
        if let secrets = store.sharedSecrets {
            guard let sealing = configuration.keyEncryptionKey else {
                throw DCRError.badRequest("""
                    a shared database needs a key-encryption key to seal the signing keys it keeps: \
                    --key-encryption-key FILE or $\(KeyEncryptionKey.environmentVariable) (make one: jwstool key generate --type oct --out kek)
                    """)
            }
            keys = try await ServerKeys(shared: secrets, sealing: sealing, state: configuration.state, tokenAlgorithm: configuration.tokenAlgorithm,
                                        retiredKeysKept: retiredKeysKept)
            (adminToken, adminTokenIsLocal) = try await AdminToken.shared(secrets, state: configuration.state)
            sessionKey = try await SessionKey.shared(secrets, sealing: sealing, state: configuration.state)
        } else {
            keys = try await ServerKeys(state: configuration.state, tokenAlgorithm: configuration.tokenAlgorithm, retiredKeysKept: retiredKeysKept)
            adminToken = try AdminToken(state: configuration.state)
            adminTokenIsLocal = true
            sessionKey = try SessionKey.local(configuration.state)
        }
        // Remember the issuer, so that later commands on this state directory (app create, the embedded server) use it.
        if configuration.state.read(ServerConfiguration.issuerFile) != Array((configuration.issuer + "\n").utf8) {
            try configuration.state.replace(ServerConfiguration.issuerFile, contents: Array((configuration.issuer + "\n").utf8), mode: 0o600)
        }
        catalog = ApplicationCatalog(applications: store.applications, keys: keys, issuer: configuration.issuer)
        // The server's own issuer: its statement key, plus any keys trusted for the same issuer name (--issuer X
        // --trust X=JWKS), never a shared secret — the server's own statements stay asymmetric.
        var trusted = configuration.trustedIssuers
        let alsoTrusted = (trusted[configuration.issuer]?.keys ?? []).filter { !$0.type.isSymmetric }
        do { trusted[configuration.issuer] = KeySet([try keys.statementKey.publicKey] + alsoTrusted) } catch { throw DCRError.storage("statement key: \(error)") }
        registration = RegistrationService(clients: store.clients, catalog: catalog, validator: try StatementValidator(trustedIssuers: trusted),
                                           profile: configuration.profile)
        clientConfiguration = configuration.managesClients ? ClientConfigurationService(clients: store.clients, registration: registration) : nil
        tokens = TokenService(clients: store.clients, tokens: store.tokens, keys: keys, issuer: configuration.issuer, audience: configuration.issuer,
                              lifetime: configuration.tokenLifetime, profile: configuration.profile)
        bearer = BearerValidator(tokens: store.tokens, keys: keys, issuer: configuration.issuer, audience: configuration.issuer,
                                     clockSkew: configuration.clockSkew)
        limiter = store.throttle(rate: configuration.rate, burst: configuration.burst)
        usage = UsageLog(store: store.usage, retention: configuration.usageRetention)
        reports = ReportEngine(store: store.usage, usage: usage)
        try await usage.prune()
    }

    /// RFC 8414 authorization-server metadata, with endpoints under `baseURL`.
    public func metadata(baseURL: String) -> JSONValue {
        .object([
            ("issuer", .string(configuration.issuer)),
            ("registration_endpoint", .string(baseURL + DCRRoute.register.path)),
            ("token_endpoint", .string(baseURL + DCRRoute.token.path)),
            ("introspection_endpoint", .string(baseURL + DCRRoute.introspect.path)),
            ("revocation_endpoint", .string(baseURL + DCRRoute.revoke.path)),
            ("jwks_uri", .string(baseURL + DCRRoute.jwks.path)),
            ("grant_types_supported", ["client_credentials"]),
            ("response_types_supported", ["token"]),
            ("token_endpoint_auth_methods_supported", ["client_secret_post", "client_secret_basic"]),
            ("introspection_endpoint_auth_methods_supported", ["client_secret_post", "client_secret_basic"]),
            ("revocation_endpoint_auth_methods_supported", ["client_secret_post", "client_secret_basic"]),
            ("service_documentation", .string(baseURL + DCRRoute.reports.path)),
        ])
    }
}
