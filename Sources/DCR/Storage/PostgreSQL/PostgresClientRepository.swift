import PostgresNIO

/// The clients in the `clients` table.
struct PostgresClientRepository: ClientRepository {
    let store: PostgresStore

    func insert(_ client: ClientRecord) async throws(DCRError) {
        _ = try await store.rows("""
            INSERT INTO clients (client_id, secret_digest, application_id, software_id, redirect_uris, scopes, platform, device_info, created_at,
                                 registration_token_digest, software_statement)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, [.text(client.clientID), .text(client.secretDigest), .text(client.applicationID), .text(client.softwareID),
                  .text(client.redirectURIs.storedList), .text(client.scopes.storedList), .optional(client.platform),
                  .optional(client.deviceInfo), .real(client.createdAt), .optional(client.registrationTokenDigest), .optional(client.softwareStatement)])
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

    func clients(of applicationID: String, limit: Int) async throws(DCRError) -> [RegisteredClient] {
        let rows = try await store.rows("""
            SELECT c.client_id, c.platform, c.created_at, (SELECT MAX(t.issued_at) FROM issued_tokens t WHERE t.client_id = c.client_id)
            FROM clients c WHERE c.application_id = $1 ORDER BY c.created_at DESC, c.client_id LIMIT $2
            """, [.text(applicationID), .integer(Int64(limit))])
        do {
            return try rows.map { row in
                let (id, platform, created, lastToken) = try row.decode((String, String?, Double, Double?).self)
                return RegisteredClient(clientID: id, platform: platform, createdAt: created, lastTokenAt: lastToken)
            }
        } catch {
            throw store.failure(error)
        }
    }

    func record(of clientID: String) async throws(DCRError) -> ClientRecord? {
        let rows = try await store.rows("""
            SELECT client_id, secret_digest, application_id, software_id, redirect_uris, scopes, platform, device_info, created_at,
                   registration_token_digest, software_statement
            FROM clients WHERE client_id = $1
            """, [.text(clientID)])
        do {
            return try rows.first.map { row in
                let (id, digest, applicationID, softwareID, redirects, scopes, platform, device, created, registration, statement) =
                    try row.decode((String, String, String, String, String, String, String?, String?, Double, String?, String?).self)
                return ClientRecord(clientID: id, secretDigest: digest, applicationID: applicationID, softwareID: softwareID,
                                    redirectURIs: [String](storedList: redirects), scopes: [String](storedList: scopes), platform: platform,
                                    deviceInfo: device, createdAt: created, registrationTokenDigest: registration, softwareStatement: statement)
            }
        } catch {
            throw store.failure(error)
        }
    }

    func update(_ client: ClientRecord) async throws(DCRError) -> Bool {
        let rows = try await store.rows("""
            UPDATE clients SET redirect_uris = $2, scopes = $3, platform = $4, device_info = $5, registration_token_digest = $6, software_statement = $7
            WHERE client_id = $1 RETURNING client_id
            """, [.text(client.clientID), .text(client.redirectURIs.storedList), .text(client.scopes.storedList), .optional(client.platform),
                  .optional(client.deviceInfo), .optional(client.registrationTokenDigest), .optional(client.softwareStatement)])
        return !rows.isEmpty
    }

    func delete(_ clientID: String) async throws(DCRError) -> Bool {
        try await store.transaction { connection in
            _ = try await store.rows("DELETE FROM issued_tokens WHERE client_id = $1", [.text(clientID)], on: connection)
            return try await !store.rows("DELETE FROM clients WHERE client_id = $1 RETURNING client_id", [.text(clientID)], on: connection).isEmpty
        }
    }
}
