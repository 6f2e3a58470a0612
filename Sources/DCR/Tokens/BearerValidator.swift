import JOSE

/// Checks an access token presented to a protected API: signature with the token key, `typ`, issuer, audience,
/// expiry, then that its client still exists, its application is not revoked and the token itself was not revoked.
public struct BearerValidator: Sendable {
    /// A valid token's facts.
    public struct Access: Sendable {
        public let clientID: String
        public let applicationID: String
        public let applicationName: String
        public let platform: String?
        public let claims: JSONValue

        /// The token's scopes, from its `scope` claim (space-separated, RFC 9068 §2.2.3).
        public var scopes: [String] { (claims["scope"]?.stringValue ?? "").split(separator: " ").map(String.init) }
    }

    let tokens: any TokenRepository
    let keys: TokenKeyRing
    let claims: ClaimValidation

    public init(tokens: any TokenRepository, keys: ServerKeys, issuer: String, audience: String, clockSkew: Double = 30) {
        self.tokens = tokens
        self.keys = keys.tokenKeys
        claims = ClaimValidation(time: TimeValidity(leeway: clockSkew), issuer: issuer, audience: audience, type: "at+jwt",
                                 requiredClaims: ["exp", "jti", "client_id"])
    }

    public func validate(_ token: String) async throws(DCRError) -> Access {
        var result = verify(token, with: await keys.current())
        // A key this server has not read yet (rotated in by another instance): read the keys and try once more.
        if !result.isValid, let kid = result.jws?.header.keyID {
            let keys = await keys.current(knowing: kid)
            if keys.knows(kid) { result = verify(token, with: keys) }
        }
        guard result.isValid, let claims = result.claims, let clientID = claims["client_id"]?.stringValue, let jti = claims["jti"]?.stringValue else {
            let reason = result.failures.first.map(\.description) ?? "the token is not valid"
            throw DCRError.oauth(.invalidToken, reason)
        }
        guard let standing = try await tokens.standing(jti: jti, clientID: clientID) else {
            throw DCRError.oauth(.invalidToken, "the token's client \(clientID) is not registered")
        }
        guard standing.applicationActive else { throw DCRError.oauth(.invalidToken, "the client's application has been revoked") }
        guard !standing.tokenRevoked else { throw DCRError.oauth(.invalidToken, "the token has been revoked") }
        return Access(clientID: clientID, applicationID: standing.applicationID, applicationName: standing.applicationName,
                      platform: standing.platform, claims: claims)
    }

    private func verify(_ token: String, with keys: TokenKeyRing.Keys) -> VerificationResult {
        TokenVerifier(signatures: keys.signatures, claims: claims, requireCompact: true).verify(token)
    }
}
