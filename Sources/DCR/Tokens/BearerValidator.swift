import GRDB
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

    let database: DCRDatabase
    let verifier: TokenVerifier

    public init(database: DCRDatabase, keys: ServerKeys, issuer: String, audience: String, clockSkew: Double = 30) throws(DCRError) {
        self.database = database
        let publicKey: Key
        do { publicKey = try keys.tokenKey.publicKey } catch { throw DCRError.storage("token key: \(error)") }
        verifier = TokenVerifier(
            keys: KeySet([publicKey]), options: .init(allowedAlgorithms: [keys.tokenAlgorithm]),
            claims: ClaimValidation(time: TimeValidity(leeway: clockSkew), issuer: issuer, audience: audience, type: "at+jwt",
                                    requiredClaims: ["exp", "jti", "client_id"]),
            requireCompact: true)
    }

    public func validate(_ token: String) throws(DCRError) -> Access {
        let result = verifier.verify(token)
        guard result.isValid, let claims = result.claims, let clientID = claims["client_id"]?.stringValue, let jti = claims["jti"]?.stringValue else {
            let reason = result.failures.first.map(\.description) ?? "the token is not valid"
            throw DCRError.oauth(.invalidToken, reason)
        }
        let found: (access: Access, active: Bool, revoked: Bool)? = try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id AS application_id, a.name AS application_name, a.status, c.platform,
                       (SELECT revoked_at FROM issued_tokens WHERE jti = ?) AS token_revoked
                FROM clients c JOIN applications a ON a.id = c.application_id WHERE c.client_id = ?
                """, arguments: [jti, clientID]).map { row in
                (Access(clientID: clientID, applicationID: row["application_id"], applicationName: row["application_name"],
                        platform: row["platform"], claims: claims),
                 (row["status"] as String) == "active", (row["token_revoked"] as Double?) != nil)
            }
        }
        guard let found else { throw DCRError.oauth(.invalidToken, "the token's client \(clientID) is not registered") }
        guard found.active else { throw DCRError.oauth(.invalidToken, "the client's application has been revoked") }
        guard !found.revoked else { throw DCRError.oauth(.invalidToken, "the token has been revoked") }
        return found.access
    }
}
