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

    func value(named name: String) async throws(DCRError) -> String? {
        let rows = try await store.rows("SELECT value FROM server_secrets WHERE name = $1", [.text(name)])
        do { return try rows.first?.decode(String.self) } catch { throw store.failure(error) }
    }

    func replace(named name: String, expected: String, with value: String) async throws(DCRError) -> Bool {
        let rows = try await store.rows("UPDATE server_secrets SET value = $3 WHERE name = $1 AND value = $2 RETURNING name",
                                        [.text(name), .text(expected), .text(value)])
        return !rows.isEmpty
    }
}
