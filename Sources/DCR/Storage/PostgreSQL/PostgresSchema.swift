import PostgresNIO

/// The PostgreSQL schema, as versioned migrations applied in order at start. They run in one transaction that first
/// takes a transaction-level advisory lock, so instances starting at the same moment apply each migration once: the
/// second waits, then finds it recorded in `jwstool_migrations`.
enum PostgresSchema {
    /// `pg_advisory_xact_lock` key: "jwstool" in ASCII.
    static let migrationLock: Int64 = 0x006A_7773_746F_6F6C

    /// Every migration, oldest first; a migration is never edited once released, only followed by another.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1: applications, clients, issued tokens, usage aggregates", [
            """
            CREATE TABLE applications (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, platforms TEXT NOT NULL, domains TEXT NOT NULL,
                scopes TEXT NOT NULL, issuer TEXT NOT NULL, status TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                revoked_at DOUBLE PRECISION)
            """,
            """
            CREATE TABLE clients (
                client_id TEXT PRIMARY KEY, secret_digest TEXT NOT NULL, application_id TEXT NOT NULL REFERENCES applications(id),
                software_id TEXT NOT NULL, redirect_uris TEXT NOT NULL, scopes TEXT NOT NULL, platform TEXT, device_info TEXT,
                created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX clients_application ON clients(application_id)",
            """
            CREATE TABLE issued_tokens (
                jti TEXT PRIMARY KEY, client_id TEXT NOT NULL, issued_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
            """,
            "CREATE INDEX issued_tokens_client ON issued_tokens(client_id)",
            """
            CREATE TABLE usage_rollup (
                level INTEGER NOT NULL, bucket BIGINT NOT NULL,
                year INTEGER NOT NULL, month INTEGER NOT NULL, day INTEGER NOT NULL, hour INTEGER NOT NULL, minute INTEGER NOT NULL,
                endpoint TEXT NOT NULL, method TEXT NOT NULL, status INTEGER NOT NULL,
                client_id TEXT NOT NULL, application_id TEXT NOT NULL, application_name TEXT NOT NULL, platform TEXT NOT NULL,
                requests BIGINT NOT NULL, registrations BIGINT NOT NULL, tokens_issued BIGINT NOT NULL,
                throttled BIGINT NOT NULL, failed_attempts BIGINT NOT NULL,
                PRIMARY KEY (level, bucket, endpoint, method, status, client_id, application_id, application_name, platform))
            """,
            """
            CREATE TABLE usage_totals (
                level INTEGER NOT NULL, bucket BIGINT NOT NULL, application_id TEXT NOT NULL,
                year INTEGER NOT NULL, month INTEGER NOT NULL, day INTEGER NOT NULL, hour INTEGER NOT NULL, minute INTEGER NOT NULL,
                requests BIGINT NOT NULL, registrations BIGINT NOT NULL, tokens_issued BIGINT NOT NULL,
                throttled BIGINT NOT NULL, failed_attempts BIGINT NOT NULL, active_clients BIGINT NOT NULL,
                PRIMARY KEY (level, application_id, bucket))
            """,
            """
            CREATE TABLE usage_active (
                level INTEGER NOT NULL, bucket BIGINT NOT NULL, application_id TEXT NOT NULL, client_id TEXT NOT NULL,
                PRIMARY KEY (level, bucket, application_id, client_id))
            """,
        ]),
        // Unlogged: a bucket is worth less than the write-ahead log it would cost; a crash of the database resets them.
        ("v2: throttling buckets shared by every instance", [
            """
            CREATE UNLOGGED TABLE throttle_buckets (
                client TEXT PRIMARY KEY, start DOUBLE PRECISION NOT NULL, last_window DOUBLE PRECISION NOT NULL,
                allowance DOUBLE PRECISION NOT NULL, last_seen DOUBLE PRECISION NOT NULL, admitted BOOLEAN NOT NULL)
            """,
        ]),
        ("v3: the signing keys (sealed) and the admin token's digest, shared by every instance", [
            "CREATE TABLE server_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        ]),
        ("v4: RFC 7592 client configuration", [
            "ALTER TABLE clients ADD COLUMN registration_token_digest TEXT",
            "ALTER TABLE clients ADD COLUMN software_statement TEXT",
        ]),
    ]

    /// Applies the migrations `store`'s database has not recorded yet.
    static func migrate(_ store: PostgresStore) async throws(DCRError) {
        try await store.transaction(deadline: PostgresStore.maintenanceDeadline) { connection in
            _ = try await store.rows("SELECT pg_advisory_xact_lock($1)", [.integer(migrationLock)], on: connection)
            _ = try await store.rows("CREATE TABLE IF NOT EXISTS jwstool_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                                     on: connection)
            let applied = Set(try await store.rows("SELECT name FROM jwstool_migrations", on: connection).map { try $0.decode(String.self) })
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements { _ = try await store.rows(statement, on: connection) }
                _ = try await store.rows("INSERT INTO jwstool_migrations (name) VALUES ($1)", [.text(migration.name)], on: connection)
            }
        }
    }

    /// The migrations recorded in `store`'s database (for status output and tests).
    static func applied(_ store: PostgresStore) async throws(DCRError) -> [String] {
        do { return try await store.rows("SELECT name FROM jwstool_migrations ORDER BY applied_at, name").map { try $0.decode(String.self) } } catch {
            throw store.failure(error)
        }
    }
}
