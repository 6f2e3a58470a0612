import PostgresNIO

/// The tokens in the `issued_tokens` table, revoked ones with their `revoked_at`.
struct PostgresTokenRepository: TokenRepository {
    let store: PostgresStore

    func insert(_ token: IssuedTokenRecord) async throws(DCRError) {
        _ = try await store.rows("INSERT INTO issued_tokens (jti, client_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
                                 [.text(token.jti), .text(token.clientID), .real(token.issuedAt), .real(token.expiresAt)])
    }

    func revoke(jti: String, clientID: String, at time: Double) async throws(DCRError) {
        _ = try await store.rows("UPDATE issued_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE jti = $2 AND client_id = $3",
                                 [.real(time), .text(jti), .text(clientID)])
    }

    func standing(jti: String, clientID: String) async throws(DCRError) -> TokenStanding? {
        let rows = try await store.rows("""
            SELECT a.id, a.name, a.status, c.platform, EXISTS (SELECT 1 FROM issued_tokens WHERE jti = $1 AND revoked_at IS NOT NULL)
            FROM clients c JOIN applications a ON a.id = c.application_id WHERE c.client_id = $2
            """, [.text(jti), .text(clientID)])
        do {
            return try rows.first.map { row in
                let (applicationID, applicationName, status, platform, revoked) = try row.decode((String, String, String, String?, Bool).self)
                return TokenStanding(applicationID: applicationID, applicationName: applicationName, applicationActive: status == "active",
                                     platform: platform, tokenRevoked: revoked)
            }
        } catch {
            throw store.failure(error)
        }
    }
}
