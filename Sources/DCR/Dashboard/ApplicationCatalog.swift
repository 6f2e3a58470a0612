import GRDB
import JOSE

/// The dashboard: registered applications and the software statements minted for them.
public struct ApplicationCatalog: Sendable {
    let database: DCRDatabase
    let keys: ServerKeys
    public let issuer: String

    public init(database: DCRDatabase, keys: ServerKeys, issuer: String) {
        self.database = database
        self.keys = keys
        self.issuer = issuer
    }

    public func create(_ request: NewApplication) throws(DCRError) -> RegisteredApplication {
        let application = try request.validated()
        let id = application.id?.lowercased() ?? SecretGenerator.uuid()
        let issuer = self.issuer
        let now = NumericDate.now.secondsSinceEpoch
        return try database.write { db in
            if try Row.fetchOne(db, sql: "SELECT id FROM applications WHERE id = ?", arguments: [id]) != nil {
                throw DCRError.badRequest("an application with id \(id) already exists")
            }
            try db.execute(sql: """
                INSERT INTO applications (id, name, version, platforms, domains, scopes, issuer, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?)
                """, arguments: [id, application.name, application.version, application.platforms.storedList,
                                 application.domains.storedList, application.scopes.storedList, issuer, now])
            return try RegisteredApplication(row: Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = ?", arguments: [id]) ?? Row())
        }
    }

    public func list() throws(DCRError) -> [RegisteredApplication] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM applications ORDER BY created_at, id").map(RegisteredApplication.init(row:)) }
    }

    public func find(_ id: String) throws(DCRError) -> RegisteredApplication? {
        // No stored id holds a control character; refusing them here keeps `id\0…` from matching `id`.
        guard !id.containsControlCharacters else { return nil }
        let id = id.lowercased()
        return try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = ?", arguments: [id]).map(RegisteredApplication.init(row:)) }
    }

    public func require(_ id: String) throws(DCRError) -> RegisteredApplication {
        guard let application = try find(id) else { throw DCRError.notFound("no application \(id)") }
        return application
    }

    /// Revokes the application: its statements are no longer approved and its clients' tokens stop working.
    public func revoke(_ id: String) throws(DCRError) -> RegisteredApplication {
        let application = try require(id)
        let now = NumericDate.now.secondsSinceEpoch
        let identifier = application.id
        try database.write { db in
            try db.execute(sql: "UPDATE applications SET status = 'revoked', revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [now, identifier])
        }
        return try require(id)
    }

    /// A fresh statement in the service's shape: `{"alg":"RS256","kid":…}` with sub (the application id), iss, iat, nbf,
    /// plus software_id and software_version. Each call mints a new one; older ones stay valid.
    public func mintStatement(for id: String) throws(DCRError) -> String {
        let application = try require(id)
        guard application.status == .active else { throw DCRError.badRequest("application \(application.id) is revoked; it gets no new statements") }
        guard application.issuer == issuer else { throw DCRError.badRequest("application \(application.id) belongs to issuer \(application.issuer); only its issuer mints statements") }
        let now = Int64(NumericDate.now.secondsSinceEpoch)
        let claims: JSONValue = .object([
            ("sub", .string(application.id)), ("iss", .string(issuer)), ("iat", .integer(now)), ("nbf", .integer(now)),
            ("software_id", .string(application.id)), ("software_version", .string(application.version)),
        ])
        do {
            return try JWSSigner().signJWT(claims, key: keys.statementKey, algorithm: ServerKeys.statementAlgorithm,
                                           header: keys.statementKey.id.map { [("kid", .string($0))] } ?? [])
        } catch {
            throw DCRError.storage("cannot sign the statement: \(error)")
        }
    }

    /// The application behind a statement from a trusted foreign issuer: trusting the issuer approves its software,
    /// so the application is recorded on first sight (and can be revoked here like any other).
    func adopt(id: String, issuer: String, name: String, version: String) throws(DCRError) -> RegisteredApplication {
        if let existing = try find(id) { return existing }
        let now = NumericDate.now.secondsSinceEpoch
        let identifier = id.lowercased()
        try database.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO applications (id, name, version, platforms, domains, scopes, issuer, status, created_at)
                VALUES (?, ?, ?, '', '', '', ?, 'active', ?)
                """, arguments: [identifier, name, version, issuer, now])
        }
        return try require(identifier)
    }
}
