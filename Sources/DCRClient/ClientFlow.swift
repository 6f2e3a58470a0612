import DCR
import JOSE

/// Which server the client talks to: its base URL now, and the stable key its credentials are cached under
/// (`embedded` for the in-process server, whose port changes every run; else the base URL).
public struct ServerTarget: Sendable {
    public let baseURL: String
    public let cacheKey: String

    /// - Parameter baseURL: the server's base URL, with or without a trailing `/` or `/o` (the service's API reference
    ///   gives `https://sp.auth.adobe.com/o`; the endpoints are `/o/client/…` below the host).
    public init(baseURL: String, cacheKey: String? = nil) {
        var trimmed = Substring(baseURL)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix("/o") { trimmed = trimmed.dropLast(2) }
        self.baseURL = String(trimmed)
        self.cacheKey = cacheKey ?? String(trimmed)
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

    /// Registers `statement` and caches the credentials under the server and software id.
    public func register(_ target: ServerTarget, statement: String, softwareID: String, redirectURI: String?, deviceInfo: String? = nil) async throws(ClientError) -> (CredentialStore.Credentials, JSONValue) {
        let response = try await http.register(server: target.baseURL, statement: statement, redirectURI: redirectURI, deviceInfo: deviceInfo)
        guard let clientID = response["client_id"]?.stringValue, let secret = response["client_secret"]?.stringValue else {
            throw ClientError.refused(status: 201, code: "invalid_response", description: "the registration response lacks client_id or client_secret")
        }
        let credentials = CredentialStore.Credentials(server: target.cacheKey, softwareID: softwareID, clientID: clientID, clientSecret: secret,
                                                      registeredAt: NumericDate.now.secondsSinceEpoch)
        do { try store.save(credentials) } catch { throw ClientError.local("registered as \(clientID), but \(error) — keep the response: the secret is shown once") }
        return (credentials, response)
    }

    /// The cached credentials to use: by software id or client id, or the only ones cached for the server.
    public func credentials(_ target: ServerTarget, softwareID: String?, clientID: String?) throws(ClientError) -> CredentialStore.Credentials {
        let found: [CredentialStore.Credentials]
        do { found = try store.credentials(server: target.cacheKey, softwareID: softwareID, clientID: clientID) } catch { throw ClientError.local("\(error)") }
        guard let first = found.first else {
            let which = softwareID.map { " for software id \($0)" } ?? clientID.map { " for client \($0)" } ?? ""
            throw ClientError.notRegistered("no registration with \(target.cacheKey)\(which) is cached; run jwstool register STATEMENT first")
        }
        if found.count > 1 && softwareID == nil && clientID == nil {
            let ids = Set(found.map(\.softwareID)).sorted().joined(separator: ", ")
            throw ClientError.notRegistered("several registrations with \(target.cacheKey) are cached (software ids \(ids)); choose one with --software-id or --client-id")
        }
        return first
    }

    /// A valid access token: the cached one while more than a minute of it remains, else a fresh one (cached).
    public func accessToken(_ target: ServerTarget, credentials: CredentialStore.Credentials, refresh: Bool = false) async throws(ClientError) -> String {
        if !refresh, let cached = try? store.token(server: target.cacheKey, clientID: credentials.clientID) { return cached }
        let issued = try await http.token(server: target.baseURL, clientID: credentials.clientID, clientSecret: credentials.clientSecret)
        let expiresAt = NumericDate.now.secondsSinceEpoch + Double(issued.expiresIn)
        do { try store.saveToken(issued.token, server: target.cacheKey, clientID: credentials.clientID, expiresAt: expiresAt) } catch {
            throw ClientError.local("\(error)")
        }
        return issued.token
    }

    /// Calls a protected API with `Authorization: Bearer`; on 401 fetches a fresh token once and retries.
    public func call(_ target: ServerTarget, credentials: CredentialStore.Credentials, url: String, method: String = "GET",
                     headers: [(String, String)] = [], body: [UInt8]? = nil) async throws(ClientError) -> HTTPReply {
        var token = try await accessToken(target, credentials: credentials)
        var reply = try await http.send(method, url, headers: headers + [("Authorization", "Bearer \(token)")], body: body)
        if reply.status == 401 {
            http.notice("401 from \(DCRHTTPClient.origin(url)): fetching a fresh access token and retrying once")
            try? store.forgetToken(server: target.cacheKey, clientID: credentials.clientID)
            token = try await accessToken(target, credentials: credentials, refresh: true)
            reply = try await http.send(method, url, headers: headers + [("Authorization", "Bearer \(token)")], body: body)
        }
        return reply
    }
}
