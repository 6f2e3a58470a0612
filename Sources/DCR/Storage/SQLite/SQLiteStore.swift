import Foundation
import GRDB

/// The embedded store: one SQLite file in the state directory (GRDB, WAL). It survives restarts and `kill -9`: every
/// write of a registration or token is a committed transaction before the response goes out (usage is written at most
/// a second later: ``UsageLog``).
public final class SQLiteStore: DCRStore {
    public static let fileName = "jwstool.sqlite"
    let pool: DatabasePool
    public let location: String
    public var applications: any ApplicationRepository { SQLiteApplicationRepository(store: self) }
    public var clients: any ClientRepository { SQLiteClientRepository(store: self) }
    public var tokens: any TokenRepository { SQLiteTokenRepository(store: self) }
    public var usage: any UsageRepository { SQLiteUsageRepository(store: self) }

    /// None: the keys and the admin token are files in the state directory, beside the database.
    public var sharedSecrets: (any SharedSecretRepository)? { nil }

    /// In this process's memory: one SQLite file serves one server process.
    public func throttle(rate: Double, burst: Double) -> any RequestThrottling { RequestThrottle(rate: rate, burst: burst) }

    public convenience init(state: StateDirectory) throws(DCRError) {
        try self.init(state: state, migratingUpTo: nil)
    }

    /// Opens the database, migrated up to `migration` (every migration when `nil`; an older schema for the migration
    /// tests).
    init(state: StateDirectory, migratingUpTo migration: String?) throws(DCRError) {
        try state.prepare()
        try state.touchPrivate(SQLiteStore.fileName)
        location = state.file(SQLiteStore.fileName)
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: location, configuration: configuration)
            if let migration { try SQLiteStore.migrator.migrate(pool, upTo: migration) } else { try SQLiteStore.migrator.migrate(pool) }
        } catch {
            throw DCRError.storage("cannot open the database in \(state.path): \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE applications (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    version TEXT NOT NULL,
                    platforms TEXT NOT NULL,
                    domains TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    issuer TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE TABLE clients (
                    client_id TEXT PRIMARY KEY NOT NULL,
                    secret_digest TEXT NOT NULL,
                    application_id TEXT NOT NULL REFERENCES applications(id),
                    software_id TEXT NOT NULL,
                    redirect_uris TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    platform TEXT,
                    device_info TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX clients_application ON clients(application_id);
                CREATE TABLE issued_tokens (
                    jti TEXT PRIMARY KEY NOT NULL,
                    client_id TEXT NOT NULL,
                    issued_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE INDEX issued_tokens_client ON issued_tokens(client_id);
                CREATE TABLE usage_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    endpoint TEXT NOT NULL,
                    method TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    client_id TEXT,
                    application_id TEXT,
                    application_name TEXT,
                    platform TEXT,
                    ip TEXT
                );
                CREATE INDEX usage_events_time ON usage_events(time);
                """)
        }
        migrator.registerMigration("v2: aggregated usage events") { db in
            try db.execute(sql: """
                ALTER TABLE usage_events ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE usage_events ADD COLUMN bucket TEXT;
                CREATE UNIQUE INDEX usage_events_bucket ON usage_events(bucket);
                """)
        }
        migrator.registerMigration("v3: usage aggregated per minute, hour, day, month and year", migrate: SQLiteUsageRepository.aggregateUsageEvents)
        migrator.registerMigration("v4: RFC 7592 client configuration") { db in
            try db.execute(sql: """
                ALTER TABLE clients ADD COLUMN registration_token_digest TEXT;
                ALTER TABLE clients ADD COLUMN software_statement TEXT;
                """)
        }
        return migrator
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(DCRError) -> T {
        do { return try await pool.read(body) } catch { throw DCRError.storage("database read failed: \(error)") }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(DCRError) -> T {
        do { return try await pool.write(body) } catch { throw DCRError.storage("database write failed: \(error)") }
    }
}
