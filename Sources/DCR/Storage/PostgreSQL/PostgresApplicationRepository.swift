import PostgresNIO

/// The applications in the `applications` table.
struct PostgresApplicationRepository: ApplicationRepository {
    let store: PostgresStore

    func insert(_ application: RegisteredApplication) async throws(DCRError) -> Bool {
        let inserted = try await store.rows("""
            INSERT INTO applications (id, name, version, platforms, domains, scopes, issuer, status, created_at, revoked_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id
            """, [.text(application.id), .text(application.name), .text(application.version), .text(application.platforms.storedList),
                  .text(application.domains.storedList), .text(application.scopes.storedList), .text(application.issuer),
                  .text(application.status.rawValue), .real(application.createdAt), application.revokedAt.map(SQLValue.real) ?? .null])
        return !inserted.isEmpty
    }

    func all() async throws(DCRError) -> [RegisteredApplication] {
        try decode(try await store.rows("SELECT \(Self.columns) FROM applications ORDER BY created_at, id"))
    }

    func find(id: String) async throws(DCRError) -> RegisteredApplication? {
        try decode(try await store.rows("SELECT \(Self.columns) FROM applications WHERE id = $1", [.text(id)])).first
    }

    func revoke(id: String, at time: Double) async throws(DCRError) {
        _ = try await store.rows("UPDATE applications SET status = 'revoked', revoked_at = coalesce(revoked_at, $1) WHERE id = $2",
                                 [.real(time), .text(id)])
    }

    func count() async throws(DCRError) -> Int {
        try await store.count("SELECT COUNT(*) FROM applications")
    }

    static let columns = "id, name, version, platforms, domains, scopes, issuer, status, created_at, revoked_at"

    private func decode(_ rows: [PostgresRow]) throws(DCRError) -> [RegisteredApplication] {
        do {
            return try rows.map { row in
                let (id, name, version, platforms, domains, scopes, issuer, status, createdAt, revokedAt) =
                    try row.decode((String, String, String, String, String, String, String, String, Double, Double?).self)
                return RegisteredApplication(id: id, name: name, version: version, platforms: [String](storedList: platforms),
                                             domains: [String](storedList: domains), scopes: [String](storedList: scopes), issuer: issuer,
                                             status: RegisteredApplication.Status(rawValue: status) ?? .revoked, createdAt: createdAt,
                                             revokedAt: revokedAt)
            }
        } catch {
            throw store.failure(error)
        }
    }
}
