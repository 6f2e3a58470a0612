import DCR
import JOSE

/// Which server the client talks to: its base URL now, and the stable key its credentials are cached under
/// (`embedded` for the in-process server, whose port changes every run; else the base URL).
public struct ServerTarget: Sendable {
    public let baseURL: String
    public let cacheKey: String
    /// How messages name the server: its base URL, or `the embedded server`.
    public let name: String

    /// - Parameters:
    ///   - baseURL: the server's base URL, with or without a trailing `/` or `/o` (the service's API reference gives
    ///     `https://sp.auth.adobe.com/o`; the endpoints are `/o/client/…` below the host).
    ///   - cacheKey: the key credentials are cached under; default the base URL.
    ///   - name: how messages name the server; default the base URL.
    public init(baseURL: String, cacheKey: String? = nil, name: String? = nil) {
        var trimmed = Substring(baseURL)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix("/o") { trimmed = trimmed.dropLast(2) }
        self.baseURL = String(trimmed)
        self.cacheKey = cacheKey ?? String(trimmed)
        self.name = name ?? String(trimmed)
    }
}

/// The client side of the flow: register once and cache the credentials, keep one access token until shortly before
/// it expires, and call protected APIs with it (a 401 fetches a fresh token once and retries).
public struct ClientFlow: Sendable {
    public let store: CredentialStore
    public let http: DCRHTTPClient

    public init(store: CredentialStore, http: DCRHTTPClient) {
        self.store = store
        self.http = http
    }

    /// Registers `statement` and caches the credentials under the server and software id, with the statement itself
    /// (to register again when the server stops accepting them).
    public func register(_ target: ServerTarget, statement: String, softwareID: String, redirectURI: String?, deviceInfo: String? = nil) async throws(ClientError) -> (CredentialStore.Credentials, JSONValue) {
        let response = try await http.register(server: target.baseURL, statement: statement, redirectURI: redirectURI, deviceInfo: deviceInfo)
        guard let clientID = response["client_id"]?.stringValue, let secret = response["client_secret"]?.stringValue else {
            throw ClientError.refused(status: 201, code: "invalid_response", description: "the registration response lacks client_id or client_secret")
        }
        let expiresAt = response["client_secret_expires_at"]?.numberValue.flatMap { $0.isFinite && $0 > 0 ? min($0, 253_402_300_799) : nil } ?? 0
        let credentials = CredentialStore.Credentials(server: target.cacheKey, softwareID: softwareID, clientID: clientID, clientSecret: secret,
                                                      registeredAt: NumericDate.now.secondsSinceEpoch, statement: statement,
                                                      secretExpiresAt: expiresAt,
                                                      registrationAccessToken: response["registration_access_token"]?.stringValue,
                                                      registrationClientURI: response["registration_client_uri"]?.stringValue)
        do { try store.save(credentials) } catch { throw ClientError.local("registered as \(clientID), but \(error) — keep the response: the secret is shown once") }
        return (credentials, response)
    }

    /// The credentials cached for `softwareID` with this server, if any and not expired: registering is done once.
    public func cachedRegistration(_ target: ServerTarget, softwareID: String) -> CredentialStore.Credentials? {
        guard let cached = try? store.credentials(server: target.cacheKey, softwareID: softwareID).first, !cached.hasExpired() else { return nil }
        return cached
    }

    /// The cached credentials to use: by software id or client id, or the only ones cached for the server.
    public func credentials(_ target: ServerTarget, softwareID: String?, clientID: String?) throws(ClientError) -> CredentialStore.Credentials {
        let found: [CredentialStore.Credentials]
        do { found = try store.credentials(server: target.cacheKey, softwareID: softwareID, clientID: clientID) } catch { throw ClientError.local("\(error)") }
        guard let first = found.first else {
            let which = softwareID.map { " for software id \($0)" } ?? clientID.map { " for client \($0)" } ?? ""
            throw ClientError.notRegistered("no registration with \(target.name)\(which) is cached; run jwstool register STATEMENT first")
        }
        if found.count > 1 && softwareID == nil && clientID == nil {
            let ids = Set(found.map(\.softwareID)).sorted().joined(separator: ", ")
            throw ClientError.notRegistered("several registrations with \(target.name) are cached (software ids \(ids)); choose one with --software-id or --client-id")
        }
        return first
    }

