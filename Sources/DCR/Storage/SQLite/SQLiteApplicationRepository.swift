import GRDB

/// The applications in the `applications` table.
struct SQLiteApplicationRepository: ApplicationRepository {
    let store: SQLiteStore

    func insert(_ application: RegisteredApplication) async throws(DCRError) -> Bool {
        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO applications (id, name, version, platforms, domains, scopes, issuer, status, created_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """, arguments: [application.id, application.name, application.version, application.platforms.storedList,
                                 application.domains.storedList, application.scopes.storedList, application.issuer,
                                 application.status.rawValue, application.createdAt, application.revokedAt])
            return db.changesCount == 1
        }
    }

    func all() async throws(DCRError) -> [RegisteredApplication] {
        try await store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM applications ORDER BY created_at, id").map(RegisteredApplication.init(row:)) }
    }

    func find(id: String) async throws(DCRError) -> RegisteredApplication? {
        try await store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = ?", arguments: [id]).map(RegisteredApplication.init(row:)) }
    }

    func revoke(id: String, at time: Double) async throws(DCRError) {
        try await store.write { db in
            try db.execute(sql: "UPDATE applications SET status = 'revoked', revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [time, id])
        }
    }

    func count() async throws(DCRError) -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications") ?? 0 }
    }
}

extension RegisteredApplication {
    init(row: Row) {
        self.init(id: row["id"], name: row["name"], version: row["version"], platforms: [String](storedList: row["platforms"]),
                  domains: [String](storedList: row["domains"]), scopes: [String](storedList: row["scopes"]), issuer: row["issuer"],
                  status: Status(rawValue: row["status"]) ?? .revoked, createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
