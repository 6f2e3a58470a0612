import PostgresNIO

/// The clients in the `clients` table.
struct PostgresClientRepository: ClientRepository {
    let store: PostgresStore

    func insert(_ client: ClientRecord) async throws(DCRError) {
        _ = try await store.rows("""
            INSERT INTO clients (client_id, secret_digest, application_id, software_id, redirect_uris, scopes, platform, device_info, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, [.text(client.clientID), .text(client.secretDigest), .text(client.applicationID), .text(client.softwareID),
                  .text(client.redirectURIs.storedList), .text(client.scopes.storedList), client.platform.map(SQLValue.text) ?? .null,
                  client.deviceInfo.map(SQLValue.text) ?? .null, .real(client.createdAt)])
    }

    func credentials(of clientID: String) async throws(DCRError) -> ClientCredentials? {
        let rows = try await store.rows("""
            SELECT c.client_id, c.secret_digest, c.scopes, c.platform, a.id, a.name, a.status
            FROM clients c JOIN applications a ON a.id = c.application_id WHERE c.client_id = $1
            """, [.text(clientID)])
        do {
            return try rows.first.map { row in
                let (id, digest, scopes, platform, applicationID, applicationName, status) =
                    try row.decode((String, String, String, String?, String, String, String).self)
                return ClientCredentials(clientID: id, secretDigest: digest, applicationID: applicationID, applicationName: applicationName,
                                         applicationActive: status == "active", scopes: [String](storedList: scopes), platform: platform)
            }
        } catch {
            throw store.failure(error)
        }
    }

    func count() async throws(DCRError) -> Int {
        try await store.count("SELECT COUNT(*) FROM clients")
    }
}
