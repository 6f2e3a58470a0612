import JOSE

/// RFC 7592 client configuration: with the registration access token a client got at registration it reads (`GET`),
/// replaces (`PUT`) and deletes (`DELETE`) its own registration at its `registration_client_uri`. The token is stored
/// only as a digest and replaced on every `PUT`; a wrong or missing token, and an unknown client, get the same 401, so
/// nothing tells whether a client exists. The secret is never returned again (only its digest is kept).
public struct ClientConfigurationService: Sendable {
    let clients: any ClientRepository
    let registration: RegistrationService

    public init(clients: any ClientRepository, registration: RegistrationService) {
        self.clients = clients
        self.registration = registration
    }

    /// RFC 7592 §2.1: the client's current registration.
    public func read(_ clientID: String, token: String?, clientURI: String) async throws(DCRError) -> JSONValue {
        let client = try await authorize(clientID, token: token)
        return try await information(client, token: token ?? "", clientURI: clientURI)
    }

    /// RFC 7592 §2.2: replaces the client's metadata with the request's, validated as a registration is — the software
    /// statement (the request's, for the same software, else the one it registered with) stays authoritative, its
    /// application must still be active — and gives the client a new registration access token.
    public func update(_ clientID: String, token: String?, body: [UInt8], contentType: String?,
                       clientURI: String) async throws(DCRError) -> JSONValue {
        var client = try await authorize(clientID, token: token)
        let request = try RegistrationService.requestObject(body, contentType: contentType)
        guard request["client_id"]?.stringValue == clientID else {
            throw DCRError.oauth(.invalidRequest, "the body's client_id must be the client's own, \(clientID)")
        }
        for name in ["registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at"] where request[name] != nil {
            throw DCRError.oauth(.invalidRequest, "\(name) is the server's to set; leave it out of the request (RFC 7592 §2.2)")
        }
        if let secret = request["client_secret"] {
            guard let text = secret.stringValue, SecretDigest.matches(text, digest: client.secretDigest) else {
                throw DCRError.oauth(.invalidRequest, "client_secret, when given, must be the client's current secret; it cannot be changed")
            }
        }
        guard let statement = try RegistrationService.statement(in: request) ?? client.softwareStatement else {
            throw DCRError.oauth(.invalidSoftwareStatement, "the client's software statement is not kept")
        }
        let resolved = try await registration.resolve(request, statement: statement)
        guard resolved.softwareID == client.softwareID else {
            throw DCRError.oauth(.invalidSoftwareStatement, "the statement is for software \(resolved.softwareID), not this client's \(client.softwareID)")
        }
        let fresh = SecretGenerator.token()
        client.redirectURIs = resolved.redirectURIs
        client.scopes = resolved.application.scopes
        client.softwareStatement = statement
        client.registrationTokenDigest = SecretDigest.digest(fresh)
        guard try await clients.update(client) else { throw DCRError.oauth(.invalidToken, Self.refusal) }
        return Self.information(client, token: fresh, clientURI: clientURI, metadata: registration.metadata(client, softwareVersion: resolved.softwareVersion))
    }

    /// RFC 7592 §2.3: deletes the client; its credentials and every token issued to it stop working at once.
    public func delete(_ clientID: String, token: String?) async throws(DCRError) {
        _ = try await authorize(clientID, token: token)
        guard try await clients.delete(clientID) else { throw DCRError.oauth(.invalidToken, Self.refusal) }
    }

    static let refusal = "the registration access token is not valid for this client"

    /// The client, if `token` is its registration access token (compared against a digest even when the client is
    /// unknown or has none, so the answer takes the same time either way).
    private func authorize(_ clientID: String, token: String?) async throws(DCRError) -> ClientRecord {
        let client = try await clients.record(of: clientID)
        let digest = client?.registrationTokenDigest ?? SecretDigest.digest("no registration token for \(clientID)")
        guard let token, !token.isEmpty, SecretDigest.matches(token, digest: digest), let client, client.registrationTokenDigest != nil else {
            throw DCRError.oauth(.invalidToken, Self.refusal)
        }
        return client
    }

    private func information(_ client: ClientRecord, token: String, clientURI: String) async throws(DCRError) -> JSONValue {
        let stated = client.softwareStatement.flatMap { try? JWS.parse($0) }?.claims?["software_version"]?.stringValue
        let version = if let stated { stated } else { try await registration.catalog.find(client.applicationID)?.version ?? "" }
        return Self.information(client, token: token, clientURI: clientURI, metadata: registration.metadata(client, softwareVersion: version))
    }

    /// RFC 7592 §3: the client id, its metadata, then the registration access token and URI.
    private static func information(_ client: ClientRecord, token: String, clientURI: String, metadata: [(String, JSONValue)]) -> JSONValue {
        .object([("client_id", .string(client.clientID))] + metadata
                + [("registration_access_token", .string(token)), ("registration_client_uri", .string(clientURI))])
    }
}
