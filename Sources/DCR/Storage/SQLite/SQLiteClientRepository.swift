import GRDB

/// The clients in the `clients` table.
struct SQLiteClientRepository: ClientRepository {
    let store: SQLiteStore

    func insert(_ client: ClientRecord) async throws(DCRError) {
        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO clients (client_id, secret_digest, application_id, software_id, redirect_uris, scopes, platform, device_info, created_at,
                                     registration_token_digest, software_statement)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [client.clientID, client.secretDigest, client.applicationID, client.softwareID, client.redirectURIs.storedList,
                                 client.scopes.storedList, client.platform, client.deviceInfo, client.createdAt, client.registrationTokenDigest,
                                 client.softwareStatement])
        }
    }

    func credentials(of clientID: String) async throws(DCRError) -> ClientCredentials? {
        try await store.read { db in
            try Row.fetchOne(db, sql: """
                SELECT c.client_id, c.secret_digest, c.scopes, c.platform, a.id AS application_id, a.name AS application_name, a.status
                FROM clients c JOIN applications a ON a.id = c.application_id WHERE c.client_id = ?
                """, arguments: [clientID]).map { row in
                ClientCredentials(clientID: row["client_id"], secretDigest: row["secret_digest"], applicationID: row["application_id"],
                                  applicationName: row["application_name"], applicationActive: (row["status"] as String) == "active",
                                  scopes: [String](storedList: row["scopes"]), platform: row["platform"])
            }
        }
    }

    func count() async throws(DCRError) -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clients") ?? 0 }
    }

    func clients(of applicationID: String, limit: Int) async throws(DCRError) -> [RegisteredClient] {
        try await store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.client_id, c.platform, c.created_at, (SELECT MAX(t.issued_at) FROM issued_tokens t WHERE t.client_id = c.client_id) AS last_token
                FROM clients c WHERE c.application_id = ? ORDER BY c.created_at DESC, c.client_id LIMIT ?
                """, arguments: [applicationID, limit]).map { row in
                RegisteredClient(clientID: row["client_id"], platform: row["platform"], createdAt: row["created_at"], lastTokenAt: row["last_token"])
            }
        }
    }

    func record(of clientID: String) async throws(DCRError) -> ClientRecord? {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM clients WHERE client_id = ?", arguments: [clientID]).map { row in
                ClientRecord(clientID: row["client_id"], secretDigest: row["secret_digest"], applicationID: row["application_id"],
                             softwareID: row["software_id"], redirectURIs: [String](storedList: row["redirect_uris"]),
                             scopes: [String](storedList: row["scopes"]), platform: row["platform"], deviceInfo: row["device_info"],
                             createdAt: row["created_at"], registrationTokenDigest: row["registration_token_digest"],
                             softwareStatement: row["software_statement"])
            }
        }
    }

    func update(_ client: ClientRecord) async throws(DCRError) -> Bool {
        try await store.write { db in
            try db.execute(sql: """
                UPDATE clients SET redirect_uris = ?, scopes = ?, platform = ?, device_info = ?, registration_token_digest = ?, software_statement = ?
                WHERE client_id = ?
                """, arguments: [client.redirectURIs.storedList, client.scopes.storedList, client.platform, client.deviceInfo,
                                 client.registrationTokenDigest, client.softwareStatement, client.clientID])
            return db.changesCount > 0
        }
    }

    func delete(_ clientID: String) async throws(DCRError) -> Bool {
        try await store.write { db in
            try db.execute(sql: "DELETE FROM issued_tokens WHERE client_id = ?", arguments: [clientID])
            try db.execute(sql: "DELETE FROM clients WHERE client_id = ?", arguments: [clientID])
            return db.changesCount > 0
        }
    }
}
