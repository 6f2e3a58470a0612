import JOSE

/// `POST /o/client/token` (client_credentials), RFC 7662 introspection and RFC 7009 revocation.
///
/// Access tokens are JWTs signed with the server's token key: the service's claims (`sub` = client_id, `iss`, `iat`,
/// `nbf`, `exp`, `scopes` comma-separated) plus RFC 9068's (`typ: at+jwt`, `client_id`, `jti`, `aud`, `scope`).
public struct TokenService: Sendable {
    /// An issued token.
    public struct Issued: Sendable {
        public let response: JSONValue
        public let clientID: String
        public let applicationID: String
        public let applicationName: String
        public let platform: String?
    }

    /// A client found by its credentials.
    public struct AuthenticatedClient: Sendable {
        public let clientID: String
        public let applicationID: String
        public let applicationName: String
        public let applicationActive: Bool
        public let scopes: [String]
        public let platform: String?
    }

    let clients: any ClientRepository
    let tokens: any TokenRepository
    let keys: ServerKeys
    let issuer: String
    public let audience: String
    let lifetime: Int
    let profile: ServerProfile

    public init(clients: any ClientRepository, tokens: any TokenRepository, keys: ServerKeys, issuer: String, audience: String,
                lifetime: Int, profile: ServerProfile) {
        self.clients = clients
        self.tokens = tokens
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
        self.profile = profile
    }

    /// Authenticates the client: unknown id or wrong secret → invalid_client (the same answer for both).
    public func authenticate(_ credentials: ClientAuthentication?) async throws(DCRError) -> AuthenticatedClient {
        guard let credentials else { throw DCRError.oauth(.invalidClient, "client authentication is required (client_id and client_secret)") }
        let id = credentials.clientID
        let found = try await clients.credentials(of: id)
        // Compare against a digest even for unknown clients, so the answer takes the same time either way.
        let stored = found?.secretDigest ?? SecretDigest.digest("unknown client \(id)")
        guard SecretDigest.matches(credentials.clientSecret, digest: stored), let found else {
            throw DCRError.oauth(.invalidClient, "client authentication failed (unknown client or wrong secret)")
        }
        return AuthenticatedClient(clientID: found.clientID, applicationID: found.applicationID, applicationName: found.applicationName,
                                   applicationActive: found.applicationActive, scopes: found.scopes, platform: found.platform)
    }

    /// Issues an access token for a `client_credentials` request.
    public func issue(grantType: String?, credentials: ClientAuthentication?) async throws(DCRError) -> Issued {
        guard let grantType, !grantType.isEmpty else { throw DCRError.oauth(.invalidRequest, "grant_type is required") }
        let client = try await authenticate(credentials)
        guard grantType == "client_credentials" else {
            // The token page: unauthorized_client, "the grant type used is invalid" (adobe-pass); RFC 6749 §5.2 (rfc).
            let code: OAuthErrorCode = profile == .adobePass ? .unauthorizedClient : .unsupportedGrantType
            throw DCRError.oauth(code, "the grant type used is invalid: \"\(grantType)\"; this server issues client_credentials tokens only")
        }
        guard client.applicationActive else {
            // The token page's code for credentials that no longer work: the client must register again (which a
            // revoked application's statement then cannot: unapproved_software_statement).
            throw DCRError.oauth(.invalidClient, "the client's application \(client.applicationID) has been revoked; its credentials no longer work")
        }
        let now = NumericDate.now.secondsSinceEpoch
        let issuedAt = Int64(now)
        let expiresAt = issuedAt + Int64(lifetime)
        let jti = SecretGenerator.uuid()
        let claims: JSONValue = .object([
            ("sub", .string(client.clientID)), ("iss", .string(issuer)), ("aud", .string(audience)),
            ("iat", .integer(issuedAt)), ("nbf", .integer(issuedAt)), ("exp", .integer(expiresAt)),
            ("client_id", .string(client.clientID)), ("jti", .string(jti)),
            ("scopes", .string(client.scopes.joined(separator: ","))), ("scope", .string(client.scopes.joined(separator: " "))),
        ])
        let token: String
        let signing = await keys.tokenKeys.current().signing
        do {
            token = try JWSSigner().signJWT(claims, key: signing, algorithm: keys.tokenAlgorithm,
                                           header: [("typ", "at+jwt")] + (signing.id.map { [("kid", JSONValue.string($0))] } ?? []))
        } catch {
            throw DCRError.storage("cannot sign the access token: \(error)")
        }
        try await tokens.insert(IssuedTokenRecord(jti: jti, clientID: client.clientID, issuedAt: Double(issuedAt), expiresAt: Double(expiresAt)))
        let response: JSONValue = .object([
            ("access_token", .string(token)), ("token_type", "bearer"), ("expires_in", .integer(Int64(lifetime))),
            ("created_at", .integer(profile.issuedAt(now))), ("id", .string(jti)),
            ("scope", .string(client.scopes.joined(separator: " "))),
        ])
        return Issued(response: response, clientID: client.clientID, applicationID: client.applicationID,
                      applicationName: client.applicationName, platform: client.platform)
    }

    /// RFC 7662: what the server knows of `token`, for the client it was issued to (others learn only `active: false`).
    public func introspect(_ token: String?, credentials: ClientAuthentication?, validator: BearerValidator) async throws(DCRError) -> JSONValue {
        let client = try await authenticate(credentials)
        guard let token, !token.isEmpty else { throw DCRError.oauth(.invalidRequest, "token is required") }
        guard let access = try? await validator.validate(token), access.clientID == client.clientID else { return ["active": false] }
        var members: [(String, JSONValue)] = [("active", true), ("token_type", "Bearer")]
        for name in ["scope", "client_id", "sub", "aud", "iss", "exp", "iat", "nbf", "jti"] {
            if let value = access.claims[name] { members.append((name, value)) }
        }
        return .object(members)
    }

    /// RFC 7009: revokes `token` if it was issued to the authenticated client; unknown tokens are not an error.
    public func revoke(_ token: String?, credentials: ClientAuthentication?) async throws(DCRError) {
        let client = try await authenticate(credentials)
        guard let token, !token.isEmpty else { throw DCRError.oauth(.invalidRequest, "token is required") }
        // The signature first: no claim of an unauthenticated token is read.
        guard let jws = try? JWS.parse(token), (try? await keys.tokenKeys.current(knowing: jws.header.keyID).signatures.verify(jws)) != nil,
              let jti = jws.claims?["jti"]?.stringValue else { return }
        try await tokens.revoke(jti: jti, clientID: client.clientID, at: NumericDate.now.secondsSinceEpoch)
    }
}
