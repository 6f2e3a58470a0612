import DCR
import Foundation
import GRDB
import JOSE

/// The client's cache, `client.sqlite` in the state directory (owner-only, 0600): the credentials of every
/// registration, keyed by server and software id, with the statement they were registered with (so that they can be
/// renewed when the server stops accepting them), reused until then (registering again costs users their sessions),
/// and the current access token per client, until shortly before it expires.
public final class CredentialStore: Sendable {
    public static let fileName = "client.sqlite"

    /// Cached client credentials.
    public struct Credentials: Sendable {
        public let server: String
        public let softwareID: String
        public let clientID: String
        public let clientSecret: String
        public let registeredAt: Double
        /// The statement registered, kept to register again when the credentials expire.
        public let statement: String?
        /// `client_secret_expires_at` from the registration response: 0 when they never expire.
        public let secretExpiresAt: Double
        /// RFC 7592: the token that reads, updates and deletes this registration, and where; nil when the server
        /// gave none.
        public var registrationAccessToken: String?
        public var registrationClientURI: String?

        public init(server: String, softwareID: String, clientID: String, clientSecret: String, registeredAt: Double,
                    statement: String? = nil, secretExpiresAt: Double = 0, registrationAccessToken: String? = nil,
                    registrationClientURI: String? = nil) {
            self.server = server
            self.softwareID = softwareID
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.registeredAt = registeredAt
            self.statement = statement
            self.secretExpiresAt = secretExpiresAt
            self.registrationAccessToken = registrationAccessToken
            self.registrationClientURI = registrationClientURI
        }

        /// Whether the server said these credentials expire, and they have.
        public func hasExpired(at now: Double = NumericDate.now.secondsSinceEpoch) -> Bool { secretExpiresAt > 0 && secretExpiresAt <= now }
    }

    private let queue: DatabaseQueue

    public init(state: StateDirectory) throws(DCRError) {
        try state.prepare()
        try state.touchPrivate(CredentialStore.fileName)
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: state.file(CredentialStore.fileName), configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.execute(sql: """
                    CREATE TABLE credentials (
                        server TEXT NOT NULL, software_id TEXT NOT NULL, client_id TEXT NOT NULL, client_secret TEXT NOT NULL,
                        registered_at REAL NOT NULL, PRIMARY KEY (server, software_id));
                    CREATE TABLE tokens (
                        server TEXT NOT NULL, client_id TEXT NOT NULL, access_token TEXT NOT NULL, expires_at REAL NOT NULL,
                        PRIMARY KEY (server, client_id));
                    """)
            }
            migrator.registerMigration("v2: the statement and expiry kept with the credentials") { db in
                try db.execute(sql: """
                    ALTER TABLE credentials ADD COLUMN statement TEXT;
                    ALTER TABLE credentials ADD COLUMN secret_expires_at REAL NOT NULL DEFAULT 0;
                    """)
            }
            migrator.registerMigration("v3: the granted scope kept with the token") { db in
                try db.execute(sql: "ALTER TABLE tokens ADD COLUMN scope TEXT")
            }
            migrator.registerMigration("v4: RFC 7592 registration access token and client URI") { db in
                try db.execute(sql: """
                    ALTER TABLE credentials ADD COLUMN registration_access_token TEXT;
                    ALTER TABLE credentials ADD COLUMN registration_client_uri TEXT;
                    """)
            }
            try migrator.migrate(queue)
        } catch {
            throw DCRError.storage("cannot open the credential cache in \(state.path): \(error)")
        }
    }

    public func save(_ credentials: Credentials) throws(DCRError) {
        do {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT OR REPLACE INTO credentials (server, software_id, client_id, client_secret, registered_at, statement, secret_expires_at,
                                                        registration_access_token, registration_client_uri)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [credentials.server, credentials.softwareID, credentials.clientID, credentials.clientSecret,
                                     credentials.registeredAt, credentials.statement, credentials.secretExpiresAt,
                                     credentials.registrationAccessToken, credentials.registrationClientURI])
            }
        } catch { throw DCRError.storage("cannot store the credentials: \(error)") }
    }

    /// The credentials for `server`: by software id, by client id, or the only registration there.
    public func credentials(server: String, softwareID: String? = nil, clientID: String? = nil) throws(DCRError) -> [Credentials] {
        do {
            return try queue.read { db in
                var sql = "SELECT * FROM credentials WHERE server = ?"
                var arguments: StatementArguments = [server]
                if let softwareID {
                    sql += " AND software_id = ?"
                    arguments += [softwareID]
                }
                if let clientID {
                    sql += " AND client_id = ?"
                    arguments += [clientID]
                }
                return try Row.fetchAll(db, sql: sql + " ORDER BY registered_at DESC", arguments: arguments).map { row in
                    Credentials(server: row["server"], softwareID: row["software_id"], clientID: row["client_id"],
                                clientSecret: row["client_secret"], registeredAt: row["registered_at"], statement: row["statement"],
                                secretExpiresAt: row["secret_expires_at"], registrationAccessToken: row["registration_access_token"],
                                registrationClientURI: row["registration_client_uri"])
                }
            }
        } catch { throw DCRError.storage("cannot read the credential cache: \(error)") }
    }

    /// The cached token for a client while more than `margin` seconds of it remain.
    public func token(server: String, clientID: String, margin: Double = 60) throws(DCRError) -> AccessToken? {
        let now = NumericDate.now.secondsSinceEpoch
        do {
            return try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT access_token, expires_at, scope FROM tokens WHERE server = ? AND client_id = ? AND expires_at > ?",
                                 arguments: [server, clientID, now + margin])
                    .map { AccessToken(value: $0["access_token"], expiresAt: $0["expires_at"], scope: $0["scope"]) }
            }
        } catch { throw DCRError.storage("cannot read the token cache: \(error)") }
    }

    public func saveToken(_ token: AccessToken, server: String, clientID: String) throws(DCRError) {
        do {
            try queue.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO tokens (server, client_id, access_token, expires_at, scope) VALUES (?, ?, ?, ?, ?)",
                               arguments: [server, clientID, token.value, token.expiresAt, token.scope])
            }
        } catch { throw DCRError.storage("cannot store the token: \(error)") }
    }

    public func forgetToken(server: String, clientID: String) throws(DCRError) {
        do {
            try queue.write { db in try db.execute(sql: "DELETE FROM tokens WHERE server = ? AND client_id = ?", arguments: [server, clientID]) }
        } catch { throw DCRError.storage("cannot update the token cache: \(error)") }
    }

    /// Forgets a registration and its token (the server deleted it).
    public func forget(server: String, clientID: String) throws(DCRError) {
        do {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM tokens WHERE server = ? AND client_id = ?", arguments: [server, clientID])
                try db.execute(sql: "DELETE FROM credentials WHERE server = ? AND client_id = ?", arguments: [server, clientID])
            }
        } catch { throw DCRError.storage("cannot update the credential cache: \(error)") }
    }
}
