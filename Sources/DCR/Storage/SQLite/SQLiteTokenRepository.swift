import GRDB

/// The tokens in the `issued_tokens` table, revoked ones with their `revoked_at`.
struct SQLiteTokenRepository: TokenRepository {
    let store: SQLiteStore

    func insert(_ token: IssuedTokenRecord) async throws(DCRError) {
        try await store.write { db in
            try db.execute(sql: "INSERT INTO issued_tokens (jti, client_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [token.jti, token.clientID, token.issuedAt, token.expiresAt])
        }
    }

    func revoke(jti: String, clientID: String, at time: Double) async throws(DCRError) {
        try await store.write { db in
            try db.execute(sql: "UPDATE issued_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE jti = ? AND client_id = ?",
                           arguments: [time, jti, clientID])
        }
    }

    func standing(jti: String, clientID: String) async throws(DCRError) -> TokenStanding? {
        try await store.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id AS application_id, a.name AS application_name, a.status, c.platform,
                       (SELECT revoked_at FROM issued_tokens WHERE jti = ?) AS token_revoked
                FROM clients c JOIN applications a ON a.id = c.application_id WHERE c.client_id = ?
                """, arguments: [jti, clientID]).map { row in
                TokenStanding(applicationID: row["application_id"], applicationName: row["application_name"],
                              applicationActive: (row["status"] as String) == "active", platform: row["platform"],
                              tokenRevoked: (row["token_revoked"] as Double?) != nil)
            }
        }
    }
}
