import PostgresNIO

/// The values in `server_secrets`: sealed private keys (``KeyEncryptionKey``) and digests, never a secret in clear.
struct PostgresSharedSecretRepository: SharedSecretRepository {
    let store: PostgresStore

    func value(named name: String, storingIfAbsent candidate: String) async throws(DCRError) -> String {
        // The outer SELECT cannot see the CTE's insert, so exactly one of the two branches has the row.
        let rows = try await store.rows("""
            WITH stored AS (INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING value)
            SELECT value FROM stored UNION ALL SELECT value FROM server_secrets WHERE name = $1
            """, [.text(name), .text(candidate)])
        do {
            guard let value = try rows.first?.decode(String.self) else { throw DCRError.storage("server_secrets has no \(name)") }
            return value
        } catch {
            throw store.failure(error)
        }
    }
}
