import JOSE

/// The dashboard: registered applications and the software statements minted for them.
public struct ApplicationCatalog: Sendable {
    let applications: any ApplicationRepository
    let keys: ServerKeys
    public let issuer: String

    public init(applications: any ApplicationRepository, keys: ServerKeys, issuer: String) {
        self.applications = applications
        self.keys = keys
        self.issuer = issuer
    }

    public func create(_ request: NewApplication) async throws(DCRError) -> RegisteredApplication {
        let application = try request.validated()
        let created = RegisteredApplication(
            id: application.id?.lowercased() ?? SecretGenerator.uuid(), name: application.name, version: application.version,
            platforms: application.platforms, domains: application.domains, scopes: application.scopes, issuer: issuer, status: .active,
            createdAt: NumericDate.now.secondsSinceEpoch, revokedAt: nil)
        guard try await applications.insert(created) else {
            throw DCRError.badRequest("an application with id \(created.id) already exists")
        }
        return try await require(created.id)
    }

    public func list() async throws(DCRError) -> [RegisteredApplication] {
        try await applications.all()
    }

    public func find(_ id: String) async throws(DCRError) -> RegisteredApplication? {
        // No stored id holds a control character; refusing them here keeps `id\0…` from matching `id`.
        guard !id.containsControlCharacters else { return nil }
        return try await applications.find(id: id.lowercased())
    }

    public func require(_ id: String) async throws(DCRError) -> RegisteredApplication {
        guard let application = try await find(id) else { throw DCRError.notFound("no application \(id)") }
        return application
    }

    /// Revokes the application: its statements are no longer approved and its clients' tokens stop working.
    public func revoke(_ id: String) async throws(DCRError) -> RegisteredApplication {
        let application = try await require(id)
        try await applications.revoke(id: application.id, at: NumericDate.now.secondsSinceEpoch)
        return try await require(id)
    }

    /// A fresh statement in the service's shape: `{"alg":"RS256","kid":…}` with sub (the application id), iss, iat, nbf,
    /// plus software_id and software_version. Each call mints a new one; older ones stay valid.
    public func mintStatement(for id: String) async throws(DCRError) -> String {
        let application = try await require(id)
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
    func adopt(id: String, issuer: String, name: String, version: String) async throws(DCRError) -> RegisteredApplication {
        if let existing = try await find(id) { return existing }
        // Two registrations may adopt it at once: whichever insert loses finds the winner's.
        _ = try await applications.insert(RegisteredApplication(
            id: id.lowercased(), name: name, version: version, platforms: [], domains: [], scopes: [], issuer: issuer, status: .active,
            createdAt: NumericDate.now.secondsSinceEpoch, revokedAt: nil))
        return try await require(id)
    }
}
