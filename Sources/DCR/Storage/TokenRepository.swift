/// The access tokens issued (by `jti`), and which were revoked: what a protected API checks beyond the signature.
public protocol TokenRepository: Sendable {
    /// Records an issued token.
    func insert(_ token: IssuedTokenRecord) async throws(DCRError)
    /// Marks the token `jti` revoked at `time` if it was issued to `clientID` (its first revocation time stays).
    func revoke(jti: String, clientID: String, at time: Double) async throws(DCRError)
    /// Whether the token's client is registered, its application active and the token not revoked; nil when the
    /// client is unknown.
    func standing(jti: String, clientID: String) async throws(DCRError) -> TokenStanding?
}

/// An issued access token, as stored (the token itself is not: it is signed, and verified by its signature).
public struct IssuedTokenRecord: Sendable, Equatable {
    public var jti: String
    public var clientID: String
    public var issuedAt: Double
    public var expiresAt: Double
}

/// What the server knows of a presented token's client and of the token.
public struct TokenStanding: Sendable, Equatable {
    public var applicationID: String
    public var applicationName: String
    public var applicationActive: Bool
    public var platform: String?
    public var tokenRevoked: Bool
}