    /// A valid access token: the cached one while more than a minute of it remains, else a fresh one (cached), with
    /// the credentials it was issued to. When the credentials have expired, or the token endpoint answers
    /// `invalid_client`, the kept statement is registered again — once: a refusal then (say
    /// `unapproved_software_statement`) ends here with the server's reason, never a loop.
    public func accessToken(_ target: ServerTarget, credentials: CredentialStore.Credentials, refresh: Bool = false) async throws(ClientError) -> (token: AccessToken, credentials: CredentialStore.Credentials) {
        if !refresh, !credentials.hasExpired(), let cached = try? store.token(server: target.cacheKey, clientID: credentials.clientID) {
            return (cached, credentials)
        }
        var credentials = credentials
        if credentials.hasExpired() { credentials = try await renew(target, credentials, because: "the credentials expired") }
        let issued: (token: String, expiresIn: Int, scope: String?)
        do {
            issued = try await http.token(server: target.baseURL, clientID: credentials.clientID, clientSecret: credentials.clientSecret)
        } catch .refused(_, "invalid_client", _) where credentials.statement != nil {
            credentials = try await renew(target, credentials, because: "the server no longer accepts client \(credentials.clientID) (invalid_client)")
            issued = try await http.token(server: target.baseURL, clientID: credentials.clientID, clientSecret: credentials.clientSecret)
        }
        let token = AccessToken(value: issued.token, expiresAt: NumericDate.now.secondsSinceEpoch + Double(issued.expiresIn), scope: issued.scope)
        do { try store.saveToken(token, server: target.cacheKey, clientID: credentials.clientID) } catch {
            throw ClientError.local("\(error)")
        }
        return (token, credentials)
    }

    /// Registers the kept statement again and replaces the cached credentials, saying so through `notice`.
    private func renew(_ target: ServerTarget, _ old: CredentialStore.Credentials, because reason: String) async throws(ClientError) -> CredentialStore.Credentials {
        guard let statement = old.statement else {
            throw ClientError.notRegistered("\(reason), and no statement was kept with them; run jwstool register STATEMENT --force")
        }
        http.notice("\(reason): registering software \(old.softwareID) again with the kept statement")
        try? store.forgetToken(server: target.cacheKey, clientID: old.clientID)
        let (renewed, _) = try await register(target, statement: statement, softwareID: old.softwareID, redirectURI: nil)
        http.notice("registered again as client \(renewed.clientID); the cache is updated")
        return renewed
    }

    /// RFC 7592 §2.1: the registration as the server holds it now.
    public func readRegistration(_ credentials: CredentialStore.Credentials) async throws(ClientError) -> JSONValue {
        let (uri, token) = try configuration(credentials)
        return try await http.clientConfiguration("GET", uri, token: token) ?? .null
    }

    /// RFC 7592 §2.2: replaces the registration's metadata with `metadata` (its `client_id` added) and caches the new
    /// registration access token the answer carries.
    public func updateRegistration(_ target: ServerTarget, _ credentials: CredentialStore.Credentials,
                                   metadata: [(String, JSONValue)]) async throws(ClientError) -> JSONValue {
        let (uri, token) = try configuration(credentials)
        let answer = try await http.clientConfiguration("PUT", uri, token: token, body: .object([("client_id", .string(credentials.clientID))] + metadata)) ?? .null
        var updated = credentials
        updated.registrationAccessToken = answer["registration_access_token"]?.stringValue ?? token
        updated.registrationClientURI = answer["registration_client_uri"]?.stringValue ?? uri
        do { try store.save(updated) } catch { throw ClientError.local("updated, but \(error): the new registration access token is lost") }
        return answer
    }

    /// RFC 7592 §2.3: deletes the registration at the server, then from the cache.
    public func deleteRegistration(_ target: ServerTarget, _ credentials: CredentialStore.Credentials) async throws(ClientError) {
        let (uri, token) = try configuration(credentials)
        _ = try await http.clientConfiguration("DELETE", uri, token: token)
        do { try store.forget(server: target.cacheKey, clientID: credentials.clientID) } catch { throw ClientError.local("deleted, but \(error)") }
    }

    private func configuration(_ credentials: CredentialStore.Credentials) throws(ClientError) -> (uri: String, token: String) {
        guard let uri = credentials.registrationClientURI, let token = credentials.registrationAccessToken else {
            throw ClientError.notRegistered("""
                the server gave client \(credentials.clientID) no registration access token, so it cannot be read, updated or deleted \
                (RFC 7592 client configuration is off there: jwstool serve turns it on with --profile rfc or --client-configuration)
                """)
        }
        return (uri, token)
    }

    /// Calls a protected API with `Authorization: Bearer`; on 401 fetches a fresh token once and retries.
    public func call(_ target: ServerTarget, credentials: CredentialStore.Credentials, url: String, method: String = "GET",
                     headers: [(String, String)] = [], body: [UInt8]? = nil) async throws(ClientError) -> HTTPReply {
        var (token, current) = try await accessToken(target, credentials: credentials)
        var reply = try await http.send(method, url, headers: headers + [("Authorization", "Bearer \(token.value)")], body: body)
        if reply.status == 401 {
            http.notice("401 from \(DCRHTTPClient.origin(url)): fetching a fresh access token and retrying once")
            try? store.forgetToken(server: target.cacheKey, clientID: current.clientID)
            (token, current) = try await accessToken(target, credentials: current, refresh: true)
            reply = try await http.send(method, url, headers: headers + [("Authorization", "Bearer \(token.value)")], body: body)
        }
        return reply
    }
}
